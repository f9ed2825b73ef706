"""Demo tickets: one per demo customer, in their language, routed to the team that speaks
it, in every status and SLA state (met, running, paused, breached)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import CustomerEmail
from cortesia.sla.models import SlaPolicy
from cortesia.tickets.canned import VariantData, canned_save
from cortesia.tickets.models import CannedResponse, Ticket
from cortesia.tickets.services import (
    MessageData,
    TicketChanges,
    TicketData,
    message_add,
    ticket_create,
    ticket_update,
)
from cortesia.tickets.sla_scanner import sla_scan


@dataclass(frozen=True)
class DemoTicket:
    email: str
    team: str
    agent: str
    subject: str
    question: str
    hours_ago: int
    answer: str = ""
    status: str = ""  # set after the answer
    priority: str = "normal"


TICKETS = (
    DemoTicket(
        "giulia.bianchi@example.com",
        "Roma",
        "marco",
        "Il pacco IT-1044 non è arrivato",
        "Buongiorno, il mio ordine IT-1044 risulta spedito da una settimana ma non è ancora "
        "arrivato. Potete verificare?",
        2,
    ),
    DemoTicket(
        "matti.virtanen@example.com",
        "Helsinki",
        "aino",
        "Laskussa väärä osoite",
        "Hei, tilauksen FI-2001 laskussa on vanha osoitteeni. Voitteko korjata sen?",
        30,
        "Hei Matti, kiitos viestistä! Voisitko lähettää uuden osoitteesi?",
        "pending",
    ),
    DemoTicket(
        "maria.ivanova@example.com",
        "София",
        "elena",
        "Въпрос за доставката",
        "Здравейте, кога ще бъде изпратена поръчка BG-3001?",
        50,
        "Уважаема госпожо Иванова, поръчката ще бъде изпратена утре.",
        "solved",
    ),
    DemoTicket(
        "ion.popescu@example.com",
        "București",
        "andreea",
        "Rambursare pentru comanda RO-4001",
        "Bună ziua, am returnat comanda RO-4001 acum zece zile și nu am primit banii înapoi.",
        6,
        "Stimate domnule Popescu, verificăm plata și revenim astăzi.",
        "open",
        "urgent",
    ),
    DemoTicket(
        "mohammed.alotaibi@example.com",
        "الرياض",
        "layla",
        "استفسار عن الطلب SA-5002",
        "السلام عليكم، متى سيصل طلبي رقم SA-5002؟ لقد مر أسبوع على الطلب.",
        72,
    ),
    DemoTicket(
        "emily.carter@example.com",
        "New York",
        "james",
        "Wrong size in order US-6001",
        "Hi, I received a medium instead of a large. Can I exchange it?",
        20,
        "Hi Emily, sorry about that! We're checking the stock with the warehouse.",
        "on_hold",
    ),
    DemoTicket(
        "hans.mueller@example.com",
        "New York",
        "james",
        "Rechnung für Bestellung DE-7001",
        "Guten Tag, bitte senden Sie mir die Rechnung für meine Bestellung DE-7001.",
        120,
        "Sehr geehrter Herr Müller, anbei die Rechnung. Mit freundlichen Grüßen",
        "closed",
    ),
    DemoTicket(
        "taro.yamada@example.com",
        "New York",
        "james",
        "注文JP-8001について",
        "こんにちは。注文JP-8001の配送状況を教えていただけますか。",
        1,
    ),
)

POLICIES: tuple[tuple[str, int, list[str], int, int, int], ...] = (
    ("Urgent", 0, ["urgent"], 60, 120, 480),
    ("Standard", 1, [], 240, 480, 2880),
)


def _policies() -> int:
    created = 0
    for name, position, priorities, first, following, resolution in POLICIES:
        _policy, is_new = SlaPolicy.objects.get_or_create(
            name=name,
            defaults={
                "position": position,
                "priorities": priorities,
                "first_response_minutes": first,
                "next_response_minutes": following,
                "resolution_minutes": resolution,
            },
        )
        created += is_new
    return created


# Canned responses in every demo language and both registers. Formal Italian uses Lei,
# Finnish Te, Bulgarian a capitalised Вие, Romanian dumneavoastră and Arabic the plural of
# respect; informal texts use tu/sinä/ти/tu and, in Arabic, forms that read the same for
# a man or a woman. Greeting, closing and signature come from the placeholders.
FRAME = (
    "{{{{ customer.greeting }}}}\n\n{body}\n\n{{{{ customer.closing }}}}\n{{{{ agent.signature }}}}"
)

DEMO_CANNED: tuple[tuple[str, dict[tuple[str, str], str]], ...] = (
    (
        "Ask for the order number",
        {
            ("en", "formal"): "Thank you for contacting us about request {{ ticket.number }}. "
            "So that we can look into it, could you please send us your order number? You will "
            "find it in your order confirmation e-mail.",
            ("en", "informal"): "Thanks for getting in touch! Could you send us your order "
            "number? It's in your order confirmation e-mail, and with it we can check right away.",
            ("it", "formal"): "La ringraziamo per averci contattato in merito alla richiesta "
            "{{ ticket.number }}. Per poter verificare, potrebbe inviarci il numero del Suo "
            "ordine? Lo trova nell'e-mail di conferma dell'ordine.",
            ("it", "informal"): "Grazie per averci scritto! Puoi mandarci il numero del tuo "
            "ordine? Lo trovi nell'e-mail di conferma e con quello possiamo controllare subito.",
            ("fi", "formal"): "Kiitos yhteydenotostanne koskien pyyntöä {{ ticket.number }}. "
            "Voisitteko lähettää meille tilausnumeronne, jotta voimme selvittää asian? Löydätte "
            "sen tilausvahvistuksesta, jonka saitte sähköpostiinne.",
            ("fi", "informal"): "Kiitos viestistäsi! Voisitko lähettää meille tilausnumerosi? "
            "Löydät sen tilausvahvistuksesta, ja sen avulla pääsemme tarkistamaan asian heti.",
            ("bg", "formal"): "Благодарим Ви, че се свързахте с нас относно заявка "
            "{{ ticket.number }}. За да проверим, бихте ли ни изпратили номера на Вашата "
            "поръчка? Ще го намерите в имейла за потвърждение на поръчката.",
            ("bg", "informal"): "Благодарим ти, че ни писа! Можеш ли да ни изпратиш номера на "
            "поръчката си? Ще го намериш в имейла за потвърждение и с него ще проверим веднага.",
            ("ro", "formal"): "Vă mulțumim că ne-ați contactat în legătură cu solicitarea "
            "{{ ticket.number }}. Pentru a verifica, ne puteți trimite numărul comenzii "
            "dumneavoastră? Îl găsiți în e-mailul de confirmare a comenzii.",
            ("ro", "informal"): "Mulțumim că ne-ai scris! Ne poți trimite numărul comenzii "
            "tale? Îl găsești în e-mailul de confirmare și cu el putem verifica imediat.",
            ("ar", "formal"): "نشكركم على تواصلكم معنا بخصوص طلب الدعم رقم {{ ticket.number }}. "
            "حتى نتمكن من المتابعة، نرجو إرسال رقم الطلبية، وتجدونه في رسالة تأكيد الطلبية "
            "على بريدكم الإلكتروني.",
            ("ar", "informal"): "شكراً لرسالتك! هل يمكنك إرسال رقم الطلبية؟ هو موجود في رسالة "
            "تأكيد الطلبية، وبه نستطيع التحقق فوراً.",
        },
    ),
    (
        "Refund issued",
        {
            ("en", "formal"): "We have issued your refund today. Depending on your bank, it "
            "will appear on your statement within 5 to 10 business days.",
            ("en", "informal"): "Good news: we've sent your refund today. It usually shows up "
            "in your account within 5 to 10 business days, depending on your bank.",
            ("it", "formal"): "Le confermiamo che oggi abbiamo disposto il rimborso. A seconda "
            "della Sua banca, l'importo comparirà sul conto entro 5-10 giorni lavorativi.",
            ("it", "informal"): "Buone notizie: oggi abbiamo disposto il rimborso. Di solito "
            "arriva sul conto entro 5-10 giorni lavorativi, a seconda della tua banca.",
            ("fi", "formal"): "Olemme tänään maksaneet hyvityksen. Pankista riippuen se näkyy "
            "tilillänne 5–10 arkipäivän kuluessa.",
            ("fi", "informal"): "Hyviä uutisia: maksoimme hyvityksen tänään. Yleensä se näkyy "
            "tililläsi 5–10 arkipäivän kuluessa pankista riippuen.",
            ("bg", "formal"): "Днес възстановихме сумата по Вашата поръчка. В зависимост от "
            "Вашата банка тя ще се появи в сметката Ви в рамките на 5 до 10 работни дни.",
            ("bg", "informal"): "Добра новина: днес ти възстановихме сумата. Обикновено тя се "
            "появява в сметката до 5–10 работни дни, в зависимост от банката ти.",
            ("ro", "formal"): "Vă confirmăm că astăzi am efectuat rambursarea. În funcție de "
            "banca dumneavoastră, suma va apărea în cont în 5–10 zile lucrătoare.",
            ("ro", "informal"): "Vești bune: astăzi ți-am trimis rambursarea. De obicei apare "
            "în cont în 5–10 zile lucrătoare, în funcție de banca ta.",
            ("ar", "formal"): "نود إعلامكم بأننا أصدرنا اليوم المبلغ المسترد، وسيظهر في "
            "حسابكم خلال 5 إلى 10 أيام عمل، بحسب البنك الذي تتعاملون معه.",
            ("ar", "informal"): "خبر سار: أرسلنا المبلغ المسترد اليوم. عادةً يظهر في حسابك "
            "خلال 5 إلى 10 أيام عمل، بحسب البنك.",
        },
    ),
    (
        "Glad it is solved",
        {
            ("en", "formal"): "We are glad the matter has been resolved. If you have any "
            "further questions, simply reply to this e-mail and we will be happy to help.",
            ("en", "informal"): "Great to hear it's sorted! If anything else comes up, just "
            "reply to this e-mail.",
            ("it", "formal"): "Siamo lieti che la questione sia stata risolta. Per qualsiasi "
            "altra domanda può rispondere a questa e-mail: saremo felici di aiutarla.",
            ("it", "informal"): "Che bello che sia tutto risolto! Se ti serve altro, rispondi "
            "pure a questa e-mail.",
            ("fi", "formal"): "Hienoa, että asia on ratkennut. Jos teillä on vielä kysyttävää, "
            "vastatkaa tähän viestiin, niin autamme mielellämme.",
            ("fi", "informal"): "Kiva kuulla, että asia ratkesi! Jos tulee vielä jotain "
            "kysyttävää, vastaa vain tähän viestiin.",
            ("bg", "formal"): "Радваме се, че въпросът е решен. Ако имате други въпроси, "
            "просто отговорете на този имейл и с удоволствие ще Ви помогнем.",
            ("bg", "informal"): "Радваме се, че всичко е наред! Ако имаш още въпроси, просто "
            "отговори на този имейл.",
            ("ro", "formal"): "Ne bucurăm că problema a fost rezolvată. Dacă mai aveți "
            "întrebări, răspundeți pur și simplu la acest e-mail și vă vom ajuta cu plăcere.",
            ("ro", "informal"): "Ne bucurăm că s-a rezolvat totul! Dacă mai ai nevoie de ceva, "
            "răspunde pur și simplu la acest e-mail.",
            ("ar", "formal"): "يسعدنا أنه تم حل المسألة. وإن كانت لديكم أي أسئلة أخرى، يكفي "
            "الرد على هذه الرسالة وسنكون سعداء بمساعدتكم.",
            ("ar", "informal"): "يسعدنا أن كل شيء أصبح على ما يرام! إذا احتجت إلى أي شيء آخر، "
            "يكفي الرد على هذه الرسالة.",
        },
    ),
)


def load_demo_canned() -> int:
    """Create the demo canned responses that are missing (by name); return how many."""
    created = 0
    for name, texts in DEMO_CANNED:
        if CannedResponse.objects.filter(name=name).exists():
            continue
        variants = [
            VariantData(language=language, register=register, body=FRAME.format(body=text))
            for (language, register), text in texts.items()
        ]
        canned_save(response=None, name=name, variants=variants, actor=Actor.system())
        created += 1
    return created


def _answer(ticket: Ticket, spec: DemoTicket, agent: User) -> None:
    actor = Actor(user=agent)
    message_add(ticket=ticket, data=MessageData(body_text=spec.answer), actor=actor)
    path = {"solved": ["solved"], "closed": ["solved", "closed"]}.get(spec.status, [spec.status])
    for status in path:
        if status and status != "open":
            ticket_update(
                ticket=ticket,
                changes=TicketChanges(status=status),
                expected_version=None,
                actor=actor,
            )


def load_demo_tickets() -> int:
    """Create the SLA policies, canned responses and demo tickets that are missing; return
    how many."""
    created = _policies() + load_demo_canned()
    now = timezone.now()
    for spec in TICKETS:
        owner = CustomerEmail.objects.select_related("customer").get(address=spec.email).customer
        if Ticket.objects.filter(customer=owner, subject=spec.subject).exists():
            continue
        team = Team.objects.get(name=spec.team)
        agent = User.objects.get(username=spec.agent)
        ticket = ticket_create(
            data=TicketData(
                subject=spec.subject,
                customer=owner,
                team=team,
                assignee=agent,
                channel="email",
                priority=spec.priority,
                created_at=now - timedelta(hours=spec.hours_ago),
                message=MessageData(body_text=spec.question, author_kind="customer"),
            ),
            actor=Actor.system(),
        )
        if spec.answer:
            _answer(ticket, spec, agent)
        created += 1
    sla_scan(now=now)
    return created
