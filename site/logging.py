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
