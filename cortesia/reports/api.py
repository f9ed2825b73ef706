"""The metrics API: ``GET /api/v1/metrics`` and the catalogue of metrics and dimensions."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["reports"])
