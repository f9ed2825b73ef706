"""The demo's feedback: surveys, answers in six languages with a low score followed up,
and mentions in six languages — loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from cortesia.demo.dataset import load_demo
from cortesia.feedback.models import Mention, Survey, SurveyInvitation, SurveyResponse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
HISTORY = "history:"  # the past answers of the demo history (cortesia.demo.history)


def test_the_demo_has_surveys_answers_and_mentions_in_every_language(data_dir: Path) -> None:
    load_demo(password="demo-password-123")

    assert sorted(Survey.objects.values_list("kind", "trigger")) == [
        ("ces", "order_delivered"),
        ("csat", "ticket_solved"),
        ("nps", "relationship"),
    ]
    answers = {
        language: (score, follow_up is None)
        for language, score, follow_up in SurveyResponse.objects.exclude(
            invitation__dedupe_key__startswith=HISTORY
        ).values_list("language", "score", "follow_up_ticket")
    }
    assert answers == {
        "it": (5, True),
        "fi": (4, True),
        "bg": (4, True),
        "ro": (2, False),  # a low score: a follow-up ticket was opened
        "ar": (5, True),
        "en": (3, True),
    }
    unanswered = SurveyInvitation.objects.exclude(dedupe_key__startswith=HISTORY).get(state="sent")
    assert (unanswered.customer.language, unanswered.language) == ("de", "en")
    assert sorted(Mention.objects.values_list("language", flat=True)) == sorted(
        ["it", "fi", "bg", "ro", "ar", "en"]
    )
    levels = dict(Mention.objects.values_list("external_id", "frustration_level"))
    assert levels["g-1002"] == levels["x-2001"] == levels["x-2002"] == "high"
    assert levels["g-1001"] == levels["x-2003"] == "none"
    assert Mention.objects.exclude(customer=None).count() == 2

    assert load_demo(password="demo-password-123") == 0
