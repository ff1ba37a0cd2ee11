"""Fixtures of the referral queue's tests (helpers are in factories.py)."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

import pytest

from chat.referrals.models import Lead

from .factories import client_for, make_lead, user_in


@pytest.fixture
def lead(db) -> Lead:
    return make_lead(
        summary="Promised a job in Norway; passport taken",
        what_happened="They took my passport at the airport",
        location="Rīga",
        urgency=Lead.Urgency.HIGH,
        form_of_exploitation="labour",
        transcript_consent=True,
        transcript=[
            {
                "seq": 1,
                "sender": "visitor",
                "text": "Hello, I need help",
                "sent_at": timezone.now().isoformat(),
            }
        ],
    )


@pytest.fixture
def caseworker(db):
    return user_in("caseworker")


@pytest.fixture
def coordinator(db):
    return user_in("coordinator")


@pytest.fixture
def caseworker_client(caseworker) -> Client:
    return client_for(caseworker)
