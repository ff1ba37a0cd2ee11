"""Bench operators: signed-in "Chat operators" created directly in the server's database.

Each gets a session (the cookie the operator socket sends) made the way Django's login makes
one, and a confirmed second-factor device recorded in that session, so that they are let in
whether the server asks for a second factor or not. Their passwords are unusable: nobody can
sign in as them. `remove_bench_operators` deletes them again.
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from chat.actions.conversations import do_close
from chat.models import Conversation, OperatorStatus

USERNAME_PREFIX = "bench-operator-"
OPERATORS_GROUP = "Chat operators"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def operators_group() -> Group:
    """The "Chat operators" group (chat/migrations/0003), made again with its permission to
    operate the chat if it is gone (a test database flushed after its migrations)."""
    group, created = Group.objects.get_or_create(name=OPERATORS_GROUP)
    if created:
        group.permissions.add(
            *Permission.objects.filter(
                Q(content_type__app_label="chat", codename="operate_chat")
                | Q(content_type__app_label="wagtailadmin", codename="access_admin")
            )
        )
    return group


def bench_operators(count: int, max_chats: int) -> list[tuple[int, str]]:
    """`count` bench operators, available in every language for `max_chats` chats at once:
    [(user id, session key)]. Conversations a crashed earlier run left open with them are
    closed first, so that every one starts with no chat."""
    user_model = get_user_model()
    group = operators_group()
    engine = import_module(settings.SESSION_ENGINE)
    backend = settings.AUTHENTICATION_BACKENDS[0]
    result = []
    for number in range(count):
        with transaction.atomic():
            user, created = user_model.objects.get_or_create(
                username=f"{USERNAME_PREFIX}{number:04d}",
                defaults={"first_name": "Bench", "last_name": f"Operator {number}"},
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
                user.groups.add(group)
            OperatorStatus.objects.update_or_create(
                user=user,
                defaults={
                    "available": True,
                    "languages": LANGUAGES,
                    "max_chats": max_chats,
                    "last_seen_at": timezone.now(),
                },
            )
            device, _created = TOTPDevice.objects.get_or_create(
                user=user, name="bench", defaults={"confirmed": True}
            )
            session = engine.SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = backend
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.create()
        result.append((user.pk, session.session_key))
    leftovers = Conversation.objects.open().filter(operator__username__startswith=USERNAME_PREFIX)
    for pk in leftovers.values_list("pk", flat=True):
        do_close(pk, Conversation.Outcome.OPERATOR_ENDED)
    return result


def remove_bench_operators() -> int:
    """Delete every bench operator (their sessions expire on their own)."""
    deleted, _ = get_user_model().objects.filter(username__startswith=USERNAME_PREFIX).delete()
    return deleted
