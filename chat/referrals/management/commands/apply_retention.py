"""Apply the retention rules (chat/referrals/retention.py). Run once a day from cron or a
systemd timer; safe to run more often, and to run again after a failure."""

from django.core.management.base import BaseCommand

from chat.referrals.retention import apply_retention

LABELS = {
    "conversations_closed": "conversations open too long, closed",
    "messages_deleted": "messages of closed conversations, deleted",
    "token_hashes_cleared": "token hashes of closed conversations, cleared",
    "leads_anonymised": "closed leads past the retention period, anonymised",
    "notes_deleted": "notes of those leads, deleted",
}


class Command(BaseCommand):
    help = (
        "Close conversations left open, delete what closed conversations left behind and "
        "anonymise closed leads after LANTERN_LEAD_RETENTION_DAYS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Change nothing; print what a real run would do.",
        )

    def handle(self, *args, dry_run: bool = False, **options):
        counts = apply_retention(dry_run=dry_run).as_dict()
        if dry_run:
            self.stdout.write("Dry run: nothing was changed. A real run would process:")
        for key, label in LABELS.items():
            self.stdout.write(f"{key}: {counts[key]} ({label})")
