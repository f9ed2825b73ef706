"""Realistic calendars shared by the calendar tests."""

from __future__ import annotations

from datetime import date

from cortesia.culture.business_time import BusinessCalendar

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")

ROME_SPLIT_SHIFT = BusinessCalendar.from_mapping(
    time_zone="Europe/Rome",
    weekly={day: [("09:00", "13:00"), ("14:00", "18:00")] for day in WEEKDAYS},
    holiday_country="IT",
    overrides={date(2026, 12, 24): [("09:00", "13:00")]},
)
HELSINKI = BusinessCalendar.from_mapping(
    time_zone="Europe/Helsinki",
    weekly={day: [("08:00", "16:00")] for day in WEEKDAYS},
    holiday_country="FI",
)
RIYADH = BusinessCalendar.from_mapping(
    time_zone="Asia/Riyadh",
    weekly={day: [("09:00", "17:00")] for day in ("sun", "mon", "tue", "wed", "thu")},
    holiday_country="SA",
)
KOLKATA = BusinessCalendar.from_mapping(
    time_zone="Asia/Kolkata",
    weekly={day: [("09:30", "18:00")] for day in (*WEEKDAYS, "sat")},
    holiday_country="IN",
)
KATHMANDU_EVENINGS = BusinessCalendar.from_mapping(
    time_zone="Asia/Kathmandu",
    weekly={day: [("18:00", "24:00")] for day in (*WEEKDAYS, "sat", "sun")},
)
NEW_YORK_ALWAYS = BusinessCalendar.from_mapping(
    time_zone="America/New_York",
    weekly={day: [("00:00", "24:00")] for day in (*WEEKDAYS, "sat", "sun")},
)
HELSINKI_ALWAYS = BusinessCalendar.from_mapping(
    time_zone="Europe/Helsinki",
    weekly={day: [("00:00", "24:00")] for day in (*WEEKDAYS, "sat", "sun")},
)
NEW_YORK_OFFICE = BusinessCalendar.from_mapping(
    time_zone="America/New_York",
    weekly={day: [("09:00", "12:30"), ("13:30", "17:00")] for day in WEEKDAYS},
    holiday_country="US",
)

ALL = (
    ROME_SPLIT_SHIFT,
    HELSINKI,
    RIYADH,
    KOLKATA,
    KATHMANDU_EVENINGS,
    NEW_YORK_ALWAYS,
    HELSINKI_ALWAYS,
    NEW_YORK_OFFICE,
)
