"""Who may do what with the referral queue.

- Caseworkers (`referrals.work_lead`) read and work leads: the queue, a lead's page, its
  status, assignment, notes and details. Reading and changing are one permission: there is
  no read-only access to a lead's personal data.
- Coordinators (`referrals.view_statistics`) see statistics and the queue's audit log, which
  holds no personal data; they never open a lead or the queue.
- Nobody adds or deletes a lead in the admin: a lead exists only with the visitor's consent
  (chat/actions.py) and goes by withdrawal or retention.

Superusers may do everything, as everywhere in Django.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from wagtail.permission_policies.base import BaseDjangoAuthPermissionPolicy

from lantern.staff import holders

WORK_PERMISSION = "referrals.work_lead"
STATISTICS_PERMISSION = "referrals.view_statistics"


def can_work_queue(user) -> bool:
    return bool(
        user and user.is_authenticated and user.is_active and user.has_perm(WORK_PERMISSION)
    )


def can_read_audit_log(user) -> bool:
    """Coordinators and superusers. The entries hold no personal data (see audit.py)."""
    return bool(
        user and user.is_authenticated and user.is_active and user.has_perm(STATISTICS_PERMISSION)
    )


def caseworkers(*, include_superusers: bool = True) -> QuerySet:
    """Active users who can work the queue: the people a lead may be assigned to.
    Without superusers: the people whose job the queue is (they are sent new-lead emails)."""
    return holders(WORK_PERMISSION, include_superusers=include_superusers).order_by(
        "first_name", "last_name", "username"
    )


class LeadPermissionPolicy(BaseDjangoAuthPermissionPolicy):
    """The Wagtail permission policy for leads: "view" and "change" need `work_lead`;
    "add" and "delete" are never allowed (see the module's docstring)."""

    WORK_ACTIONS = frozenset({"view", "change"})

    def user_has_permission(self, user, action) -> bool:
        return action in self.WORK_ACTIONS and can_work_queue(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if self.WORK_ACTIONS.isdisjoint(actions):
            return get_user_model().objects.none()
        return caseworkers()
