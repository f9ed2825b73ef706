"""Panels that apps above tickets add to the ticket page's side panel.

The ticket page may not import the apps that sit above it (feedback, automations…), yet
they have something to show about a ticket. Each registers a :class:`TicketPagePanel` from
its ``AppConfig.ready()``: a key, the template that draws it and a function that returns
the template's context for a viewer and a ticket, or None to leave the panel out (nothing
to show, or nothing this viewer may see). The page calls each function once, after it has
checked that the viewer may see the ticket, and draws the panels in key order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cortesia.accounts.models import User
    from cortesia.tickets.models import Ticket

PanelContext = Callable[["User", "Ticket"], Mapping[str, object] | None]


@dataclass(frozen=True)
class TicketPagePanel:
    """One panel: ``context(viewer, ticket)`` feeds ``template``; None leaves it out."""

    key: str
    template: str
    context: PanelContext


@dataclass(frozen=True)
class DrawnPanel:
    """A panel ready to draw: ``{% include panel.template with panel=panel.context %}``."""

    key: str
    template: str
    context: Mapping[str, object]


_panels: dict[str, TicketPagePanel] = {}


def ticket_page_panel_register(panel: TicketPagePanel) -> None:
    """Add ``panel`` (or replace the one with the same key, as a reloaded app does)."""
    _panels[panel.key] = panel


def ticket_page_panels(*, viewer: User, ticket: Ticket) -> list[DrawnPanel]:
    """Return the panels to draw for ``viewer`` on ``ticket``, by key; the caller has
    already checked that ``viewer`` may see ``ticket``."""
    drawn = []
    for key in sorted(_panels):
        panel = _panels[key]
        context = panel.context(viewer, ticket)
        if context is not None:
            drawn.append(DrawnPanel(key, panel.template, context))
    return drawn
