"""The benchmarks' own tests: the load generator runs against a real daphne and loses and
duplicates nothing; the benchmark routes exist only when `LANTERN_BENCHMARK` is on.

Correctness only: no timing is asserted (figures are for docs/performance.md). The command
runs in a subprocess, on the test database (the PostgreSQL one directly, or a file copy of the
in-memory SQLite one) and with this run's channel layer (in-memory inside the one daphne, or
Redis when `REDIS_URL` is set, under a prefix of its own).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import Resolver404, resolve

import pytest

from chat.bench.runner import vacuum_chat_tables
from chat.bench.server import port_is_free
from chat.models import Conversation, Message
from tests.chat.test_two_servers import database_url_for_servers

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

    runs = json.loads(out.read_text())["load"]["runs"]
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
    idle = json.loads(out.read_text())["idle"]
    assert idle["lantern_visitor"]["opened"] == 20
    assert idle["bare"]["opened"] == 20
    # The server's log holds no message text.
    assert "bench message" not in log


def test_benchmark_routes_are_absent_by_default(db):
    assert settings.LANTERN_BENCHMARK is False
    from chat.routing import websocket_urlpatterns

    assert not any("bench" in str(route.pattern) for route in websocket_urlpatterns)
    with pytest.raises(Resolver404):
        resolve("/bench/trivial/")
    assert Client().get("/bench/trivial/", follow=True).status_code == 404


async def test_bench_socket_is_refused_by_default():
    from channels.routing import URLRouter

    from chat.routing import websocket_urlpatterns

    scope = {"type": "websocket", "path": "/ws/bench/chat/", "headers": []}
    with pytest.raises(ValueError, match="No route found"):
        await URLRouter(websocket_urlpatterns)(scope, None, None)


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
