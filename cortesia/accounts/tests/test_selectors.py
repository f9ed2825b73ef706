from __future__ import annotations

import pytest
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import SecurityPolicy, Team, User
from cortesia.accounts.selectors import two_factor_required, viewer_team_ids
from cortesia.accounts.services import security_policy_set_two_factor, team_member_add
from cortesia.core.actor import Actor

pytestmark = pytest.mark.django_db


def test_the_switch_and_the_teams_are_read_in_one_query(
    alice: User,
    team_riyadh: Team,
    team_rome: Team,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    # given: alice in two teams, the switch never set (no policy row yet)
    team_member_add(team=team_riyadh, user=alice, actor=Actor.system())
    viewer = User.objects.get(pk=alice.pk)
    # when / then: one query answers both, and the teams are not asked for again
    with django_assert_num_queries(1):
        required = two_factor_required(viewer=viewer)
        team_ids = viewer_team_ids(viewer)
    assert (required, team_ids) == (False, sorted([team_rome.pk, team_riyadh.pk]))
    assert SecurityPolicy.objects.count() == 0  # reading the switch creates no row


def test_the_switch_is_read_again_on_each_call(alice: User, admin_user: User) -> None:
    viewer = User.objects.get(pk=alice.pk)
    assert two_factor_required(viewer=viewer) is False
    security_policy_set_two_factor(required=True, actor=Actor(user=admin_user))
    assert two_factor_required(viewer=viewer) is True
    security_policy_set_two_factor(required=False, actor=Actor(user=admin_user))
    assert two_factor_required(viewer=viewer) is False


def test_a_viewer_in_no_team_has_no_team_ids(
    admin_user: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    viewer = User.objects.get(pk=admin_user.pk)
    with django_assert_num_queries(1):
        assert (two_factor_required(viewer=viewer), viewer_team_ids(viewer)) == (False, [])
