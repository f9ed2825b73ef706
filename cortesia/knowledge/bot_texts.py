"""What the answer bot says: to the visitor in their language and register, and to the team
in the team's language.

Wording that addresses the visitor comes in both registers (``pgettext`` "formal" /
"informal") where a language tells them apart; the rest is written so that it needs no
form of address (labels, statements). Each function reads the active language: callers
wrap it in ``translation.override``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext, pgettext

from cortesia.culture.address_forms import Register


@dataclass(frozen=True)
class Choices:
    """The three answers the bot asks for after showing a passage, as buttons in the
    widget and as numbered lines in a messaging app."""

    yes: str
    no: str
    person: str

    def as_list(self) -> list[dict[str, str]]:
        return [
            {"key": "1", "label": self.yes},
            {"key": "2", "label": self.no},
            {"key": "3", "label": self.person},
        ]


def choices() -> Choices:
    return Choices(
        yes=gettext("Yes, that answers it"),
        no=gettext("No"),
        person=gettext("Talk to a person"),
    )


def numbered(listed: Choices) -> str:
    return "\n".join(f"{choice['key']} · {choice['label']}" for choice in listed.as_list())


def answer_text(heading: str, excerpt: str, url: str) -> str:
    listed = choices()
    parts = [gettext("Here is what our help centre says:")]
    parts.append(f"{heading}\n{excerpt}" if heading else excerpt)
    parts.append(gettext("The whole article: %(url)s") % {"url": url})
    parts.append(gettext("Did this answer the question?") + "\n" + numbered(listed))
    return "\n\n".join(parts)


def helped_text() -> str:
    person = choices().person
    return gettext("Glad that helped. Is there anything else?") + f"\n3 · {person}"


def not_helped_text(register: str) -> str:
    if register == Register.INFORMAL:
        text = pgettext(
            "informal",
            "Sorry that did not help. Try asking in other words, or choose 3 to talk to a person.",
        )
    else:
        text = pgettext(
            "formal",
            "Sorry that did not help. Try asking in other words, or choose 3 to talk to a person.",
        )
    return text + f"\n3 · {choices().person}"


def no_answer_text() -> str:
    return gettext(
        "Our help centre has no sure answer to this, so the question goes to a person from "
        "our team."
    )


def waiting_text() -> str:
    return gettext("A person from our team will answer here shortly.")


def away_text(register: str, back: str, number: str) -> str:
    values = {"back": back, "number": number}
    if register == Register.INFORMAL:
        return (
            pgettext(
                "informal",
                "Our team is away right now and back %(back)s, your time. Your question is "
                "kept as request %(number)s and will be answered here then.",
            )
            % values
        )
    return (
        pgettext(
            "formal",
            "Our team is away right now and back %(back)s, your time. Your question is "
            "kept as request %(number)s and will be answered here then.",
        )
        % values
    )


# For the team, in the team's language


def hand_over_note(reason: str, language: str, tried: list[str]) -> str:
    reasons = {
        "asked": gettext("the customer asked for a person"),
        "no_answer": gettext("it found no sure answer"),
        "not_helped": gettext("its answers did not help"),
        "failed": gettext("it could not answer because of an error"),
    }
    lines = [
        gettext("The answer bot handed this chat over: %(reason)s.") % {"reason": reasons[reason]},
        gettext("Customer's language: %(language)s.") % {"language": language},
    ]
    lines += tried or [gettext("Nothing was offered.")]
    return "\n".join(lines)


def tried_line(question: str, title: str | None, helped: bool | None) -> str:
    asked = gettext("Asked: “%(question)s”") % {"question": question}
    if title is None:
        return asked + " — " + gettext("no sure answer")
    outcome = {
        True: gettext("it helped"),
        False: gettext("it did not help"),
        None: gettext("no reply"),
    }[helped]
    offered = gettext("offered “%(title)s” (%(outcome)s)") % {"title": title, "outcome": outcome}
    return f"{asked} — {offered}"
