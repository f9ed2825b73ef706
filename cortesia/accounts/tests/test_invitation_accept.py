"""The page an invitee opens from the mail: choose a password, maybe set up the second
factor, and be signed in; a link that does not work gets one answer."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta

import pyotp
import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from cortesia.accounts.invitations import (
    InvitationData,
    invitation_create,
    invitation_resend,
    invitation_revoke,
)
from cortesia.accounts.models import Invitation, Role, User
from cortesia.accounts.services import security_policy_set_two_factor
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
Capture = Callable[..., AbstractContextManager[list[Callable[[], object]]]]
LINK = re.compile(r"http://127\.0\.0\.1:\d+(/invitation/[A-Za-z0-9_-]{43}/)")
PASSWORD = "a-fresh-staff-password-42"
GOOD = {"new_password1": PASSWORD, "new_password2": PASSWORD}
INVALID = 'data-testid="invalid-invitation"'


@pytest.fixture
def link(admin_user: User, django_capture_on_commit_callbacks: Capture) -> str:
    """The path of a fresh invitation's link, as mailed to Nora."""
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            data=InvitationData(
                email="nora@example.fi",
                first_name="Nora",
                last_name="Nieminen",
                role=Role.MANAGER,
                language="en",
            ),
            actor=Actor(user=admin_user),
        )
    found = LINK.search(str(mail.outbox[-1].body))
    assert found is not None
    return found.group(1)


def _card(html: str) -> str:
    """The page's own content, without the per-response nonces of the page around it."""
    found = re.search(r'<section class="card narrow">.*?</section>', html, re.DOTALL)
    assert found is not None
    return found.group(0)


def _errors(html: str) -> list[str]:
    return re.findall(r'<p class="error" role="alert">([^<]+)</p>', html)


def test_the_page_says_who_invited_them_and_as_what(link: str) -> None:
    response = Client().get(link)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<bdi>Ada Admin</bdi> invited you to work in Cortesia as Manager." in html
    assert '<bdi data-testid="invitation-username">nora@example.fi</bdi>' in html
    assert "no-store" in response["Cache-Control"]  # a page behind a secret link


def test_choosing_a_password_signs_the_new_user_in(link: str) -> None:
    browser = Client()
    response = browser.post(link, GOOD)
    assert (response.status_code, response["Location"]) == (302, "/")
    home = browser.get("/")
    assert home.status_code == 200
    user = User.objects.get(username="nora@example.fi")
    assert home.wsgi_request.user == user
    assert AuditEvent.objects.filter(action="login", actor=user, result="ok").count() == 1
    # The link is spent: a second visit gets the page for links that do not work
    assert Client().get(link).status_code == 404


@pytest.mark.parametrize(
    ("form", "messages"),
    [
        pytest.param(
            {"new_password1": PASSWORD, "new_password2": PASSWORD + "x"},
            ["The two password fields didn’t match."],
            id="mismatch",
        ),
        pytest.param(
            {"new_password1": "short", "new_password2": "short"},
            ["This password is too short. It must contain at least 8 characters."],
            id="too-short",
        ),
        pytest.param(
            {"new_password1": "nora@example.fi", "new_password2": "nora@example.fi"},
            ["The password is too similar to the username."],
            id="like-the-username",
        ),
        pytest.param(
            {"new_password1": "", "new_password2": ""},
            ["This field is required.", "This field is required."],
            id="empty",
        ),
    ],
)
def test_a_refused_password_says_why_and_makes_no_account(
    link: str, form: dict[str, str], messages: list[str]
) -> None:
    response = Client().post(link, form)
    assert response.status_code == 400
    assert _errors(response.content.decode()) == messages
    assert User.objects.filter(username="nora@example.fi").exists() is False
    assert Invitation.objects.get().accepted_at is None


