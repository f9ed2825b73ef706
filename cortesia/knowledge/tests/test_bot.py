"""The answer bot in a chat: a sure answer with its passage, link and choices; "it helped";
no sure answer → said and handed over; a person asked for in each language; the second
"no" hands over; closed team → when it is back in the visitor's time; the bot silent once
a person has the chat, and absent where it is off."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.conf import settings
from django.test import TestCase

from cortesia.accounts.models import Role, Team
from cortesia.accounts.services import team_create, team_set_calendar
from cortesia.calendars.services import calendar_create
from cortesia.chat.conversations import Posted, conversation_start, visitor_message_post
from cortesia.chat.models import ChatEvent, Conversation, Visitor, WidgetSite
from cortesia.chat.visitors import visitor_session
from cortesia.core.actor import Actor
from cortesia.knowledge.bot import heard
from cortesia.knowledge.models import ArticleTranslation, BotReply, BotSession
from cortesia.knowledge.services import (
    ArticleData,
    TranslationData,
    article_create,
    category_create,
    section_create,
    translation_publish,
)
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import TicketMessage

pytestmark = [pytest.mark.django_db]

# Tuesday 1 December 2026, 10:00 in Rome: the team is open
OPEN_HOURS = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
# Friday 4 December 2026, 18:30 in Rome: closed until Monday 09:00
AFTER_CLOSING = datetime(2026, 12, 4, 17, 30, tzinfo=UTC)

RETURNS = (
    "How to return an item",
    "You can return an item within 30 days of delivery.\n\n"
    "## Printing the return label\n\n"
    "Open the order in your account, choose Return and print the prepaid label. "
    "Stick it on the parcel and hand it to the courier.",
)
INVOICES = (
    "Invoices for your orders",
    "Every order has an invoice.\n\n## Downloading the invoice\n\n"
    "Open the order and choose Download invoice: the PDF has the VAT details.",
)


@pytest.fixture
def articles(db: None) -> dict[str, ArticleTranslation]:
    editor = Actor(make_user("ed", role=Role.MANAGER))
    category = category_create(names={"en": "Help"}, actor=editor)
    section = section_create(category=category, names={"en": "Orders"}, actor=editor)
    made = {}
    for key, (title, body) in {"returns": RETURNS, "invoices": INVOICES}.items():
        article = article_create(
            data=ArticleData(section=section, source_language="en"),
            first=TranslationData("en", title, body),
            actor=editor,
        )
        translation = ArticleTranslation.objects.get(article=article)
        made[key] = translation_publish(translation=translation, actor=editor)
    return made


@pytest.fixture
def bot_site(db: None) -> WidgetSite:
    team = team_create(
        name="Support", languages=["en"], time_zone="Europe/Rome", actor=Actor.system()
    )
    calendar = calendar_create(
        name="Roma",
        time_zone="Europe/Rome",
        country="IT",
        weekly={day: [["09:00", "18:00"]] for day in ("mon", "tue", "wed", "thu", "fri")},
        actor=Actor.system(),
    )
    team_set_calendar(team=team, calendar=calendar, actor=Actor.system())
    return WidgetSite.objects.create(
        name="Shop",
        allowed_origins=["https://shop.example.com"],
        default_language="en",
        team=Team.objects.get(pk=team.pk),
        answer_bot=True,
    )


def visitor(site: WidgetSite, zone: str = "America/New_York") -> Visitor:
    return visitor_session(site=site, token="", browser_languages=["en-US"], time_zone=zone).visitor


def say(who: Visitor, text: str, cid: str) -> Posted:
    """The visitor's message, stored and committed (the bot answers after the commit)."""
    conversation = Conversation.objects.filter(visitor=who).order_by("-pk").first()
    with TestCase.captureOnCommitCallbacks(execute=True):
        if conversation is None:
            return conversation_start(
                visitor=who, name="Sam", text=text, client_id=cid, actor=Actor.system()
            )
        return visitor_message_post(conversation=conversation, text=text, client_id=cid)


def bot_said(conversation: Conversation) -> list[dict[str, object]]:
    events = ChatEvent.objects.filter(conversation=conversation, kind=ChatEvent.Kind.MESSAGE)
    return [event.payload for event in events.order_by("id") if event.payload.get("bot")]


def help_url(translation: ArticleTranslation) -> str:
    return f"{settings.BASE_URL}/help/en/{translation.slug}"


