"""The daphne entry point writes an access log without the client's address or query string."""

import io
import re

import pytest
from daphne.access import AccessLogGenerator
from daphne.cli import CommandLineInterface

from lantern.serve import AnonymousAccessLog, AnonymousCommandLineInterface, AnonymousServer

CLIENT = "203.0.113.57:51234"
SECRET = "kukushonok-secret"
# Only built, never started: nothing listens.
ENDPOINTS = ["tcp:port=0:interface=127.0.0.1"]


def log_lines(*events) -> list[str]:
    stream = io.StringIO()
    log = AnonymousAccessLog(stream)
    for protocol, action, details in events:
        log(protocol, action, details)
    return stream.getvalue().splitlines()


def http(path: str, status: int = 200) -> tuple:
    details = {
        "path": path,
        "status": status,
        "method": "GET",
        "client": CLIENT,
        "time_taken": 0.01,
        "size": 1234,
    }
    return ("http", "complete", details)


def test_http_entry_has_no_address_and_no_query_string():
    (line,) = log_lines(http(f"/ru/search/?q={SECRET}&page=2"))

    assert "203.0.113.57" not in line
    assert "51234" not in line
    assert SECRET not in line
    assert "?" not in line
    assert re.fullmatch(r'\[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d\] "GET /ru/search/" 200 1234', line)


def test_plain_path_is_kept():
    (line,) = log_lines(http("/lv/kampanas/", status=404))

    assert line.endswith('"GET /lv/kampanas/" 404 1234')


@pytest.mark.parametrize("action", ["connecting", "connected", "rejected", "disconnected"])
def test_websocket_entries_have_no_address(action):
    details = {"path": f"/ws/chat/?token={SECRET}", "client": CLIENT}

    (line,) = log_lines(("websocket", action, details))

    assert "203.0.113.57" not in line
    assert SECRET not in line
    assert "/ws/chat/" in line


def test_daphnes_own_log_would_have_written_the_address():
    """The check above is not vacuous: daphne's standard log starts with the address."""
    stream = io.StringIO()
    AccessLogGenerator(stream)(*http(f"/ru/search/?q={SECRET}"))

    assert stream.getvalue().startswith("203.0.113.57")
    assert SECRET in stream.getvalue()


def test_server_swaps_daphnes_access_log_for_the_anonymous_one():
    stream = io.StringIO()

    server = AnonymousServer(
        application=None, endpoints=ENDPOINTS, action_logger=AccessLogGenerator(stream)
    )

    assert type(server.action_logger) is AnonymousAccessLog
    assert server.action_logger.stream is stream


def test_server_without_access_log_stays_without():
    assert (
        AnonymousServer(application=None, endpoints=ENDPOINTS, action_logger=None).action_logger
        is None
    )


def test_command_line_runs_the_anonymous_server():
    assert issubclass(AnonymousCommandLineInterface, CommandLineInterface)
    assert AnonymousCommandLineInterface.server_class is AnonymousServer
