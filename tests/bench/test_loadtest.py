"""The benchmarks' own tests: the load generator runs against a real daphne and loses and
duplicates nothing; the benchmark's routes and commands exist only with its own settings
(`chat.bench.settings`, which install the benchmark app), never in the site's URL conf,
ASGI application or commands.

Correctness only: no timing is asserted (figures are for docs/performance.md). The command
runs in a subprocess, on the test database (the PostgreSQL one directly, or a file copy of the
in-memory SQLite one) and with this run's channel layer (in-memory inside the one daphne, or
Redis when `REDIS_URL` is set, under a prefix of its own).
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import uuid

from django.conf import settings
from django.core.management import get_commands
from django.db import connection
from django.test import Client
from django.urls import Resolver404, resolve

import pytest
from channels.testing import WebsocketCommunicator

import lantern.settings.base
from chat.bench import load
from chat.bench.asgi import application as bench_application
from chat.bench.load import Ledger, Peer, Window
from chat.bench.processes import find_postgres, find_redis
from chat.bench.runner import vacuum_chat_tables
from chat.bench.views import trivial
from chat.models import Conversation, Message
from lantern.asgi import application as site_application
from lantern.testing.daphne import port_is_free
from tests.chat.test_two_servers import database_url_for_servers

# The two ASGI applications are imported at collection on purpose (see tests/chat/conftest.py).
BENCH_COMMANDS = {"chat_loadtest", "page_benchmark", "bench_report"}
SOCKET_HEADERS = [(b"host", b"localhost"), (b"origin", b"http://localhost")]

BENCH_PORTS = range(8100, 8200)


def bench_port() -> int:
    for port in BENCH_PORTS:
        if port_is_free(port):
            return port
    pytest.skip("no free port in 8100-8199")


@pytest.mark.django_db(transaction=True)
def test_load_generator_loses_and_duplicates_nothing(tmp_path):
    out = tmp_path / "chat.json"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "chat.bench.settings",
        "DATABASE_URL": database_url_for_servers(tmp_path),
        "CHANNEL_LAYER_PREFIX": f"lantern-bench-test-{uuid.uuid4().hex[:12]}",
        "CACHE_KEY_PREFIX": f"lantern-bench-test-{uuid.uuid4().hex[:12]}",
        "PYTHONPATH": str(settings.BASE_DIR),
    }
    command = [
        sys.executable,
        "manage.py",
        "chat_loadtest",
        "--start-server",
        f"--port={bench_port()}",
        f"--log={tmp_path / 'daphne.log'}",
        "--conversations=4",
        "--chats-per-operator=2",
        "--messages=4",
        "--rate=5",
        "--idle=20",
        "--idle-settle=0.2",
        f"--json={out}",
    ]
    result = subprocess.run(  # noqa: S603
        command, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    log_path = tmp_path / "daphne.log"
    log = log_path.read_text(errors="replace") if log_path.exists() else "(no server log)"
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}\n{log[-3000:]}"

    results = json.loads(out.read_text())
    runs = results["load"]["runs"]
    assert set(runs) == {"lantern", "bare"}
    for name, run in runs.items():
        assert run["sent"] == 4 * 2 * 4, name
        assert run["delivered"] == run["sent"], (name, run)
        assert run["lost"] == 0, (name, run)
        assert run["duplicated"] == 0, (name, run)
        assert run["refused"] == {}, (name, run)
        assert run["ended"] == 4, (name, run)
        # One p99 per second of sending, each no more than the run's largest latency.
        by_second = run["p99_ms_by_second"]
        assert 1 <= len(by_second) <= 4, (name, by_second)
        assert max(by_second) <= run["latency_ms"]["max"], (name, run)
    assert runs["lantern"]["operators"] == 2
    check_cpu_figures(results, result.stdout)
    idle = json.loads(out.read_text())["idle"]
    assert idle["lantern_visitor"]["opened"] == 20
    assert idle["bare"]["opened"] == 20
    # The server's log holds no message text.
    assert "bench message" not in log


def check_cpu_figures(results: dict, stdout: str) -> None:
    """Each run's CPU time by server process kind and per delivered message, and the host."""
    host = results["meta"]["host"]
    assert host["kernel"] and host["cpu_model"] and host["machine"], host
    assert host["cpus"] >= host["cpus_usable"] >= 1, host
    assert f"host: {host['cpu_model']}" in stdout
    # What the servers run on, as this test's own settings find them: the run measured what
    # is found here, and says why for what is not (SQLite, the in-memory layer).
    found = {
        "postgresql": find_postgres(connection.settings_dict),
        "redis": find_redis(settings.REDIS_URL),
    }
    measured = results["meta"]["cpu_measured"]
    assert set(measured) == {"daphne", "postgresql", "redis"}, measured
    for name, run in results["load"]["runs"].items():
        cpu = run["cpu"]
        assert set(cpu) == {"daphne", "postgresql", "redis", "servers", "load_generator"}
        assert "unavailable" not in cpu["daphne"], (name, cpu)
        for kind in ("postgresql", "redis"):
            if isinstance(found[kind], int):
                assert "unavailable" not in cpu[kind], (name, kind, cpu)
                assert cpu[kind]["seconds"] >= 0, (name, kind, cpu)
            else:
                assert cpu[kind]["unavailable"], (name, kind, cpu)
                assert measured[kind].startswith("unavailable: "), measured
        assert cpu["servers"]["includes"][0] == "daphne", cpu
        for kind in ("daphne", "servers", "load_generator", *cpu["servers"]["includes"]):
            item = cpu[kind]
            assert item["seconds"] >= 0 and item["percent"] >= 0, (name, kind, item)
            assert item["ms_per_message"] is not None and item["ms_per_message"] >= 0, item
        parts = [cpu[kind]["seconds"] for kind in cpu["servers"]["includes"]]
        assert abs(cpu["servers"]["seconds"] - sum(parts)) < 0.01, cpu
        assert f"{results['load']['load']['conversations']} conversations, {name}: CPU" in stdout
    assert "cpu_per_message" in results["load"]["lantern_vs_bare"]


