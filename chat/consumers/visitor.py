"""The anonymous visitor's socket."""

from __future__ import annotations

import time

from lantern import challenge

from .. import protocol
from ..access import access_visitor_conversation
from ..actions import conversations, messages
from ..actions.consent import do_answer_consent, do_leave_message
from ..announce import OPERATORS_GROUP, WAITING_GROUP, conversation_group, visitor_group
from ..db import db
from ..delivery import VISITOR, Read
from ..frames import (
    check_client_id,
    check_consent,
    check_leave_message,
    check_seq,
    check_text,
    consent_frame,
)
from ..models import ChatRules, Conversation, Message
from ..protocol import ChatError
from .base import QUEUE_SETTLE_SECONDS, ChatConsumer, log_failure
from .sightings import sightings


class VisitorConsumer(ChatConsumer):
    """The anonymous visitor's side. No conversation exists until the visitor sends `start`
    (or `leave_message`); after that the consumer knows only that conversation."""

    side = VISITOR
    frame_types = frozenset(
        {
            "availability",
            "challenge",
            "start",
            "resume",
            "message",
            "typing",
            "received",
            "sync",
            "consent",
            "consent_wording",
            "end",
            "quick_exit",
            "leave_message",
            "ping",
        }
    )
    # What counts against the message limit: what stores something. `resume` and `sync` only
    # read (a client that comes back after a drop must not be refused for it).
    message_types = frozenset({"message", "start", "leave_message", "consent"})

    async def on_connect(self) -> None:
        self.conversation_id: int | None = None
        self.attached_at = 0  # when this socket took up its conversation (time.time_ns)

    async def disconnect(self, code) -> None:
        if self.conversation_id is not None:
            # The resume period counts from now. A database or layer that fails here (an
            # outage) does not keep the socket from leaving its groups, and the database is
            # told later (`sightings`).
            try:
                await self.seen(self.conversation_id)
                await self.channel_layer.group_send(
                    OPERATORS_GROUP,
                    {"type": "chat.presence", "id": self.conversation_id, "online": False},
                )
            except Exception as error:
                log_failure("disconnect of", "visitor", error)
        await super().disconnect(code)

    async def seen(self, conversation_id: int) -> int | None:
        """The visitor is here now (the conversation's last seq); if the database cannot be
        told, it is told later."""
        try:
            return await self.act(conversations.do_visitor_seen, conversation_id)
        except Exception:
            sightings.conversation(conversation_id)
            raise

    async def fetch(self, conversation_id: int, after: int) -> Read:
        return await db(messages.update_for_reader)(conversation_id, after, for_visitor=True)

    # --- helpers --------------------------------------------------------------------------

    def require_conversation(self) -> int:
        if self.conversation_id is None:
            raise ChatError(protocol.ERROR_NO_CONVERSATION)
        return self.conversation_id

    async def attach(self, conversation: Conversation, cursor: int = 0) -> None:
        self.conversation_id = conversation.pk
        self.language = conversation.language
        self.reader.follow(conversation.pk, cursor)
        await self.join(conversation_group(conversation.pk))
        if conversation.status == Conversation.Status.WAITING:
            await self.join(WAITING_GROUP)
        # One live visitor socket per conversation: this one replaces any other (a tab left
        # open, a socket the browser has given up on, or someone else holding the token).
        # The event says when: a layer may hand an event to a socket that joined the group
        # after it was sent (Redis publish/subscribe: to the process's sockets in the group
        # when it arrives), and a socket that attached later is not replaced by it.
        self.attached_at = time.time_ns()
        await self.join(visitor_group(conversation.pk))
        await self.channel_layer.group_send(
            visitor_group(conversation.pk),
            {
                "type": "chat.replaced",
                "id": conversation.pk,
                "origin": self.channel_name,
                "at": self.attached_at,
            },
        )

    async def require_proof(self, data: dict, purpose: str) -> None:
        """A `start` or `leave_message` carries a solved challenge (lantern.challenge); one
        without, or with one that is wrong, used or expired, is answered with a new one."""
        if not await db(challenge.verify)(data.get("proof"), purpose):
            fresh = await db(conversations.new_challenge)(purpose)
            raise ChatError(protocol.ERROR_PROOF, challenge=fresh)

    async def send_state(self, conversation: Conversation) -> None:
        await self.send_json(
            {
                "type": "state",
                "conversation": {
                    "status": conversation.status,
                    "language": conversation.language,
                    "topic": conversation.topic,
                    "consent": conversation.consent,
                    "last_seq": conversation.last_seq,
                    "delivered_seq": conversation.operator_delivered_seq,
                },
            }
        )
        if conversation.status == Conversation.Status.WAITING:
            await self.send_json(await db(conversations.queue_position)(conversation))
        if conversation.consent == Conversation.Consent.ASKED:
            await self.send_consent_request(conversation.language)

    # --- frames ---------------------------------------------------------------------------

    async def on_availability(self, data: dict) -> None:
        await self.send_json(await db(conversations.chat_availability)())

    async def on_challenge(self, data: dict) -> None:
        purpose = conversations.check_challenge_purpose(data.get("for"))
        fresh = await db(conversations.new_challenge)(purpose)
        await self.send_json({"type": "challenge", "for": purpose, "challenge": fresh})

    async def on_start(self, data: dict) -> None:
        if self.conversation_id is not None:
            raise ChatError(protocol.ERROR_STATE)
        language, topic = await db(conversations.check_start)(
            data.get("language"), data.get("topic")
        )
        await self.require_proof(data, "start")
        conversation, token = await self.act(conversations.do_start, language, topic)
        await self.attach(conversation)
        await self.send_json({"type": "started", "token": token})
        await self.send_state(conversation)

    async def on_resume(self, data: dict) -> None:
        if self.conversation_id is not None:
            raise ChatError(protocol.ERROR_STATE)
        after = check_seq(data.get("last_seq", 0))
        token = data.get("token")
        try:
            await self.resume(token, after)
        except ChatError:
            self.detach()
            raise
        except Exception as error:
            # The database or the layer failed midway. A socket attached to nothing would
            # refuse the visitor's messages while their conversation waits: the client is told
            # to come back (it reconnects with back-off and resumes again), and the attempt
            # counts as the visitor seen, so that the sweep leaves the conversation alone.
            log_failure("frame of type", "resume", error)
            sightings.token(token)
            self.detach()
            raise ChatError(protocol.ERROR_SERVER, close_code=protocol.CLOSE_SERVER_ERROR) from None

    def detach(self) -> None:
        """Follow no conversation (the socket's groups are left when it closes)."""
        if self.conversation_id is not None:
            self.reader.unfollow(self.conversation_id)
        self.conversation_id = None

    async def resume(self, token, after: int) -> None:
        # Visitors seen during an outage first: the resume period counts from then.
        await sightings.flush()
        conversation = await db(access_visitor_conversation)(token)
        await self.act(conversations.do_visitor_seen, conversation.pk)
        # A number beyond the last message (a stale or made-up one) must not hide new ones.
        await self.attach(conversation, cursor=min(after, conversation.last_seq))
        await self.send_json({"type": "resumed"})
        await self.send_state(conversation)
        await self.flush_and_say_so(conversation.pk)
        await self.channel_layer.group_send(
            OPERATORS_GROUP, {"type": "chat.presence", "id": conversation.pk, "online": True}
        )

    async def on_message(self, data: dict) -> None:
        conversation_id = self.require_conversation()
        client_id = check_client_id(data.get("client_id"))
        text = check_text(data.get("text"))
        message, _created = await self.act(
            messages.do_post_message,
            conversation_id,
            Message.Sender.VISITOR,
            text,
            client_id,
            on_loop=messages.post_message_on_loop,
            burst_limit=protocol.CONVERSATION_MAX_MESSAGES,
            before_announcing=lambda stored: self.reader.acked(conversation_id, stored[0].seq),
        )
        await self.send_json({"type": "ack", "client_id": client_id, "seq": message.seq})

    async def on_typing(self, data: dict) -> None:
        await self.typing(self.require_conversation())

    async def on_received(self, data: dict) -> None:
        conversation_id = self.require_conversation()
        seq = check_seq(data.get("seq"))
        await self.act(messages.do_mark_delivered, conversation_id, "visitor", seq)

    async def on_sync(self, data: dict) -> None:
        conversation_id = self.require_conversation()
        await self.flush_and_say_so(conversation_id, after=check_seq(data.get("after", 0)))

    async def flush_and_say_so(self, conversation_id: int, after: int | None = None) -> None:
        """Send what follows `after` (or the cursor), then `synced`: everything up to its
        `through` that the visitor may see has been sent on this socket. Private notes skip
        numbers, so the widget cannot tell a missing message from a note by the numbers
        alone; this tells it where it has everything."""
        await self.reader.flush(conversation_id, after=after)
        await self.send_json({"type": "synced", "through": self.reader.cursor(conversation_id)})

    async def on_ping(self, data: dict) -> None:
        """A pong, with the conversation's last seq (notes included): a client that has shown
        less asks for what it misses (`sync`)."""
        pong: dict = {"type": "pong"}
        if self.conversation_id is not None:
            try:
                last_seq = await self.seen(self.conversation_id)
            except Exception as error:  # told later; the socket is alive all the same
                log_failure("frame of type", "ping", error)
            else:
                if last_seq is not None:
                    pong["last_seq"] = last_seq
        await self.send_json(pong)

    async def on_consent(self, data: dict) -> None:
        conversation_id = self.require_conversation()
        answer = check_consent(data)
        consented = await self.act(do_answer_consent, conversation_id, answer)
        await self.send_json(
            {
                "type": "consent_recorded",
                "granted": answer.grant,
                "withdrawal_code": consented.withdrawal_code if consented else None,
                "return_code": consented.return_code if consented else None,
            }
        )

    async def send_consent_request(self, language: str) -> None:
        rules = await db(ChatRules.objects.current)()
        await self.send_json(consent_frame(language, rules))

    async def on_consent_wording(self, data: dict) -> None:
        """The visitor is about to end the chat: show the consent question first. A waiting
        visitor has told nobody anything yet, so there is nothing to consent to."""
        conversation_id = self.require_conversation()
        conversation = await db(Conversation.objects.get)(pk=conversation_id)
        if conversation.status == Conversation.Status.WAITING:
            await self._end(quick_exit=False)
            return
        await self.send_consent_request(conversation.language)

    async def on_end(self, data: dict) -> None:
        await self._end(quick_exit=False)

    async def on_quick_exit(self, data: dict) -> None:
        await self._end(quick_exit=True)

    async def _end(self, *, quick_exit: bool) -> None:
        conversation_id = self.require_conversation()
        conversation = await db(Conversation.objects.get)(pk=conversation_id)
        await self.act(conversations.do_visitor_end, conversation, quick_exit=quick_exit)
        # chat.closed arrives through the group and closes the socket.

    async def on_leave_message(self, data: dict) -> None:
        if self.conversation_id is not None:
            raise ChatError(protocol.ERROR_STATE)
        message = check_leave_message(data)
        self.language = message.language
        await self.require_proof(data, "leave_message")
        consented = await self.act(do_leave_message, message)
        await self.send_json(
            {
                "type": "message_left",
                "withdrawal_code": consented.withdrawal_code,
                "return_code": consented.return_code,
            }
        )

    # --- channel layer events -------------------------------------------------------------

    async def chat_update(self, event: dict) -> None:
        if self.conversation_id is None:
            return
        if not event.get("accepted"):
            await self.reader.announced(self.conversation_id, event)
            return
        conversation = await self.reader.catch_up(self.conversation_id)
        if conversation is not None and conversation.status == Conversation.Status.ACTIVE:
            await self.leave(WAITING_GROUP)
            await self.send_state(conversation)

    async def chat_typing(self, event: dict) -> None:
        if event.get("sender") == "operator":
            await self.send_json({"type": "typing"})

    async def chat_consent_request(self, event: dict) -> None:
        conversation = await db(Conversation.objects.get)(pk=event["id"])
        await self.send_consent_request(conversation.language)

    async def chat_closed(self, event: dict) -> None:
        await self.send_json({"type": "ended", "outcome": event["outcome"]})
        if self.conversation_id is not None:
            self.reader.unfollow(self.conversation_id)
        self.conversation_id = None
        await self.close(code=protocol.CLOSE_ENDED)

    async def chat_queue(self, event: dict) -> None:
        """Queue changes reach waiting visitors as a new place in the queue."""
        if self.conversation_id is not None:
            self.refresh("queue", self.send_place, settle=QUEUE_SETTLE_SECONDS)

    async def send_place(self) -> None:
        if self.conversation_id is None:
            return
        conversation = await db(Conversation.objects.filter(pk=self.conversation_id).first)()
        if conversation is None or conversation.status != Conversation.Status.WAITING:
            await self.leave(WAITING_GROUP)
            return
        await self.send_json(await db(conversations.queue_position)(conversation))

    async def chat_replaced(self, event: dict) -> None:
        """A newer socket took up this conversation: this one says so and closes (the widget
        does not come back; the newer one has the conversation)."""
        if (
            event.get("origin") == self.channel_name
            or event.get("id") != self.conversation_id
            or event.get("at", 0) <= self.attached_at
        ):
            return
        self.detach()
        await self.send_error(
            ChatError(protocol.ERROR_REPLACED, close_code=protocol.CLOSE_REPLACED)
        )

    async def chat_lead(self, event: dict) -> None:
        """The operator's business (the lead form)."""

    async def chat_reassigned(self, event: dict) -> None:
        """Operators' business."""
