"""Settings for the daphne subprocesses of tests/chat/test_two_servers.py.

`lantern.settings.test` gives every process its own channel-layer prefix (`lantern-test-<pid>`)
so that parallel test runs never meet in Redis; the two servers of that test must meet, so they
share the prefix the test hands them in `CHANNEL_LAYER_PREFIX`.
"""

import os

from lantern.settings.test import *  # noqa: F403
from lantern.settings.test import CHANNEL_LAYERS

if "CONFIG" in CHANNEL_LAYERS["default"]:
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = os.environ["CHANNEL_LAYER_PREFIX"]
