"""Counters in the cache for throttling, keyed on what is being guessed, never on who guesses.

Lantern never sees a visitor's address (see lantern.serve), and staff sign-ins are throttled
the same way: by a keyed hash of the account name and by one counter for everybody, so the
cache holds neither addresses nor names. Counters live in fixed windows and expire with them;
`bump` is atomic on Redis and in local memory.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.utils.crypto import salted_hmac


def window(seconds: int, now: float | None = None) -> int:
    """The number of the fixed window of `seconds` that `now` falls in."""
    return int((time.time() if now is None else now) // seconds)


def window_ends(seconds: int, now: float | None = None) -> float:
    """When the current window of `seconds` ends (a Unix timestamp)."""
    return (window(seconds, now) + 1) * seconds


def keyed(purpose: str, value: str) -> str:
    """A short keyed hash (HMAC with SECRET_KEY) of `value`, for use in a cache key."""
    return salted_hmac(f"lantern.ratelimit.{purpose}", value, algorithm="sha256").hexdigest()[:32]


def bump(key: str, timeout: int) -> int:
    """Add one to a counter and return the new value."""
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout)
        return 1


def count(key: str) -> int:
    """The counter's value, without adding to it."""
    return int(cache.get(key, 0))
