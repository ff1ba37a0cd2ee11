"""One Redis connection pool per process for Django's cache (settings: CACHES OPTIONS).

Django keeps a cache backend per thread, and under ASGI per request (each request runs its
synchronous code in a thread of its own), and each backend makes its own redis-py pool: every
request that touched the cache opened a new Redis connection (connect, handshake, health
check), several milliseconds of a page's time. redis-py's pool is thread-safe, so the backends
of one process share one pool per server and options instead.
"""

import threading
from typing import Any, ClassVar

from redis import ConnectionPool


class SharedConnectionPool(ConnectionPool):
    _pools: ClassVar[dict[tuple[str, str], "SharedConnectionPool"]] = {}
    # Not `_lock`: that is the name of each redis-py pool's own (instance) lock.
    _pools_lock: ClassVar[threading.Lock] = threading.Lock()

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> "SharedConnectionPool":
        key = (url, repr(sorted(kwargs.items())))
        with cls._pools_lock:
            pool = cls._pools.get(key)
            if pool is None:
                pool = cls._pools[key] = super().from_url(url, **kwargs)
        return pool
