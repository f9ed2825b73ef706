"""Writes and reads of how replies are signed: an agent's signature lines per language and
the company's name. Agents set their own; administrators set anyone's and the company's.

An agent keeps one signature per site language and one default (stored under the language
``DEFAULT``), which signs replies in any language the agent has no signature for.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from cortesia.accounts.models import User
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import audit_record
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors, Forbidden
from cortesia.localization.selectors import interface_languages
from cortesia.tickets.models import AgentSignature, ReplySettings
from cortesia.tickets.permissions import can_name_company

MAX_SIGNATURE = 500
MAX_LINES = 4
# The language a default signature is stored under: it signs in every other language.
DEFAULT = ""


def signature_languages() -> list[str]:
    return interface_languages()


def signatures_of(*, agent: User) -> dict[str, str]:
    """Return the agent's signature text by language (languages without one left out)."""
    return dict(AgentSignature.objects.filter(user=agent).values_list("language", "text"))


def _clean(language: str, text: str) -> tuple[str, str | None]:
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    cleaned = "\n".join(line for line in lines if line)
    if len(cleaned) > MAX_SIGNATURE or cleaned.count("\n") >= MAX_LINES:
        return cleaned, _("A signature has at most %(lines)d lines and %(count)d characters.") % {
            "lines": MAX_LINES,
            "count": MAX_SIGNATURE,
        }
    return cleaned, None


@transaction.atomic
def signature_save(*, agent: User, texts: dict[str, str], actor: Actor) -> list[str]:
    """Set the agent's signature for each language in ``texts`` (the key ``DEFAULT`` for
    the default; an empty text removes it); return the languages that changed. Raises
    Forbidden (someone else's signature, unless an administrator) or FieldErrors (an
    unknown language, a signature too long)."""
    user = actor.user
    if user is None or (user.pk != agent.pk and not can_name_company(user)):
        raise Forbidden(_("You can only change your own signature."))
    before = signatures_of(agent=agent)
    errors: dict[str, str] = {}
    wanted: dict[str, str] = {}
    for language, text in texts.items():
        cleaned, error = _clean(language, text)
        if language != DEFAULT and language not in signature_languages():
            error = _("%(language)s is not a language of this site.") % {"language": language}
        if error:
            errors[language] = error
        wanted[language] = cleaned
    if errors:
        raise FieldErrors(errors)
    changed = sorted(lang for lang, text in wanted.items() if before.get(lang, "") != text)
    for language in changed:
        if wanted[language]:
            AgentSignature.objects.update_or_create(
                user=agent, language=language, defaults={"text": wanted[language]}
            )
        else:
            AgentSignature.objects.filter(user=agent, language=language).delete()
    if changed:
        audit_record(
            action=AuditEvent.Action.USER_UPDATE,
            result=AuditEvent.Result.OK,
            actor=actor,
            object_type="user",
            object_uid=str(agent.uid),
            object_label=agent.get_username(),
            data={"signature": [language or "default" for language in changed]},
        )
    return changed


@transaction.atomic
def company_name_save(*, name: str, actor: Actor) -> str:
    """Set the name replies are signed with under the agent's ("" signs with the team's).
    Raises Forbidden for anyone but an administrator, FieldErrors for a name too long."""
    if actor.user is None or not can_name_company(actor.user):
        raise Forbidden(_("Only administrators change the company name."))
    cleaned = " ".join(name.split())
    if len(cleaned) > 200:
        raise FieldErrors({"company_name": _("Give a name of at most 200 characters.")})
    row = ReplySettings.objects.select_for_update().order_by("pk").first() or ReplySettings()
    if row.pk is not None and row.company_name == cleaned:
        return cleaned
    before = row.company_name
    row.company_name = cleaned
    if row.pk is None:
        row.save()
    else:
        row.save(update_fields=["company_name"])
    audit_record(
        action=AuditEvent.Action.SETTING_CHANGE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type="reply_settings",
        object_label=cleaned,
        data={"company_name": [before, cleaned]},
    )
    return cleaned


@transaction.atomic
def reply_signing_save(
    *, agent: User, texts: dict[str, str], company: str | None, actor: Actor
) -> None:
    """Save ``agent``'s signatures and, when ``company`` is not None, the company's name,
    all or nothing: a refused company name leaves the signatures as they were."""
    signature_save(agent=agent, texts=texts, actor=actor)
    if company is not None:
        company_name_save(name=company, actor=actor)
