"""Bulgarian date and number formats (CLDR conventions: 1.03.2026 г., 13:30 ч.)."""

from __future__ import annotations

DATE_FORMAT = r"j E Y \г."
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"j E Y \г., H:i \ч."
YEAR_MONTH_FORMAT = r"F Y \г."
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
