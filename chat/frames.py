"""Frames: what a client may send, checked, and what the server sends, built. One module.

Incoming: `parse_frame` turns a websocket text frame into a dict (or the error that refuses
it); the `check_…` functions validate one field or one frame type's fields and raise
`ChatError` with the documented code. Outgoing: the frames built from stored data
(`message_frame`, `consent_frame`). Nothing here touches the database.

The protocol, with every frame type: docs/chat-protocol.md; constants: chat/protocol.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from lantern.choices import ExploitationForm

from . import protocol
from .consent import CONSENT_VERSION, consent_text
from .models import ChatRules, Conversation, Message, Topic
from .protocol import ChatError
from .referrals.models import Lead
from .sanitize import clean_text, link_segments

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


# --- Parsing --------------------------------------------------------------------------------


def parse_frame(text_data: str | None) -> tuple[dict | None, str | None]:
    """The frame as a dict, or the error code that refuses it."""
    if text_data is None:
        return None, protocol.ERROR_MALFORMED  # binary frames are refused unread
    # The limit is in bytes of UTF-8; a character takes at most four.
    if len(text_data) > protocol.MAX_FRAME_BYTES or (
        len(text_data) * 4 > protocol.MAX_FRAME_BYTES
        and len(text_data.encode("utf-8", "surrogatepass")) > protocol.MAX_FRAME_BYTES
    ):
        return None, protocol.ERROR_TOO_BIG
    try:
        data = json.loads(text_data)
    except (ValueError, RecursionError):  # deeply nested arrays exhaust the parser's stack
        return None, protocol.ERROR_MALFORMED
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        return None, protocol.ERROR_MALFORMED
    # The websocket delivers valid UTF-8, but JSON may escape half of a surrogate pair
    # ("\ud800"): text that cannot be encoded again, so it can be neither stored, nor sent
    # back, nor logged. Such a frame is refused whole, before any of it is used.
    if "\\u" in text_data and not _is_unicode(data):
        return None, protocol.ERROR_MALFORMED
    return data, None


def _is_unicode(data) -> bool:
    """Whether every key and string in `data` (parsed JSON) is valid Unicode: no lone
    surrogates. Walked without recursion (nesting is as deep as the parser allowed)."""
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            if not value.isascii():
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    return False
        elif isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return True


# --- Fields ---------------------------------------------------------------------------------


def check_text(value, limit: int = protocol.MAX_MESSAGE_CHARS) -> str:
    if not isinstance(value, str):
        raise ChatError(protocol.ERROR_INVALID, field="text")
    text = clean_text(value)
    if not text:
        raise ChatError(protocol.ERROR_INVALID, field="text")
    if len(text) > limit:
        raise ChatError(protocol.ERROR_TOO_LONG, limit=limit)
    return text


CLIENT_ID_RE = re.compile(r"[A-Za-z0-9_.:-]+")


def is_client_id(value) -> bool:
    """Clients choose their ids (random hex in both of ours): printable ASCII only, so that
    an id is stored and echoed back exactly."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= protocol.MAX_CLIENT_ID_CHARS
        and CLIENT_ID_RE.fullmatch(value) is not None
    )


def check_client_id(value) -> str:
    if not is_client_id(value):
        raise ChatError(protocol.ERROR_INVALID, field="client_id")
    return value


def _column_range(model, name: str) -> tuple[int, int]:
    """The integers a column holds (as Django's backends range-check them): a number outside
    it names nothing, and must not reach SQL (the driver's overflow becomes a server error)."""
    # Imported here: at the top it would come before django.db.models, which it imports.
    from django.db.backends.base.operations import BaseDatabaseOperations

    internal_type = model._meta.get_field(name).get_internal_type()
    return BaseDatabaseOperations.integer_field_ranges[internal_type]


SEQ_RANGE = _column_range(Message, "seq")
CONVERSATION_ID_RANGE = _column_range(Conversation, "id")
RULES_VERSION_RANGE = _column_range(ChatRules, "id")


