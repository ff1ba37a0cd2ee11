"""The Redis channel layer as production configures it (CI's second pass, with REDIS_URL)."""

from __future__ import annotations

import asyncio
import os

from django.conf import settings

import pytest
from channels.layers import get_channel_layer
from channels_redis.pubsub import RedisPubSubChannelLayer

from .conftest import CHAT_DB

pytestmark = [
    CHAT_DB,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL"),
]


async def test_a_console_idle_longer_than_the_socket_timeout_still_receives(operator, visitor):
    """An idle console keeps receiving: neither the subscription nor the connection that
    publishes times out while nothing happens (redis-py's socket timeout once killed idle
    consumers of the list-based layer, close 1011)."""
    assert isinstance(get_channel_layer(), RedisPubSubChannelLayer)
    timeout = max(
        host["socket_timeout"] for host in settings.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"]
    )
    op = await operator()
    await asyncio.sleep(timeout + 1)
    v = await visitor()
    await v.start()
    await op.expect("queue", where=lambda f: any(c["id"] == v.conversation_id for c in f["queue"]))
    assert op.close_code is None
