"""A signed-in operator's console."""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from lantern import sessions
from lantern.staff import staff_language
from lantern.two_factor import policy as two_factor

from .. import access, protocol
from ..access import access_operator_conversation, check_operator
from ..actions import conversations, messages, operators
from ..actions.consent import do_lead_note, do_request_consent, do_update_lead
from ..announce import OPERATORS_GROUP, conversation_group, operator_group
from ..db import db
from ..delivery import OPERATOR, Read
from ..frames import (
    check_conversation_id,
    check_lead_fields,
    check_seq,
    check_status,
    check_text,
    is_conversation_id,
)
from ..models import Conversation, OperatorStatus
from ..protocol import ChatError
from ..referrals import actions as leads
from .base import QUEUE_SETTLE_SECONDS, ChatConsumer, log_failure
from .sightings import sightings

# Frames a console sends by itself, not because the operator did something: they do not keep
# the operator's session from going idle.
AUTOMATIC_FRAMES = frozenset({"ping", "received", "sync"})


class OperatorConsumer(ChatConsumer):
    """A signed-in operator's console. Permission is checked at connect and again, from the
    database, on every frame. The session it was opened with is checked at connect, on every
    `chat.permissions` event and every LANTERN_STAFF_SESSION_CHECK_SECONDS: once it has ended
    (signed out, expired, idle, the password changed, the second factor gone), the socket
    closes with CLOSE_SIGNED_OUT. The operator's frames are activity that keeps it alive."""

    side = OPERATOR
    frame_types = frozenset(
        {
            "status",
            "accept",
            "message",
            "note",
            "typing",
            "received",
            "sync",
            "transfer",
            "end",
            "request_consent",
            "lead",
            "lead_note",
            "ping",
        }
    )
    message_types = frozenset({"message", "note"})
    posting_types = message_types
    # The session the socket was opened with (set at connect).
    session_key: str | None = None
    session_tag = ""
    activity_written_at = float("-inf")

    async def on_connect(self) -> None:
        user = self.scope.get("user")
        self.permission_checked_at = float("-inf")
        self.user_id = user.pk if user is not None and user.is_authenticated else None
        if self.user_id is None:
            await self.send_error(
                ChatError(protocol.ERROR_FORBIDDEN, close_code=protocol.CLOSE_UNAUTHORISED)
            )
            return
        if not await db(two_factor.satisfied)(user, self.scope.get("session")):
            await self.send_error(
                ChatError(protocol.ERROR_SECOND_FACTOR, close_code=protocol.CLOSE_UNAUTHORISED)
            )
            return
        session = self.scope.get("session")
        self.session_key = getattr(session, "session_key", None) if session is not None else None
        self.session_tag = sessions.session_tag(self.session_key)
        self.activity_written_at = time.monotonic()  # the console's page load was activity
        # A session signed in before sessions were stamped counts from now.
        await db(sessions.stamp_socket)(self.session_key, active=False)
        try:
            await self.check_session()
        except ChatError as error:
            await self.send_error(error)
            return
        try:
            operator = await self.operator()
        except ChatError as error:
            if error.close_code == protocol.CLOSE_FORBIDDEN:
                # Never allowed on this socket: CLOSE_FORBIDDEN says "withdrawn meanwhile".
                error = ChatError(error.code, close_code=protocol.CLOSE_NOT_OPERATOR)
            await self.send_error(error)
            return
        self.language = await db(staff_language)(operator)
        await self.join(OPERATORS_GROUP)
        await self.join(operator_group(self.user_id))
        await self.act(operators.do_operator_seen, self.user_id)
        mine = await db(lambda: list(Conversation.objects.for_operator(operator)))()
        for conversation in mine:
            # From here on, what is new; what came before, the console asks for with `sync`
            # from the last number it shows (0 when it shows nothing): a console that
            # reconnects is sent what it missed, not every conversation from the start.
            self.reader.follow(conversation.pk, conversation.last_seq)
            await self.join(conversation_group(conversation.pk))
        await self.send_state(operator)
        self.watching = asyncio.create_task(self._watch_session())

    # --- the session ------------------------------------------------------------------------

    def signed_out(self) -> ChatError:
        """The error that closes the socket once its session has ended, with where to sign in
        again (and come back to the console)."""
        address = f"{sessions.login_url()}?{urlencode({'next': reverse('chat_console')})}"
        with translation.override(self.language):
            label = gettext("Sign in again")
        return ChatError(
            protocol.ERROR_SIGNED_OUT,
            close_code=protocol.CLOSE_SIGNED_OUT,
            sign_in={"url": address, "label": label},
        )

    async def check_session(self) -> None:
        """Raise `signed_out()` unless the session still holds (read afresh from the
        database: lantern.sessions.session_problem)."""
        if await db(sessions.session_problem)(self.session_key, self.user_id) is not None:
            raise self.signed_out()

    async def _watch_session(self) -> None:
        """Expiry, and changes made behind Django's back (a session row deleted, a password
        set in the database), count within LANTERN_STAFF_SESSION_CHECK_SECONDS."""
        while not self.closed:
            await asyncio.sleep(settings.LANTERN_STAFF_SESSION_CHECK_SECONDS)
            try:
                await self.check_session()
            except ChatError as error:
                await self.send_error(error)
                return
            except Exception as error:  # the database is down: the next check tries again
                log_failure("session check of", self.side, error)

    async def note_activity(self) -> None:
        """The operator did something: written to the session at most once per
        `sessions.activity_resolution()` (a session past its limits is not revived)."""
        now = time.monotonic()
        if now - self.activity_written_at < sessions.activity_resolution():
            return
        self.activity_written_at = now
        try:
            await db(sessions.stamp_socket)(self.session_key, active=True)
        except Exception as error:  # the frame itself is what matters
            log_failure("activity of", self.side, error)

    async def run_frame(
        self, frame_type: str, data: dict, extra: dict, *, after: asyncio.Task | None = None
    ) -> None:
        if frame_type not in AUTOMATIC_FRAMES:
            await self.note_activity()
        await super().run_frame(frame_type, data, extra, after=after)

    async def disconnect(self, code) -> None:
        watching = getattr(self, "watching", None)
        if watching is not None:
            watching.cancel()
        await super().disconnect(code)

    # --- permission --------------------------------------------------------------------------

    async def operator(self):
        """Every frame re-checks the permission from the database."""
        operator = await db(check_operator)(self.user_id)
        self.permission_checked_at = time.monotonic()
        return operator

    async def conversation(self, data: dict):
        access = await db(access_operator_conversation)(self.user_id, data.get("conversation"))
        self.permission_checked_at = time.monotonic()
        return access

    @property
    def permission_is_fresh(self) -> bool:
        """Messages delivered to the console need no check of their own while the last one is
        recent: a permission changed through Django is announced at once (`chat.permissions`,
        see chat.signals), and one changed behind Django's back counts after this long."""
        age = time.monotonic() - self.permission_checked_at
        return age < access.PERMISSION_RECHECK_SECONDS

    async def fetch(self, conversation_id: int, after: int) -> Read:
        """One trip to the database for the permission, the conversation and the messages."""
        read = await db(messages.update_for_reader)(
            conversation_id, after, for_visitor=False, operator_id=self.user_id
        )
        self.permission_checked_at = time.monotonic()
        return read

    async def send_state(self, operator) -> None:
        def build():
            status = OperatorStatus.objects.get_or_create(user=operator)[0]
            return {
                "type": "state",
                "operator": {
                    "id": operator.pk,
                    "available": status.available,
                    "languages": status.languages,
                    "max_chats": status.max_chats,
                },
                "queue": conversations.queue_for(operator),
                "colleagues": conversations.colleagues_for(operator),
                "conversations": [
                    conversations.conversation_summary(c, operator)
                    for c in Conversation.objects.for_operator(operator)
                ],
                # So that a console that was away learns how the ones it showed ended.
                "closed": conversations.recently_closed(operator),
            }

        await self.send_json(await db(build)())

    async def send_queue(self) -> None:
        operator = await self.operator()

        def read():
            return conversations.queue_for(operator), conversations.colleagues_for(operator)

        queue, colleagues = await db(read)()
        await self.send_json({"type": "queue", "queue": queue, "colleagues": colleagues})

    async def start_reading(self, conversation: Conversation, operator, answer: str) -> None:
        """A conversation became this operator's: follow it, say so, and send its messages."""
        self.reader.follow(conversation.pk)
        await self.join(conversation_group(conversation.pk))
        summary = await db(conversations.conversation_summary)(conversation, operator)
        await self.send_json({"type": answer, "conversation": summary})
        await self.reader.flush(conversation.pk)

    async def stop_reading(self, conversation_id: int) -> None:
        await self.leave(conversation_group(conversation_id))
        self.reader.unfollow(conversation_id)

    # --- frames ---------------------------------------------------------------------------

    async def on_ping(self, data: dict) -> None:
        await self.operator()
        await self.act(operators.do_operator_seen, self.user_id)
        # Visitors this process saw while the database was down are not swept as gone.
        await sightings.flush()
        closed = await self.act(conversations.do_sweep)
        await self.send_json({"type": "pong", "swept": closed})

    async def on_status(self, data: dict) -> None:
        operator = await self.operator()
        changes = check_status(data)
        status = await self.act(operators.do_set_status, operator, changes)
        await self.send_json(
            {
                "type": "status",
                "available": status.available,
                "languages": status.languages,
                "max_chats": status.max_chats,
            }
        )

    async def on_accept(self, data: dict) -> None:
        operator = await self.operator()
        conversation_id = check_conversation_id(data.get("conversation"))
        conversation = await self.act(operators.do_accept, operator, conversation_id)
        await self.start_reading(conversation, operator, "accepted")
        await self.channel_layer.group_send(
            conversation_group(conversation.pk),
            {"type": "chat.update", "id": conversation.pk, "accepted": True},
        )

    def lane_of(self, data: dict) -> object:
        """Messages and notes to one conversation keep their order; a malformed conversation
        (refused when its frame runs) shares one lane."""
        conversation_id = data.get("conversation")
        return conversation_id if is_conversation_id(conversation_id) else None

    async def on_message(self, data: dict) -> None:
        await self.post(data, note=False)

    async def on_note(self, data: dict) -> None:
        await self.post(data, note=True)

    async def post(self, data: dict, *, note: bool) -> None:
        # One trip to the database pool: permission, conversation, input, the message.
        message = await self.act(
            messages.do_operator_post,
            self.user_id,
            data.get("conversation"),
            data.get("client_id"),
            data.get("text"),
            note=note,
            on_loop=messages.operator_post_on_loop,
            before_announcing=lambda stored: self.reader.acked(stored.conversation_id, stored.seq),
        )
        self.permission_checked_at = time.monotonic()
        await self.send_json(
            {
                "type": "ack",
                "conversation": message.conversation_id,
                "client_id": message.client_id,
                "seq": message.seq,
            }
        )

    async def on_typing(self, data: dict) -> None:
        _operator, conversation = await self.conversation(data)
        await self.typing(conversation.pk)

    async def on_received(self, data: dict) -> None:
        _operator, conversation = await self.conversation(data)
        seq = check_seq(data.get("seq"))
        await self.act(messages.do_mark_delivered, conversation.pk, "operator", seq)

    async def on_sync(self, data: dict) -> None:
        _operator, conversation = await self.conversation(data)
        after = check_seq(data.get("after", 0))
        self.reader.follow(conversation.pk, after)
        await self.reader.flush(conversation.pk, after=after)

    async def on_transfer(self, data: dict) -> None:
        operator, conversation = await self.conversation(data)
        note = check_text(data.get("note") or "-", protocol.MAX_NOTE_CHARS)
        await self.act(operators.do_transfer, operator, conversation, data.get("to"), note)
        await self.send_json({"type": "transferred", "conversation": conversation.pk})

    async def on_end(self, data: dict) -> None:
        _operator, conversation = await self.conversation(data)
        if conversation.status == Conversation.Status.CLOSED:
            raise ChatError(protocol.ERROR_CLOSED)
        await self.act(operators.do_operator_end, conversation)

    async def on_request_consent(self, data: dict) -> None:
        _operator, conversation = await self.conversation(data)
        if conversation.status != Conversation.Status.ACTIVE:
            raise ChatError(protocol.ERROR_STATE)
        if conversation.consent == Conversation.Consent.GRANTED:
            raise ChatError(protocol.ERROR_STATE, reason="already_granted")
        await self.act(do_request_consent, conversation)

    async def on_lead(self, data: dict) -> None:
        operator, conversation = await self.conversation(data)
        fields = check_lead_fields(data)
        await self.act(do_update_lead, operator, conversation, fields)
        await self.send_lead(conversation.pk, operator, answer="lead_saved")

    async def on_lead_note(self, data: dict) -> None:
        operator, conversation = await self.conversation(data)
        await self.act(do_lead_note, operator, conversation, data.get("text"))
        await self.send_json({"type": "lead_note_saved", "conversation": conversation.pk})

    async def send_lead(self, conversation_id: int, operator, answer: str = "lead") -> None:
        """The conversation's lead as the console's form shows it (`lead_for_operator`)."""
        lead = await db(lambda: leads.lead_for_operator(leads.lead_of(conversation_id), operator))()
        await self.send_json({"type": answer, "conversation": conversation_id, "lead": lead})

    # --- channel layer events -------------------------------------------------------------

    async def chat_queue(self, event: dict) -> None:
        self.refresh("queue", self.send_queue, settle=QUEUE_SETTLE_SECONDS)

    async def chat_lead(self, event: dict) -> None:
        """The visitor consented: the lead form, filled from what they gave."""
        operator, _conversation = await self.conversation({"conversation": event["id"]})
        await self.send_lead(event["id"], operator)

    async def chat_presence(self, event: dict) -> None:
        """A visitor left or came back: the queue says so for those waiting; for one of this
        operator's conversations, the console's list shows them reconnecting, or back."""
        if event.get("id") in self.reader.followed and "online" in event:
            await self.send_json(
                {"type": "presence", "conversation": event["id"], "online": bool(event["online"])}
            )
        await self.chat_queue(event)

    async def chat_update(self, event: dict) -> None:
        # Messages reach only an operator who may still read them: a permission withdrawn
        # meanwhile closes the socket (through `dispatch`) instead.
        if self.permission_is_fresh:
            await self.reader.announced(event["id"], event)
        else:
            await self.reader.catch_up(event["id"])

    async def chat_permissions(self, event: dict) -> None:
        """This operator's groups, permissions, account, sessions or second factors changed:
        check them now (closes the socket with `forbidden` if they no longer allow the chat,
        with `signed_out` if its session has ended; at once if the event names this socket's
        session as signed out)."""
        if self.session_tag and event.get("session") == self.session_tag:
            raise self.signed_out()
        await self.operator()
        await self.check_session()

    async def chat_typing(self, event: dict) -> None:
        if event.get("sender") == "visitor":
            await self.send_json({"type": "typing", "conversation": event["id"]})

    async def chat_consent_request(self, event: dict) -> None:
        """The visitor's business; operators see the event message."""

    async def chat_closed(self, event: dict) -> None:
        await self.stop_reading(event["id"])
        await self.send_json(
            {
                "type": "conversation_closed",
                "conversation": event["id"],
                "outcome": event["outcome"],
                "do_not_contact": event["do_not_contact"],
            }
        )

    async def chat_assigned(self, event: dict) -> None:
        operator = await self.operator()
        conversation = await db(Conversation.objects.get)(pk=event["id"])
        await self.start_reading(conversation, operator, "assigned")

    async def chat_reassigned(self, event: dict) -> None:
        conversation = await db(Conversation.objects.get)(pk=event["id"])
        if conversation.operator_id != self.user_id:
            await self.stop_reading(conversation.pk)
            await self.send_json({"type": "unassigned", "conversation": conversation.pk})
