"""Leads' keys: one random key per lead, kept wrapped in a table of its own (`LeadKey`).

A lead's free text (summary, what happened, place, safe contact, transcript, notes) is sealed
with its key (chat/crypto.py). The key is stored wrapped (AES-256-GCM) with the long-term key
from the environment, LANTERN_DATA_KEY: a comma-separated list of base64 keys of 32 bytes, the
current one first, older ones after it while rows wrapped with them remain (`rewrap`, which
`manage.py data_keys --rotate` runs while the site serves). Without LANTERN_DATA_KEY, a copy
of the database opens nothing.

Withdrawal and retention delete the lead's key row (`destroy`): from then on its sealed values
are unreadable in every copy of the database, once the backups taken before are gone
(README: how long backups of the key table may be kept).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import threading
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, connection, transaction

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from chat import crypto

# An unwrapped key stays in a process's memory this long after its last use.
CACHE_SECONDS = 300
# How long the key table's daily rewrite waits for its lock (`compact_key_table`).
LOCK_SECONDS = 2


def data_keys() -> list[tuple[str, bytes]]:
    """LANTERN_DATA_KEY as (key id, key) pairs, the current one first. The id is a digest of
    the key: it names the key in the key table without revealing it."""
    pairs = []
    for text in settings.LANTERN_DATA_KEY:
        try:
            key = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
        except (binascii.Error, ValueError):
            key = b""
        if len(key) != crypto.KEY_BYTES:
            raise ImproperlyConfigured(
                "Each key of LANTERN_DATA_KEY must be 32 random bytes in base64 "
                "(`manage.py data_keys --new` makes one)."
            )
        pairs.append((data_key_id(key), key))
    if not pairs:
        raise ImproperlyConfigured("LANTERN_DATA_KEY is not set.")
    return pairs


def data_key_id(key: bytes) -> str:
    return hashlib.sha256(b"lantern data key id|" + key).hexdigest()[:16]


def new_data_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(crypto.KEY_BYTES)).decode().rstrip("=")


def _associated(key_id: uuid.UUID) -> bytes:
    return f"lead key|{key_id}".encode()


def wrap(row_id: uuid.UUID, key: bytes) -> tuple[str, bytes]:
    wrapping_id, wrapping = data_keys()[0]
    nonce = os.urandom(crypto.NONCE_BYTES)
    return wrapping_id, nonce + AESGCM(wrapping).encrypt(nonce, key, _associated(row_id))


def unwrap(row) -> bytes:
    wrapping = dict(data_keys()).get(row.wrapped_with)
    if wrapping is None:
        raise crypto.KeyUnavailable("the lead's key is wrapped with a key not configured")
    wrapped = bytes(row.wrapped)
    try:
        return AESGCM(wrapping).decrypt(
            wrapped[: crypto.NONCE_BYTES], wrapped[crypto.NONCE_BYTES :], _associated(row.pk)
        )
    except InvalidTag:
        raise crypto.KeyUnavailable("the lead's key does not unwrap") from None


@dataclass
class Cached:
    key: bytes
    at: float


class LeadKeys:
    """Unwrapped keys in this process's memory, for CACHE_SECONDS: a listing of leads opens
    each once, not once per field."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.cache: dict[uuid.UUID, Cached] = {}

    def create(self):
        from .models import LeadKey

        key = crypto.new_key()
        row = LeadKey(id=uuid.uuid4())
        row.wrapped_with, row.wrapped = wrap(row.pk, key)
        row.save(force_insert=True)
        self.remember(row.pk, key)
        return row

    def key(self, key_id: uuid.UUID) -> bytes:
        from .models import LeadKey

        now = time.monotonic()
        with self.lock:
            cached = self.cache.get(key_id)
            if cached is not None and now - cached.at < CACHE_SECONDS:
                return cached.key
        row = LeadKey.objects.filter(pk=key_id).first()
        if row is None:
            raise crypto.KeyUnavailable("the lead's key is destroyed")
        key = unwrap(row)
        self.remember(key_id, key)
        return key

    def preload(self, leads) -> None:
        """Open the keys of these leads (a queryset) in one query, not one per lead."""
        from .models import LeadKey

        now = time.monotonic()
        with self.lock:
            fresh = {k for k, cached in self.cache.items() if now - cached.at < CACHE_SECONDS}
        wanted = {
            key_id
            for key_id in leads.values_list("key_id", flat=True)
            if key_id is not None and key_id not in fresh
        }
        for row in LeadKey.objects.filter(pk__in=wanted).iterator():
            self.remember(row.pk, unwrap(row))

    def remember(self, key_id: uuid.UUID, key: bytes) -> None:
        with self.lock:
            self.cache[key_id] = Cached(key, time.monotonic())
            if len(self.cache) > 10_000:
                oldest = sorted(self.cache.items(), key=lambda item: item[1].at)[:5_000]
                for old, _cached in oldest:
                    del self.cache[old]

    def destroy(self, key_id: uuid.UUID | None) -> None:
        """Delete the key row (in the caller's transaction) and forget it here."""
        from .models import LeadKey

        if key_id is None:
            return
        LeadKey.objects.filter(pk=key_id).delete()
        with self.lock:
            self.cache.pop(key_id, None)

    def forget_all(self) -> None:
        with self.lock:
            self.cache.clear()


