"""An optional writer that phrases the answer bot's reply from the passage it retrieved:
an external language model behind a small interface, off by default.

The bot never needs it: without one (``CORTESIA_ANSWER_PHRASER`` empty, the default) it
shows the passage's own first sentences. With one, the phrased text is shown only when it
keeps to the passage, checked here and not trusted to the model:

- every number in it (prices, days, percentages, order numbers) stands in the passage;
- at least ``LEAST_SHARED`` of its content terms (the search analyser's, so inflections
  meet) are terms of the passage or of the question;
- it is not empty and at most ``MAX_CHARACTERS`` long.

Otherwise, or when the writer fails or takes longer than its own timeout, the passage is
shown as it is. The link to the whole article is always added by the bot, never by the
writer. The setting names a class (``package.module.Class``) built with no arguments.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from cortesia.culture.search_terms import normalized, terms

logger = logging.getLogger(__name__)

LEAST_SHARED = 0.8
MAX_CHARACTERS = 800
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Request:
    question: str
    language: str
    heading: str
    passage: str


class Phraser(Protocol):
    def phrase(self, request: Request) -> str:
        """The reply in ``request.language``, written from the passage only; may raise."""
        ...


@cache
def configured_phraser() -> Phraser | None:
    path = getattr(settings, "ANSWER_PHRASER", "")
    return import_string(path)() if path else None


def _numbers(text: str) -> set[str]:
    return {number.replace(",", ".") for number in NUMBER.findall(normalized(text))}


def kept_to(phrased: str, request: Request) -> bool:
    """True when ``phrased`` says nothing the passage (and the question) do not."""
    if not phrased.strip() or len(phrased) > MAX_CHARACTERS:
        return False
    source = f"{request.heading} {request.passage}"
    if not _numbers(phrased) <= _numbers(source):
        return False
    written = terms(phrased, request.language)
    if not written:
        return False
    known = set(terms(f"{source} {request.question}", request.language))
    shared = sum(1 for term in written if term in known)
    return shared / len(written) >= LEAST_SHARED


def phrased_or_passage(request: Request, excerpt: str) -> str:
    """The writer's text when there is a writer and its text keeps to the passage, else
    ``excerpt`` (the passage's own first sentences)."""
    phraser = configured_phraser()
    if phraser is None:
        return excerpt
    try:
        phrased = phraser.phrase(request)
    except Exception:  # an external service: any failure shows the passage itself
        logger.warning("answer phraser failed; showing the passage", exc_info=True)
        return excerpt
    if kept_to(phrased, request):
        return phrased.strip()
    logger.info("answer phraser strayed from the passage; showing the passage")
    return excerpt
