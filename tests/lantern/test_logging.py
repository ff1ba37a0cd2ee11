"""Django's request log never carries the visitor's address, path or query string."""

import io
import logging

from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.log import log_response

import pytest

from lantern.logging import PrivacyFilter

ADDRESS = "198.51.100.23"
SECRET = "secret-query-word"


def request():
    return RequestFactory().get(
        f"/ru/search/?q={SECRET}", REMOTE_ADDR=ADDRESS, HTTP_X_FORWARDED_FOR=ADDRESS
    )


def record(name: str = "django.request", status: int = 500) -> logging.LogRecord:
    entry = logging.LogRecord(
        name, logging.ERROR, __file__, 1, "Internal Server Error: %s", (f"/ru/x/?q={SECRET}",), None
    )
    entry.request = request()
    entry.status_code = status
    return entry


def test_filter_drops_the_request_and_the_path():
    entry = record()

    assert PrivacyFilter().filter(entry) is True

    assert entry.request is None
    message = entry.getMessage()
    assert message == "500"
    assert SECRET not in message and ADDRESS not in message


def test_filter_drops_the_request_from_other_loggers_too():
    entry = record(name="django.security.csrf")

    PrivacyFilter().filter(entry)

    assert entry.request is None


@pytest.fixture
def console_output():
    """What the configured `console` handler writes, for the duration of a test."""
    logger = logging.getLogger("django.request")
    (handler,) = [h for h in logger.handlers if getattr(h, "name", None) == "console"]
    assert any(isinstance(f, PrivacyFilter) for f in handler.filters)
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_configured_request_log_is_filtered(console_output):
    log_response(
        "Internal Server Error: %s",
        f"/ru/search/?q={SECRET}",
        response=HttpResponse(status=500),
        request=request(),
    )

    written = console_output.getvalue()
    assert "django.request" in written
    assert "500" in written
    assert SECRET not in written
    assert ADDRESS not in written
    assert "/ru/search/" not in written


def test_configured_request_log_reports_server_errors_only(console_output):
    log_response("Not Found: %s", "/en/nope/", response=HttpResponse(status=404), request=request())

    assert console_output.getvalue() == ""


def test_a_dependency_failing_over_and_over_is_a_line_once_in_a_while(monkeypatch):
    """channels_redis reports Redis being down from every socket's receive task, each time
    with a traceback: written once in a while, with a count, and no traceback."""
    from django.conf import settings

    from lantern.logging import Repeated

    # On the handler: the filter sees the records of `channels_redis.pubsub` too.
    assert settings.LOGGING["loggers"]["channels_redis"]["handlers"] == ["repeated"]
    assert "repeated" in settings.LOGGING["handlers"]["repeated"]["filters"]
    now = [100.0]
    monkeypatch.setattr(Repeated, "clock", staticmethod(lambda: now[0]))
    repeated = Repeated()

    def failure() -> logging.LogRecord:
        try:
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        except ConnectionError:
            import sys

            return logging.LogRecord(
                "channels_redis.pubsub",
                logging.ERROR,
                __file__,
                1,
                "Unexpected exception in receive task",
                (),
                sys.exc_info(),
            )

    written = [record for record in (failure() for _ in range(50)) if repeated.filter(record)]
    now[0] += Repeated.seconds
    last = failure()
    assert repeated.filter(last)
    assert len(written) == 1
    first = logging.Formatter().format(written[0])
    assert first == "Unexpected exception in receive task (ConnectionError)"
    assert "Traceback" not in logging.Formatter().format(last)
    assert last.getMessage().endswith("(and 49 times more since it was last written)")
