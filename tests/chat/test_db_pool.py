"""On PostgreSQL the consumers' database work runs in a pool of threads that keep their
connections (CONN_MAX_AGE is 0 under daphne, see .env.example)."""

from __future__ import annotations

import threading

from django.db import connection

import pytest

from chat.db import db

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite uses one thread"),
]


def connection_of_this_thread():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return threading.get_ident(), cursor.fetchone()[0]


async def test_a_pool_thread_keeps_its_connection_from_call_to_call(settings):
    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0
    seen: dict[int, set[int]] = {}
    for _ in range(12):
        thread, backend = await db(connection_of_this_thread)()
        seen.setdefault(thread, set()).add(backend)
    assert all(len(backends) == 1 for backends in seen.values()), seen


async def test_a_broken_connection_is_replaced_on_the_next_call():
    def break_it():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")

    for _ in range(8):  # every thread of the pool, whichever runs it
        with pytest.raises(Exception):  # noqa: B017,PT011  the server closed the connection
            await db(break_it)()
    for _ in range(8):
        _thread, backend = await db(connection_of_this_thread)()
        assert backend
