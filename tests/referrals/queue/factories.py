"""Leads, staff in every role, and signed-in clients, for the referral queue's tests."""

from __future__ import annotations

import hashlib
import secrets

from django.test import Client
from django.urls import reverse

from wagtail.users.models import UserProfile

from chat.consent import CONSENT_VERSION
from chat.referrals.models import ConsentRecord, Lead
from tests.awareness.factories import make_user

# Every role of the site, by the group it is in (None: no group, superuser: is_superuser).
ROLES = {
    "editor": "Editors",
    "moderator": "Moderators",
    "operator": "Chat operators",
    "caseworker": "Caseworkers",
    "coordinator": "Coordinators",
    "outsider": None,
}


def make_lead(
    *,
    transcript_consent: bool = False,
    contact_consent: bool = True,
    **fields,
) -> Lead:
    """A consented lead, as chat/actions.py creates it, with the given fields."""
    fields.setdefault("source", Lead.Source.CHAT)
    fields.setdefault("language", "lv")
    fields.setdefault("summary", "Summary of a case")
    if contact_consent:
        fields.setdefault("safe_contact", "Signal after 18:00")
    created_at = fields.pop("created_at", None)
    lead = Lead.objects.create(**fields)
    if created_at is not None:
        Lead.objects.filter(pk=lead.pk).update(created_at=created_at)
        lead.created_at = created_at
    ConsentRecord.objects.create(
        lead=lead,
        method=ConsentRecord.Method.CHAT,
        language=lead.language,
        wording_version=CONSENT_VERSION,
        wording_hash=hashlib.sha256(b"wording").hexdigest(),
        covers_transcript=transcript_consent,
        covers_contact=contact_consent,
        withdrawal_code_hash=secrets.token_hex(32),
    )
    return lead


def user_in(role: str, username: str | None = None):
    """A user in the role's group, whose admin speaks English (the tests read its texts)."""
    username = username or f"t-{role}"
    if role == "superuser":
        user = make_user(username, superuser=True)
    else:
        group = ROLES[role]
        user = make_user(username, groups=(group,) if group else ())
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    return user


def assert_refused(response) -> None:
    """Refused without showing anything: 403; or Wagtail's redirect to the dashboard with its
    "permission denied" message; or, for a signed-in user who may not use the admin at all,
    back to the sign-in page."""
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home") or response[
            "Location"
        ].startswith(reverse("wagtailadmin_login")), response["Location"]
    else:
        assert response.status_code == 403, response.status_code


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
