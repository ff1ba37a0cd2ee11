"""The benchmark's daphne: `lantern.serve` (the access log without client addresses) serving
its settings' ASGI_APPLICATION (`chat.bench.asgi`, with `chat.bench.settings`), with the
chat's per-connection rate limit raised.

The product allows 10 messages and 30 frames per connection, and a visitor 10 messages per
conversation, in 10 seconds: a person never types faster, and one message a second is already
the limit. The benchmark sends one message a second per side and more (the saturation search),
and a bench operator's socket carries up to 10 conversations, so with the product's limits the
benchmark would measure the rate limiter (a message sent on the second read a few milliseconds
early is the 11th of its window). Only these three numbers change (times
`LANTERN_BENCH_RATE_FACTOR`, default 1000); every frame and message is still counted and
checked.

    DJANGO_SETTINGS_MODULE=chat.bench.settings python -m chat.bench.serve [daphne options]

(daphne's options without the application: it is the settings' ASGI_APPLICATION).
"""

import os
import sys

from django.conf import settings

from chat import protocol
from lantern.serve import main

FACTOR = int(os.environ.get("LANTERN_BENCH_RATE_FACTOR", "1000"))


def application_path() -> str:
    """The settings' ASGI_APPLICATION as daphne names it: `chat.bench.asgi:application`."""
    module, _, name = settings.ASGI_APPLICATION.rpartition(".")
    return f"{module}:{name}"


if __name__ == "__main__":
    protocol.RATE_MAX_FRAMES *= FACTOR
    protocol.RATE_MAX_MESSAGES *= FACTOR
    protocol.CONVERSATION_MAX_MESSAGES *= FACTOR
    main([*sys.argv[1:], application_path()])
