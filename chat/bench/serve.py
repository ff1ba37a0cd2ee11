"""The benchmark's daphne: `lantern.serve` (the access log without client addresses) with the
chat's per-connection rate limit raised.

The product allows 10 messages and 30 frames per connection in 10 seconds: a person never
types faster, and one message a second is already the limit. The benchmark sends one message a
second per side and more (the saturation search), and a bench operator's socket carries up
to 10 conversations, so with the product's limit the benchmark would measure the rate limiter.
Only these two numbers change (times `LANTERN_BENCH_RATE_FACTOR`, default 1000); every frame
is still counted and checked.

    python -m chat.bench.serve [daphne options] lantern.asgi:application
"""

import os

from chat import protocol
from lantern.serve import main

FACTOR = int(os.environ.get("LANTERN_BENCH_RATE_FACTOR", "1000"))

if __name__ == "__main__":
    protocol.RATE_MAX_FRAMES *= FACTOR
    protocol.RATE_MAX_MESSAGES *= FACTOR
    main()
