"""Every staff page and every portal page in a real browser, in English and in Arabic.

Each page must keep to our content security policy, log no error and pass axe-core's WCAG
2.1 A/AA rules with no serious or critical violation.

The staff pages come from the URL conf: each pattern outside the API, the admin and the
portal is filled with the ids of a small data set (a customer, a ticket, a segment, an
import) and asked for with the test client first; what answers 405 (a POST-only action)
a redirect, or something other than HTML (a download, JSON) is not a page. A page fails on any
violation of our content security policy, any console error or any uncaught script error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import LazySettings, settings
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.invitations import InvitationData, invitation_create
from cortesia.accounts.models import Role, User
from cortesia.accounts.services import team_create
from cortesia.automations.services import MacroData, automation_save, macro_save, trigger_save
from cortesia.automations.services import RuleData as AutomationRuleData
from cortesia.calendars.services import calendar_create
from cortesia.core.actor import Actor
from cortesia.customers.custom_fields import CustomFieldData, custom_field_create
from cortesia.customers.importing import import_start
from cortesia.customers.models import Customer, CustomerImport, Segment
from cortesia.customers.organizations import OrganizationData, organization_create
from cortesia.customers.segments import SegmentData, segment_create
from cortesia.customers.services import CustomerData, customer_create
from cortesia.feedback.answers import response_record
from cortesia.feedback.mention_signing import source_create
from cortesia.feedback.mentions import MentionData, mention_ingest
from cortesia.feedback.models import (
    MentionSource,
    Survey,
    SurveyInvitation,
    SurveyResponse,
    SurveyTrigger,
)
from cortesia.feedback.surveys import SurveyData, survey_create
from cortesia.feedback.tokens import token_digest
from cortesia.knowledge.models import ArticleTranslation
from cortesia.knowledge.services import (
    ArticleData,
    TranslationData,
    article_create,
    category_create,
    section_create,
)
from cortesia.mail.mailboxes import mailbox_create
from cortesia.messaging.services import ChannelData, channel_create
from cortesia.portal.links import link_issue
from cortesia.reports.spend import SpendData, spend_create
from cortesia.sla.policies import PolicyData, policy_save
from cortesia.testing.fixtures import make_user
from cortesia.testing.streams import stream_server
from cortesia.tickets.canned import VariantData, canned_save
from cortesia.tickets.models import Ticket
from cortesia.tickets.routing_admin import RuleData, routing_rule_save
from cortesia.tickets.services import MessageData, TicketData, ticket_create
from cortesia.tickets.staffing import LeaveData, leave_create
from cortesia.webhooks.services import subscription_create, subscription_send_test
from tests.e2e.accessibility import accessibility_problems

pytestmark = pytest.mark.e2e

LANGUAGES = ("en", "ar")
# Collected inside each page: the browser's report of every blocked resource or inline code.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`
    + ` (${event.sourceFile || "page"}:${event.lineNumber})`
  );
});
"""
# The chat console's and widget's endpoints answer JSON to scripts, and the messaging
# providers post to their webhooks: none of them is a page.
NOT_STAFF_PAGES = (
    "api/",
    "admin/",
    "portal/",
    "help/",
    "survey/",
    "chat/console/",
    "chat/widget/",
    "messaging/",
)


STREAMING_PAGES = frozenset({"/chat/"})


@pytest.fixture(autouse=True)
def chat_streams(transactional_db: None, settings: LazySettings) -> Iterator[None]:
    """Serve the chat streams, as ``cortesia serve`` does: the console opens one on load."""
    with stream_server() as streams:
        settings.STREAM_URL = f"http://127.0.0.1:{streams.port}"
        yield


@dataclass(frozen=True)
class Data:
    staff: dict[str, User]
    customers: dict[str, Customer]
    ticket: Ticket
    segment: Segment
    record: CustomerImport
    settings: dict[str, str]  # the uid (or token) of one object of each settings page


