"""The acquisition spend API: ``/api/v1/acquisition-spend``."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["reports"])