CHOICES = [
    {"key": "1", "label": "Yes, that answers it"},
    {"key": "2", "label": "No"},
    {"key": "3", "label": "Talk to a person"},
]


@time_machine.travel(OPEN_HOURS, tick=False)
def test_a_sure_answer_shows_the_passage_the_link_and_the_choices(
    articles: dict[str, ArticleTranslation], bot_site: WidgetSite
) -> None:
    posted = say(visitor(bot_site), "how do I print the return label?", "v1")
    conversation = Conversation.objects.get(pk=posted.conversation.pk)
    assert conversation.status == Conversation.Status.BOT
    assert conversation.assignee_id is None
    assert conversation.queued_at is None
    (answer,) = bot_said(conversation)
    url = help_url(articles["returns"])
    assert answer["text"] == (
        "Here is what our help centre says:\n\n"
        "Printing the return label\nOpen the order in your account, choose Return and print "
        "the prepaid label. Stick it on the parcel and hand it to the courier.\n\n"
        f"The whole article: {url}\n\n"
        "Did this answer the question?\n1 · Yes, that answers it\n2 · No\n3 · Talk to a person"
    )
    assert answer["article"] == {"title": "How to return an item", "url": url}
    assert answer["choices"] == CHOICES
    reply = BotReply.objects.get()
    assert (reply.answered, reply.translation_id, reply.passage, reply.helped) == (
        True,
        articles["returns"].pk,
        2,  # the first passage is the text before the first heading
        None,
    )
    ticket = conversation.ticket
    ticket.refresh_from_db()
    assert ticket.first_response_at is None  # the bot is not the team's first response
    assert (
        TicketMessage.objects.filter(
            ticket=ticket, author_kind=TicketMessage.Author.SYSTEM, kind=TicketMessage.Kind.REPLY
        ).count()
        == 1
    )


@time_machine.travel(OPEN_HOURS, tick=False)
def test_yes_resolves_the_session(
    articles: dict[str, ArticleTranslation], bot_site: WidgetSite
) -> None:
    sam = visitor(bot_site)
    say(sam, "how do I print the return label?", "v1")
    posted = say(sam, "Yes, that answers it", "v2")
    session = BotSession.objects.get()
    assert (session.outcome, session.ended_at) == (BotSession.Outcome.RESOLVED, OPEN_HOURS)
    assert BotReply.objects.get().helped is True
    last = bot_said(posted.conversation)[-1]
    assert last["text"] == "Glad that helped. Is there anything else?\n3 · Talk to a person"
    assert last["choices"] == CHOICES[2:]
    assert Conversation.objects.get().status == Conversation.Status.BOT


@time_machine.travel(OPEN_HOURS, tick=False)
def test_no_sure_answer_is_said_and_handed_over_with_what_was_tried(
    articles: dict[str, ArticleTranslation], bot_site: WidgetSite
) -> None:
    posted = say(visitor(bot_site), "do you sell bicycles?", "v1")
    conversation = Conversation.objects.get(pk=posted.conversation.pk)
    texts = [payload["text"] for payload in bot_said(conversation)]
    assert texts == [
        "Our help centre has no sure answer to this, so the question goes to a person from "
        "our team.",
        "A person from our team will answer here shortly.",
    ]
    assert BotReply.objects.get().answered is False
    assert BotSession.objects.get().outcome == BotSession.Outcome.HANDED_OVER
    assert (conversation.status, conversation.queued_at) == (
        Conversation.Status.WAITING,
        OPEN_HOURS,
    )
    note = TicketMessage.objects.get(ticket=conversation.ticket, kind=TicketMessage.Kind.NOTE)
    assert note.body_text == (
        "The answer bot handed this chat over: it found no sure answer.\n"
        "Customer's language: English.\n"
        "Asked: “do you sell bicycles?” — no sure answer"
    )


