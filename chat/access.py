"""Access checks: who may use which conversation. Each raises `ChatError` with the documented
code (and, where the socket must go, its close code).

- A visitor holds a conversation by its token (stored only as a hash), for as long as they
  have not been gone longer than the resume period.
- An operator holds the permission `chat.operate_chat` (as `lantern.staff.holders` and
  Django's `has_perm` grant it), checked afresh from the database on every action, and may use
  only the conversations assigned to them.
- A socket at all is opened only from this site's own pages (`SameOriginOnly`).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists
from django.http.request import split_domain_port, validate_host
from django.utils import timezone
from django.utils.http import is_same_domain

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


# --- Sockets --------------------------------------------------------------------------------

DEFAULT_PORTS = {"http": 80, "https": 443}


def normalised_origin(value: str) -> str | None:
    """`value` as an origin spelled one way (`scheme://host[:port]`, lower case, without the
    scheme's default port), or None if it is not an http(s) origin at all ("null", a path,
    a user name...)."""
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:  # a port that is not a number, or out of range
        return None
    host = parts.hostname
    if (
        parts.scheme not in DEFAULT_PORTS
        or not host
        or "@" in parts.netloc
        or parts.path
        or parts.query
        or parts.fragment
    ):
        return None
    if ":" in host:
        host = f"[{host}]"  # IPv6
    if port is None or port == DEFAULT_PORTS[parts.scheme]:
        return f"{parts.scheme}://{host}"
    return f"{parts.scheme}://{host}:{port}"


def socket_origin(scope) -> str | None:
    """The origin of the page a socket belongs to when it is this site's own: the scheme the
    browser used (wss, or https as SECURE_PROXY_SSL_HEADER says behind a TLS-terminating
    proxy, as Django decides `request.is_secure()`), and the Host header, which must be one
    of ALLOWED_HOSTS. None when the host is not allowed."""
    headers = dict(scope.get("headers") or ())
    host = headers.get(b"host", b"").decode("latin-1")
    domain, _port = split_domain_port(host)
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]  # as Django's own host check
    if not domain or not validate_host(domain, allowed):
        return None
    secure = scope.get("scheme") == "wss"
    proxy_header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if proxy_header:
        name, secure_value = proxy_header
        header = name.removeprefix("HTTP_").lower().replace("_", "-").encode("latin-1")
        value = headers.get(header, b"").decode("latin-1")
        secure = value.split(",", 1)[0].strip() == secure_value
    return normalised_origin(f"{'https' if secure else 'http'}://{host}")


def origin_allowed(scope) -> bool:
    """Whether a socket may be opened from the page that asks: its Origin header, scheme, host
    and port, is this site's own origin (`socket_origin`) or one of CSRF_TRUSTED_ORIGINS
    (`https://*.example.org` allows its subdomains, as for Django's CSRF check). A request
    without an Origin (no browser sends none) is refused."""
    raw = dict(scope.get("headers") or ()).get(b"origin")
    origin = normalised_origin(raw.decode("latin-1")) if raw else None
    if origin is None:
        return False
    if origin == socket_origin(scope):
        return True
    scheme, netloc = origin.split("://", 1)
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        if "*" not in trusted:
            if origin == normalised_origin(trusted):
                return True
            continue
        parts = urlsplit(trusted)
        if parts.scheme == scheme and is_same_domain(netloc, parts.netloc.lstrip("*")):
            return True
    return False


async def refuse_socket(scope, receive, send) -> None:
    """An ASGI application that refuses a websocket during its handshake: daphne answers
    HTTP 403 and logs nothing but its access line. Nothing else runs (no channel layer, no
    session): a refusal costs nothing and cannot fail."""
    message = await receive()
    if message["type"] == "websocket.connect":
        await send({"type": "websocket.close"})


class SameOriginOnly:
    """ASGI middleware for the websockets: a socket whose page is not one of this site's
    (`origin_allowed`) is refused during the handshake (`refuse_socket`), before anything
    else runs. Channels' AllowedHostsOriginValidator compared the host alone: a page of
    another scheme or port of an allowed host passed."""

    def __init__(self, application) -> None:
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket" and not origin_allowed(scope):
            return await refuse_socket(scope, receive, send)
        return await self.application(scope, receive, send)