def _settings_objects(admin: User) -> dict[str, str]:
    """One object of each kind the settings pages edit, built through their services; the
    uid of each (and the invitation's token, read from its mail)."""
    actor = Actor(user=admin)
    team = team_create(name="Helsinki", languages=["fi"], time_zone="Europe/Helsinki", actor=actor)
    calendar = calendar_create(name="Helsinki hours", time_zone="Europe/Helsinki", actor=actor)
    policy = policy_save(
        policy=None, data=PolicyData(name="Standard", first_response_minutes=60), actor=actor
    )
    rule = routing_rule_save(
        rule=None, data=RuleData(name="Finnish", languages=["fi"], team=team), actor=actor
    )
    canned = canned_save(
        response=None,
        name="Thanks",
        variants=[VariantData(language="en", body="Thank you.")],
        actor=actor,
    )
    field = custom_field_create(
        data=CustomFieldData(key="tier", label="Tier", field_type="text"), actor=actor
    )
    mailbox = mailbox_create(name="support", address="support@example.com", team=team, actor=actor)
    leave = leave_create(
        user=admin,
        data=LeaveData(first_day=date(2030, 1, 2), last_day=date(2030, 1, 3)),
        actor=actor,
    )
    organization = organization_create(
        data=OrganizationData(name="Kesko Oyj", calendar=calendar), actor=actor
    )
    trigger = trigger_save(
        trigger=None,
        data=AutomationRuleData(
            name="Finnish first",
            when=["created"],
            conditions=[{"field": "language", "operator": "is", "value": "fi"}],
            actions=[{"kind": "add_tags", "value": "fi"}],
        ),
        actor=actor,
    )
    timed = automation_save(
        automation=None,
        data=AutomationRuleData(
            name="Remind",
            status="pending",
            hours=24,
            actions=[{"kind": "add_tags", "value": "reminded"}],
        ),
        actor=actor,
    )
    macro = macro_save(
        macro=None,
        data=MacroData(
            name="Tag it", personal=False, actions=[{"kind": "add_tags", "value": "tagged"}]
        ),
        actor=actor,
    )
    hook = subscription_create(
        url="http://127.0.0.1:9/cortesia", events=["ticket.created"], actor=actor
    ).subscription
    delivery = subscription_send_test(subscription=hook, actor=actor)
    channel = channel_create(
        data=ChannelData(kind="whatsapp", name="Shop WhatsApp", account="106540352242922"),
        actor=actor,
    )
    category = category_create(names={"en": "Orders"}, actor=actor)
    section = section_create(category=category, names={"en": "Delivery"}, actor=actor)
    article = article_create(
        data=ArticleData(section=section, source_language="en"),
        first=TranslationData("en", "Where is my parcel?", "Follow the tracking link."),
        actor=actor,
    )
    assert ArticleTranslation.objects.filter(article=article).count() == 1
    invitation = invitation_create(
        data=InvitationData(email="nora@example.fi", role="agent", language="fi"), actor=actor
    )
    token = re.search(r"/invitation/([^/\s]+)/", str(mail.outbox[-1].body))
    assert token is not None, mail.outbox[-1].body
    survey = survey_create(
        data=SurveyData(name="After a request", kind="csat", trigger=SurveyTrigger.TICKET_SOLVED),
        actor=actor,
    )
    source = source_create(name="Google reviews", kind="google", actor=actor).source
    spend = spend_create(
        data=SpendData(
            starts_on=date(2026, 11, 1),
            ends_on=date(2026, 11, 30),
            channel="Search ads",
            country="IT",
            currency="EUR",
            amount=Decimal("1200.00"),
        ),
        actor=actor,
    )
    return {
        "spend": str(spend.uid),
        "survey": str(survey.uid),
        "mention_source": str(source.uid),
        "team": str(team.uid),
        "calendar": str(calendar.uid),
        "policy": str(policy.uid),
        "rule": str(rule.uid),
        "canned": str(canned.uid),
        "field": str(field.uid),
        "mailbox": str(mailbox.uid),
        "invitation": str(invitation.uid),
        "leave": str(leave.uid),
        "trigger": str(trigger.uid),
        "organization": str(organization.uid),
        "timed": str(timed.uid),
        "macro": str(macro.uid),
        "webhook": str(hook.uid),
        "delivery": str(delivery.uid),
        "channel": str(channel.uid),
        "kb_category": str(category.uid),
        "kb_section": str(section.uid),
        "kb_article": str(article.uid),
        "invitation_token": token.group(1),
    }


