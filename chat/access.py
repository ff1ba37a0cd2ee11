"""Access checks: who may use which conversation. Each raises `ChatError` with the documented
code (and, where the socket must go, its close code).

- A visitor holds a conversation by its token (stored only as a hash), for as long as they
  have not been gone longer than the resume period.
- An operator holds the permission `chat.operate_chat` (as `lantern.staff.holders` and
  Django's `has_perm` grant it), checked afresh from the database on every action, and may use
  only the conversations assigned to them.
"""

from __future__ import annotations

import datetime
import functools
import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists
from django.utils import timezone

from lantern.staff import holders

from . import protocol
from .frames import is_conversation_id
from .models import Conversation
from .protocol import ChatError

OPERATE_PERMISSION = "chat.operate_chat"
# How long a console goes on receiving messages on its last permission check (see
# OperatorConsumer.permission_is_fresh); every action of the operator checks afresh.
PERMISSION_RECHECK_SECONDS = 5


# --- Visitors -------------------------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(f"visitor:{token}".encode()).hexdigest()


def resume_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    """A visitor last seen before this has been gone longer than the resume period."""
    now = now or timezone.now()
    return now - datetime.timedelta(seconds=settings.LANTERN_CHAT_RESUME_SECONDS)


def access_visitor_conversation(token) -> Conversation:
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        raise ChatError(protocol.ERROR_TOKEN, close_code=protocol.CLOSE_TOKEN)
    conversation = Conversation.objects.open().filter(token_hash=hash_token(token)).first()
    if conversation is None:
        raise ChatError(protocol.ERROR_TOKEN, close_code=protocol.CLOSE_TOKEN)
    if conversation.visitor_seen_at < resume_cutoff():
        # Gone longer than the resume period: the sweep closes it; nobody may take it up again.
        raise ChatError(protocol.ERROR_TOKEN, close_code=protocol.CLOSE_TOKEN)
    return conversation


# --- Operators ------------------------------------------------------------------------------


def operators():
    """Everybody who may operate the chat now, as a query."""
    return holders(OPERATE_PERMISSION)


def _operator(user_id: int):
    return operators().filter(pk=user_id)


def check_operator(user_id: int):
    """The operator, fetched afresh so that a permission withdrawn a moment ago counts."""
    user = _operator(user_id).first()
    if user is None:
        raise ChatError(protocol.ERROR_FORBIDDEN, close_code=protocol.CLOSE_FORBIDDEN)
    return user


def operator_conversation(user_id: int, conversation_id) -> Conversation:
    """The operator's own conversation, with the permission checked afresh in the same query.
    The permission's error comes first, then the id's, then the conversation's."""
    if not is_conversation_id(conversation_id):
        check_operator(user_id)
        raise ChatError(protocol.ERROR_INVALID, field="conversation")
    conversation = (
        Conversation.objects.filter(pk=conversation_id)
        .annotate(operator_allowed=Exists(_operator(user_id)))
        .first()
    )
    if conversation is None:
        check_operator(user_id)
        raise ChatError(protocol.ERROR_NOT_FOUND, conversation=conversation_id)
    if not conversation.operator_allowed:
        raise ChatError(protocol.ERROR_FORBIDDEN, close_code=protocol.CLOSE_FORBIDDEN)
    if conversation.operator_id != user_id:
        raise ChatError(protocol.ERROR_FORBIDDEN, conversation=conversation_id)
    return conversation


def access_operator_conversation(user_id: int, conversation_id) -> tuple[object, Conversation]:
    conversation = operator_conversation(user_id, conversation_id)
    return get_user_model().objects.get(pk=user_id), conversation


@functools.lru_cache(maxsize=256)
def operator_permission_sql(alias: str, user_id: int) -> tuple[str, tuple]:
    """`check_operator`'s query as SQL, for a statement that checks the permission itself
    (`chat.actions.messages.store`). Compiled by the ORM (the permission rule lives in one
    place) once per operator and process: building it took longer than running it. Only the
    statement is kept; the database evaluates the permission afresh every time."""
    query = _operator(user_id).values("pk").query
    sql, params = query.get_compiler(using=alias).as_sql()
    return sql, tuple(params)
