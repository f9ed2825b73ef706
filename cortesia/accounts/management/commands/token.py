"""``cortesia token create --user NAME --scope read|write`` and ``cortesia token revoke PREFIX``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cortesia.accounts.models import TokenScope
from cortesia.accounts.selectors import token_by_prefix, user_by_username
from cortesia.accounts.services import token_create, token_revoke
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError


class Command(BaseCommand):
    help = "Create or revoke API tokens. A new token is printed once and stored hashed."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a token and print it once.")
        create.add_argument("--user", required=True, help="Username the token acts as.")
        create.add_argument("--scope", required=True, choices=[s.value for s in TokenScope])
        create.add_argument("--name", default="", help="A label to recognise the token by.")
        revoke = sub.add_parser("revoke", help="Revoke a token by its prefix.")
        revoke.add_argument("prefix", help="The 8 characters after ctk_ in the token.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            self._create(options["user"], TokenScope(options["scope"]), options["name"])
        else:
            self._revoke(options["prefix"])

    def _create(self, username: str, scope: TokenScope, name: str) -> None:
        user = user_by_username(username=username)
        if user is None:
            raise CommandError(f"No user is called {username!r}.")
        try:
            issued = token_create(user=user, scope=scope, name=name, actor=Actor.system())
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(issued.raw)

    def _revoke(self, prefix: str) -> None:
        token = token_by_prefix(prefix=prefix.removeprefix("ctk_")[:8])
        if token is None:
            raise CommandError(f"No token has the prefix {prefix!r}.")
        if token_revoke(token=token, actor=Actor.system()):
            self.stdout.write(f"Revoked token {token.prefix}.")
        else:
            self.stdout.write(f"Token {token.prefix} was already revoked.")