@pytest.fixture
def data(transactional_db: None, settings: object, tmp_path: Path) -> Data:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    # The webhook of the data set points at a closed port on this machine.
    settings.CORTESIA_OUTBOUND_ALLOWLIST = ["127.0.0.1/32"]  # type: ignore[attr-defined]
    staff = {
        "en": make_user("ada", Role.ADMIN, first_name="Ada", language="en"),
        "ar": make_user("amal", Role.ADMIN, first_name="أمل", language="ar"),
    }
    actor = Actor(user=staff["en"])
    customers = {
        "en": customer_create(
            data=CustomerData(
                given_name="Grace",
                surname="Hopper",
                country="US",
                language="en",
                time_zone="America/New_York",
                emails=["grace@example.com"],
            ),
            actor=actor,
        ),
        "ar": customer_create(
            data=CustomerData(
                given_name="عمر",
                surname="الحربي",
                country="SA",
                language="ar",
                time_zone="Asia/Riyadh",
                emails=["omar@example.sa"],
            ),
            actor=actor,
        ),
    }
    tickets = [
        ticket_create(
            data=TicketData(
                subject=subject,
                customer=customers[language],
                channel=Ticket.Channel.WEB,
                message=MessageData(body_text=body, author_kind="customer"),
            ),
            actor=Actor.system(),
        )
        for language, subject, body in (
            ("en", "Order 4411 has not arrived", "My order 4411 has not arrived yet."),
            ("ar", "الطلب 4411 لم يصل", "لم يصل طلبي رقم 4411 بعد."),
        )
    ]
    segment = segment_create(
        data=SegmentData(
            name="Saudi customers",
            description="Everyone in Saudi Arabia.",
            rules={"op": "and", "rules": [{"field": "country", "operator": "in", "value": ["SA"]}]},
        ),
        actor=actor,
    )
    record = import_start(
        upload=SimpleUploadedFile(
            "people.csv", b"given_name,surname,email\nAino,Virtanen,aino@example.fi\n"
        ),
        kind="customers",
        source="shop",
        is_dry_run=True,
        actor=actor,
    )
    objects = _settings_objects(staff["en"])
    return Data(
        staff, customers, tickets[1], segment, record, objects | _feedback(customers, objects)
    )


def _feedback(customers: dict[str, Customer], objects: dict[str, str]) -> dict[str, str]:
    """A survey invitation with its link for each customer (the English one answered) and a
    mention: the customer's survey pages and the staff's feedback pages show them."""
    found: dict[str, str] = {}
    survey = Survey.objects.get(uid=objects["survey"])
    for language, customer in customers.items():
        token = f"survey-link-of-the-{language}-customer-0123456789ab"
        invitation = SurveyInvitation.objects.create(
            survey=survey,
            kind=survey.kind,
            customer=customer,
            channel="email",
            dedupe_key=f"page-tour:{language}",
            state="sent",
            trigger_at=timezone.now(),
            scheduled_for=timezone.now(),
            sent_at=timezone.now(),
            expires_at=timezone.now() + timedelta(days=30),
            time_zone=customer.time_zone,
            zone_source="customer",
            token_digest=token_digest(token),
            language=language,
            register="formal",
            country=customer.country,
        )
        found[f"survey_token_{language}"] = token
        found[f"survey_invitation_{language}"] = str(invitation.uid)
    answered = SurveyInvitation.objects.get(dedupe_key="page-tour:en")
    response = response_record(
        invitation=answered, score=4, comment="Quick and kind.", answers={}, via="page"
    )
    assert isinstance(response, SurveyResponse)
    found["response"] = str(response.uid)
    source = MentionSource.objects.get(uid=objects["mention_source"])
    mention, _created = mention_ingest(
        source=source,
        data=MentionData(
            external_id="review-1",
            text="الطلب وصل متأخر ولا أحد يرد",
            published_at=timezone.now(),
            author_name="سارة",
        ),
        via="demo",
    )
    found["mention"] = str(mention.uid)
    return found


