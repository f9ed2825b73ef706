"""The demo's answer-bot chat: on the shop's site with the bot, a Romanian visitor asks how
to return an item, gets the passage of the returns article, then asks for a person; the
chat waits in the queue with the bot's note of what was tried."""

from __future__ import annotations

from cortesia.chat.conversations import conversation_start, visitor_message_post
from cortesia.chat.models import WidgetSite
from cortesia.chat.visitors import visitor_session
from cortesia.core.actor import Actor
from cortesia.demo.chat import BOT_SITE_NAME
from cortesia.knowledge.bot import bot_turn
from cortesia.knowledge.models import BotSession

LINES = (
    "buna ziua, unde gasesc eticheta de retur pentru colet?",
    "vreau sa vorbesc cu un operator",
)


def load_demo_bot_chat() -> int:
    """Hold the bot's demo chat once; return the number of chats made (0 when it exists)."""
    site = WidgetSite.objects.filter(name=BOT_SITE_NAME).first()
    if site is None or BotSession.objects.exists():
        return 0
    visitor = visitor_session(
        site=site, token="", browser_languages=["ro-RO"], time_zone="Europe/Bucharest"
    ).visitor
    posted = conversation_start(
        visitor=visitor,
        name="Ioana Popescu",
        text=LINES[0],
        client_id="demo-bot-1",
        actor=Actor.system(),
    )
    # the bot answers each message at once here (in the demo's one transaction its
    # after-commit turns would come last; they find the messages answered)
    assert posted.message is not None  # noqa: S101 - a new conversation has its message
    bot_turn(posted.conversation.pk, posted.message.pk)
    for number, text in enumerate(LINES[1:], start=2):
        later = visitor_message_post(
            conversation=posted.conversation, text=text, client_id=f"demo-bot-{number}"
        )
        assert later.message is not None  # noqa: S101 - a new message
        bot_turn(posted.conversation.pk, later.message.pk)
    return 1
