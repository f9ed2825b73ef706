"""Reaching an invitation by its link's token or, signed in, by its public id."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from pytest_django import DjangoAssertNumQueries

from cortesia.core.errors import NotFound
from cortesia.customers.models import Customer
from cortesia.feedback.models import InvitationState, SurveyInvitation
from cortesia.feedback.tests import answer_fixtures as cast
from cortesia.feedback.tests.answer_fixtures import Sent, invitation_send
from cortesia.feedback.tokens import (
    invitation_by_token,
    invitation_of_customer,
    invitations_pending,
)

own_data_dir, giulia, omar, ticket, csat, sent = (
    cast.own_data_dir,
    cast.giulia,
    cast.omar,
    cast.ticket,
    cast.csat,
    cast.sent,
)


def test_only_the_tokens_digest_is_stored(sent: Sent) -> None:
    stored = SurveyInvitation.objects.values_list("token_digest", flat=True).get()
    assert stored == hashlib.sha256(sent.token.encode()).hexdigest()
    assert len(sent.token) == 43  # 256 bits of base64url
    assert invitation_by_token(token=sent.token).pk == sent.invitation.pk


@pytest.mark.parametrize("token", ["", "a" * 101, "abc def", "ab/cd", "ä" * 43, "x" * 43])
def test_other_tokens_are_not_found(sent: Sent, token: str) -> None:
    with pytest.raises(NotFound):
        invitation_by_token(token=token)


def test_a_malformed_token_costs_no_query(
    sent: Sent, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(0), pytest.raises(NotFound):
        invitation_by_token(token="not/a/token")


def test_a_customer_reaches_only_their_own_invitations(
    sent: Sent, omar: Customer, giulia: Customer
) -> None:
    uid = str(sent.invitation.uid)
    assert invitation_of_customer(customer=giulia, uid=uid).pk == sent.invitation.pk
    for customer, key in ((omar, uid), (giulia, "not-a-uid")):
        with pytest.raises(NotFound):
            invitation_of_customer(customer=customer, uid=key)


def test_pending_invitations_are_the_sent_unexpired_ones_of_any_channel(
    giulia: Customer, omar: Customer, csat: object, sent: Sent
) -> None:
    survey = sent.invitation.survey
    portal = invitation_send(survey=survey, customer=giulia, channel="portal")
    api = invitation_send(survey=survey, customer=giulia, channel="api")
    expired = invitation_send(
        survey=survey,
        customer=giulia,
        sent_at=sent.sent_at - timedelta(days=31),
    )
    answered = invitation_send(survey=survey, customer=giulia)
    SurveyInvitation.objects.filter(pk=answered.invitation.pk).update(
        state=InvitationState.ANSWERED
    )
    invitation_send(survey=survey, customer=omar)
    pending = {i.pk for i in invitations_pending(customer=giulia)}
    assert pending == {sent.invitation.pk, portal.invitation.pk, api.invitation.pk}
    assert expired.invitation.pk not in pending
