"""The chat's websocket protocol: frame types, error codes, close codes and limits, in one place.

Every frame is a JSON object with a "type". Errors come back as
`{"type": "error", "code": <ERROR_*>, "message": <text in the reader's language>}` and, where
the frame was a message, its "client_id" too. The full protocol is documented in
docs/chat-protocol.md.
"""

from django.utils.translation import gettext_lazy as _

# --- Limits ---------------------------------------------------------------------------------

# UTF-8 bytes. Daphne reads nothing bigger (lantern.serve sets its limits to this: close 1009);
# behind a server that lets more through, anything bigger is refused before it is parsed.
MAX_FRAME_BYTES = 16 * 1024
MAX_MESSAGE_CHARS = 2000
MAX_NOTE_CHARS = 4000
MAX_CLIENT_ID_CHARS = 64
RATE_WINDOW_SECONDS = 10
RATE_MAX_FRAMES = 30  # frames per connection per window, typing included
RATE_MAX_MESSAGES = 10  # messages per connection per window
RATE_STRIKES_BEFORE_CLOSE = 3  # windows in a row over the limit before the socket is closed
# A visitor's messages per conversation per window, however many sockets send them (counted
# where the message is stored, on the conversation's row).
CONVERSATION_MAX_MESSAGES = 10
MAX_WAITING = 200  # visitors waiting at once; the next one is offered "leave a message"
SYNC_BATCH = 500  # messages sent in answer to one sync
HEARTBEAT_SECONDS = 25
TOKEN_BYTES = 32  # 256 bits

# --- Close codes (4000–4999 are the application's own) --------------------------------------

CLOSE_NORMAL = 1000
CLOSE_TOO_BIG = 1009
# The server failed; the client reconnects and resumes. Not 1011 (RFC 6455's "internal
# error"): daphne's websocket library refuses to send it, and the socket was then dropped
# without a close frame.
CLOSE_SERVER_ERROR = 4500
CLOSE_UNAUTHORISED = 4001  # operator socket without a signed-in operator
# The operator's session ended while connected (signed out, expired, password changed, second
# factor removed): the console says so and offers to sign in again.
CLOSE_SIGNED_OUT = 4002
CLOSE_FORBIDDEN = 4003  # permission withdrawn while connected
CLOSE_NOT_OPERATOR = 4004  # signed in, but never allowed to operate the chat on this socket
CLOSE_FLOOD = 4008  # too many frames, repeatedly
CLOSE_ENDED = 4010  # the conversation ended (by either side or quick exit)
CLOSE_TOKEN = 4011  # unknown or expired visitor token
CLOSE_REPLACED = 4012  # the visitor's conversation was taken up by a newer socket

# The server has closed for good: coming back is pointless (the clients do not reconnect).
# Every other close (a server error, too many frames, a lost connection) is followed by a
# reconnect with back-off and a resume.
NO_RECONNECT_CODES = (
    CLOSE_UNAUTHORISED,
    CLOSE_SIGNED_OUT,
    CLOSE_FORBIDDEN,
    CLOSE_NOT_OPERATOR,
    CLOSE_ENDED,
    CLOSE_TOKEN,
    CLOSE_REPLACED,
)

CLOSE_CODES = {
    CLOSE_NORMAL: "normal",
    CLOSE_TOO_BIG: "frame too big",
    CLOSE_SERVER_ERROR: "server error",
    CLOSE_UNAUTHORISED: "not signed in as an operator, or without the second factor",
    CLOSE_SIGNED_OUT: "signed out: the operator's session has ended",
    CLOSE_FORBIDDEN: "no longer allowed to operate the chat",
    CLOSE_NOT_OPERATOR: "not allowed to operate the chat",
    CLOSE_FLOOD: "too many frames",
    CLOSE_ENDED: "conversation ended",
    CLOSE_TOKEN: "unknown or expired token",
    CLOSE_REPLACED: "the conversation continues on another socket",
}

# --- Error codes ----------------------------------------------------------------------------

