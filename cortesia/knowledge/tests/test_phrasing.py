"""The optional answer writer: off by default; its text shown only when it keeps to the
passage (numbers, terms, length); a failing or straying writer leaves the passage."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings

from cortesia.knowledge.phrasing import Request, configured_phraser, kept_to, phrased_or_passage

PASSAGE = (
    "Open the order in your account, choose Return and print the prepaid label. You have "
    "30 days from delivery."
)
REQUEST = Request(
    question="how long do I have to return?",
    language="en",
    heading="Returning an item",
    passage=PASSAGE,
)

# What the external writer answers, per test: a fake of the language model's service.
ANSWERS: list[str] = []


class ScriptedPhraser:
    def phrase(self, request: Request) -> str:
        answer = ANSWERS.pop(0)
        if answer == "fail":
            raise TimeoutError("the model did not answer")
        return answer


@pytest.fixture
def scripted() -> Iterator[None]:
    configured_phraser.cache_clear()
    path = f"{__name__}.ScriptedPhraser"
    with override_settings(ANSWER_PHRASER=path):
        yield
    configured_phraser.cache_clear()
    ANSWERS.clear()


def test_without_a_writer_the_passage_is_shown() -> None:
    configured_phraser.cache_clear()
    assert phrased_or_passage(REQUEST, "EXCERPT") == "EXCERPT"


KEPT = [
    ("same_facts_reworded", "You have 30 days from delivery to return the order.", True),
    ("a_number_not_in_the_passage", "You have 60 days from delivery to return it.", False),
    ("new_claims", "We refund shipping costs and send a courier to collect it free.", False),
    ("empty", "   ", False),
    ("too_long", "You have 30 days. " * 60, False),
]


@pytest.mark.parametrize(("_case", "phrased", "kept"), KEPT)
def test_what_keeps_to_the_passage(_case: str, phrased: str, kept: bool) -> None:
    assert kept_to(phrased, REQUEST) is kept


@pytest.mark.usefixtures("scripted")
def test_a_writer_that_keeps_to_the_passage_is_shown_else_the_passage() -> None:
    ANSWERS.extend(
        [
            "You have 30 days from delivery to return the order.",
            "You have 60 days from delivery to return it.",
            "fail",
        ]
    )
    assert phrased_or_passage(REQUEST, "EXCERPT") == (
        "You have 30 days from delivery to return the order."
    )
    assert phrased_or_passage(REQUEST, "EXCERPT") == "EXCERPT"
    assert phrased_or_passage(REQUEST, "EXCERPT") == "EXCERPT"
    assert ANSWERS == []