def check_seq(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= SEQ_RANGE[1]:
        raise ChatError(protocol.ERROR_INVALID, field="seq")
    return value


def is_conversation_id(value) -> bool:
    """Whether `value` can name a conversation at all (an integer, not a boolean, that the
    id column can hold)."""
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and CONVERSATION_ID_RANGE[0] <= value <= CONVERSATION_ID_RANGE[1]
    )


def check_conversation_id(value) -> int:
    if not is_conversation_id(value):
        raise ChatError(protocol.ERROR_INVALID, field="conversation")
    return value


def check_rules_version(value) -> int | None:
    """The version of the chat rules a visitor was shown (`rules`, optional: None for the
    current one). Whether that version exists is the action's to check."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ChatError(protocol.ERROR_INVALID, field="rules")
    if not 1 <= value <= RULES_VERSION_RANGE[1]:
        raise ChatError(protocol.ERROR_INVALID, field="rules")
    return value


def check_language(value) -> str:
    if not isinstance(value, str) or value not in LANGUAGE_CODES:
        raise ChatError(protocol.ERROR_INVALID, field="language")
    return value


def check_topic(value) -> str:
    if value is None or value == "":
        return Topic.UNSAID
    if not isinstance(value, str) or value not in Topic.values:
        raise ChatError(protocol.ERROR_INVALID, field="topic")
    return value


# --- Frame types ----------------------------------------------------------------------------


def check_status(data: dict) -> dict:
    """An operator's `status`: the changes it asks for."""
    changes: dict = {}
    if "available" in data:
        if not isinstance(data["available"], bool):
            raise ChatError(protocol.ERROR_INVALID, field="available")
        changes["available"] = data["available"]
    if "languages" in data:
        languages = data["languages"]
        if not isinstance(languages, list) or not all(
            isinstance(code, str) and code in LANGUAGE_CODES for code in languages
        ):
            raise ChatError(protocol.ERROR_INVALID, field="languages")
        changes["languages"] = sorted(set(languages))
    if "max_chats" in data:
        max_chats = data["max_chats"]
        if (
            isinstance(max_chats, bool)
            or not isinstance(max_chats, int)
            or not 1 <= max_chats <= 10
        ):
            raise ChatError(protocol.ERROR_INVALID, field="max_chats")
        changes["max_chats"] = max_chats
    return changes


LEAD_FIELDS = {
    "form_of_exploitation": 16,
    "summary": protocol.MAX_NOTE_CHARS,
    "urgency": 16,
    "location": 120,
    "safe_contact": 500,
}


def check_lead_fields(data: dict) -> dict:
    """An operator's `lead`: the fields of the lead it fills in."""
    fields = data.get("fields")
    if not isinstance(fields, dict) or not fields or set(fields) - set(LEAD_FIELDS):
        raise ChatError(protocol.ERROR_INVALID, field="fields")
    cleaned = {}
    for name, value in fields.items():
        if not isinstance(value, str):
            raise ChatError(protocol.ERROR_INVALID, field=name)
        value = clean_text(value)
        if len(value) > LEAD_FIELDS[name]:
            raise ChatError(protocol.ERROR_TOO_LONG, field=name, limit=LEAD_FIELDS[name])
        cleaned[name] = value
    if cleaned.get("form_of_exploitation", "") not in {"", *ExploitationForm.values}:
        raise ChatError(protocol.ERROR_INVALID, field="form_of_exploitation")
    if "urgency" in cleaned and cleaned["urgency"] not in Lead.Urgency.values:
        raise ChatError(protocol.ERROR_INVALID, field="urgency")
    return cleaned


@dataclass
class ConsentAnswer:
    grant: bool
    transcript: bool
    contact: str
    rules: int | None = None  # the version of the chat rules shown (None: the current one)


def check_consent(data: dict) -> ConsentAnswer:
    """A visitor's `consent`."""
    grant = data.get("grant")
    if not isinstance(grant, bool):
        raise ChatError(protocol.ERROR_INVALID, field="grant")
    transcript = data.get("transcript", False)
    contact = data.get("contact", "")
    if not isinstance(transcript, bool) or not isinstance(contact, str):
        raise ChatError(protocol.ERROR_INVALID)
    contact = clean_text(contact)
    if len(contact) > 500:
        raise ChatError(protocol.ERROR_TOO_LONG, field="contact", limit=500)
    return ConsentAnswer(
        grant=grant,
        transcript=grant and transcript,
        contact=contact,
        rules=check_rules_version(data.get("rules")),
    )


