"""Who may reach each view of the referral queue, in three steps: anonymous (sent to sign
in), every wrong role (refused, nothing shown, nothing changed), the right roles (allowed).

Caseworkers and superusers work the queue; coordinators read the audit log and nothing of a
lead; editors, moderators, chat operators and users without a group see none of it."""

from __future__ import annotations

from django.urls import reverse

import pytest

from chat.referrals.models import Lead, LeadNote
from chat.referrals.permissions import LeadPermissionPolicy
from tests.awareness.admin_forms import assert_sent_to_login

from .factories import ROLES, assert_refused, client_for, make_lead, user_in

pytestmark = pytest.mark.django_db

QUEUE_ROLES = ["caseworker", "superuser"]
NOT_QUEUE_ROLES = [role for role in ROLES if role != "caseworker"]
AUDIT_ROLES = ["coordinator", "superuser"]
NOT_AUDIT_ROLES = [role for role in ROLES if role != "coordinator"]

# Views that read a lead (or the queue): (url name, takes the lead's id).
READ_VIEWS = [
    ("referral_queue:index", False),
    ("referral_queue:index_results", False),
    ("referral_queue:lead", True),
    ("referral_queue:edit", True),
    ("referral_queue:history", True),
    ("referral_queue:history_results", True),
]
AUDIT_VIEWS = ["referral_queue:audit", "referral_queue:audit_results"]


def url_of(name: str, lead: Lead | None = None, takes_id: bool = True) -> str:
    return reverse(name, args=[lead.pk]) if takes_id else reverse(name)


def change_requests(lead: Lead, assignee) -> list[tuple[str, dict]]:
    """Every change a caseworker can post, each as (url, data)."""
    return [
        (reverse("referral_queue:status", args=[lead.pk]), {"to": "assessing"}),
        (reverse("referral_queue:assign", args=[lead.pk]), {"assigned_to": assignee.pk}),
        (reverse("referral_queue:note", args=[lead.pk]), {"text": "A note from the test"}),
        (
            reverse("referral_queue:edit", args=[lead.pk]),
            {
                "urgency": "immediate",
                "form_of_exploitation": "labour",
                "location": "Ventspils",
                "summary": "Edited summary",
                "what_happened": lead.what_happened,
                "safe_contact": lead.safe_contact,
            },
        ),
    ]


def snapshot(lead: Lead) -> tuple:
    lead = Lead.objects.get(pk=lead.pk)
    return (
        lead.status,
        lead.assigned_to_id,
        lead.urgency,
        lead.location,
        lead.summary,
        LeadNote.objects.filter(lead=lead).count(),
    )


# --- Anonymous --------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "takes_id"), READ_VIEWS)
def test_anonymous_is_sent_to_sign_in(client, lead, name, takes_id):
    assert_sent_to_login(client.get(url_of(name, lead, takes_id)))


@pytest.mark.parametrize("name", AUDIT_VIEWS)
def test_anonymous_is_sent_to_sign_in_from_the_audit_log(client, name):
    assert_sent_to_login(client.get(reverse(name)))


def test_anonymous_changes_nothing(client, lead):
    before = snapshot(lead)
    for url, data in change_requests(lead, user_in("caseworker")):
        assert_sent_to_login(client.post(url, data))
    assert snapshot(lead) == before


# --- Wrong role -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", NOT_QUEUE_ROLES)
@pytest.mark.parametrize(("name", "takes_id"), READ_VIEWS)
def test_other_roles_cannot_read_the_queue(lead, role, name, takes_id):
    response = client_for(user_in(role)).get(url_of(name, lead, takes_id), follow=False)
    assert_refused(response)
    assert lead.summary not in response.content.decode()


@pytest.mark.parametrize("role", NOT_QUEUE_ROLES)
def test_other_roles_cannot_change_a_lead(lead, role):
    client = client_for(user_in(role))
    before = snapshot(lead)
    for url, data in change_requests(lead, user_in("caseworker", "t-assignee")):
        assert_refused(client.post(url, data))
    assert snapshot(lead) == before


@pytest.mark.parametrize("role", NOT_AUDIT_ROLES)
@pytest.mark.parametrize("name", AUDIT_VIEWS)
def test_other_roles_cannot_read_the_audit_log(role, name):
    assert_refused(client_for(user_in(role)).get(reverse(name)))


