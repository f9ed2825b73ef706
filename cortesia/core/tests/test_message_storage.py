"""Flash messages travel in a signed cookie, or in the session when too long for one, and a
request that uses none builds neither back end and sets no cookie."""

from __future__ import annotations

import secrets

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from cortesia.core.message_storage import DeferredFallbackStorage

pytestmark = pytest.mark.django_db


def _request(cookies: dict[str, str] | None = None, session_key: str | None = None) -> HttpRequest:
    request = RequestFactory().get("/")
    request.COOKIES.update(cookies or {})
    request.session = SessionStore(session_key)
    request._messages = DeferredFallbackStorage(request)  # type: ignore[attr-defined]
    return request


def _texts(request: HttpRequest) -> list[str]:
    return [str(message) for message in messages.get_messages(request)]


def test_a_page_without_messages_builds_no_back_end_and_sets_no_cookie() -> None:
    response = Client().get("/")
    storage = response.wsgi_request._messages  # type: ignore[attr-defined]
    assert isinstance(storage, DeferredFallbackStorage)
    assert "storages" not in vars(storage)
    assert "messages" not in response.cookies


def test_a_short_message_travels_in_the_cookie_to_the_next_request() -> None:
    # Given a request that adds a message
    first = _request()
    messages.success(first, "Saved.")
    response = HttpResponse()
    # When its response is made
    unstored = first._messages.update(response)  # type: ignore[attr-defined]
    # Then the cookie holds it, the session nothing, and the next request shows it once
    assert unstored == []
    assert [type(s) for s in first._messages.storages] == [CookieStorage, SessionStorage]  # type: ignore[attr-defined]
    assert first.session.is_empty()
    second = _request({"messages": response.cookies["messages"].value})
    assert _texts(second) == ["Saved."]
    after_reading = HttpResponse()
    second._messages.update(after_reading)  # type: ignore[attr-defined]
    assert after_reading.cookies["messages"].value == ""  # read, so cleared


def test_a_message_too_long_for_the_cookie_goes_to_the_session() -> None:
    # Given a message longer than a cookie can hold, even compressed
    long_text = secrets.token_urlsafe(4000)
    first = _request()
    messages.info(first, long_text)
    # When the response is made
    response = HttpResponse()
    unstored = first._messages.update(response)  # type: ignore[attr-defined]
    first.session.save()
    # Then the session keeps it, the cookie only says to look there, and the next request
    # with both shows it
    assert unstored == []
    assert long_text not in response.cookies["messages"].value
    assert long_text in first.session["_messages"]
    second = _request(
        {"messages": response.cookies["messages"].value}, session_key=first.session.session_key
    )
    assert _texts(second) == [long_text]
