"""The demo mailbox and a few mails in the demo languages, some in legacy charsets, fed
through the same pipeline as real mail (acknowledgements included)."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, parseaddr

from django.conf import settings

from cortesia.core.actor import Actor
from cortesia.mail.inbound import mail_ingest
from cortesia.mail.mailboxes import mailbox_by_name, mailbox_create
from cortesia.mail.models import InboundMail
from cortesia.tickets.models import RoutingSettings

MAILBOX = "support"


@dataclass(frozen=True)
class DemoMail:
    message_id: str
    name: str
    address: str
    subject: str
    body: str
    charset: str


MAILS = (
    DemoMail(
        "demo-mail-it@example.it",
        "Francesca Esposito",
        "francesca.esposito@example.it",
        "Reso di un articolo",
        "Buongiorno,\n\nvorrei restituire la giacca che ho ricevuto ieri: è della taglia "
        "sbagliata. Come devo procedere?\n\nGrazie,\nFrancesca Esposito",
        "iso-8859-1",
    ),
    DemoMail(
        "demo-mail-fi@example.fi",
        "Eero Lahtinen",
        "eero.lahtinen@example.fi",
        "Lasku puuttuu",
        "Hei,\n\nen ole saanut laskua viime viikon tilauksestani. Voisitteko lähettää sen "
        "uudelleen?\n\nTerveisin,\nEero Lahtinen",
        "iso-8859-15",
    ),
    DemoMail(
        "demo-mail-bg@example.bg",
        "Георги Димитров",
        "georgi.dimitrov@example.bg",
        "Грешен адрес за доставка",
        "Здравейте,\n\nсгреших адреса за доставка в последната си поръчка. Можете ли да го "
        "поправите, преди да изпратите пратката?\n\nПоздрави,\nГеорги Димитров",
        "windows-1251",
    ),
    DemoMail(
        "demo-mail-ro@example.ro",
        "Andrei Ionescu",
        "andrei.ionescu@example.ro",
        "Plata nu a fost confirmată",
        "Bună ziua,\n\nam plătit comanda ieri, dar încă nu am primit confirmarea plății. "
        "Puteți verifica?\n\nMulțumesc,\nAndrei Ionescu",
        "utf-8",
    ),
    DemoMail(
        "demo-mail-ar@example.sa",
        "سارة القحطاني",
        "sara.alqahtani@example.sa",
        "استفسار عن الشحن",
        "مرحبا،\n\nمتى سيصل طلبي؟ لم أتلق أي رسالة عن الشحن حتى الآن.\n\nشكرًا،\nسارة القحطاني",
        "windows-1256",
    ),
)


def demo_address() -> str:
    """The demo mailbox's address: the one of CORTESIA_FROM_EMAIL, so the demo's replies
    and its system mails (sign-in links, notices) come from one sender."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def demo_raw(mail: DemoMail) -> bytes:
    message = EmailMessage()
    message["From"] = formataddr((mail.name, mail.address))
    message["To"] = demo_address()
    message["Subject"] = mail.subject
    message["Message-ID"] = f"<{mail.message_id}>"
    message.set_content(mail.body, charset=mail.charset)
    return message.as_bytes()


def load_demo_mail() -> int:
    """Create the demo mailbox (new tickets follow the sun to the team that is open and
    speaks the language) and ingest the demo mails that are not there yet."""
    created = 0
    mailbox = mailbox_by_name(MAILBOX)
    if mailbox is None:
        mailbox = mailbox_create(
            name=MAILBOX, address=demo_address(), team=None, actor=Actor.system()
        )
        RoutingSettings.objects.update_or_create(pk=1, defaults={"follow_the_sun": True})
        created += 1
    for mail in MAILS:
        result = mail_ingest(mailbox=mailbox, raw=demo_raw(mail), source=InboundMail.Source.PIPE)
        created += result.created
    return created
