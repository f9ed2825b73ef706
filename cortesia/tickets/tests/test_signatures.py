"""Replies are signed under the closing: the agent's name, their signature for the
customer's language, and the company's (else the team's) name."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from pytest_django import DjangoCaptureOnCommitCallbacks

from cortesia.accounts.models import Team, User
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.customers.services import CustomerData, customer_create
from cortesia.mail.mailboxes import mailbox_create
from cortesia.tickets.composer import agent_signature, signing_name
from cortesia.tickets.models import AgentSignature, ReplySettings, Ticket
from cortesia.tickets.services import MessageData, TicketData, ticket_create
from cortesia.tickets.signatures import DEFAULT, company_name_save, signature_save

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _ticket(team: Team, data: CustomerData) -> Ticket:
    mailbox_create(name="support", address="support@shop.example", team=team, actor=Actor.system())
    return ticket_create(
        data=TicketData(
            subject="Pacco",
            customer=customer_create(data=data, actor=Actor.system()),
            team=team,
            channel="email",
            message=MessageData(body_text="?", author_kind="customer"),
        ),
        actor=Actor.system(),
    )


def _reply(
    client: Client, ticket: Ticket, words: str, capture: DjangoCaptureOnCommitCallbacks
) -> tuple[str, str]:
    """Send ``words`` between the prefilled greeting and sign-off; return the composer's
    prefill and the text of the mail the customer gets."""
    initial = client.get(f"/tickets/{ticket.uid}/").context["form"].initial
    prefill = initial["body"]
    with capture(execute=True):
        response = client.post(
            f"/tickets/{ticket.uid}/",
            {
                "version": initial["version"],
                "submission": initial["submission"],
                "body": prefill.replace("\n\n\n\n", f"\n\n{words}\n\n", 1),
                "kind": "reply",
            },
        )
    assert response.status_code == 302
    [sent] = mail.outbox
    return prefill, str(sent.body)


def test_an_italian_reply_is_signed_with_name_signature_and_company(
    alice_client: Client,
    alice: User,
    admin_user: User,
    team_rome: Team,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    # given
    signature_save(
        agent=alice,
        texts={"it": "Assistenza clienti\nTel. 06 1234 5678", "en": "Customer care"},
        actor=Actor(user=alice),
    )
    company_name_save(name="Negozio Bello", actor=Actor(user=admin_user))
    ticket = _ticket(
        team_rome,
        CustomerData(
            given_name="Giulia",
            surname="Rossi",
            title="ms",
            country="IT",
            language="it",
            emails=["giulia@example.it"],
        ),
    )
    # when
    prefill, text = _reply(
        alice_client, ticket, "il pacco arriva domani.", django_capture_on_commit_callbacks
    )
    # then: the composer shows the sign-off, and the mail carries it exactly
    assert prefill == (
        "Gentile Signora Rossi,\n\n\n\nCordiali saluti,\nAlice Rossi\n"
        "Assistenza clienti\nTel. 06 1234 5678\nNegozio Bello"
    )
    assert text == (
        "Gentile Signora Rossi,\n\nil pacco arriva domani.\n\nCordiali saluti,\nAlice Rossi\n"
        "Assistenza clienti\nTel. 06 1234 5678\nNegozio Bello"
    )


def test_an_arabic_reply_is_signed_in_arabic_and_falls_back_to_the_team_name(
    charlie: User,
    team_riyadh: Team,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    # given: no company name is set, so the team's name signs
    User.objects.filter(pk=charlie.pk).update(first_name="خالد", last_name="العتيبي")
    charlie.refresh_from_db()
    signature_save(agent=charlie, texts={"ar": "خدمة العملاء"}, actor=Actor(user=charlie))
    ticket = _ticket(
        team_riyadh,
        CustomerData(
            given_name="ليلى",
            surname="حداد",
            country="SA",
            language="ar",
            emails=["layla@example.sa"],
        ),
    )
    client = Client()
    client.force_login(charlie)
    # when
    prefill, text = _reply(client, ticket, "سيصل طلبك غدًا.", django_capture_on_commit_callbacks)
    # then
    assert prefill == (
        "ليلى حداد، تحية طيبة وبعد،\n\n\n\nوتفضلوا بقبول فائق الاحترام والتقدير،\n"
        "خالد العتيبي\nخدمة العملاء\nRiyadh"
    )
    assert text == (
        "ليلى حداد، تحية طيبة وبعد،\n\nسيصل طلبك غدًا.\n\n"
        "وتفضلوا بقبول فائق الاحترام والتقدير،\nخالد العتيبي\nخدمة العملاء\nRiyadh"
    )


def test_agents_set_their_own_signature_and_only_admins_the_company_name(
    alice_client: Client, admin_client: Client, alice: User, bob: User
) -> None:
    # an agent saves their signature for two languages; the company name is not theirs
    page = alice_client.get("/tickets/signature/").content.decode()
    assert 'name="signature_ar"' in page
    assert 'name="company_name"' not in page
    saved = alice_client.post(
        "/tickets/signature/",
        {
            "signature_it": " Assistenza   clienti ",
            "signature_fi": "Asiakaspalvelu",
            "company_name": "X",
        },
    )
    assert saved.status_code == 302
    assert dict(AgentSignature.objects.filter(user=alice).values_list("language", "text")) == {
        "it": "Assistenza clienti",
        "fi": "Asiakaspalvelu",
    }
    assert not ReplySettings.objects.exists()
    audited = AuditEvent.objects.filter(actor=alice)
    assert list(audited.values_list("action", "object_label", "data")) == [
        ("user_update", "alice", {"signature": ["fi", "it"]})
    ]
    # saving the same again changes and records nothing
    alice_client.post(
        "/tickets/signature/",
        {"signature_it": "Assistenza clienti", "signature_fi": "Asiakaspalvelu"},
    )
    assert audited.count() == 1
    # an administrator names the company
    assert (
        admin_client.post("/tickets/signature/", {"company_name": "Negozio Bello"}).status_code
        == 302
    )
    assert ReplySettings.objects.get().company_name == "Negozio Bello"
    assert list(
        AuditEvent.objects.filter(object_type="reply_settings").values_list("action", "data")
    ) == [("setting_change", {"company_name": ["", "Negozio Bello"]})]
    # nobody else's signature, and not too long
    from cortesia.core.errors import FieldErrors, Forbidden

    with pytest.raises(Forbidden):
        signature_save(agent=bob, texts={"it": "Bob"}, actor=Actor(user=alice))
    with pytest.raises(FieldErrors):
        signature_save(agent=alice, texts={"it": "a\nb\nc\nd\ne"}, actor=Actor(user=alice))
    with pytest.raises(Forbidden):
        company_name_save(name="Mio", actor=Actor(user=alice))
    assert AgentSignature.objects.filter(user=bob).count() == 0


@pytest.mark.parametrize(
    ("_case", "company", "team_name", "from_email", "expected"),
    [
        ("company first", "Ottica Bellini", "Roma", "Cortesia <c@x.example>", "Ottica Bellini"),
        ("else the team", "", "Roma", "Cortesia <c@x.example>", "Roma"),
        ("else the site's sender", "", None, "Cortesia <c@x.example>", "Cortesia"),
        ("else nothing", "", None, "c@x.example", ""),
        ("one line", "Ottica\nBellini", None, "c@x.example", "Ottica Bellini"),
    ],
)
def test_every_customer_mail_is_signed_by_one_rule(
    settings: object,
    _case: str,
    company: str,
    team_name: str | None,
    from_email: str,
    expected: str,
) -> None:
    settings.DEFAULT_FROM_EMAIL = from_email  # type: ignore[attr-defined]
    if company:
        ReplySettings.objects.create(company_name=company)
    team = Team.objects.create(name=team_name) if team_name else None
    assert signing_name(team) == expected


def test_a_refused_company_name_leaves_the_signatures_unsaved(admin_user: User) -> None:
    from cortesia.core.errors import FieldErrors
    from cortesia.tickets.signatures import reply_signing_save

    with pytest.raises(FieldErrors):
        reply_signing_save(
            agent=admin_user,
            texts={"it": "Assistenza clienti"},
            company="x" * 201,
            actor=Actor(user=admin_user),
        )
    assert AgentSignature.objects.filter(user=admin_user).count() == 0
    assert ReplySettings.objects.count() == 0
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.SETTING_CHANGE).exists()


def test_each_language_is_signed_with_its_own_lines_else_the_default(
    alice: User, team_rome: Team
) -> None:
    # Given Alice's Italian, Arabic and default signatures
    signature_save(
        agent=alice,
        texts={"it": "Assistenza clienti", "ar": "خدمة العملاء", DEFAULT: "Customer care"},
        actor=Actor(user=alice),
    )
    # Then each language takes its own, a regional variant its base, any other the default
    assert agent_signature(alice, "it") == "Assistenza clienti"
    assert agent_signature(alice, "it-CH") == "Assistenza clienti"
    assert agent_signature(alice, "ar") == "خدمة العملاء"
    assert agent_signature(alice, "fi") == "Customer care"
    # And without a default, a language without its own is signed with nothing
    signature_save(agent=alice, texts={DEFAULT: ""}, actor=Actor(user=alice))
    assert agent_signature(alice, "fi") == ""


def test_a_finnish_reply_is_signed_with_the_default(
    alice_client: Client,
    alice: User,
    team_rome: Team,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    signature_save(
        agent=alice,
        texts={"it": "Assistenza clienti", DEFAULT: "Customer care, Roma"},
        actor=Actor(user=alice),
    )
    ticket = _ticket(
        team_rome,
        CustomerData(
            given_name="Aino", surname="Virtanen", language="fi", emails=["aino@example.fi"]
        ),
    )
    prefill, _text = _reply(
        alice_client, ticket, "Paketti tulee huomenna.", django_capture_on_commit_callbacks
    )
    assert prefill.endswith("\nAlice Rossi\nCustomer care, Roma\nRoma")
    assert "Assistenza" not in prefill


def test_the_signature_page_edits_the_languages_side_by_side(
    alice_client: Client, alice: User
) -> None:
    # Given Alice's Italian and Arabic lines
    signature_save(
        agent=alice,
        texts={"it": "Assistenza clienti", "ar": "خدمة العملاء"},
        actor=Actor(user=alice),
    )
    page = alice_client.get("/tickets/signature/").content.decode()
    # Then each language has its box, laid out in its direction, with its lines
    assert 'class="variants-grid" data-testid="signature-languages"' in page
    assert (
        '<textarea name="signature_ar" cols="40" rows="3" dir="rtl" lang="ar" maxlength="500"'
        ' id="id_signature_ar">\nخدمة العملاء</textarea>'
    ) in page
    assert 'dir="ltr" lang="it" maxlength="500" id="id_signature_it">\nAssistenza clienti' in page
    assert page.index('name="signature_en"') < page.index('name="signature_default"')
    # When she writes a default and empties the Arabic box
    response = alice_client.post(
        "/tickets/signature/",
        {"signature_it": "Assistenza clienti", "signature_ar": "", "signature_default": "Care"},
    )
    # Then the default is kept, the Arabic one gone, and both changes audited
    assert response.status_code == 302
    assert dict(AgentSignature.objects.filter(user=alice).values_list("language", "text")) == {
        "it": "Assistenza clienti",
        "": "Care",
    }
    assert AuditEvent.objects.filter(actor=alice).latest("id").data == {
        "signature": ["default", "ar"]
    }
