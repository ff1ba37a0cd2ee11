"""Run daphne with an access log that holds no client address.

`python -m lantern.serve [daphne options] lantern.asgi:application` takes daphne's own options.
Daphne's standard access log starts every line with the client's address; Lantern's privacy
rules forbid storing or logging visitors' addresses, so this entry point swaps in a log that
writes the time, the request line without its query string, the status and the size. A
websocket on a path that is none of the chat's routes is logged without its path (it may hold
a token someone put into the URL; the application refuses it, `lantern.asgi`).

It also reads no websocket frame bigger than the protocol allows (`chat.protocol.
MAX_FRAME_BYTES`, whatever `--websocket-max-message-size` says): a bigger one is not read
into memory, and the socket is closed with 1009 (`CLOSE_TOO_BIG`), with a close frame.

Daphne's `--proxy-headers` is refused: it would take the client's address and scheme from
X-Forwarded-* headers sent by anybody. The application believes those headers from the proxies
named in LANTERN_TRUSTED_PROXIES only (`lantern.proxies`), and never needs the address.
"""

import sys

from daphne.access import AccessLogGenerator
from daphne.cli import CommandLineInterface
from daphne.server import Server

from chat.protocol import MAX_FRAME_BYTES

UNKNOWN_SOCKET_PATH = "(not a websocket route)"


def is_socket_route(path: str) -> bool:
    """Whether `path` is one of the chat's websocket routes (chat/routing.py)."""
    from chat.routing import websocket_urlpatterns  # once Django is set up

    route = path.lstrip("/")
    return any(pattern.pattern.match(route) for pattern in websocket_urlpatterns)


class AnonymousAccessLog(AccessLogGenerator):
    def __call__(self, protocol, action, details):
        path = details.get("path", "").split("?", 1)[0]
        if protocol == "websocket" and not is_socket_route(path):
            path = UNKNOWN_SOCKET_PATH
        details = dict(details, client=None, path=path)
        super().__call__(protocol, action, details)

    def write_entry(self, host, date, request, status=None, length=None, ident=None, user=None):
        self.stream.write(
            '[{}] "{}" {} {}\n'.format(
                date.strftime("%d/%b/%Y:%H:%M:%S"), request, status or "-", length or "-"
            )
        )


class AnonymousServer(Server):
    def __init__(self, *args, action_logger=None, ready_callable=None, **kwargs):
        if isinstance(action_logger, AccessLogGenerator):
            action_logger = AnonymousAccessLog(action_logger.stream)
        # The protocol's frame limit, where the bytes arrive: daphne's default (1 MiB) read a
        # whole frame that the chat then refused (and, above it, dropped the connection).
        kwargs["websocket_max_message_size"] = MAX_FRAME_BYTES
        kwargs["websocket_max_frame_size"] = MAX_FRAME_BYTES
        # The peer's own address and scheme, whatever a header says (lantern.proxies).
        kwargs["proxy_forwarded_address_header"] = None
        kwargs["proxy_forwarded_port_header"] = None
        kwargs["proxy_forwarded_proto_header"] = None
        self.then_ready = ready_callable
        super().__init__(*args, action_logger=action_logger, ready_callable=self.ready, **kwargs)

    def ready(self) -> None:
        """Called by `run()` once daphne has built its websocket factory, before it serves.
        A frame over the limit, or any other fault of the client's, is answered with a close
        frame (1009 for a frame too big): autobahn's default for servers drops the TCP
        connection instead, which a client cannot tell from a network failure."""
        self.ws_factory.setProtocolOptions(failByDrop=False)
        if self.then_ready is not None:
            self.then_ready()


PROXY_HEADERS_REFUSED = (
    "--proxy-headers is not supported: name the reverse proxies in LANTERN_TRUSTED_PROXIES "
    "instead (their X-Forwarded-Proto then counts; nobody else's does)"
)


class AnonymousCommandLineInterface(CommandLineInterface):
    server_class = AnonymousServer

    def run(self, args):
        options = self.parser.parse_args(args)
        if options.proxy_headers or options.proxy_headers_host or options.proxy_headers_port:
            self.parser.error(PROXY_HEADERS_REFUSED)
        super().run(args)


def main(argv: list[str] | None = None) -> None:
    AnonymousCommandLineInterface().run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    main()
