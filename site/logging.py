"""Logging that never carries a visitor's address, a message's text or a token."""

import logging
import time


class PrivacyFilter(logging.Filter):
    """Drops the request object (and with it the client address, headers and query string)
    that Django attaches to `django.request` records, keeping only the message and status."""

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            record.request = None
        if record.name == "django.request" and record.args:
            # "Not Found: /path?query" -> keep the method-less status line only.
            record.msg = "%s"
            record.args = (getattr(record, "status_code", "error"),)
        return True


class Silenced(logging.Filter):
    """Drops every record of the logger it is attached to, whatever its level: for libraries
    whose debug output quotes what passes through them (redis-py's `push_response` logs each
    channel-layer event it receives, message text included)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return False


class Repeated(logging.Filter):
    """For a dependency's own loggers (the channel layer's): while Redis is down, every socket
    of the process reports the same failure, each with a traceback. Here a message is written
    at most once in `seconds`, with the count of those left out meanwhile, and without the
    traceback (the exception's type only): an outage is a few lines, not a log flood."""

    seconds = 10.0
    clock = staticmethod(time.monotonic)  # tests replace it

    def __init__(self, name: str = "") -> None:
        super().__init__(name)
        self.written_at: dict[tuple[str, object], float] = {}
        self.left_out: dict[tuple[str, object], int] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, record.msg)
        now = self.clock()
        last = self.written_at.get(key)
        if last is not None and now - last < self.seconds:
            self.left_out[key] = self.left_out.get(key, 0) + 1
            return False
        self.written_at[key] = now
        message = record.getMessage()
        if record.exc_info and record.exc_info[0] is not None:
            message += f" ({record.exc_info[0].__name__})"
        left_out = self.left_out.pop(key, 0)
        if left_out:
            message += f" (and {left_out} times more since it was last written)"
        record.msg, record.args = message, ()
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True
