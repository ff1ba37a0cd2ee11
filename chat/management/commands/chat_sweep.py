"""Close conversations whose visitor left (run every minute from cron or a systemd timer;
operators' consoles also run the sweep on their heartbeat)."""

from django.core.management.base import BaseCommand

from chat.actions.conversations import do_sweep


class Command(BaseCommand):
    help = "Close chat conversations whose visitor has been gone longer than the resume period."

    def handle(self, *args, **options):
        closed = do_sweep()
        self.stdout.write(f"Closed {closed} conversation(s).")
