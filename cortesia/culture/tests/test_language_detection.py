from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from cortesia.culture.language_detection import SERVED, Detection, detect_language

SAMPLES = json.loads(
    (Path(__file__).parent / "data" / "language_samples.json").read_text(encoding="utf-8")
)


def test_labelled_set_covers_twelve_languages_with_twenty_each() -> None:
    assert Counter(sample["language"] for sample in SAMPLES) == dict.fromkeys(SERVED, 20)


def test_accuracy_on_the_labelled_set_is_at_least_95_percent() -> None:
    correct = Counter(
        sample["language"]
        for sample in SAMPLES
        if detect_language(sample["text"]).language == sample["language"]
    )
    assert sum(correct.values()) / len(SAMPLES) >= 0.95
    # No language may be left behind by a good average.
    assert min(correct[code] for code in SERVED) >= 18


def test_bulgarian_and_russian_are_told_apart() -> None:
    bulgarian = detect_language("Поръчката ми още не е пристигнала, можете ли да проверите?")
    russian = detect_language("Мой заказ до сих пор не пришёл, можете проверить?")
    assert (bulgarian.language, russian.language) == ("bg", "ru")


@pytest.mark.parametrize("text", ["", "ok", "Grazie mille!", "#48213", "了解"])
def test_too_short_text_is_unknown(text: str) -> None:
    assert detect_language(text) == Detection("unknown", 0.0)


def test_confidence_is_reported() -> None:
    detection = detect_language("Buongiorno, il mio ordine non è ancora arrivato.")
    assert detection.language == "it"
    assert 0.5 <= detection.confidence <= 1.0
