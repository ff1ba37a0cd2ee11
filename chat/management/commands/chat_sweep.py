"""Close conversations whose visitor left, destroy keys left behind in Redis, and send the
new-lead email that waits for its period to pass (run every minute from cron or a systemd
timer; operators' consoles also run the sweep on their heartbeat)."""

from django.core.management.base import BaseCommand

from chat.actions.conversations import do_sweep
from chat.keyring import keyring
from chat.referrals.notify import flush_quietly


class Command(BaseCommand):
    help = (
        "Close chat conversations whose visitor has been gone longer than the resume period, "
        "and email caseworkers about new leads still waiting to be announced."
    )

    def handle(self, *args, **options):
        closed = do_sweep()
        self.stdout.write(f"Closed {closed} conversation(s).")
        # Keys a process could not delete at close (Redis was away then).
        destroyed = keyring.destroy_closed()
        self.stdout.write(f"Destroyed the keys of {destroyed} closed conversation(s).")
        announced = flush_quietly()  # a failure is logged; the count waits for the next run
        self.stdout.write(f"Emailed caseworkers about {announced} new lead(s).")