def _patterns(
    patterns: list[URLPattern | URLResolver], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    """Yield (route, name) of every pattern in the URL conf, with namespaces."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif pattern.name:
            yield prefix + str(pattern.pattern), namespace + pattern.name


def _arguments(name: str, data: Data) -> dict[str, str] | None:
    """The path arguments of the named URL from the data set; None when there is none."""
    user = data.staff["en"]
    by_name: dict[str, dict[str, str]] = {
        "accounts:password-reset-confirm": {
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
        "customers:import-detail": {"uid": str(data.record.uid)},
        "customers:segment-edit": {"uid": str(data.segment.uid)},
        "customers:segment-delete": {"uid": str(data.segment.uid)},
    }
    if name in by_name:
        return by_name[name]
    settings_uid = _settings_argument(name, data)
    if settings_uid is not None:
        return settings_uid
    if "attachment" in name:  # a file download, not a page
        return None
    if name.startswith("knowledge:"):
        return _knowledge_argument(name, data)
    if name.startswith("feedback:response-"):
        return {"uid": data.settings["response"]}
    if name.startswith("feedback:mention-"):
        return {"uid": data.settings["mention"]}
    if name.startswith("customers:customer-"):
        return {"uid": str(data.customers["ar"].uid)}
    if name == "tickets:customer-call":
        return {"uid": str(data.customers["ar"].uid)}
    if name.startswith(("tickets:", "automations:", "mail:ticket-", "knowledge-staff:")):
        return {"uid": str(data.ticket.uid)}
    return None


def _knowledge_argument(name: str, data: Data) -> dict[str, str] | None:
    """The path arguments of a knowledge-base editor page."""
    if name == "knowledge:category-edit":
        return {"uid": data.settings["kb_category"]}
    if name == "knowledge:section-edit":
        return {"uid": data.settings["kb_section"]}
    article = {"uid": data.settings["kb_article"]}
    if name == "knowledge:translation-restore":
        return {**article, "language": "en", "number": "1"}
    if name.startswith("knowledge:translation-"):
        return {**article, "language": "en"}
    return article


# Settings pages by URL name prefix: which object's uid fills their path.
SETTINGS_OBJECTS = {
    "staff-settings:user-": "user",
    "staff-settings:team-": "team",
    "staff-settings:invitation-": "invitation",
    "calendar-settings:": "calendar",
    "sla-settings:": "policy",
    "desk-settings:routing-rule-": "rule",
    "desk-settings:shift-": "user",
    "desk-settings:agent-profile": "user",
    "desk-settings:leave-create": "user",
    "desk-settings:team-assignment": "team",
    "desk-settings:leave-delete": "leave",
    "canned-settings:": "canned",
    "field-settings:": "field",
    "mailbox-settings:": "mailbox",
    "customers:organization-": "organization",
    "automation-settings:trigger-": "trigger",
    "automation-settings:automation-": "timed",
    "automation-settings:macro-": "macro",
    "webhook-settings:webhook-": "webhook",
    "webhook-settings:delivery-": "delivery",
    "feedback-settings:survey-": "survey",
    "mention-settings:source-": "mention_source",
    "report-settings:spend-": "spend",
    "messaging-settings:channel-": "channel",
}


def _settings_argument(name: str, data: Data) -> dict[str, str] | None:
    """The path arguments of a settings page, or None when ``name`` is not one of them."""
    if name == "accounts:invitation-accept":
        return {"token": data.settings["invitation_token"]}
    for prefix, kind in SETTINGS_OBJECTS.items():
        if name.startswith(prefix):
            uid = str(data.staff["en"].uid) if kind == "user" else data.settings[kind]
            return {"uid": uid}
    return None


def staff_pages(data: Data) -> list[str]:
    """Every staff URL that answers a signed-in admin's GET with an HTML page."""
    client = Client()
    client.force_login(data.staff["en"])
    pages = []
    for route, name in _patterns(get_resolver().url_patterns):
        if route.startswith(NOT_STAFF_PAGES):
            continue
        arguments = _arguments(name, data) if "<" in route else {}
        if arguments is None:
            # A route with ids the data set has no value for: only file downloads.
            assert "attachment" in name, f"No data for the page {name} ({route})."
            continue
        path = reverse(name, kwargs=arguments)
        response = client.get(path)
        # 405: an action, only for forms to post to; 302: an address that leads elsewhere.
        if response.status_code in (302, 405):
            continue
        assert response.status_code == 200, f"{path} answered {response.status_code}"
        if not response["Content-Type"].startswith("text/html"):  # JSON, downloads
            continue
        pages.append(path)
    return pages


def _context(page: Page, live_server: LiveServer, language: str) -> BrowserContext:
    browser = page.context.browser
    assert browser is not None
    context = browser.new_context(base_url=live_server.url, locale=language)
    context.set_default_timeout(5_000)
    context.add_init_script(LISTEN)
    return context


def _sign_in_staff(context: BrowserContext, live_server: LiveServer, user: User) -> None:
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


class Problems:
    """Console errors, uncaught exceptions, policy and (on our own pages) accessibility
    violations of one browser page, with the URL they hit. Django's admin and the API
    explorer are other projects' pages: they are held to the policy only."""

    def __init__(self, page: Page, *, accessibility: bool = True) -> None:
        self.found: list[str] = []
        self.accessibility = accessibility
        self.expected_failure = False
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.found.append(f"{page.url}: {error}"))
        self.page = page

    def _console(self, message: ConsoleMessage) -> None:
        if message.type not in ("error", "warning"):
            return
        if self.expected_failure and message.location.get("url") == self.page.url:
            return  # the browser's note on the page's own error status, asked for
        self.found.append(f"{self.page.url}: console {message.type}: {message.text}")

    def visit(self, path: str, status: int = 200) -> None:
        """Open ``path``, expect ``status`` and collect what the page did wrong."""
        self.expected_failure = status >= 400
        # The chat console keeps its event stream open, so its network is never idle: wait
        # until its list of chats has been read instead.
        streams = path in STREAMING_PAGES
        response = self.page.goto(path, wait_until="load" if streams else "networkidle")
        assert response is not None
        assert response.status == status, f"{path} answered {response.status}"
        if streams:
            expect(self.page.locator("[data-chat-connection]")).to_have_text("")
            expect(self.page.locator("[data-chat-empty]")).to_be_visible()
        self.collect()
        self.expected_failure = False

    def collect(self) -> None:
        """Add the page's policy violations, then its serious and critical accessibility
        violations (axe runs after the policy's report is read: its own injected code is
        the test's, not the page's)."""
        violations = self.page.evaluate("window.__cspViolations || []")
        self.found.extend(f"{self.page.url}: CSP {violation}" for violation in violations)
        if self.accessibility:
            self.found.extend(accessibility_problems(self.page))