@dataclass
class LeftMessage:
    language: str
    topic: str
    what_happened: str
    contact: str
    rules: int | None = None  # the version of the chat rules shown (None: the current one)


def check_leave_message(data: dict) -> LeftMessage:
    """A visitor's `leave_message`."""
    if data.get("consent") is not True:
        raise ChatError(protocol.ERROR_INVALID, field="consent")
    contact = data.get("contact", "")
    if not isinstance(contact, str) or len(clean_text(contact)) > 500:
        raise ChatError(protocol.ERROR_INVALID, field="contact")
    return LeftMessage(
        language=check_language(data.get("language")),
        topic=check_topic(data.get("topic")),
        what_happened=check_text(data.get("text"), protocol.MAX_NOTE_CHARS),
        contact=clean_text(contact),
        rules=check_rules_version(data.get("rules")),
    )


# --- Frames to clients ----------------------------------------------------------------------

# Each event worded for the visitor and for staff (the operator's console, the transcript a
# caseworker reads). Events staff alone see (the visitor's answer to the consent question)
# have no visitor wording: the visitor sees their own answer's confirmation instead.
EVENT_TEXTS = {
    "accepted": (
        lambda: gettext("A trained adviser has joined the conversation."),
        lambda: gettext("The conversation was accepted."),
    ),
    "transferred": (
        lambda: gettext("Another adviser has taken over the conversation."),
        lambda: gettext("The conversation was transferred to another operator."),
    ),
    "consent_requested": (
        lambda: gettext("The adviser asked whether you agree to pass this on."),
        lambda: gettext("The visitor was asked whether they agree to pass this on."),
    ),
    "consent_granted": (None, lambda: gettext("The visitor agreed to pass this on.")),
    "consent_declined": (None, lambda: gettext("The visitor did not agree to pass this on.")),
    "operator_ended": (
        lambda: gettext("The adviser ended the conversation."),
        lambda: gettext("The operator ended the conversation."),
    ),
}


def event_text(code: str, language: str, *, for_staff: bool = False) -> str:
    visitor, staff = EVENT_TEXTS.get(code, (None, None))
    text = staff if for_staff else visitor
    if text is None:
        return code
    with translation.override(language):
        return text()


def message_frame(message: Message) -> dict:
    """A stored message as every reader is sent it, built once by the socket that stored it
    and carried by its announcement (only types every channel layer can encode). An event's
    text is left empty: each reader words it in its own language (`for_reader`). Operators'
    text comes with link segments; visitors' text never does (their links stay text)."""
    frame = {
        "type": "message",
        "conversation": message.conversation_id,
        "seq": message.seq,
        "sender": message.sender,
        "kind": message.kind,
        "client_id": message.client_id,
        "sent_at": message.created_at.isoformat(),
        "text": "" if message.event else message.text,
        "event": message.event,
    }
    if message.sender == Message.Sender.OPERATOR and message.kind == Message.Kind.TEXT:
        frame["segments"] = link_segments(message.text)
    return frame


def for_reader(frame: dict, language: str, *, for_staff: bool) -> dict:
    """`frame` as a reader in `language` is sent it: an event's text in that language, worded
    for its side."""
    if frame["event"]:
        return {**frame, "text": event_text(frame["event"], language, for_staff=for_staff)}
    return frame


def consent_frame(language: str, rules: ChatRules | None) -> dict:
    """The consent question, with the chat rules shown again (`rules`: the current version,
    which the visitor's answer names)."""
    frame: dict[str, object] = {
        "type": "consent_request",
        "version": CONSENT_VERSION,
        "text": consent_text(language),
    }
    if rules is not None:
        frame["rules"] = {"version": rules.version, "paragraphs": rules.paragraphs(language)}
    return frame
