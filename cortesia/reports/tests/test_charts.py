"""The SVG charts, without a database: round ticks, the mirrored time axis of
right-to-left pages, accessible names, escaped labels and the empty chart."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from cortesia.culture.local_formats import format_number
from cortesia.reports.charts import Chart, Series, bar_chart, line_chart, nice_ticks


def _chart(
    rtl: bool = False, language: str = "en", categories: tuple[str, ...] = ("a", "b", "c")
) -> Chart:
    return Chart(
        chart_id="chart-test",
        title="Tickets created",
        desc="Tickets opened in the period.",
        categories=categories,
        keys=[f"k{n}" for n in range(len(categories))],
        number=lambda value: format_number(value, language),
        rtl=rtl,
    )


def _label_x(svg: str, key: str) -> float:
    found = re.search(rf'<text x="([\d.]+)"[^>]*data-key="{key}">', svg)
    assert found, key
    return float(found.group(1))


@pytest.mark.parametrize(
    ("_case", "low", "high", "expected"),
    [
        ("counts", "0", "7", ["0", "2", "4", "6", "8"]),
        ("percent", "0", "87.5", ["0", "25", "50", "75", "100"]),
        ("negative nps", "-20", "60", ["-20", "0", "20", "40", "60"]),
        ("small means", "0", "0.4", ["0", "0.1", "0.2", "0.3", "0.4"]),
        ("thousands", "0", "1234", ["0", "500", "1000", "1500"]),
        ("all zero", "0", "0", ["0", "1"]),
        ("above zero only", "30", "35", ["0", "10", "20", "30", "40"]),
    ],
)
def test_the_value_axis_has_round_ticks_from_zero(
    _case: str, low: str, high: str, expected: list[str]
) -> None:
    assert [str(t) for t in nice_ticks(Decimal(low), Decimal(high))] == expected


def test_time_runs_left_to_right_and_right_to_left_when_mirrored() -> None:
    series = [Series("", [1, 2, 3])]

    ltr = line_chart(_chart(), series)
    rtl = line_chart(_chart(rtl=True), series)

    assert ltr is not None
    assert rtl is not None
    assert _label_x(ltr, "k0") < _label_x(ltr, "k2")
    assert _label_x(rtl, "k0") > _label_x(rtl, "k2")
    assert _label_x(rtl, "k0") == 640 - _label_x(ltr, "k0")
    assert 'direction="rtl"' in rtl
    # the value axis stands on the right: its labels sit beyond the plot's right edge
    assert re.search(r'<text x="592" y="[\d.]+" text-anchor="end"', rtl)
    assert re.search(r'<text x="48" y="[\d.]+" text-anchor="end"', ltr)


def test_a_chart_is_an_image_named_by_its_title_and_description() -> None:
    svg = bar_chart(_chart(), [Series("", [1, None, 4])])

    assert svg is not None
    assert svg.startswith(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-bar" role="img"'
    )
    assert 'aria-labelledby="chart-test-title chart-test-desc"' in svg
    assert '<title id="chart-test-title">Tickets created</title>' in svg
    assert '<desc id="chart-test-desc">Tickets opened in the period.</desc>' in svg
    assert svg.count("<rect ") == 2  # a missing value draws no bar
    assert "style=" not in svg
    assert "<script" not in svg


def test_labels_are_escaped() -> None:
    chart = _chart(categories=("<b>Team</b>", "R&D"))

    svg = bar_chart(chart, [Series("", [1, 2])])

    assert svg is not None
    assert "&lt;b&gt;Team&lt;/b&gt;" in svg
    assert "R&amp;D" in svg
    assert "<b>" not in svg


def test_numbers_are_written_as_the_language_writes_them() -> None:
    svg = line_chart(_chart(language="fi"), [Series("", [Decimal("0.5"), Decimal("1.2"), 1])])

    assert svg is not None
    assert ">0,5</text>" in svg  # the ticks 0, 0.5, 1, 1.5 with a decimal comma
    assert "· 1,2</title>" in svg


def test_bars_of_two_series_stand_side_by_side_in_reading_order() -> None:
    series = [Series("Created", [3]), Series("Solved", [1])]

    ltr = bar_chart(_chart(categories=("Mon",)), series)
    rtl = bar_chart(_chart(rtl=True, categories=("Mon",)), series)

    assert ltr is not None
    assert rtl is not None
    xs = [float(x) for x in re.findall(r'<rect x="([\d.]+)"', ltr)]
    mirrored = [float(x) for x in re.findall(r'<rect x="([\d.]+)"', rtl)]
    assert xs[0] < xs[1]  # created first, from the left
    assert mirrored[0] > mirrored[1]  # created first, from the right


def test_a_line_breaks_where_a_value_is_missing() -> None:
    svg = line_chart(_chart(categories=("a", "b", "c", "d")), [Series("", [1, 2, None, 4])])

    assert svg is not None
    path = re.search(r'<path d="([^"]+)"', svg)
    assert path
    assert [step[0] for step in path.group(1).split(" ") if step[0].isalpha()] == ["M", "L", "M"]


@pytest.mark.parametrize("values", [[], [None, None, None]])
def test_no_value_at_all_is_no_chart(values: list[int | None]) -> None:
    categories = ("a", "b", "c") if values else ()

    assert line_chart(_chart(categories=categories), [Series("", values)]) is None
    assert bar_chart(_chart(categories=categories), [Series("", values)]) is None


def test_a_long_line_has_no_dots_and_at_most_eight_labels() -> None:
    days = tuple(f"d{n}" for n in range(90))

    svg = line_chart(_chart(categories=days), [Series("", list(range(90)))])

    assert svg is not None
    assert "<circle" not in svg
    assert len(re.findall(r"<text [^>]*data-key=", svg)) == 8
    assert 'data-key="k0"' in svg
