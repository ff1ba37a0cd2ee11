"""Telling caseworkers that a new lead is waiting.

In the admin they see it in the menu ("Referral queue (3)") and on the dashboard. By email
they are told only that there is a new lead, with a link to the queue: no number, no
language, no urgency, nothing of what the visitor said. Mail leaves the site's control (other
servers, phones on a lock screen); everything else waits behind the admin's sign-in.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from lantern.staff import staff_language

from .models import Lead
from .permissions import caseworkers

logger = logging.getLogger(__name__)


def email_configured() -> bool:
    """Whether this site was given a way to send mail: an email backend or an SMTP host set
    in its settings. Django's default (SMTP on localhost:25) is not taken as one."""
    # `is_overridden` is missing from django-stubs' Settings (it is Django's public API).
    overridden = settings.is_overridden  # type: ignore[misc]
    return overridden("EMAIL_BACKEND") or overridden("EMAIL_HOST")


def queue_url() -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("referral_queue:index")


def new_lead_messages() -> list[EmailMessage]:
    """One message per caseworker with an address, each in their admin language."""
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
            context = {"queue_url": url, "site_name": settings.WAGTAIL_SITE_NAME}
            subject = render_to_string("referrals/email/new_lead_subject.txt", context)
            body = render_to_string("referrals/email/new_lead_body.txt", context)
        messages.append(EmailMessage(" ".join(subject.split()), body, to=[user.email]))
    return messages


def send_new_lead_email() -> int:
    if not email_configured():
        return 0
    messages = new_lead_messages()
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0


def notify_new_lead(lead: Lead) -> None:
    """Called where a lead is created (chat/actions.py): once the transaction commits, email
    the caseworkers. A failure to send is logged (without any lead data) and changes nothing:
    the lead is stored, and the admin shows it anyway."""

    def send() -> None:
        try:
            send_new_lead_email()
        except Exception:
            logger.exception("Could not send the new-lead email")

    transaction.on_commit(send)
