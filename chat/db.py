"""The consumers' database calls: `await db(func)(…)` runs `func` where it may use the ORM;
on PostgreSQL, `execute_on_loop` runs the statement that stores a message from the event loop.

On PostgreSQL the calls run in a pool of threads, each with a connection of its own, so that
one message's wait for PostgreSQL (a commit: a WAL flush) does not hold up everybody else's,
and commits that overlap share a flush. SQLite takes one writer at a time: there they stay in
Channels' one database thread (`database_sync_to_async`). Each socket stores its messages
while it goes on reading, so calls overlap: with 4 threads, 200 conversations queued for the
pool (docs/performance.md), hence DB_THREADS.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.db import connection

from channels.db import database_sync_to_async

DB_THREADS = 8
_db_pool = ThreadPoolExecutor(max_workers=DB_THREADS, thread_name_prefix="chat-db")


def db(func):
    """`func` as the consumers await it.

    On PostgreSQL a plain hand-off to the pool, in a copy of the caller's context: asgiref's
    `sync_to_async` does more (it lets `async_to_sync` in the thread find this loop, and it
    copies the context back), which cost as much as the hand-off itself on every message and
    which these functions do not need: actions run through `db` announce with `deferring`."""
    if connection.vendor == "sqlite":
        return database_sync_to_async(func)
    run = _keeping_the_connection(func)

    async def call(*args, **kwargs):
        context = contextvars.copy_context()
        return await asyncio.get_running_loop().run_in_executor(
            _db_pool, functools.partial(context.run, run, *args, **kwargs)
        )

    return call


def _keeping_the_connection(func):
    """Each pool thread keeps its connection from call to call, whatever CONN_MAX_AGE says:
    under daphne, Django's persistent connections belong to per-request threads and pile up
    (so production runs with CONN_MAX_AGE=0), while these few threads live as long as the
    process. A connection that failed and can no longer be used is closed; the next call
    opens a new one."""

    def run(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        finally:
            if connection.errors_occurred:
                if connection.connection is not None and not connection.is_usable():
                    connection.close()
                connection.errors_occurred = False

    return run


# --- Statements on the event loop ---------------------------------------------------------
#
# The statement that stores a message runs on connections of the event loop's own
# (psycopg's AsyncConnection), not in the pool: a hand-off to a thread and back for every
# message, and the pool's threads taking the interpreter's lock from the event loop while
# they ran, cost more than the statement (docs/performance.md, session 7). Only that one
# statement runs here; whatever else it needs (a refusal's reason, a resend's earlier
# message) the pool does, through the ORM. The statement is prepared on each connection: a
# pooler between Lantern and PostgreSQL must keep sessions (PgBouncer: session pooling, or
# transaction pooling with its support for prepared statements).

LOOP_CONNECTIONS = 4


class _LoopConnections:
    """Up to LOOP_CONNECTIONS autocommit connections of one event loop; statements are
    prepared on each connection the first time they run on it."""

    def __init__(self) -> None:
        self.idle: list[Any] = []
        self.places = asyncio.Semaphore(LOOP_CONNECTIONS)

    async def acquire(self):
        await self.places.acquire()
        if self.idle:
            return self.idle.pop()
        try:
            return await _connect()
        except BaseException:
            self.places.release()
            raise

    def release(self, conn) -> None:
        """Give `conn` back; a closed one frees its place for a new one."""
        if not conn.closed:
            self.idle.append(conn)
        self.places.release()

    def finish(self) -> None:
        """Close every idle connection at once (the loop may be gone)."""
        for conn in self.idle:
            conn.pgconn.finish()
        self.idle.clear()


_loop_connections: dict[asyncio.AbstractEventLoop, _LoopConnections] = {}


async def _connect():
    import psycopg  # noqa: PLC0415 (PostgreSQL only)

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("prepare_threshold", None)
    return await psycopg.AsyncConnection.connect(**params, autocommit=True)


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


async def execute_on_loop(sql: str, params: list) -> tuple | None:
    """Run one statement in its own transaction on a connection of this event loop; return
    its first row. None when it returned none, and when it failed in any way: the caller then
    does the same through the ORM, which returns or raises what the failure means (the next
    call opens a new connection if this one broke). PostgreSQL only."""
    import psycopg  # noqa: PLC0415

    loop = asyncio.get_running_loop()
    connections = _loop_connections.get(loop)
    if connections is None:
        close_loop_connections(closed_loops_only=True)
        connections = _loop_connections[loop] = _LoopConnections()
    try:
        conn = await connections.acquire()
    except psycopg.Error:
        return None
    row = None
    try:
        cursor = await conn.execute(sql, params, prepare=True)
        row = await cursor.fetchone()
    except psycopg.Error:
        if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            conn.pgconn.finish()  # broken, or left inside a transaction
    except BaseException:
        conn.pgconn.finish()  # cancelled in the middle of the statement: state unknown
        raise
    finally:
        connections.release(conn)
    return row


def close_connections() -> None:
    """Close every connection of the chat's own: the pool's threads' and the event loops'
    (before a test database is dropped). Each pool thread closes its own; the barrier makes
    every thread take one of the calls."""
    threads = len(_db_pool._threads)  # the pool's threads so far (no public count)
    if threads:
        barrier = threading.Barrier(threads)

        def close() -> None:
            connection.close()
            barrier.wait(timeout=10)

        for future in [_db_pool.submit(close) for _ in range(threads)]:
            future.result()
    close_loop_connections()


def close_loop_connections(*, closed_loops_only: bool = False) -> None:
    """Close the event loops' connections (of loops that have closed, with
    `closed_loops_only`): tests open a loop each, and the test database must have no
    connections left when it is dropped."""
    for loop, connections in list(_loop_connections.items()):
        if not closed_loops_only or loop.is_closed():
            connections.finish()
            del _loop_connections[loop]
