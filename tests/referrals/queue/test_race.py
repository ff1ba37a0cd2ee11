"""Two caseworkers moving the same lead at the same moment: the move is checked on the locked
row, so exactly one wins and the other is told why (meant for PostgreSQL, where the row lock
is real; on SQLite the whole database is locked instead, which is also serial)."""

from __future__ import annotations

import threading
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import OperationalError, connection

from wagtail.models import ModelLogEntry

import pytest

from chat.referrals import actions
from chat.referrals.actions import LeadError, Transition
from chat.referrals.models import Lead

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


def _call(user, lead_id: int, transition: Transition):
    for _attempt in range(200):
        try:
            return actions.do_transition(user, Lead.objects.get(pk=lead_id), transition)
        except LeadError as error:
            return error
        except OperationalError as error:  # SQLite's test database: one writer at a time
            if connection.vendor != "sqlite" or "locked" not in str(error):
                return error
        time.sleep(0.005)
    raise AssertionError("the database stayed locked")


def in_threads(calls: list) -> list:
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index: int, call) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = _call(*call)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


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
        results = in_threads(
            [
                (user, lead.pk, transition)
                for user, transition in zip(users, transitions, strict=True)
            ]
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
