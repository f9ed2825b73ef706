"""Django's formats for "bg", from CLDR (see cortesia.localization.formats)."""

from __future__ import annotations

from cortesia.localization.formats import cldr_formats

globals().update(cldr_formats("bg"))
