"""Wrap the withdrawal codes stored as a bare SHA-256 digest into their keyed form.

Before this migration a code was stored as SHA-256("withdrawal:" + code), which anyone holding
a backup could reproduce for every possible code. The keyed form (chat/consent.py) is
"<key id>$" + HMAC-SHA256(key, that digest), so each stored digest is wrapped where it lies,
with the current key (the first of LANTERN_WITHDRAWAL_CODE_KEYS), without knowing any code;
the code's holder still withdraws with it.

Rows of anonymised leads are left alone: they hold a random value that no code matches.

Irreversible: a keyed hash cannot be turned back into the digest (that is the point). To go
back, restore the backup taken before migrating.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import migrations

KEY_ID_LENGTH = 8
SEPARATOR = "$"
BATCH = 500


# Frozen copies of chat.consent.withdrawal_key_id / wrap_withdrawal_digest as they were when
# this migration was written: a migration must do the same thing whenever it runs.
def key_id(key: str) -> str:
    mac = hmac.new(key.encode(), b"lantern withdrawal code key id", hashlib.sha256)
    return mac.hexdigest()[:KEY_ID_LENGTH]


def wrap(digest: str, key: str) -> str:
    """The keyed form of a stored SHA-256 digest (hex) under `key`."""
    mac = hmac.new(key.encode(), digest.encode(), hashlib.sha256).hexdigest()
    return f"{key_id(key)}{SEPARATOR}{mac}"


def wrap_stored_digests(apps, schema_editor):
    ConsentRecord = apps.get_model("referrals", "ConsentRecord")
    bare = ConsentRecord.objects.filter(lead__anonymised_at__isnull=True).exclude(
        withdrawal_code_hash__contains=SEPARATOR
    )
    if not bare.exists():
        return
    keys = list(getattr(settings, "LANTERN_WITHDRAWAL_CODE_KEYS", None) or [])
    if not keys:
        raise ImproperlyConfigured(
            "LANTERN_WITHDRAWAL_CODE_KEYS must be set to wrap the stored withdrawal codes."
        )
    key = keys[0]
    while True:
        batch = list(bare.only("pk", "withdrawal_code_hash")[:BATCH])
        if not batch:
            break
        for record in batch:
            record.withdrawal_code_hash = wrap(record.withdrawal_code_hash, key)
        ConsentRecord.objects.bulk_update(batch, ["withdrawal_code_hash"])


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0006_withdrawal_code_keyed_hash_field"),
    ]

    operations = [
        # No reverse: see the docstring.
        migrations.RunPython(wrap_stored_digests, elidable=False),
    ]
