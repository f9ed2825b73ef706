"""Staff users, teams, API tokens and the instance's security policy."""

from __future__ import annotations

import uuid
import zoneinfo
from datetime import timedelta
from typing import Any, NoReturn

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ProtectedError
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


def validate_time_zone(value: str) -> None:
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(value)s is not a known time zone."), params={"value": value}, code="time_zone"
        )


def validate_languages(value: object) -> None:
    known = {code for code, _name in settings.LANGUAGES}
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Languages must be a list of language codes."), code="languages")
    unknown = sorted(set(value) - known)
    if unknown:
        raise ValidationError(
            _("Unknown language codes: %(codes)s."),
            params={"codes": ", ".join(unknown)},
            code="languages",
        )


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    MANAGER = "manager", _("Manager")
    AGENT = "agent", _("Agent")
    MARKETER = "marketer", _("Marketer")


class User(AbstractUser):
    """A member of staff. Customers are not users; they live in the customers app."""

    uid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.AGENT)
    language = models.CharField(
        _("interface language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, validators=[validate_time_zone]
    )
    totp_secret = models.CharField(max_length=64, blank=True, editable=False)
    totp_enabled_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The last accepted TOTP time step: a code is accepted once only.
    totp_last_step = models.BigIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def has_two_factor(self) -> bool:
        return self.totp_enabled_at is not None

    @property
    def display_name(self) -> str:
        """The person's name as shown everywhere: full name, else the username."""
        return staff_display_name(
            username=self.get_username(), first_name=self.first_name, last_name=self.last_name
        )

    def delete(self, using: Any = None, keep_parents: bool = False) -> NoReturn:
        """Refuse: staff are deactivated (``user_update(is_active=False)``), never deleted,
        so the audit log keeps who did what. Raises ProtectedError."""
        raise ProtectedError(
            str(
                _("Staff accounts are deactivated, not deleted: the audit log keeps who did what.")
            ),
            {self},
        )


def staff_display_name(*, username: str, first_name: str, last_name: str) -> str:
    """Return ``User.display_name`` from the columns alone: the full name (Django's
    ``get_full_name``), else the username."""
    return f"{first_name} {last_name}".strip() or username


class Team(BaseModel):
    """A group of staff who share a queue, the languages they answer in and a home time zone."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    languages = models.JSONField(
        _("languages spoken"), default=list, blank=True, validators=[validate_languages]
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    skills = models.JSONField(
        _("skills"),
        default=list,
        blank=True,
        help_text=_("What the team can handle, e.g. billing or returns (lower case)."),
    )
    calendar = models.ForeignKey(
        "calendars.Calendar",
        verbose_name=_("business calendar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="teams",
    )
    members: models.ManyToManyField[User, TeamMembership] = models.ManyToManyField(
        User, through="TeamMembership", related_name="teams", verbose_name=_("members")
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TeamMembership(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE)
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="team_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.team_id}"


class TokenScope(models.TextChoices):
    READ = "read", _("Read")
    WRITE = "write", _("Read and write")


class ApiToken(BaseModel):
    """A bearer token for ``/api/v1/``. Only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    scope = models.CharField(_("scope"), max_length=10, choices=TokenScope.choices)
    prefix = models.CharField(_("prefix"), max_length=12, unique=True)
    digest = models.CharField(max_length=64, unique=True)  # bearer auth: lookup by digest
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.scope})"


class SecurityPolicy(models.Model):
    """Instance-wide security switches; a single row with ``pk=1``."""

    require_two_factor = models.BooleanField(_("require two-factor authentication"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("security policy")
        verbose_name_plural = _("security policies")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="security_policy_singleton")
        ]

    def __str__(self) -> str:
        return str(_("Security policy"))


# How long an invitation's link works, from the mail that carries it.
INVITATION_LIFETIME = timedelta(days=7)


class Invitation(BaseModel):
    """An offer of a staff account, mailed to an address, accepted by setting a password.

    Only the SHA-256 digest of the link's token is stored; the token itself exists only in
    the mail. The account is created when the invitation is accepted (see
    :mod:`cortesia.accounts.invitations` for why). An invitation is *open* while it is
    neither accepted nor revoked; one address has at most one open invitation. An open
    invitation past ``expires_at`` no longer works and is retired by the next invitation
    to its address.
    """

    email = models.EmailField(_("e-mail address"), max_length=150)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    teams = models.ManyToManyField(Team, blank=True, related_name="+", verbose_name=_("teams"))
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Empty between issuing a link and mailing it, and once the invitation is closed.
    digest = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    user = models.ForeignKey(
        User,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_email",
            )
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def display_name(self) -> str:
        """The invitee's name as their account will show it (the address when none)."""
        return staff_display_name(
            username=self.email, first_name=self.first_name, last_name=self.last_name
        )
