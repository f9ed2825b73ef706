"""The answer bot: it answers a chat first, from the published articles only, and hands
it over to a person when asked, when it has no sure answer, or when its answers do not
help.

Every message the customer writes while the chat is the bot's (``Conversation.Status.BOT``,
set when the site or messaging channel has the bot on) is one of:

- a request for a person: "3", the "Talk to a person" button, or a short message naming
  one ("operatore", "ihminen", "موظف"…): the chat is handed over;
- after an answer, "1"/yes or "2"/no: recorded on that answer. Yes resolves the session
  (until the customer asks for a person after all); the second no hands over;
- anything else is a question: ``answering.passages_for`` finds the best passage. When it
  is sure enough (its thresholds) the bot shows the passage, a link to the whole article
  and the three choices; otherwise it says it has no sure answer and hands over. It never
  writes an answer of its own (an optional writer may phrase the passage, kept to it:
  ``knowledge.phrasing``).

Handing over queues the chat with an internal note for the team (its language): why, the
customer's language, every question and what was offered. When the team is closed the
customer is told when it is back in their own time, and that their question is kept as a
request (the chat's ticket) to be answered then.

The bot answers once the customer's message is committed (so a messaging channel knows
the thread to answer on, and a failure of the bot can never lose the message), in a
transaction of its own; a failure hands the chat over.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from django.db import DatabaseError, transaction
from django.utils import timezone, translation

from cortesia.chat.assignment import staff_language
from cortesia.chat.bot_turns import bot_message_post, conversation_hand_over
from cortesia.chat.models import ChatEvent, Conversation, Visitor
from cortesia.chat.site_texts import back_at, visitor_register
from cortesia.culture.local_formats import language_name
from cortesia.culture.return_times import back_phrase
from cortesia.culture.search_terms import normalized
from cortesia.knowledge import bot_texts
from cortesia.knowledge.answering import Passage, passages_for
from cortesia.knowledge.models import BotReply, BotSession
from cortesia.knowledge.phrasing import Request, phrased_or_passage
from cortesia.knowledge.selectors import PUBLIC_SCOPES
from cortesia.tickets.models import TicketMessage

logger = logging.getLogger(__name__)

MAX_NOT_HELPED = 2  # the second answer that did not help hands the chat over
SHORT = 8  # words: a longer message naming a person is a question, not a request
Outcome = BotSession.Outcome
WORD = re.compile(r"[^\W_]+")

# words that ask for a person, per language, as ``normalized`` writes them
PERSON_WORDS = {
    "en": "agent human person someone operator representative staff people",
    "it": "operatore operatrice persona umano assistente qualcuno",
    "fi": "ihminen ihmisen ihmiselle ihmistä asiakaspalvelija asiakaspalvelijan "
    "asiakaspalvelijalle henkilö virkailija",
    "bg": "оператор оператора човек служител служителя консултант",
    "ro": "operator operatorul persoana persoană om agent consultant",
    "ar": "موظف موظفه شخص انسان إنسان بشري مندوب",
}
YES_WORDS = {
    "en": "yes yeah yep thanks",
    "it": "si sì grazie",
    "fi": "kyllä joo juu kiitos",
    "bg": "да благодаря",
    "ro": "da mulțumesc multumesc mersi",
    "ar": "نعم ايوه أيوه شكرا",
}
NO_WORDS = {"en": "no nope", "it": "no", "fi": "ei", "bg": "не", "ro": "nu", "ar": "لا"}


def _words(table: dict[str, str], language: str) -> frozenset[str]:
    return frozenset(normalized(word) for word in table.get(language, "").split())


def _said(text: str) -> str:
    return " ".join(WORD.findall(normalized(text)))


@dataclass(frozen=True)
class Heard:
    kind: str  # "person", "yes", "no" or "question"


def heard(text: str, language: str, awaiting_reply: bool) -> Heard:
    """What a customer's message means to the bot. ``awaiting_reply``: its last message
    asked whether an answer helped."""
    words = WORD.findall(normalized(text))
    listed = bot_texts.choices()
    said = " ".join(words)
    if said in {"3", _said(listed.person)}:
        return Heard("person")
    if len(words) <= SHORT and _words(PERSON_WORDS, language) & set(words):
        return Heard("person")
    if awaiting_reply:
        if said in {"1", _said(listed.yes)} or (
            len(words) <= 3 and _words(YES_WORDS, language) & set(words)
        ):
            return Heard("yes")
        if said in {"2", _said(listed.no)} or (
            len(words) <= 3 and _words(NO_WORDS, language) & set(words)
        ):
            return Heard("no")
    return Heard("question")


def bot_heard(*, conversation: Conversation, message: TicketMessage) -> None:
    """The customer wrote ``message`` in ``conversation``: once it is stored (after the
    commit), answer, record, or hand over while the chat is the bot's (else nothing)."""
    if conversation.status != Conversation.Status.BOT:
        return
    conversation_id, message_id = conversation.pk, message.pk
    transaction.on_commit(lambda: bot_turn(conversation_id, message_id))


