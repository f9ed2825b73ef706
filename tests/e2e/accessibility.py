"""Accessibility checks in the browser: axe-core (the copy bundled with axe-playwright-python,
nothing downloaded) run on the page as it stands, reporting serious and critical violations."""

from __future__ import annotations

from functools import cache

from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import Page

# The levels we refuse; "minor" and "moderate" findings are read in reviews, not failed on.
REFUSED_IMPACTS = frozenset({"serious", "critical"})
# WCAG 2.1 A and AA, the rules our design system promises (contrast, names, structure).
OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
}


@cache
def _axe() -> Axe:
    return Axe()


def accessibility_problems(page: Page) -> list[str]:
    """Return one line per serious or critical violation on ``page``: the rule, its impact,
    the help text and up to three of the offending elements."""
    results = _axe().run(page, options=OPTIONS)
    problems = []
    for violation in results.response["violations"]:
        if violation["impact"] not in REFUSED_IMPACTS:
            continue
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        problems.append(
            f"{page.url}: axe {violation['id']} ({violation['impact']}): "
            f"{violation['help']} — {targets}"
        )
    return problems