async def test_a_visitors_acks_count_for_its_conversation():
    # The acks a visitor's socket is sent name no conversation: its own messages' numbers
    # belong to its one conversation, so that `sync` asks from the right place.
    class Socket:
        close_code = None

        def __aiter__(self):
            return self

        async def __anext__(self):
            raise StopAsyncIteration

        async def close(self):
            pass

    visitor = Peer(Socket(), "visitor", Ledger())
    visitor.on_frame({"type": "ack", "client_id": "v0.1", "seq": 2}, 0.0)  # before it knows
    visitor.on_frame({"type": "message", "conversation": 7, "seq": 1, "sender": "system"}, 0.0)
    visitor.on_frame({"type": "ack", "client_id": "v0.2", "seq": 3}, 0.0)
    visitor.on_frame({"type": "message", "conversation": 7, "seq": 4, "sender": "operator"}, 0.0)
    assert visitor.conversation == 7
    assert visitor.contiguous(7) == 4
    assert None not in visitor.seqs
    await visitor.close()


async def test_a_message_refused_for_now_is_sent_again_and_a_final_refusal_is_not(monkeypatch):
    # As the widget does: `rate_limited` and `server_error` are answered by the same message
    # after a hold; the message then counts as delivered (its latency from the first send),
    # not as lost. Any other refusal is final.
    monkeypatch.setattr(load, "FIRST_HOLD", 0.01)

    class Socket:
        close_code = None

        def __init__(self):
            self.sent = []

        def __aiter__(self):
            return self

        async def __anext__(self):
            await asyncio.sleep(3600)

        async def send(self, raw):
            self.sent.append(json.loads(raw))

        async def close(self):
            pass

    ledger, window, socket = Ledger(), Window("test"), Socket()
    visitor = Peer(socket, "visitor", ledger)
    for client_id in ("v1.1", "v1.2"):
        ledger.sent(window, client_id)
        await visitor.send({"type": "message", "client_id": client_id, "text": "x"})
    visitor.on_frame({"type": "error", "code": "rate_limited", "client_id": "v1.1"}, 0.0)
    visitor.on_frame({"type": "error", "code": "closed", "client_id": "v1.2"}, 0.0)
    assert ledger.holding == 1  # the drain waits for it
    await asyncio.sleep(0.1)
    assert ledger.holding == 0
    assert [frame["client_id"] for frame in socket.sent] == ["v1.1", "v1.2", "v1.1"]
    assert window.resent == {"rate_limited": 1}
    assert window.refused == {"closed": 1}
    assert ledger.missing(window) == 1  # v1.1, until the other side reads it
    ledger.received("v1.1", load.now())
    assert ledger.missing(window) == 0
    assert window.summary()["lost"] == 1  # the final refusal
    visitor.on_frame({"type": "error", "code": "rate_limited", "client_id": "v1.1"}, 0.0)
    await asyncio.sleep(0.1)
    assert len(socket.sent) == 3  # delivered: a late refusal sends nothing again
    await visitor.close()


def test_benchmark_routes_are_absent_by_default(db):
    # The site's settings (those of production too) never install the benchmark app.
    for module in (lantern.settings.base, settings):
        assert "chat.bench" not in module.INSTALLED_APPS
        assert module.ROOT_URLCONF == "lantern.urls"
        assert module.ASGI_APPLICATION == "lantern.asgi.application"
    assert not BENCH_COMMANDS & set(get_commands())

    from chat.routing import websocket_urlpatterns

    assert not any("bench" in str(route.pattern) for route in websocket_urlpatterns)
    with pytest.raises(Resolver404):
        resolve("/bench/trivial/", urlconf="lantern.urls")
    assert Client().get("/bench/trivial/", follow=True).status_code == 404
    # What the benchmark's own URL conf adds, so that the checks above can see it.
    assert resolve("/bench/trivial/", urlconf="chat.bench.urls").func is trivial


# The bare chat's consumer closes the old database connections of each event it handles.
@pytest.mark.django_db
async def test_bench_socket_is_refused_by_default():
    communicator = WebsocketCommunicator(site_application, "/ws/bench/chat/", SOCKET_HEADERS)
    connected, _code = await communicator.connect()
    assert not connected  # refused at the handshake, as every path that is no route

    # The same request to the benchmark's application reaches the bare Channels chat.
    communicator = WebsocketCommunicator(bench_application, "/ws/bench/chat/", SOCKET_HEADERS)
    connected, _code = await communicator.connect()
    assert connected
    await communicator.disconnect()


# VACUUM cannot run inside a transaction: the test's database is not wrapped in one.
@pytest.mark.django_db(transaction=True)
def test_the_chat_tables_are_vacuumed_before_a_lantern_run():
    vacuum_chat_tables()
    if connection.vendor != "postgresql":
        return  # nothing to do: SQLite is not what the benchmark measures
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL"
            " AND relname IN (%s, %s)",
            [Conversation._meta.db_table, Message._meta.db_table],
        )
        vacuumed = {row[0] for row in cursor.fetchall()}
    assert vacuumed == {Conversation._meta.db_table, Message._meta.db_table}