@pytest.mark.parametrize("name", ["lead", "edit", "history", "history_results"])
def test_a_refused_user_is_told_nothing_about_whether_a_lead_exists(lead, name):
    client = client_for(user_in("coordinator"))
    missing = reverse(f"referral_queue:{name}", args=[lead.pk + 1000])
    assert_refused(client.get(missing))
    assert_refused(client.get(reverse(f"referral_queue:{name}", args=[lead.pk])))


# --- Right role -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", QUEUE_ROLES)
@pytest.mark.parametrize(("name", "takes_id"), READ_VIEWS)
def test_caseworkers_and_superusers_read_the_queue(lead, role, name, takes_id):
    assert client_for(user_in(role)).get(url_of(name, lead, takes_id)).status_code == 200


@pytest.mark.parametrize("role", QUEUE_ROLES)
def test_caseworkers_and_superusers_change_a_lead(lead, role):
    client = client_for(user_in(role))
    assignee = user_in("caseworker", "t-assignee")
    for url, data in change_requests(lead, assignee):
        response = client.post(url, data)
        assert response.status_code == 302, (url, response.status_code)
        assert response["Location"] == reverse("referral_queue:lead", args=[lead.pk])
    lead.refresh_from_db()
    assert lead.status == Lead.Status.ASSESSING
    assert lead.assigned_to == assignee
    assert lead.notes.get().text == "A note from the test"
    assert (lead.urgency, lead.location, lead.summary) == (
        "immediate",
        "Ventspils",
        "Edited summary",
    )


@pytest.mark.parametrize("role", AUDIT_ROLES)
@pytest.mark.parametrize("name", AUDIT_VIEWS)
def test_coordinators_and_superusers_read_the_audit_log(role, name):
    assert client_for(user_in(role)).get(reverse(name)).status_code == 200


def test_a_missing_lead_is_not_found_for_a_caseworker(lead):
    # (Django's LocaleMiddleware answers an admin 404 with a redirect to the language-prefixed
    # path, which is a 404 too.)
    client = client_for(user_in("caseworker"))
    url = reverse("referral_queue:lead", args=[lead.pk + 1000])
    assert client.get(url, follow=True).status_code == 404
    url = reverse("referral_queue:status", args=[lead.pk + 1000])
    assert client.post(url, {"to": "assessing"}, follow=True).status_code == 404


def test_the_forms_take_no_get(lead):
    client = client_for(user_in("caseworker"))
    for name in ("status", "assign", "note"):
        assert client.get(reverse(f"referral_queue:{name}", args=[lead.pk])).status_code == 405


# --- Menus, dashboard, policy -----------------------------------------------------------------


@pytest.mark.parametrize("role", [*ROLES, "superuser"])
def test_only_queue_workers_see_the_menu_item_and_the_dashboard_panel(role):
    make_lead()
    response = client_for(user_in(role)).get(reverse("wagtailadmin_home"))
    if role == "outsider":  # not even the admin
        assert_sent_to_login(response)
        return
    html = response.content.decode()
    shown = role in QUEUE_ROLES
    assert ('"name": "referral-queue"' in html) is shown
    assert ('id="referral-queue-section"' in html) is shown


@pytest.mark.parametrize("role", [*ROLES, "superuser"])
def test_only_coordinators_and_superusers_see_the_audit_log_in_reports(role):
    response = client_for(user_in(role)).get(reverse("wagtailadmin_home"))
    if role == "outsider":
        assert_sent_to_login(response)
        return
    assert ('"name": "referral-audit-log"' in response.content.decode()) is (role in AUDIT_ROLES)


def test_nobody_adds_or_deletes_leads_in_the_admin():
    policy = LeadPermissionPolicy(Lead)
    superuser = user_in("superuser")
    caseworker = user_in("caseworker")
    for user in (superuser, caseworker):
        assert policy.user_has_permission(user, "change")
        assert not policy.user_has_permission(user, "add")
        assert not policy.user_has_permission(user, "delete")
    assert set(policy.users_with_permission("change")) == {superuser, caseworker}
    assert not policy.users_with_permission("delete").exists()
