"""Which withdrawal-code keys are still needed: how many stored codes each key protects.

Rotation (docs/privacy.md): put the new key first in LANTERN_WITHDRAWAL_CODE_KEYS and keep the
old ones after it. A keyed hash cannot be re-keyed without the code, so an old key stays listed
until this command shows that no code is stored under it any more (each code goes when it is
withdrawn, or when retention anonymises its closed lead, LANTERN_LEAD_RETENTION_DAYS after it
closed). Only key ids are shown, never a key.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from chat.referrals.withdrawal import codes_per_key


class Command(BaseCommand):
    help = (
        "Report how many stored withdrawal codes each key of LANTERN_WITHDRAWAL_CODE_KEYS "
        "protects, and whether an old key can be removed."
    )

    def handle(self, *args, **options):
        uses, bare = codes_per_key()
        retention = settings.LANTERN_LEAD_RETENTION_DAYS
        for use in uses:
            if use.position == 0:
                role = "current key (new codes)"
            elif use.position is not None:
                role = f"old key, position {use.position + 1}"
            else:
                role = "NOT CONFIGURED: these codes can no longer be used to withdraw"
            line = f"{use.key_id}: {use.codes} code(s), {role}"
            if use.position:
                if not use.codes:
                    line += "; no code left: can be removed"
                elif use.open_leads:
                    line += (
                        f"; needed while {use.open_leads} lead(s) stay open, then until "
                        f"{retention} days after they close"
                    )
                else:
                    line += f"; needed until {use.needed_until:%Y-%m-%d} (retention)"
            self.stdout.write(line)
        if bare:
            self.stdout.write(
                self.style.WARNING(
                    f"{bare} code(s) stored without a key (unkeyed SHA-256): run `manage.py "
                    "migrate` to wrap them."
                )
            )
