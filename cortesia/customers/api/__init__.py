"""REST endpoints of the customers app, one module per resource, mounted as one router."""

from __future__ import annotations

from ninja import Router

from cortesia.customers.api import customers, definitions, imports, segments

router = Router()
router.add_router("/", customers.router)
router.add_router("/", segments.router)
router.add_router("/", imports.router)
router.add_router("/", definitions.router)
