"""Settings of the fault suite's daphne processes (tests/faults/).

`lantern.settings.test` gives every process a channel-layer and cache prefix of its own
(`lantern-test-<pid>`); the two servers of the fault suite must meet in their Redis (the
suite's own redis-server, never the machine's), so they share the prefix the suite hands them
in `CHANNEL_LAYER_PREFIX`. A server restarted after a kill keeps it.
"""

import os

from lantern.settings.test import *  # noqa: F403
from lantern.settings.test import CACHES, CHANNEL_LAYERS

if "CONFIG" in CHANNEL_LAYERS["default"]:
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = os.environ["CHANNEL_LAYER_PREFIX"]
    CACHES["default"]["KEY_PREFIX"] = os.environ["CHANNEL_LAYER_PREFIX"]