def test_with_two_factor_required_the_new_user_sets_it_up_before_being_signed_in(
    link: str, admin_user: User
) -> None:
    security_policy_set_two_factor(required=True, actor=Actor(user=admin_user))
    browser = Client()
    # When Nora chooses her password
    response = browser.post(link, GOOD)
    # Then she is not signed in yet, but sent to set up her second factor
    assert response["Location"] == "/invitation/two-factor/"
    assert browser.get("/")["Location"] == "/login/?next=/"
    setup = browser.get("/invitation/two-factor/").content.decode()
    secret = re.search(r'<code data-testid="totp-secret">([A-Z2-7]+)</code>', setup)
    assert secret is not None
    # A wrong code is refused and she stays signed out
    wrong = browser.post("/invitation/two-factor/", {"code": "000000"})
    assert _errors(wrong.content.decode()) == [
        "This code is not valid. Enter the current code from your app."
    ]
    # When she enters the code of her app
    done = browser.post("/invitation/two-factor/", {"code": pyotp.TOTP(secret.group(1)).now()})
    # Then two-factor is on and she is signed in
    assert done["Location"] == "/"
    user = User.objects.get(username="nora@example.fi")
    assert user.has_two_factor is True
    assert browser.get("/").status_code == 200
    actions = list(
        AuditEvent.objects.filter(actor=user).order_by("id").values_list("action", flat=True)
    )
    assert actions == ["user_create", "2fa_enable", "login_2fa"]


def test_the_two_factor_step_without_an_accepted_invitation_goes_to_sign_in() -> None:
    assert Client().get("/invitation/two-factor/")["Location"] == "/login/"


def _revoked(link: str, admin_user: User) -> None:
    invitation_revoke(invitation=Invitation.objects.get(), actor=Actor(user=admin_user))


def _resent(link: str, admin_user: User) -> None:
    invitation_resend(invitation=Invitation.objects.get(), actor=Actor(user=admin_user))


def _used(link: str, admin_user: User) -> None:
    assert Client().post(link, GOOD).status_code == 302


@pytest.mark.parametrize(
    "spoil",
    [_revoked, _resent, _used, None],
    ids=["revoked", "replaced-by-a-new-link", "used", "expired"],
)
def test_a_link_that_does_not_work_gets_the_same_page_as_an_unknown_one(
    link: str, admin_user: User, spoil: Callable[[str, User], None] | None
) -> None:
    unknown = Client().get("/invitation/" + "A" * 43 + "/")
    if spoil is None:
        with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
            response = Client().post(link, GOOD)
    else:
        spoil(link, admin_user)
        response = Client().post(link, GOOD)
    assert (response.status_code, unknown.status_code) == (404, 404)
    assert INVALID in response.content.decode()
    assert _card(response.content.decode()) == _card(unknown.content.decode())
    assert User.objects.filter(username="nora@example.fi").count() == (spoil is _used)


def test_the_links_are_rate_limited_per_address(link: str) -> None:
    # Five tries in twenty seconds, like signing in; the sixth waits
    statuses = [Client().get("/invitation/" + f"{n}" * 43 + "/").status_code for n in range(5)]
    refused = Client().get(link)
    assert statuses == [404] * 5
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert 'data-testid="throttled"' in refused.content.decode()
    assert Client(REMOTE_ADDR="10.9.9.9").get(link).status_code == 200


def test_the_accept_page_in_arabic_is_right_to_left(link: str) -> None:
    browser = Client()
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    html = browser.get(link).content.decode()
    assert 'dir="rtl"' in html
    assert "مدير" in html  # the role, Manager, in Arabic


def test_an_address_taken_meanwhile_is_refused_and_the_invitation_stays_open(link: str) -> None:
    # Given an administrator made an account for the address after inviting it
    User.objects.create_user(username="nora", email="NORA@example.fi", password=PASSWORD)
    # When the invitee chooses a password
    response = Client().post(link, GOOD)
    # Then the page says why and nothing is made
    assert response.status_code == 409
    assert re.findall(r'data-testid="form-error">([^<]+)<', response.content.decode()) == [
        "A staff account already uses this e-mail address. Sign in instead."
    ]
    assert User.objects.filter(email__iexact="nora@example.fi").count() == 1
    assert Invitation.objects.get().accepted_at is None
