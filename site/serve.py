"""Run daphne with an access log that holds no client address.

`python -m lantern.serve [daphne options] lantern.asgi:application` takes daphne's own options.
Daphne's standard access log starts every line with the client's address; Lantern's privacy
rules forbid storing or logging visitors' addresses, so this entry point swaps in a log that
writes the time, the request line without its query string, the status and the size.
"""

import sys

from daphne.access import AccessLogGenerator
from daphne.cli import CommandLineInterface
from daphne.server import Server


class AnonymousAccessLog(AccessLogGenerator):
    def __call__(self, protocol, action, details):
        details = dict(details, client=None, path=details.get("path", "").split("?", 1)[0])
        super().__call__(protocol, action, details)

    def write_entry(self, host, date, request, status=None, length=None, ident=None, user=None):
        self.stream.write(
            '[{}] "{}" {} {}\n'.format(
                date.strftime("%d/%b/%Y:%H:%M:%S"), request, status or "-", length or "-"
            )
        )


class AnonymousServer(Server):
    def __init__(self, *args, action_logger=None, **kwargs):
        if isinstance(action_logger, AccessLogGenerator):
            action_logger = AnonymousAccessLog(action_logger.stream)
        super().__init__(*args, action_logger=action_logger, **kwargs)


class AnonymousCommandLineInterface(CommandLineInterface):
    server_class = AnonymousServer


def main(argv: list[str] | None = None) -> None:
    AnonymousCommandLineInterface().run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    main()
