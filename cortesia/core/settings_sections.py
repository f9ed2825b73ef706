"""The sections of the settings area (``/settings/``), registered by the apps that own them.

Each app adds its pages from its ``AppConfig.ready()`` with :func:`settings_section_register`:
a key, a label, a one-line description, the URL name of its first page and the permission
flag its services ask (``can_manage_staff``, ``can_manage_teams`` …). The settings index,
the side navigation of every settings page and the main navigation's "Settings" link read
the same list, so nobody is offered a section whose pages would refuse them.

This module knows nothing of users beyond "an object the flag accepts": the flags come
from the owning apps, which sit above it in the layer order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

Flag = Callable[[object], bool]


@dataclass(frozen=True)
class SettingsSection:
    """One entry of the settings navigation. ``order`` sorts the entries (small first)."""

    key: str
    label: str | Promise
    description: str | Promise
    url_name: str
    flag: Flag
    order: int = 100


_sections: dict[str, SettingsSection] = {}


def settings_section_register(section: SettingsSection) -> None:
    """Add ``section`` (or replace the one with the same key, as a reloaded app does)."""
    _sections[section.key] = section


def settings_sections_for(user: object) -> list[SettingsSection]:
    """Return the sections ``user`` may open, in their order; none for anyone else."""
    return [
        section
        for section in sorted(_sections.values(), key=lambda entry: (entry.order, entry.key))
        if section.flag(user)
    ]


def can_open_settings(user: object) -> bool:
    """Whether at least one settings section accepts ``user``."""
    return any(section.flag(user) for section in _sections.values())
