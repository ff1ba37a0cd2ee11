"""The daphne entry point writes an access log without the client's address or query string."""

import io
import re

import pytest
from daphne.access import AccessLogGenerator
from daphne.cli import CommandLineInterface

from chat.protocol import MAX_FRAME_BYTES
from lantern.serve import (
    UNKNOWN_SOCKET_PATH,
    AnonymousAccessLog,
    AnonymousCommandLineInterface,
    AnonymousServer,
)

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
    details = {"path": f"/ws/chat/visitor/?token={SECRET}", "client": CLIENT}

    (line,) = log_lines(("websocket", action, details))

    assert "203.0.113.57" not in line
    assert SECRET not in line
    assert '"WS' in line and " /ws/chat/visitor/" in line


@pytest.mark.parametrize(
    "path", [f"/ws/chat/visitor/{SECRET}/", f"/ws/{SECRET}", f"/{SECRET}", "/ws/chat/"]
)
@pytest.mark.parametrize("action", ["connecting", "rejected", "disconnected"])
def test_websocket_paths_that_are_no_route_are_not_written(path, action):
    """A token put into a websocket's URL stays out of the log (issue 16): the application
    refuses the path, the log says only that it was none of the routes."""
    (line,) = log_lines(("websocket", action, {"path": path, "client": CLIENT}))

    assert SECRET not in line
    assert line.endswith(f'{UNKNOWN_SOCKET_PATH}" - -')


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


def test_server_reads_no_frame_over_the_protocols_limit():
    """Daphne's default read frames of up to 1 MiB (the chat then refused them) and dropped the
    connection without a close frame above that (issue 16). Whatever the command line says,
    the limit is the protocol's, and a frame over it is answered with a close frame (1009)."""
    called = []
    server = AnonymousServer(
        application=None,
        endpoints=ENDPOINTS,
        websocket_max_message_size=1024 * 1024,
        websocket_max_frame_size=1024 * 1024,
        ready_callable=lambda: called.append(True),
    )

    assert server.websocket_max_message_size == MAX_FRAME_BYTES
    assert server.websocket_max_frame_size == MAX_FRAME_BYTES

    class Factory:
        def setProtocolOptions(self, **options):  # noqa: N802 - autobahn's name
            self.options = options

    server.ws_factory = Factory()
    server.ready_callable()
    assert server.ws_factory.options == {"failByDrop": False}
    assert called == [True]


def test_server_without_access_log_stays_without():
    assert (
        AnonymousServer(application=None, endpoints=ENDPOINTS, action_logger=None).action_logger
        is None
    )


def test_command_line_runs_the_anonymous_server():
    assert issubclass(AnonymousCommandLineInterface, CommandLineInterface)
    assert AnonymousCommandLineInterface.server_class is AnonymousServer
