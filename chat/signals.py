"""Consoles learn at once when an operator's permission or session changes.

A console checks the permission from the database on every action of its operator; messages
it merely receives are checked on the operator's last check while that is recent
(`OperatorConsumer.permission_is_fresh`). So that a permission withdrawn through Django (the
Wagtail admin's user and group editors, `manage.py` commands) counts from that moment, every
change of a user's groups or permissions, of a group's permissions, or of a user's account is
announced to that user's consoles, which check again (and close with `forbidden`).

The same event makes them check their session (lantern.sessions.session_problem: gone,
expired, idle, password changed, second factor missing): on sign-out (carrying a tag of the
session that ended, which closes its consoles without waiting for the database), and when a
second-factor device is deleted. Changes made behind Django's back count at the consoles' next
check on their timer (LANTERN_STAFF_SESSION_CHECK_SECONDS).
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from django_otp.models import Device

from lantern.sessions import session_tag

from .announce import announce, operator_group

User = get_user_model()


def recheck(user_ids) -> None:
    for user_id in set(user_ids):
        announce(operator_group(user_id), {"type": "chat.permissions"})


def members(groups) -> list[int]:
    return list(User.objects.filter(groups__in=groups).values_list("pk", flat=True))


@receiver(m2m_changed, sender=User.groups.through)
@receiver(m2m_changed, sender=User.user_permissions.through)
def user_access_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not reverse:  # user.groups / user.user_permissions
        if action in ("post_add", "post_remove", "post_clear"):
            recheck([instance.pk])
    elif action == "pre_clear":  # group.user_set / permission.user_set, cleared
        recheck(instance.user_set.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove"):
        recheck(pk_set)


@receiver(m2m_changed, sender=Group.permissions.through)
def group_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not reverse:  # group.permissions
        if action in ("post_add", "post_remove", "post_clear"):
            recheck(members([instance]))
    elif action == "pre_clear":  # permission.group_set, cleared
        recheck(members(instance.group_set.all()))
    elif action in ("post_add", "post_remove"):
        recheck(members(Group.objects.filter(pk__in=pk_set)))


@receiver(post_save, sender=User)
def account_changed(sender, instance, created, update_fields, **kwargs) -> None:
    # A sign-in only moves last_login: nothing to check.
    if not created and update_fields != frozenset({"last_login"}):
        recheck([instance.pk])


@receiver(pre_delete, sender=Group)
def group_deleted(sender, instance, **kwargs) -> None:
    # Its members lose it by a cascade that sends no m2m signal; announced after the commit.
    recheck(members([instance]))


@receiver(user_logged_out, dispatch_uid="chat.signals.signed_out")
def signed_out(sender, request, user, **kwargs) -> None:
    """Sent before the session is flushed: the event names it, so that its consoles close at
    once rather than find it gone at their next check."""
    if user is None:
        return
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    event = {"type": "chat.permissions"}
    if session_key:
        event["session"] = session_tag(session_key)
    announce(operator_group(user.pk), event)


def device_deleted(sender, instance, **kwargs) -> None:
    """A second factor removed (an authenticator app, a passkey, recovery codes)."""
    if isinstance(instance, Device) and instance.user_id is not None:
        recheck([instance.user_id])


# Connected to each kind of device rather than to every model: a `post_delete` receiver for
# all senders would make Django load every row it deletes (no fast delete anywhere, the
# chat's messages included) just to send a signal per row.
for model in apps.get_models():
    if issubclass(model, Device):
        post_delete.connect(
            device_deleted,
            sender=model,
            dispatch_uid=f"chat.signals.device_deleted.{model._meta.label}",
        )
