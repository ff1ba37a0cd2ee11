"""Two daphne processes sharing Redis and the database: a visitor on one and an operator on the
other talk as if they were on the same server. This is how Lantern scales (many daphne
processes behind a reverse proxy), so the channel layer must carry every "something new"
between processes.

Runs only with `REDIS_URL` (CI's second pass). The servers use the test database
and the websocket client of tests/chat/servers.py.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from pathlib import Path

from django.conf import settings

import pytest
from asgiref.sync import sync_to_async

from chat import protocol
from lantern.testing.daphne import Daphne

from .conftest import make_user, session_cookie
from .servers import Client, database_url_for_servers

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"),
        reason="needs REDIS_URL: two daphne processes share a Redis channel layer",
    ),
]

BASE_DIR = Path(settings.BASE_DIR)
TIMEOUT = 15.0


async def test_visitor_and_operator_on_different_servers_talk(tmp_path):
    user = await sync_to_async(make_user)(available=True)
    cookie = await sync_to_async(session_cookie)(user)
    database_url = await sync_to_async(database_url_for_servers)(tmp_path)

    env = {
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ["REDIS_URL"],
        "CHANNEL_LAYER_PREFIX": f"lantern-two-servers-{uuid.uuid4().hex[:12]}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": str(BASE_DIR),
        "LOG_LEVEL": "INFO",
    }
    servers = [
        Daphne(
            settings="tests.chat.daphne_settings", env=env, log_path=tmp_path / f"daphne-{name}.log"
        )
        for name in "ab"
    ]
    visitor, operator = Client(), Client()
    try:
        started = await asyncio.gather(
            *(asyncio.to_thread(server.start) for server in servers), return_exceptions=True
        )
        for outcome in started:
            if isinstance(outcome, BaseException):
                raise outcome
        a, b = servers

        await operator.connect(b.port, "/ws/chat/operator/", cookie=cookie)
        state = await operator.expect("state")
        assert state["operator"]["id"] == user.pk

        await visitor.connect(a.port, "/ws/chat/visitor/")
        token = await visitor.start("en", "work")
        await visitor.expect("queue", position=1)

        queue = await operator.expect("queue", where=lambda f: len(f["queue"]) == 1)
        cid = queue["queue"][0]["id"]
        operator.send(type="accept", conversation=cid)
        await operator.expect("accepted")
        await visitor.expect("message", event="accepted")
        await visitor.expect("state", where=lambda f: f["conversation"]["status"] == "active")

        text = "Hello from server A: my secret words"
        visitor.send(type="message", client_id="v1", text=text)
        ack = await visitor.expect("ack", client_id="v1")
        message = await operator.expect("message", seq=ack["seq"])
        assert message["text"] == text
        operator.send(type="received", conversation=cid, seq=message["seq"])
        await visitor.expect("delivered", seq=ack["seq"])

        reply = "Hello from server B"
        operator.send(type="message", conversation=cid, client_id="o1", text=reply)
        ack = await operator.expect("ack", client_id="o1")
        message = await visitor.expect("message", seq=ack["seq"])
        assert message["text"] == reply
        visitor.send(type="received", seq=message["seq"])
        await operator.expect("delivered", conversation=cid, seq=ack["seq"])

        operator.send(type="typing", conversation=cid)
        await visitor.expect("typing")

        visitor.send(type="quick_exit")
        await visitor.expect("ended", outcome="quick_exit")
        closed = await operator.expect("conversation_closed", conversation=cid)
        assert closed["do_not_contact"] is True
        await asyncio.wait_for(visitor.task, TIMEOUT)
        assert visitor.close_code == protocol.CLOSE_ENDED
    finally:
        await visitor.close()
        await operator.close()
        for server in servers:
            await asyncio.to_thread(server.stop)

    # The servers' own output holds no message, no token and no client port.
    logs = "\n".join(server.output() for server in servers)
    for needle in (text, token, f":{visitor.local_port}", str(visitor.local_port)):
        assert needle not in logs, needle


async def test_a_server_failure_closes_the_socket_with_a_code_daphne_can_send(tmp_path):
    """A socket whose event fails is closed with CLOSE_SERVER_ERROR ("reconnect and resume")
    through a real daphne: 1011 was refused by daphne's websocket library, which raised and
    dropped the connection without a close frame."""
    from channels_redis.pubsub import RedisPubSubChannelLayer

    from chat.announce import operator_group

    user = await sync_to_async(make_user)(available=True)
    cookie = await sync_to_async(session_cookie)(user)
    prefix = f"lantern-two-servers-{uuid.uuid4().hex[:12]}"
    env = {
        "DATABASE_URL": await sync_to_async(database_url_for_servers)(tmp_path),
        "REDIS_URL": os.environ["REDIS_URL"],
        "CHANNEL_LAYER_PREFIX": prefix,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": str(BASE_DIR),
        "LOG_LEVEL": "INFO",
    }
    server = Daphne(settings="tests.chat.daphne_settings", env=env, log_path=tmp_path / "d.log")
    operator = Client()
    try:
        await asyncio.to_thread(server.start)
        await operator.connect(server.port, "/ws/chat/operator/", cookie=cookie)
        await operator.expect("state")
        config = settings.CHANNEL_LAYERS["default"]["CONFIG"]
        layer = RedisPubSubChannelLayer(**{**config, "prefix": prefix})
        try:
            # An assignment of a conversation that does not exist: the event fails.
            await layer.group_send(operator_group(user.pk), {"type": "chat.assigned", "id": 987654})
        finally:
            await layer.flush()
        await asyncio.wait_for(operator.task, TIMEOUT)
        assert operator.close_code == protocol.CLOSE_SERVER_ERROR
    finally:
        await operator.close()
        await asyncio.to_thread(server.stop)
    output = server.output()
    assert "chat event chat.assigned failed: DoesNotExist" in output
    assert "Attempt to send on a closed protocol" not in output
    assert "invalid close code" not in output.lower()
