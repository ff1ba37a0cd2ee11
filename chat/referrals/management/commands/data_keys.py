"""The long-term data key (LANTERN_DATA_KEY) that wraps each lead's key (chat/referrals/keys.py).

    manage.py data_keys            how many lead keys each configured key wraps
    manage.py data_keys --new      print a new random key, to put first in LANTERN_DATA_KEY
    manage.py data_keys --rotate   re-wrap every lead key with the current (first) key

Rotation without downtime: put the new key first in LANTERN_DATA_KEY and keep the old one after
it, restart the processes, run `--rotate` (the site goes on reading leads wrapped either way),
then remove the old key once this command reports that it wraps nothing. Only key ids (a digest)
are shown, never a key.
"""

from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from chat.referrals.keys import data_keys, new_data_key, rewrap
from chat.referrals.models import LeadKey


class Command(BaseCommand):
    help = "Report, make or rotate the long-term key (LANTERN_DATA_KEY) that wraps lead keys."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--new", action="store_true", help="Print a new random key.")
        group.add_argument(
            "--rotate", action="store_true", help="Re-wrap every lead key with the current key."
        )

    def handle(self, *args, new=False, rotate=False, **options):
        if new:
            self.stdout.write(new_data_key())
            return
        if rotate:
            rewrapped, stranded = rewrap()
            self.stdout.write(f"Re-wrapped {rewrapped} lead key(s) with the current key.")
        counts = Counter(LeadKey.objects.values_list("wrapped_with", flat=True))
        configured = [key_id for key_id, _key in data_keys()]
        for position, key_id in enumerate(configured):
            role = "current key" if position == 0 else f"old key, position {position + 1}"
            wrapped = counts.pop(key_id, 0)
            line = f"{key_id}: wraps {wrapped} lead key(s), {role}"
            if position and not wrapped:
                line += "; wraps nothing: can be removed"
            self.stdout.write(line)
        if counts:
            raise CommandError(
                f"{sum(counts.values())} lead key(s) are wrapped with a key that is not "
                "configured: their leads cannot be read. Put that key back in LANTERN_DATA_KEY."
            )
