"""The staff groups and what each may do, as the migrations leave them, and the demo's staff."""

from __future__ import annotations

from django.contrib.auth.models import Group

import pytest

from awareness.demo import content
from chat.referrals.permissions import can_read_audit_log, can_work_queue

from .factories import ROLES, user_in

pytestmark = pytest.mark.django_db

STAFF_GROUPS = ["Editors", "Moderators", "Chat operators", "Caseworkers", "Coordinators"]


def codenames(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


@pytest.mark.parametrize("name", STAFF_GROUPS)
def test_every_staff_group_may_use_the_admin(name):
    assert "wagtailadmin.access_admin" in codenames(name)


def test_caseworkers_and_coordinators_have_exactly_their_permissions():
    assert codenames("Caseworkers") == {"wagtailadmin.access_admin", "referrals.work_lead"}
    assert codenames("Coordinators") == {
        "wagtailadmin.access_admin",
        "referrals.view_statistics",
    }


def test_no_other_group_reaches_the_queue_or_the_chat():
    # Moderators write the chat rules the widget shows the public (chat.models.ChatRules):
    # nothing of a conversation or a lead.
    public_wording = {"Editors": set(), "Moderators": {"chat.add_chatrules", "chat.view_chatrules"}}
    for name, allowed in public_wording.items():
        reach = {p for p in codenames(name) if p.startswith(("referrals.", "chat."))}
        assert reach == allowed, name
    assert "referrals.work_lead" not in codenames("Chat operators")
    assert "chat.operate_chat" in codenames("Chat operators")
    assert "chat.operate_chat" not in codenames("Caseworkers")


@pytest.mark.parametrize("role", [*ROLES, "superuser"])
def test_who_works_the_queue_and_who_reads_the_audit_log(role):
    user = user_in(role)
    assert can_work_queue(user) is (role in {"caseworker", "superuser"})
    assert can_read_audit_log(user) is (role in {"coordinator", "superuser"})


def test_an_inactive_caseworker_works_nothing():
    user = user_in("caseworker")
    user.is_active = False
    user.save()
    assert not can_work_queue(user)


def test_the_demo_has_a_caseworker_and_a_coordinator():
    assert ("caseworker", "Caseworkers", False) in content.STAFF
    assert ("coordinator", "Coordinators", False) in content.STAFF
    groups = {group for _username, group, _superuser in content.STAFF if group}
    assert groups <= set(Group.objects.values_list("name", flat=True))