@time_machine.travel(OPEN_HOURS, tick=False)
def test_asking_for_a_person_hands_over_and_the_bot_then_stays_quiet(
    articles: dict[str, ArticleTranslation], bot_site: WidgetSite
) -> None:
    sam = visitor(bot_site)
    say(sam, "where do I download the invoice?", "v1")
    say(sam, "can I talk to a human please", "v2")
    conversation = Conversation.objects.get()
    assert conversation.status == Conversation.Status.WAITING  # nobody on shift to offer it
    assert conversation.queued_at == OPEN_HOURS
    note = TicketMessage.objects.get(ticket=conversation.ticket, kind=TicketMessage.Kind.NOTE)
    assert note.body_text == (
        "The answer bot handed this chat over: the customer asked for a person.\n"
        "Customer's language: English.\n"
        "Asked: “where do I download the invoice?” — offered “Invoices for your orders” "
        "(no reply)"
    )
    before = len(bot_said(conversation))
    say(sam, "hello? how do I print the return label?", "v3")
    assert len(bot_said(conversation)) == before
    assert BotReply.objects.count() == 1


@time_machine.travel(OPEN_HOURS, tick=False)
def test_the_second_answer_that_did_not_help_hands_over(
    articles: dict[str, ArticleTranslation], bot_site: WidgetSite
) -> None:
    sam = visitor(bot_site)
    say(sam, "how do I print the return label?", "v1")
    say(sam, "no", "v2")
    conversation = Conversation.objects.get()
    assert conversation.status == Conversation.Status.BOT
    assert bot_said(conversation)[-1]["text"] == (
        "Sorry that did not help. Try asking in other words, or choose 3 to talk to a "
        "person.\n3 · Talk to a person"
    )
    say(sam, "download the invoice pdf", "v3")
    say(sam, "2", "v4")
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.WAITING
    assert [reply.helped for reply in BotReply.objects.order_by("pk")] == [False, False]
    assert BotSession.objects.get().outcome == BotSession.Outcome.HANDED_OVER


@time_machine.travel(AFTER_CLOSING, tick=False)
def test_out_of_hours_says_when_people_are_back_in_the_visitors_time(
    articles: dict[str, ArticleTranslation], bot_site: WidgetSite
) -> None:
    posted = say(visitor(bot_site, "America/New_York"), "talk to a person", "v1")
    conversation = Conversation.objects.get(pk=posted.conversation.pk)
    number = conversation.ticket.number
    assert bot_said(conversation)[-1]["text"] == (
        "Our team is away right now and back on Monday at 3:00 AM, your time. Your question "
        f"is kept as request #{number} and will be answered here then."
    )
    assert conversation.status == Conversation.Status.WAITING


@time_machine.travel(OPEN_HOURS, tick=False)
def test_a_site_without_the_bot_queues_the_chat_as_before(
    articles: dict[str, ArticleTranslation], bot_site: WidgetSite
) -> None:
    WidgetSite.objects.filter(pk=bot_site.pk).update(answer_bot=False)
    posted = say(visitor(WidgetSite.objects.get(pk=bot_site.pk)), "return label?", "v1")
    conversation = Conversation.objects.get(pk=posted.conversation.pk)
    assert conversation.status == Conversation.Status.WAITING
    assert bot_said(conversation) == []
    assert not BotSession.objects.exists()


HEARD = [
    ("en_digit", "en", "3", False, "person"),
    ("en_button", "en", "Talk to a person", False, "person"),
    ("it_operatore", "it", "vorrei parlare con un operatore", False, "person"),
    ("fi_ihminen", "fi", "haluan puhua ihmisen kanssa", False, "person"),
    ("bg_operator", "bg", "искам оператор", False, "person"),
    ("ro_operator", "ro", "vreau sa vorbesc cu un operator", False, "person"),
    ("ar_employee", "ar", "ابغى اكلم موظف", False, "person"),
    (
        "long_question_naming_a_person",
        "en",
        "can a person other than me collect my parcel at the post office",
        False,
        "question",
    ),
    ("it_si", "it", "si grazie", True, "yes"),
    ("ro_da_no_diacritics", "ro", "da", True, "yes"),
    ("ar_naam", "ar", "نعم", True, "yes"),
    ("fi_ei", "fi", "ei", True, "no"),
    ("bg_ne", "bg", "не", True, "no"),
    ("yes_when_nothing_was_asked", "en", "yes", False, "question"),
    ("arabic_indic_digit", "ar", "١", True, "yes"),
]


@pytest.mark.parametrize(("_case", "language", "text", "awaiting", "kind"), HEARD)
def test_what_the_bot_hears(
    _case: str, language: str, text: str, awaiting: bool, kind: str
) -> None:
    assert heard(text, language, awaiting).kind == kind
