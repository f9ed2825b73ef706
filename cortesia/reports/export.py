"""One metric's answer as CSV: a header row (period, group, group label, the metric's
columns) and a row per interval and group.

The file starts with a byte-order mark so spreadsheet programs read it as UTF-8. Dates are
ISO, numbers are written plainly (a point for decimals, no grouping) so any program reads
them back; text cells (group keys and names) that start like a formula get a leading
``'`` (RELIABILITY C5), numbers never do (−12 is an NPS, not a formula).
"""

from __future__ import annotations

import csv
import io

from cortesia.lib.csv_safety import neutralize_cell
from cortesia.reports import dimensions as dims
from cortesia.reports.engine import MetricQuery, Result

BOM = "\ufeff"


def csv_filename(query: MetricQuery) -> str:
    """``<metric>_<first>_<last>.csv`` (the metric's key is ASCII)."""
    period = query.period
    return f"{query.metric}_{period.first.isoformat()}_{period.last.isoformat()}.csv"


def result_csv(result: Result, language: str) -> bytes:
    """Return the rows of ``result`` as UTF-8 CSV with a BOM; group names in
    ``language``."""
    group_by = result.query.group_by
    keys = sorted({row.group for row in result.rows if row.group is not None})
    names = dims.labels(group_by, keys, language) if group_by else {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["period", "group", "group_label", *result.columns])
    for row in result.rows:
        group = row.group or ""
        writer.writerow(
            [
                row.period.isoformat() if row.period else "",
                neutralize_cell(group),
                neutralize_cell(names.get(group, "")) if group_by else "",
                *("" if row.value(c) is None else str(row.value(c)) for c in result.columns),
            ]
        )
    return (BOM + out.getvalue()).encode("utf-8")
