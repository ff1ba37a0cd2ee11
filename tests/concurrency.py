"""Calling actions from several threads at the same moment, for race tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from django.db import OperationalError, connection


def sqlite_table_locked(error: Exception) -> bool:
    """SQLite's shared-cache in-memory test database refuses a second writer at once ("database
    table is locked") where a file database (and PostgreSQL) would wait for the first. That is
    the test database's limit, not the action's: such a call is simply made again."""
    return (
        connection.vendor == "sqlite"
        and isinstance(error, OperationalError)
        and "locked" in str(error)
    )


def retry_while_locked(call: Callable[[], object], expected: type[Exception]) -> object:
    """The call's result, or the exception it raised (`expected` or any other)."""
    for _attempt in range(200):
        try:
            return call()
        except expected as error:
            return error
        except Exception as error:  # reported by the caller's assertions
            if not sqlite_table_locked(error):
                return error
        time.sleep(0.005)
    raise AssertionError("the database stayed locked")


def at_once(calls: list[Callable[[], object]], expected: type[Exception]) -> list:
    """Run each call in its own thread, all released at the same moment; their results (or
    exceptions) in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = retry_while_locked(call, expected)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results
