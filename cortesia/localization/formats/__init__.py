"""Django's format settings for the interface languages, derived from CLDR (Babel).

Pages show dates, times and numbers through the ``culture_formats`` template filters.
Django still formats on its own in a few places: a number printed without a filter, the
value of a form's date or number field, ``filesizeformat`` and the admin. So each
language's module here takes its values from CLDR, and the two agree: numeric dates in
CLDR's order (``yMd``), CLDR's short time, its date-time glue and its number symbols.

Date inputs accept ISO 8601 first (what ``<input type="date">`` sends and shows), then
the language's numeric order without the invisible direction marks people do not type.
"""

from __future__ import annotations

from babel.dates import get_datetime_format
from babel.numbers import get_decimal_symbol, get_group_symbol

from cortesia.culture.local_formats import babel_locale

# CLDR field → Django date-format character (the fields CLDR's numeric dates and short
# times use). Anything else in a pattern is copied as a literal.
FIELDS = {
    "d": "j",
    "dd": "d",
    "M": "n",
    "MM": "m",
    "y": "Y",
    "yyyy": "Y",
    "yy": "y",
    "h": "g",
    "hh": "h",
    "H": "G",
    "HH": "H",
    "mm": "i",
    "ss": "s",
    "a": "A",
}
STRPTIME = {"d": "%d", "dd": "%d", "M": "%m", "MM": "%m", "y": "%Y", "yyyy": "%Y"}
DIRECTION_MARKS = "\u200e\u200f\u061c"


def _tokens(pattern: str) -> list[tuple[bool, str]]:
    """Split a CLDR pattern into (is_field, text) runs; quoted text is literal."""
    runs: list[tuple[bool, str]] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "'":
            end = pattern.find("'", index + 1)
            end = len(pattern) if end == -1 else end
            runs.append((False, pattern[index + 1 : end] or "'"))
            index = end + 1
        elif char.isascii() and char.isalpha():
            end = index
            while end < len(pattern) and pattern[end] == char:
                end += 1
            runs.append((True, pattern[index:end]))
            index = end
        else:
            runs.append((False, char))
            index += 1
    return runs


def django_format(pattern: str) -> str:
    """Return CLDR ``pattern`` ("d.MM.y 'г'.") in Django's date syntax ("j.m.Y \\г.").

    Raises ValueError for a field outside FIELDS.
    """
    out = []
    for is_field, text in _tokens(pattern):
        if is_field:
            if text not in FIELDS:
                raise ValueError(f"No Django equivalent for the CLDR field {text!r}.")
            out.append(FIELDS[text])
        else:
            out.append("".join(f"\\{char}" if char.isalpha() else char for char in text))
    return "".join(out)


def strptime_format(pattern: str) -> str:
    """Return the numeric date ``pattern`` as a strptime format for what people type.

    From the first field to the last, without direction marks: "d.MM.y 'г'." → "%d.%m.%Y".
    """
    runs = _tokens(pattern)
    fields = [index for index, (is_field, _text) in enumerate(runs) if is_field]
    out = []
    for is_field, text in runs[fields[0] : fields[-1] + 1]:
        out.append(STRPTIME[text] if is_field else text.replace("%", "%%"))
    return "".join(out).translate({ord(mark): None for mark in DIRECTION_MARKS})


def cldr_formats(language: str) -> dict[str, object]:
    """Return the Django format settings of ``language`` from CLDR."""
    cldr = babel_locale(language)
    numeric_date = cldr.datetime_skeletons["yMd"].pattern
    short_time = cldr.time_formats["short"].pattern
    glue = str(get_datetime_format("short", locale=cldr))
    date_format = django_format(numeric_date)
    time_format = django_format(short_time)
    # The glue's literal text must not be read as format characters ("{1} 'um' {0}").
    datetime_format = django_format(glue.replace("{1}", "\0").replace("{0}", "\1"))
    datetime_format = datetime_format.replace("\0", date_format).replace("\1", time_format)
    typed_date = strptime_format(numeric_date)
    return {
        "DATE_FORMAT": date_format,
        "SHORT_DATE_FORMAT": date_format,
        "TIME_FORMAT": time_format,
        "DATETIME_FORMAT": datetime_format,
        "SHORT_DATETIME_FORMAT": datetime_format,
        "DATE_INPUT_FORMATS": ["%Y-%m-%d", typed_date],
        "DATETIME_INPUT_FORMATS": [
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%dT%H:%M",
            f"{typed_date} %H:%M",
        ],
        "DECIMAL_SEPARATOR": get_decimal_symbol(cldr),
        "THOUSAND_SEPARATOR": get_group_symbol(cldr),
        "NUMBER_GROUPING": 3,
    }
