"""Demo live chat: a widget site that the demo's own pages may embed (``/chat/demo/``), the
same site with the answer bot on,
the demo agents ready to take chats, and three conversations: an Italian visitor waiting
in the queue, an Arabic chat being answered, and a Finnish chat that has ended."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from cortesia.accounts.models import Role, User
from cortesia.chat.conversations import (
    agent_message_post,
    chat_end,
    conversation_start,
    visitor_message_post,
)
from cortesia.chat.models import AgentPresence, WidgetSite
from cortesia.chat.visitors import visitor_session
from cortesia.core.actor import Actor

SITE_NAME = "Bottega Cortesia"
# the same shop with the answer bot answering first (the demonstration page links to it)
BOT_SITE_NAME = "Bottega Cortesia · answer bot"


@dataclass(frozen=True)
class DemoChat:
    language: str
    time_zone: str
    name: str
    lines: tuple[tuple[str, str], ...]  # (visitor|agent, text)
    agent: str = ""
    ends: bool = False


CHATS = (
    DemoChat(
        "it-IT",
        "Europe/Rome",
        "Chiara Fontana",
        (("visitor", "Buongiorno, posso cambiare l'indirizzo di consegna dell'ordine 4471?"),),
    ),
    DemoChat(
        "ar-SA",
        "Asia/Riyadh",
        "نورة السبيعي",
        (
            ("visitor", "السلام عليكم، هل يمكن الدفع عند الاستلام في جدة؟"),
            ("agent", "وعليكم السلام، نعم، الدفع عند الاستلام متاح في جدة."),
            ("visitor", "شكرًا جزيلًا"),
        ),
        agent="omar",
    ),
    DemoChat(
        "fi-FI",
        "Europe/Helsinki",
        "Eero Mäkinen",
        (
            ("visitor", "Moi! Onko teillä talvirenkaita kokoa 205/55 R16?"),
            ("agent", "Hei Eero! On, kolmea eri mallia. Laitan linkit tähän."),
            ("visitor", "Kiitos, tilaan heti."),
        ),
        agent="aino",
        ends=True,
    ),
)


def _origins() -> list[str]:
    base = urlsplit(settings.BASE_URL)
    port = f":{base.port}" if base.port else ""
    origins = [f"{base.scheme}://{base.hostname}{port}"]
    if base.hostname == "127.0.0.1":
        origins.append(f"{base.scheme}://localhost{port}")
    return origins


def _chat(site: WidgetSite, spec: DemoChat, number: int) -> None:
    visitor = visitor_session(
        site=site, token="", browser_languages=[spec.language], time_zone=spec.time_zone
    ).visitor
    conversation = None
    for index, (side, text) in enumerate(spec.lines):
        client_id = f"demo-{number}-{index}"
        if conversation is None:
            conversation = conversation_start(
                visitor=visitor,
                name=spec.name,
                text=text,
                client_id=client_id,
                actor=Actor.system(),
            ).conversation
        elif side == "visitor":
            visitor_message_post(conversation=conversation, text=text, client_id=client_id)
        else:
            agent = User.objects.get(username=spec.agent)
            agent_message_post(
                conversation=conversation, text=text, client_id=client_id, actor=Actor(agent)
            )
    if spec.ends and conversation is not None:
        chat_end(conversation=conversation, actor=Actor.system())


def load_demo_chat() -> int:
    """Create the demo's chat site, agents' chat settings and conversations once; return
    the number of sites and conversations made (0 when the site exists)."""
    if WidgetSite.objects.filter(name=SITE_NAME).exists():
        return 0
    site = WidgetSite.objects.create(
        name=SITE_NAME, allowed_origins=_origins(), default_language="en"
    )
    WidgetSite.objects.create(
        name=BOT_SITE_NAME, allowed_origins=_origins(), default_language="en", answer_bot=True
    )
    agents = User.objects.filter(role__in=(Role.AGENT, Role.MANAGER), is_active=True)
    AgentPresence.objects.bulk_create(
        [AgentPresence(user=agent, chat_limit=3) for agent in agents], ignore_conflicts=True
    )
    for number, spec in enumerate(CHATS):
        _chat(site, spec, number)
    return 2 + len(CHATS)
