"""Telling caseworkers that new leads are waiting.

In the admin they see it in the menu ("Referral queue (3)") and on the dashboard. By email
they are told only how many new leads came, with a link to the queue: no lead's number, no
language, no urgency, nothing of what the visitor said. Mail leaves the site's control (other
servers, phones on a lock screen); everything else waits behind the admin's sign-in.

Emails are batched, without a task queue: at most one every `LANTERN_LEAD_EMAIL_MINUTES`
(5). Each new lead is counted in the transaction that creates it (one row, `NewLeadEmail`);
once it commits, `flush_new_lead_emails` sends the count if the last email is older than the
period, and otherwise leaves it waiting. What waits goes out with whichever comes first: the
next lead after the period, or `manage.py chat_sweep`, which deployers run every minute. So no
lead waits longer than the period plus a minute to be announced, and a flood of leads makes
one email per period, not one per lead.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from lantern.staff import email_configured, staff_language

from .models import Lead, NewLeadEmail
from .permissions import caseworkers

logger = logging.getLogger(__name__)


def queue_url() -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("referral_queue:index")


def new_lead_messages(count: int = 1) -> list[EmailMessage]:
    """One message per caseworker with an address, each in their admin language, saying that
    `count` new leads came."""
    # The caseworker's admin language, never the language active when the lead was created:
    # that would be the visitor's.
    recipients = (
        caseworkers(include_superusers=False)
        .exclude(email="")
        .select_related("wagtail_userprofile")
    )
    url = queue_url()
    messages = []
    for user in recipients:
        with translation.override(staff_language(user)):
            context = {"queue_url": url, "site_name": settings.WAGTAIL_SITE_NAME, "count": count}
            subject = render_to_string("referrals/email/new_lead_subject.txt", context)
            body = render_to_string("referrals/email/new_lead_body.txt", context)
        messages.append(EmailMessage(" ".join(subject.split()), body, to=[user.email]))
    return messages


def send_new_lead_email(count: int = 1) -> int:
    messages = new_lead_messages(count)
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0


def _count_new_lead() -> None:
    """One more lead waiting to be announced, counted in the transaction that creates it (so
    a lead that commits is always counted, and one rolled back never is)."""
    row = NewLeadEmail.objects.filter(pk=NewLeadEmail.ROW)
    if not row.update(pending=F("pending") + 1):
        NewLeadEmail.objects.get_or_create(pk=NewLeadEmail.ROW)
        row.update(pending=F("pending") + 1)


def flush_new_lead_emails(now: datetime.datetime | None = None) -> int:
    """Email the caseworkers the count of leads waiting, unless they were emailed less than
    `LANTERN_LEAD_EMAIL_MINUTES` ago. Returns how many leads the email announced (0: none
    sent). Two processes flushing at once never both send: the row is claimed (and locked)
    by its update before it is read."""
    if not email_configured():
        return 0
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(minutes=settings.LANTERN_LEAD_EMAIL_MINUTES)
    row = NewLeadEmail.objects.filter(pk=NewLeadEmail.ROW)
    with transaction.atomic():
        claimed = (
            row.filter(pending__gt=0)
            .filter(Q(sent_at__isnull=True) | Q(sent_at__lte=cutoff))
            .update(sent_at=now)
        )
        if not claimed:
            return 0
        count = row.values_list("pending", flat=True).get()
        row.update(pending=0)
    try:
        send_new_lead_email(count)
    except Exception:
        # Counted again, to go with the next try (the next lead, or the next chat_sweep).
        row.update(pending=F("pending") + count, sent_at=None)
        raise
    return count


def notify_new_lead(lead: Lead) -> None:
    """Called where a lead is created (chat/referrals/actions.py), in its transaction: count
    it, and once the transaction commits, email the caseworkers if the period allows. A
    failure to send is logged (without any lead data) and changes nothing: the lead is
    stored, the admin shows it, and the count goes with the next email."""
    if not email_configured():
        return
    _count_new_lead()
    transaction.on_commit(flush_quietly)


def flush_quietly() -> int:
    """`flush_new_lead_emails`, logging a failure to send (never any lead data) instead of
    raising it: for the callers that must go on (a lead's commit, the sweep)."""
    try:
        return flush_new_lead_emails()
    except Exception:
        logger.exception("Could not send the new-lead email")
        return 0
