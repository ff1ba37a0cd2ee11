"""Two caseworkers moving the same lead at the same moment: the move is checked on the locked
row, so exactly one wins and the other is told why (meant for PostgreSQL, where the row lock
is real; on SQLite the whole database is locked instead, which is also serial)."""

from __future__ import annotations

from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from wagtail.models import ModelLogEntry

import pytest

from chat.referrals import actions
from chat.referrals.actions import LeadError, Transition
from chat.referrals.models import Lead
from tests.concurrency import at_once

from .factories import make_lead

# Transactional: each thread has its own connection and sees the others' commits. Such tests
# run after the others, on a flushed database (no groups): permissions are given directly.
pytestmark = pytest.mark.django_db(transaction=True)


def caseworker(name: str):
    user = get_user_model().objects.create_user(username=name, password="x" * 16)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="referrals", codename="work_lead")
    )
    return get_user_model().objects.get(pk=user.pk)


def _move(user, lead_id: int, transition: Transition):
    return actions.do_transition(user, Lead.objects.get(pk=lead_id), transition)


@pytest.mark.parametrize(
    ("start", "transitions"),
    [
        (Lead.Status.NEW, [Transition("assessing"), Transition("assessing")]),
        (
            Lead.Status.ASSESSING,
            [
                Transition("referred", referred_to="state_police"),
                Transition("referred", referred_to="mandated_ngo"),
            ],
        ),
        (Lead.Status.CLOSED, [Transition("assessing"), Transition("assessing")]),
    ],
)
def test_two_moves_at_once_exactly_one_wins(start, transitions):
    users = [caseworker("t-race-a"), caseworker("t-race-b")]
    for _round in range(3):
        lead = make_lead(status=start)
        results = at_once(
            [
                partial(_move, user, lead.pk, transition)
                for user, transition in zip(users, transitions, strict=True)
            ],
            LeadError,
        )
        winners = [r for r in results if isinstance(r, Lead)]
        losers = [r for r in results if isinstance(r, LeadError)]
        assert (len(winners), len(losers)) == (1, 1), results
        lead.refresh_from_db()
        assert lead.status == winners[0].status
        assert (
            ModelLogEntry.objects.filter(
                object_id=str(lead.pk), action="lantern.lead.status"
            ).count()
            == 1
        )
