"""Conversations' keys: in volatile memory only, never in the database or any file.

Each conversation's messages are sealed (chat/crypto.py) with a random key that lives in the
memory of the processes serving it and, with Redis (`REDIS_URL`), in a Redis hash that every
process reads: `lantern:ck:<database>:<conversation id>` → {key id: key}. Redis must keep
nothing on disk for this (README: `save ""`, `appendonly no`) and evict nothing
(`maxmemory-policy noeviction`). Closing the conversation destroys its keys (`destroy`, after
the commit): the sealed messages, wherever copies of the database went, cannot be read again.

A conversation may have several keys: a process that finds none (Redis away, or before the
first message) makes one with an id of its own, so two processes never need to agree on one;
every value names the key that sealed it (`c<conversation>.<key id>`).

What survives what (docs/reliability.md):
- a daphne process crashes: the keys are in Redis, the other processes read them there;
- Redis restarts empty: every process publishes again the keys it holds (`Watcher`, which
  notices the new Redis by its run id within WATCH_SECONDS), and a process that needs a key it
  does not hold waits that long for it before the message is refused for now (`server_error`:
  both clients send it again by themselves);
- PostgreSQL is down: the keys are not there.
The embedded default (no Redis) keeps the keys in its one process's memory.

A process forgets a key when Redis, still the same run, no longer has it (destroyed by the
process that closed the conversation), or after KEEP_SECONDS unused.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from . import crypto

WATCH_SECONDS = 1.0
PRUNE_ROUNDS = 10
# A key not used for this long is dropped from a process's memory (Redis keeps it, if the
# conversation is still open); conversations are closed by retention after
# LANTERN_CHAT_MAX_AGE_HOURS, so none is needed that long.
KEEP_SECONDS = 6 * 3600


@dataclass
class Held:
    keys: dict[str, bytes] = field(default_factory=dict)
    used: float = field(default_factory=time.monotonic)
    # The Redis run id under which Redis was last seen holding every key here (None: not yet).
    published_in: str | None = None


class Keyring:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.held: dict[int, Held] = {}
        self._redis: Any = None  # a redis-py client, made on first use
        self._run_id: str | None = None
        self._watcher: threading.Thread | None = None
        self._stopping = threading.Event()

    # --- Redis ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return getattr(settings, "REDIS_URL", "")

    def redis(self):
        if self._redis is None:
            import redis

            self._redis = redis.Redis.from_url(
                self.url, socket_timeout=2, socket_connect_timeout=1, health_check_interval=10
            )
        return self._redis

    @staticmethod
    def name(conversation_id: int) -> str:
        """The Redis hash of a conversation's keys. Conversation ids are the database's, so
        the keys are named by the database too: every process of a site (servers, commands,
        a test's helpers) meets its own, and sites or test runs sharing a Redis never meet."""
        database = connection.settings_dict
        where = f"{connection.vendor}|{database['HOST']}|{database['PORT']}|{database['NAME']}"
        return f"lantern:ck:{hashlib.sha256(where.encode()).hexdigest()[:12]}:{conversation_id}"

    @staticmethod
    def ttl() -> int:
        """How long Redis keeps a conversation's keys at most: retention closes conversations
        LANTERN_CHAT_MAX_AGE_HOURS after they started, in its daily run, so a day more."""
        return int((getattr(settings, "LANTERN_CHAT_MAX_AGE_HOURS", 24) + 25) * 3600)

    def run_id(self) -> str:
        return str(self.redis().info("server")["run_id"])

    # --- Keys ----------------------------------------------------------------------------

    def sealing_key(self, conversation_id: int, *, new: bool = False) -> tuple[str, bytes]:
        """A key to seal a new value of the conversation with, and its ref: one held, one from
        Redis, or a new one (at once for a `new` conversation: Redis has none for it)."""
        with self.lock:
            held = self.held.get(conversation_id)
            if held is not None and held.keys:
                held.used = time.monotonic()
                key_id, key = next(iter(held.keys.items()))
                return self.ref(conversation_id, key_id), key
        if self.url and not new:
            self.start_watching()
            try:
                found = self.fetch(conversation_id)
            except Exception as error:  # Redis is away: a key of this process's own
                log_failure("keyring read for", "a conversation", error)
                found = {}
            if found:
                key_id, key = next(iter(found.items()))
                return self.ref(conversation_id, key_id), key
        key_id, key = secrets.token_hex(4), crypto.new_key()
        self.keep(conversation_id, {key_id: key}, None)
        if self.url:
            self.start_watching()
            self.publish(conversation_id)
        return self.ref(conversation_id, key_id), key

    @staticmethod
    def ref(conversation_id: int, key_id: str) -> str:
        return f"c{conversation_id}.{key_id}"

    def key(self, ref: str) -> bytes:
        """The key a ref names (`c<conversation>.<key id>`), for opening a value."""
        conversation, _sep, key_id = ref[1:].partition(".")
        try:
            conversation_id = int(conversation)
        except ValueError:
            raise crypto.KeyUnavailable("not a conversation's key") from None
        with self.lock:
            held = self.held.get(conversation_id)
            if held is not None and key_id in held.keys:
                held.used = time.monotonic()
                return held.keys[key_id]
        if self.url:
            self.start_watching()
            # After a Redis restart the process holding it publishes it again within
            # WATCH_SECONDS: wait for it that long.
            deadline = time.monotonic() + 3 * WATCH_SECONDS
            while True:
                try:
                    found = self.fetch(conversation_id)
                except Exception as error:
                    log_failure("keyring read for", "a conversation", error)
                    found = {}
                if key_id in found:
                    return found[key_id]
                if time.monotonic() > deadline:
                    break
                time.sleep(0.1)
        raise crypto.KeyUnavailable("the conversation's key is not at hand")

    def held_key(self, conversation_id: int) -> bool:
        """Whether this process holds a key of the conversation (no trip to Redis needed)."""
        with self.lock:
            held = self.held.get(conversation_id)
            return held is not None and bool(held.keys)

    def fetch(self, conversation_id: int) -> dict[str, bytes]:
        """The conversation's keys in Redis, kept in memory too."""
        run_id = self.run_id() if self._run_id is None else self._run_id
        found = {
            key_id.decode(): key
            for key_id, key in self.redis().hgetall(self.name(conversation_id)).items()
        }
        if found:
            self.keep(conversation_id, found, run_id)
        return found

    def keep(self, conversation_id: int, keys: dict[str, bytes], published_in: str | None) -> None:
        with self.lock:
            held = self.held.setdefault(conversation_id, Held())
            missing = set(held.keys) - set(keys)
            held.keys.update(keys)
            held.used = time.monotonic()
            if missing:
                held.published_in = None  # ours is not in Redis yet
            elif published_in is not None and held.published_in is None:
                held.published_in = published_in

    def publish(self, conversation_id: int) -> bool:
        """Put the conversation's keys held here into Redis (again). False if Redis is away."""
        with self.lock:
            held = self.held.get(conversation_id)
            keys = dict(held.keys) if held else {}
        if not keys:
            return True
        try:
            run_id = self.run_id()
            pipe = self.redis().pipeline()
            pipe.hset(self.name(conversation_id), mapping=keys)
            pipe.expire(self.name(conversation_id), self.ttl())
            pipe.execute()
        except Exception as error:
            log_failure("keyring publish for", "a conversation", error)
            return False
        with self.lock:
            held = self.held.get(conversation_id)
            if held is not None and set(held.keys) <= set(keys):
                held.published_in = run_id
        return True

    def destroy(self, conversation_id: int) -> None:
        """Forget the conversation's keys, here and in Redis. Called after the commit of the
        conversation's closing: before it, a rollback would leave it open and unreadable."""
        with self.lock:
            self.held.pop(conversation_id, None)
        if self.url:
            try:
                self.redis().delete(self.name(conversation_id))
            except Exception as error:  # the sweep deletes it later (`destroy_closed`)
                log_failure("keyring delete for", "a conversation", error)

    def destroy_on_commit(self, conversation_id: int) -> None:
        transaction.on_commit(lambda: self.destroy(conversation_id))

    def forget_all(self) -> None:
        """This process's memory only (tests)."""
        with self.lock:
            self.held.clear()

    # --- Watching Redis --------------------------------------------------------------------

    def start_watching(self) -> None:
        if self._watcher is not None and self._watcher.is_alive():
            return
        with self.lock:
            if self._watcher is not None and self._watcher.is_alive():
                return
            self._stopping.clear()
            self._watcher = threading.Thread(
                target=self._watch, name="lantern-keyring", daemon=True
            )
            self._watcher.start()

    def _watch(self) -> None:
        rounds = 0
        while not self._stopping.wait(WATCH_SECONDS):
            rounds += 1
            try:
                # Destroyed keys are looked for every PRUNE_ROUNDS rounds only: a new Redis
                # matters at once, a key no longer needed does not.
                self.watch_once(prune=rounds % PRUNE_ROUNDS == 0)
            except Exception as error:  # Redis is away: the next round tries again
                self._run_id = None
                log_failure("keyring watch of", "Redis", error)

    def watch_once(self, *, prune: bool = True) -> None:
        """One round: a new Redis (run id) gets every key held here again; with `prune`, keys
        Redis dropped while the same run (destroyed by another process) are forgotten, and
        old ones dropped."""
        run_id = self.run_id()
        now = time.monotonic()
        with self.lock:
            for conversation_id in [
                cid for cid, held in self.held.items() if now - held.used > KEEP_SECONDS
            ]:
                del self.held[conversation_id]
            snapshot = {cid: held.published_in for cid, held in self.held.items()}
        self._run_id = run_id
        if not prune:
            for conversation_id, published_in in snapshot.items():
                if published_in != run_id:
                    self.publish(conversation_id)
            return
        if not snapshot:
            return
        ids = list(snapshot)
        pipe = self.redis().pipeline(transaction=False)
        for conversation_id in ids:
            pipe.exists(self.name(conversation_id))
        present = dict(zip(ids, pipe.execute(), strict=True))
        for conversation_id, published_in in snapshot.items():
            if published_in == run_id and not present[conversation_id]:
                with self.lock:
                    self.held.pop(conversation_id, None)  # destroyed elsewhere
            elif published_in != run_id:
                self.publish(conversation_id)

    def destroy_closed(self) -> int:
        """Delete from Redis the keys of conversations that are closed or gone (a process that
        closed one while Redis was away could not): run by the sweep. Returns how many."""
        from .models import Conversation

        if not self.url:
            return 0
        pattern = self.name(0)[: -len("0")] + "*"
        names = {}
        for name in self.redis().scan_iter(match=pattern, count=500):
            suffix = name.decode().rpartition(":")[2]
            if suffix.isdigit():
                names[int(suffix)] = name
        open_ids = set(
            Conversation.objects.open().filter(pk__in=list(names)).values_list("pk", flat=True)
        )
        gone = [name for cid, name in names.items() if cid not in open_ids]
        if gone:
            self.redis().delete(*gone)
        return len(gone)


def log_failure(what: str, name: str, error: BaseException) -> None:
    """The chat's failure log (chat/consumers/base.py): the kind and place only, repeats
    counted. Imported here, not at the top: the consumers import the actions, which import
    this module."""
    from .consumers.base import log_failure as log

    log(what, name, error)


keyring = Keyring()


def _owner_key(instance) -> tuple[str, bytes]:
    return keyring.sealing_key(instance.conversation_id)


crypto.FINDERS["c"] = keyring.key
crypto.OWNERS["conversation"] = _owner_key