ERROR_MALFORMED = "malformed"
ERROR_UNKNOWN_TYPE = "unknown_type"
ERROR_INVALID = "invalid"
ERROR_TOO_LONG = "too_long"
ERROR_TOO_BIG = "too_big"
ERROR_RATE_LIMITED = "rate_limited"
ERROR_NO_CONVERSATION = "no_conversation"
ERROR_TOKEN = "bad_token"  # noqa: S105  (an error code, not a secret)
ERROR_CLOSED = "closed"
ERROR_QUEUE_FULL = "queue_full"
ERROR_FORBIDDEN = "forbidden"
ERROR_SECOND_FACTOR = "second_factor"
ERROR_SIGNED_OUT = "signed_out"  # before CLOSE_SIGNED_OUT, with `sign_in` (the page's address)
ERROR_NOT_FOUND = "not_found"
ERROR_TAKEN = "already_taken"
ERROR_STATE = "wrong_state"
ERROR_SERVER = "server_error"
ERROR_UNAVAILABLE = "out_of_service"  # the chat cannot take anyone now (a dependency is down)
# `start` and `leave_message` need a solved challenge (`proof`); the error carries a new one.
ERROR_PROOF = "proof_required"
ERROR_REPLACED = "replaced"  # before CLOSE_REPLACED

ERROR_MESSAGES = {
    ERROR_MALFORMED: _("The message could not be read."),
    ERROR_UNKNOWN_TYPE: _("Unknown request."),
    ERROR_INVALID: _("Some of the information is missing or not valid."),
    ERROR_TOO_LONG: _("The message is too long. Please split it into shorter messages."),
    ERROR_TOO_BIG: _("The message is too big."),
    ERROR_RATE_LIMITED: _("You are sending messages too quickly. Please wait a moment."),
    ERROR_NO_CONVERSATION: _("There is no open conversation."),
    ERROR_TOKEN: _("This conversation has ended or cannot be found."),
    ERROR_CLOSED: _("This conversation has ended."),
    ERROR_QUEUE_FULL: _(
        "Too many people are waiting right now. You can leave a message, or call the hotline."
    ),
    ERROR_FORBIDDEN: _("You are not allowed to do this."),
    ERROR_SECOND_FACTOR: _("Confirm your sign-in with your second factor first, then reload."),
    ERROR_SIGNED_OUT: _("You have been signed out."),
    ERROR_NOT_FOUND: _("Not found."),
    ERROR_TAKEN: _("Another operator has already accepted this conversation."),
    ERROR_STATE: _("This cannot be done at this point of the conversation."),
    ERROR_SERVER: _("Something went wrong on our side. Please try again."),
    ERROR_UNAVAILABLE: _(
        "The chat is not working right now. Please call the hotline, or try again later."
    ),
    ERROR_PROOF: _("Your browser is still preparing a safe connection. Please try again."),
    ERROR_REPLACED: _("This chat continues in another window or tab."),
}


def for_clients() -> dict:
    """What the browser clients take from here instead of writing it down themselves: every
    close and error code, the codes after which they do not reconnect, and the limits they
    use. Pages that load the clients carry it as JSON (`{% chat_protocol %}`,
    chat/templatetags/chat_tags.py); static/js/chat-socket.js reads it."""
    from django.conf import settings

    codes = {
        name: value
        for name, value in globals().items()
        if name.startswith(("CLOSE_", "ERROR_")) and type(value) in (int, str)
    }
    return {
        **codes,
        "NO_RECONNECT_CODES": list(NO_RECONNECT_CODES),
        "MAX_MESSAGE_CHARS": MAX_MESSAGE_CHARS,
        "HEARTBEAT_SECONDS": HEARTBEAT_SECONDS,
        # How long a visitor who lost the connection may come back to the conversation.
        "RESUME_SECONDS": settings.LANTERN_CHAT_RESUME_SECONDS,
    }


class ChatError(Exception):
    """Raised by `check_…` actions; consumers turn it into an error frame (and, where
    `close_code` is set, close the socket)."""

    def __init__(self, code: str, close_code: int | None = None, **extra):
        super().__init__(code)
        self.code = code
        self.close_code = close_code
        self.extra = extra

    def frame(self) -> dict:
        return {
            "type": "error",
            "code": self.code,
            "message": str(ERROR_MESSAGES.get(self.code, ERROR_MESSAGES[ERROR_INVALID])),
            **self.extra,
        }
