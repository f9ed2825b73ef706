from __future__ import annotations

import pytest
from django.test import Client

from cortesia.accounts.models import User
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors, Forbidden
from cortesia.localization.models import RegisterDefault
from cortesia.localization.selectors import business_register_defaults
from cortesia.localization.services import register_default_clear, register_default_set
from cortesia.testing.fixtures import bearer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

URL = "/api/v1/culture/register-defaults"
MARCO = {"language": "it", "given_name": "Marco", "surname": "Rossi", "title": "mr"}


def _audit_rows() -> list[tuple[str, str, str, object]]:
    return [
        (row.action, row.object_type, row.object_label, row.data)
        for row in AuditEvent.objects.filter(action=AuditEvent.Action.SETTING_CHANGE).order_by("pk")
    ]


def _stored() -> list[tuple[str, str]]:
    return list(RegisterDefault.objects.values_list("language", "register"))


# Service


def test_admin_sets_changes_and_clears_with_one_audit_row_each(admin_user: User) -> None:
    actor = Actor(user=admin_user, client_ip="192.0.2.7")
    row = register_default_set(language="it", register="informal", actor=actor)
    assert (row.language, row.register) == ("it", "informal")
    assert business_register_defaults() == {"it": "informal"}
    register_default_set(language="it", register="formal", actor=actor)
    register_default_clear(language="it", actor=actor)
    assert _stored() == []
    assert _audit_rows() == [
        ("setting_change", "register_default", "it", {"it": [None, "informal"]}),
        ("setting_change", "register_default", "it", {"it": ["informal", "formal"]}),
        ("setting_change", "register_default", "it", {"it": ["formal", None]}),
    ]
    event = AuditEvent.objects.filter(action=AuditEvent.Action.SETTING_CHANGE).first()
    assert event is not None
    assert (event.actor_id, event.client_ip, event.result) == (admin_user.pk, "192.0.2.7", "ok")


def test_agent_may_not_set_or_clear_and_nothing_is_written(alice: User) -> None:
    RegisterDefault.objects.create(language="fi", register="formal")
    with pytest.raises(Forbidden) as refused:
        register_default_set(language="it", register="informal", actor=Actor(user=alice))
    assert refused.value.message == "Only administrators change the business's settings."
    with pytest.raises(Forbidden):
        register_default_clear(language="fi", actor=Actor(user=alice))
    assert _stored() == [("fi", "formal")]
    assert _audit_rows() == []


@pytest.mark.parametrize(
    ("language", "register", "errors"),
    [
        pytest.param(
            "klingon-xx",
            "formal",
            {
                "language": "klingon-xx is not one of: "
                "ar, bg, de, en, es, fi, fr, it, ja, pt, ro, zh."
            },
            id="unknown-language",
        ),
        pytest.param(
            "it",
            "casual",
            {"register": "casual is not one of: formal, informal."},
            id="unknown-register",
        ),
    ],
)
def test_invalid_choice_is_refused_and_nothing_is_written(
    admin_user: User, language: str, register: str, errors: dict[str, str]
) -> None:
    with pytest.raises(FieldErrors) as refused:
        register_default_set(language=language, register=register, actor=Actor(user=admin_user))
    assert refused.value.errors == errors
    assert _stored() == []
    assert _audit_rows() == []


def test_unchanged_value_and_clearing_nothing_write_no_audit_row(admin_user: User) -> None:
    actor = Actor(user=admin_user)
    register_default_set(language="fi", register="formal", actor=actor)
    register_default_set(language="fi", register="formal", actor=actor)
    register_default_clear(language="de", actor=actor)
    assert _stored() == [("fi", "formal")]
    assert _audit_rows() == [
        ("setting_change", "register_default", "fi", {"fi": [None, "formal"]}),
    ]


# API


def test_admin_puts_lists_and_deletes_and_the_greeting_follows(admin_write_token: str) -> None:
    client = Client()
    auth = bearer(admin_write_token)

    def greeting() -> str:
        response = client.post(
            "/api/v1/culture/address", MARCO, content_type="application/json", headers=auth
        )
        return str(response.json()["greeting"])

    assert greeting() == "Gentile Signor Rossi,"
    put = client.put(
        f"{URL}/it", {"register": "informal"}, content_type="application/json", headers=auth
    )
    assert (put.status_code, put.json()) == (200, {"language": "it", "register": "informal"})
    listed = client.get(URL, headers=auth)
    assert (listed.status_code, listed.json()) == (
        200,
        [{"language": "it", "register": "informal"}],
    )
    assert greeting() == "Ciao Marco,"
    deleted = client.delete(f"{URL}/it", headers=auth)
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert client.get(URL, headers=auth).json() == []
    assert greeting() == "Gentile Signor Rossi,"
    assert len(_audit_rows()) == 2


def test_agent_write_token_is_refused_with_403(alice_write_token: str) -> None:
    RegisterDefault.objects.create(language="fi", register="formal")
    client = Client()
    auth = bearer(alice_write_token)
    put = client.put(
        f"{URL}/it", {"register": "informal"}, content_type="application/json", headers=auth
    )
    deleted = client.delete(f"{URL}/fi", headers=auth)
    assert (put.status_code, put.json()) == (
        403,
        {
            "error": {
                "code": "forbidden",
                "message": "Only administrators change the business's settings.",
            }
        },
    )
    assert deleted.status_code == 403
    # Reading the defaults is open to every token: they shape every greeting.
    assert client.get(URL, headers=auth).json() == [{"language": "fi", "register": "formal"}]
    assert _stored() == [("fi", "formal")]
    assert _audit_rows() == []


def test_read_token_may_list_but_not_put(alice_read_token: str) -> None:
    client = Client()
    auth = bearer(alice_read_token)
    put = client.put(
        f"{URL}/it", {"register": "informal"}, content_type="application/json", headers=auth
    )
    assert (put.status_code, put.json()["error"]["code"]) == (403, "insufficient_scope")
    assert client.get(URL, headers=auth).status_code == 200
    assert _stored() == []


def test_api_refuses_unknown_language_and_register(admin_write_token: str) -> None:
    client = Client()
    auth = bearer(admin_write_token)
    language = client.put(
        f"{URL}/klingon-xx", {"register": "formal"}, content_type="application/json", headers=auth
    )
    register = client.put(
        f"{URL}/it", {"register": "casual"}, content_type="application/json", headers=auth
    )
    assert (language.status_code, language.json()["error"]["details"]) == (
        400,
        {"language": "klingon-xx is not one of: ar, bg, de, en, es, fi, fr, it, ja, pt, ro, zh."},
    )
    assert (register.status_code, register.json()["error"]["code"]) == (422, "validation_error")
    assert _stored() == []
    assert _audit_rows() == []
