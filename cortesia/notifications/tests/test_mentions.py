from __future__ import annotations

import pytest

from cortesia.notifications.mentions import MOST_MENTIONS, mentioned_usernames

CASES = [
    ("one", "Ask @bob about it", ["bob"]),
    ("full stop ends the name", "Ask @bob.", ["bob"]),
    ("dotted name", "Ask @anna.maria, please", ["anna.maria"]),
    ("address is no mention", "Write to bob@example.com", []),
    ("twice is once", "@bob and @alice and @bob", ["bob", "alice"]),
    ("start of text", "@alice: look", ["alice"]),
    ("lone at sign", "meet @ noon", []),
    ("arabic text around", "اسأل @charlie من فضلك", ["charlie"]),
]


@pytest.mark.parametrize(("_case", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_mentions_are_found(_case: str, text: str, expected: list[str]) -> None:
    assert mentioned_usernames(text) == expected


def test_mentions_are_capped() -> None:
    text = " ".join(f"@user{n}" for n in range(MOST_MENTIONS + 5))
    assert mentioned_usernames(text) == [f"user{n}" for n in range(MOST_MENTIONS)]
