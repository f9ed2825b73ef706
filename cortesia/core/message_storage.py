"""Flash messages ("Saved.", "Sent.") kept in a signed cookie, or in the session when they
do not fit, as Django's ``FallbackStorage`` does, built only when a request uses them."""

from __future__ import annotations

from functools import cached_property

from django.contrib.messages.storage.base import BaseStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpRequest


class DeferredFallbackStorage(FallbackStorage):
    """Django's cookie-then-session message storage, whose two back ends are made on first use.

    Every request gets a message storage, but most never add or read a message: for
    them, building the cookie back end (a signer with its keys) and the session back end
    was a tenth of an anonymous redirect's time. A storage nobody added to or read from
    stores nothing at the end of the request, so its back ends are never needed."""

    def __init__(self, request: HttpRequest) -> None:
        BaseStorage.__init__(self, request)
        self._used_storages: set[BaseStorage] = set()

    @cached_property
    def storages(self) -> list[BaseStorage]:
        return [storage_class(self.request) for storage_class in self.storage_classes]