def test_the_crawl_covers_the_main_staff_pages(data: Data) -> None:
    pages = staff_pages(data)
    expected = {
        "/",
        "/login/",
        "/account/security/",
        "/audit/",
        "/customers/",
        f"/customers/{data.customers['ar'].uid}/",
        f"/customers/{data.customers['ar'].uid}/edit/",
        "/customers/imports/",
        f"/customers/imports/{data.record.uid}/",
        "/customers/segments/",
        "/customers/segments/new/",
        f"/customers/segments/{data.segment.uid}/",
        "/tickets/",
        f"/tickets/{data.ticket.uid}/",
        "/password-reset/",
        "/settings/",
        f"/settings/staff/{data.staff['en'].uid}/",
        f"/settings/teams/{data.settings['team']}/",
        f"/settings/shifts/agents/{data.staff['en'].uid}/",
        f"/settings/calendars/{data.settings['calendar']}/",
        f"/settings/sla/{data.settings['policy']}/",
        f"/settings/routing/rules/{data.settings['rule']}/",
        f"/settings/canned/{data.settings['canned']}/",
        f"/settings/custom-fields/{data.settings['field']}/",
        f"/settings/mailboxes/{data.settings['mailbox']}/",
        f"/invitation/{data.settings['invitation_token']}/",
        "/feedback/",
        "/feedback/mentions/",
        f"/feedback/responses/{data.settings['response']}/",
        f"/feedback/mentions/{data.settings['mention']}/",
        "/settings/surveys/",
        "/settings/surveys/options/",
        f"/settings/surveys/{data.settings['survey']}/",
        "/settings/mention-sources/",
        f"/settings/mention-sources/{data.settings['mention_source']}/",
        "/chat/",
        "/chat/demo/",
    }
    assert expected <= set(pages)
    # POST-only actions and downloads are not pages.
    assert "/logout/" not in pages
    assert "/tickets/bulk/" not in pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_staff_page_keeps_to_the_security_policy(
    data: Data, page: Page, live_server: LiveServer, language: str
) -> None:
    pages = staff_pages(data)
    context = _context(page, live_server, language)
    _sign_in_staff(context, live_server, data.staff[language])
    browser_page = context.new_page()
    problems = Problems(browser_page)
    for path in pages:
        problems.visit(path)
        expect(browser_page.locator("html"), path).to_have_attribute("lang", language)
    problems.visit("/no/such/page/", status=404)
    context.close()
    assert problems.found == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_portal_page_keeps_to_the_security_policy(
    data: Data, page: Page, live_server: LiveServer, language: str
) -> None:
    customer = data.customers[language]
    ticket = Ticket.objects.get(customer=customer)
    context = _context(page, live_server, language)
    browser_page = context.new_page()
    problems = Problems(browser_page)
    for path in (
        "/portal/sign-in/",
        "/portal/sign-in/sent/",
        "/portal/requests/new/",
        "/portal/requests/sent/",
    ):
        problems.visit(path)
    problems.visit("/portal/sign-in/not-a-link/", status=404)
    problems.visit("/portal/no/such/page/", status=404)
    issued = link_issue(customer=customer, address=customer.emails.get().address)
    problems.visit(f"/portal/sign-in/{issued.token}/")
    with browser_page.expect_navigation(wait_until="networkidle"):
        browser_page.click("[data-testid=portal-confirm]")
    problems.collect()
    invitation = data.settings[f"survey_invitation_{language}"]
    for path in (
        "/portal/",
        f"/portal/requests/{ticket.uid}/",
        "/portal/requests/new/",
        f"/portal/surveys/{invitation}/",
    ):
        problems.visit(path)
        expect(browser_page.locator("html")).to_have_attribute("lang", language)
    context.close()
    assert problems.found == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_survey_page_keeps_to_the_security_policy(
    data: Data, page: Page, live_server: LiveServer, language: str
) -> None:
    context = _context(page, live_server, language)
    browser_page = context.new_page()
    problems = Problems(browser_page)
    token = data.settings[f"survey_token_{language}"]  # the English one is answered already
    for path in (f"/survey/{token}/?score=4", f"/survey/{token}/unsubscribe/"):
        problems.visit(path)
        expect(browser_page.locator("html")).to_have_attribute("lang", language)
        expect(browser_page.locator("html")).to_have_attribute(
            "dir", "rtl" if language == "ar" else "ltr"
        )
    problems.visit("/survey/not-a-link/", status=404)
    context.close()
    assert problems.found == []