def bot_turn(conversation_id: int, message_id: int) -> None:
    """One turn of the bot, in a transaction of its own that holds the conversation (two
    messages sent at once are answered one after the other). A failure hands over."""
    try:
        with transaction.atomic():
            conversation = Conversation.objects.select_for_update(of=("self",)).get(
                pk=conversation_id
            )
            message = TicketMessage.objects.get(pk=message_id)
            if conversation.status != Conversation.Status.BOT or _answered(conversation, message):
                return
            _turn(conversation, message)
    except (DatabaseError, LookupError, ValueError):
        logger.exception("answer bot failed on conversation %s", conversation_id)
        with transaction.atomic():
            conversation = Conversation.objects.get(pk=conversation_id)
            _hand_over(conversation, _session(conversation), "failed")


def _answered(conversation: Conversation, message: TicketMessage) -> bool:
    """True when the bot has spoken since ``message`` (its turn ran already)."""
    events = ChatEvent.objects.filter(conversation=conversation, kind=ChatEvent.Kind.MESSAGE)
    written = events.filter(payload__message=str(message.uid)).values_list("id", flat=True)
    after = written.first()
    return after is not None and events.filter(id__gt=after, payload__bot=True).exists()


def _session(conversation: Conversation) -> BotSession:
    session, _created = BotSession.objects.get_or_create(
        conversation=conversation,
        defaults={"language": conversation.language, "started_at": timezone.now()},
    )
    return session


def _turn(conversation: Conversation, message: TicketMessage) -> None:
    session = _session(conversation)
    language = session.language
    last = session.replies.order_by("-created_at", "-pk").first()
    awaiting = last is not None and last.answered and last.helped is None
    with translation.override(language):
        meaning = heard(message.body_text, language, awaiting)
    if meaning.kind == "person":
        _hand_over(conversation, session, "asked")
    elif meaning.kind == "yes" and last is not None:
        _helped(conversation, session, last)
    elif meaning.kind == "no" and last is not None:
        _not_helped(conversation, session, last)
    else:
        _answer(conversation, session, message.body_text)


def _say(conversation: Conversation, text: str, extra: dict[str, object] | None = None) -> None:
    bot_message_post(conversation=conversation, text=text, extra=extra)


def _helped(conversation: Conversation, session: BotSession, last: BotReply) -> None:
    last.helped = True
    last.save(update_fields=["helped"])
    session.outcome = Outcome.RESOLVED
    session.ended_at = timezone.now()
    session.save(update_fields=["outcome", "ended_at"])
    with translation.override(session.language):
        _say(conversation, bot_texts.helped_text(), {"choices": _person_choice()})


def _not_helped(conversation: Conversation, session: BotSession, last: BotReply) -> None:
    last.helped = False
    last.save(update_fields=["helped"])
    failed = session.replies.filter(helped=False).count()
    if failed >= MAX_NOT_HELPED:
        _hand_over(conversation, session, "not_helped")
        return
    with translation.override(session.language):
        text = bot_texts.not_helped_text(visitor_register(session.language))
        _say(conversation, text, {"choices": _person_choice()})


def _person_choice() -> list[dict[str, str]]:
    return [bot_texts.choices().as_list()[2]]


def _answer(conversation: Conversation, session: BotSession, question: str) -> None:
    judged = passages_for(question, session.language, PUBLIC_SCOPES)
    best = judged.best if judged.confident else None
    BotReply.objects.create(
        session=session,
        question=question[:2000],
        translation=best.translation if best else None,
        passage=best.number if best else 0,
        confidence=judged.best.strength if judged.best else 0.0,
        answered=best is not None,
        created_at=timezone.now(),
    )
    if best is None:
        with translation.override(session.language):
            _say(conversation, bot_texts.no_answer_text())
        _hand_over(conversation, session, "no_answer")
        return
    with translation.override(session.language):
        _say(conversation, _answer_text(question, session.language, best), _answer_extra(best))


def _answer_text(question: str, language: str, best: Passage) -> str:
    request = Request(question=question, language=language, heading=best.heading, passage=best.text)
    return bot_texts.answer_text(best.heading, phrased_or_passage(request, best.excerpt), best.url)


def _answer_extra(best: Passage) -> dict[str, object]:
    return {
        "article": {"title": best.translation.title, "url": best.url},
        "choices": bot_texts.choices().as_list(),
    }


def _hand_over(conversation: Conversation, session: BotSession, reason: str) -> None:
    now = timezone.now()
    BotSession.objects.filter(pk=session.pk).update(outcome=Outcome.HANDED_OVER, ended_at=now)
    conversation.refresh_from_db(fields=["status", "team", "ticket"])
    team_back = back_at(conversation.team, now)
    with translation.override(session.language):
        if team_back is None:
            _say(conversation, bot_texts.waiting_text())
        else:
            phrase = back_phrase(team_back, _zone(conversation), session.language, now)
            register = visitor_register(session.language)
            number = f"#{conversation.ticket.number}"
            _say(conversation, bot_texts.away_text(register, phrase, number))
    staff = staff_language(conversation)
    with translation.override(staff):
        tried = [
            bot_texts.tried_line(
                reply.question, reply.translation.title if reply.translation else None, reply.helped
            )
            for reply in session.replies.select_related("translation")
        ]
        note = bot_texts.hand_over_note(reason, language_name(session.language, staff), tried)
    conversation_hand_over(conversation=conversation, note=note, at=now)


def _zone(conversation: Conversation) -> str:
    """The customer's time zone: their browser's in the widget, else their profile's."""
    if conversation.visitor_id is not None:
        zone = Visitor.objects.filter(pk=conversation.visitor_id).values_list(
            "time_zone", flat=True
        )
        if found := zone.first():
            return found
    return conversation.ticket.customer.time_zone or "UTC"
