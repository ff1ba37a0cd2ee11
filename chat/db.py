"""The consumers' database calls: `await db(func)(…)` runs `func` where it may use the ORM.

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
from concurrent.futures import ThreadPoolExecutor

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