def test_the_admin_and_the_api_explorer_keep_to_the_security_policy(
    data: Data, page: Page, live_server: LiveServer
) -> None:
    user = data.staff["en"]
    context = _context(page, live_server, "en")
    _sign_in_staff(context, live_server, user)
    browser_page = context.new_page()
    problems = Problems(browser_page, accessibility=False)
    for path in ("/admin/", "/admin/accounts/user/", f"/admin/accounts/user/{user.pk}/change/"):
        problems.visit(path)
        expect(browser_page.locator("#content"), path).to_be_visible()
    problems.visit("/api/v1/docs")
    expect(browser_page.locator(".opblock").first).to_be_visible()  # the explorer drew itself
    problems.collect()
    context.close()
    assert problems.found == []


def test_choosing_a_segment_filters_the_customer_list(
    data: Data, page: Page, live_server: LiveServer
) -> None:
    context = _context(page, live_server, "en")
    _sign_in_staff(context, live_server, data.staff["en"])
    browser_page = context.new_page()
    problems = Problems(browser_page)
    problems.visit("/customers/")
    browser_page.select_option("#customer-segment", str(data.segment.uid))
    browser_page.wait_for_timeout(500)
    browser_page.wait_for_load_state("networkidle")
    problems.collect()
    context.close()
    assert problems.found == []
    assert f"segment={data.segment.uid}" in browser_page.url


def test_the_new_segment_page_previews_its_rules(
    data: Data, page: Page, live_server: LiveServer
) -> None:
    context = _context(page, live_server, "en")
    _sign_in_staff(context, live_server, data.staff["en"])
    browser_page = context.new_page()
    problems = Problems(browser_page)
    problems.visit("/customers/segments/new/")
    browser_page.fill("#id_rules", '{"op": "and", "rules": [')  # half typed
    browser_page.wait_for_timeout(800)  # the preview waits 500 ms after the last key
    browser_page.wait_for_load_state("networkidle")
    browser_page.fill(
        "#id_rules",
        '{"op": "and", "rules": [{"field": "country", "operator": "in", "value": ["SA"]}]}',
    )
    browser_page.wait_for_load_state("networkidle")
    browser_page.wait_for_timeout(800)  # the preview waits 500 ms after the last key
    problems.collect()
    context.close()
    assert problems.found == []
