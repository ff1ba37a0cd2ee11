"""Logging that never carries a visitor's address, a message's text or a token."""

import logging


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
