"""The Redis channel layer as production configures it (CI's second pass, with REDIS_URL)."""

from __future__ import annotations

import asyncio
import os

import pytest
from channels.layers import get_channel_layer
from channels_redis.core import RedisChannelLayer

from .conftest import CHAT_DB

pytestmark = [
    CHAT_DB,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL"),
]


async def test_a_console_idle_longer_than_the_layers_blocking_read_still_receives(
    operator, visitor
):
    """The layer waits for events with a blocking read of `brpop_timeout` seconds; a socket
    timeout as short as that (redis-py 8's default) killed idle consumers (close 1011)."""
    assert isinstance(get_channel_layer(), RedisChannelLayer)
    op = await operator()
    await asyncio.sleep(RedisChannelLayer.brpop_timeout * 2 + 1)
    v = await visitor()
    await v.start()
    await op.expect("queue", where=lambda f: any(c["id"] == v.conversation_id for c in f["queue"]))
    assert op.close_code is None