lead_keys = LeadKeys()


def _find(ref: str) -> bytes:
    try:
        key_id = uuid.UUID(hex=ref[1:])
    except ValueError:
        raise crypto.KeyUnavailable("not a lead's key") from None
    return lead_keys.key(key_id)


def _owner_key(instance) -> tuple[str, bytes]:
    """The key of a lead, or of the lead a note or thread message belongs to; a lead gets its
    key on its first save (`Lead.save`)."""
    lead = instance if hasattr(instance, "key_id") else instance.lead
    if lead.key_id is None:
        raise crypto.KeyUnavailable("the lead has no key (anonymised)")
    return f"l{lead.key_id.hex}", lead_keys.key(lead.key_id)


crypto.FINDERS["l"] = _find
crypto.OWNERS["lead"] = _owner_key


def destroy_with_lead(sender, instance, **kwargs) -> None:
    """A deleted lead (withdrawal, or an administrator's deletion) takes its key with it."""
    lead_keys.destroy(instance.key_id)


def compact_key_table() -> bool:
    """On PostgreSQL, rewrite the key table (VACUUM FULL), once a day from `apply_retention`:
    a deleted row stays in the table's file until its space is reused, and with
    LANTERN_DATA_KEY it would still unwrap; rewritten, the live files hold only the keys that
    exist. (The write-ahead log and the backups keep the old rows until they are recycled or
    expire: README, backups.) A row deleted while an older transaction is still open is
    copied over as it is, and goes at the next day's run.

    The rewrite locks the table: it waits LOCK_SECONDS at most for the lock (a long
    `pg_dump` holds it), else it is left for the next run, rather than holding every read of
    a lead behind it. Outside a transaction only; returns whether it ran."""
    from .models import LeadKey

    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    table = connection.ops.quote_name(LeadKey._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SET lock_timeout = '{LOCK_SECONDS}s'")
        try:
            cursor.execute(f"VACUUM FULL {table}")
        except OperationalError:  # the lock was not granted in time
            return False
        finally:
            cursor.execute("RESET lock_timeout")
    return True


def rewrap(batch: int = 200) -> tuple[int, int]:
    """Wrap every lead key not wrapped with the current long-term key with it, a batch at a
    time, each row locked for a moment only (the site goes on serving, and reads a row wrapped
    either way). Returns (re-wrapped, left because their key is no longer configured)."""
    from .models import LeadKey

    current, _key = data_keys()[0]
    configured = dict(data_keys())
    rewrapped = 0
    stranded = LeadKey.objects.exclude(wrapped_with__in=list(configured)).count()
    while True:
        with transaction.atomic():
            rows = list(
                LeadKey.objects.select_for_update(skip_locked=True)
                .filter(wrapped_with__in=[k for k in configured if k != current])
                .order_by("pk")[:batch]
            )
            for row in rows:
                key = unwrap(row)
                row.wrapped_with, row.wrapped = wrap(row.pk, key)
                row.save(update_fields=["wrapped_with", "wrapped"])
        rewrapped += len(rows)
        if len(rows) < batch:
            return rewrapped, stranded
