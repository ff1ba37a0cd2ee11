"""Life-safety settings change only with a second person's approval.

What every page shows a person in danger — the emergency number, the main hotline in the bar,
the quick-exit destination, the chat opening hours (the site's `SafetySettings`) and the
hotlines listed under "Talk to someone" — is never changed directly from the admin. Saving
one of those forms records a proposal (`SafetyChange`: the live values before, the proposed
values after, who proposed it and when), tells the people who may approve it by email and
lists it under "Safety changes" in the admin. Another person holding
`awareness.approve_safety_change` (the Moderators group; superusers) approves or rejects it;
nobody, not even a superuser, decides on their own proposal. On approval the change is
applied in one transaction, and only if the live values still equal the proposal's "before"
(otherwise the proposal is closed as out of date and nothing changes). Proposal, approval,
rejection and closing are each in Wagtail's audit log with the values before and after, and
the approvers (and the proposer) are told of every decision.

A hotline goes through this whole (every field, its creation and its deletion): all hotlines
are listed on every page, so even a name or a description is read by people in danger, and one
rule is easier to follow than a form where some fields go live and others wait.

Actions follow the project's pattern: `check_…` raises, `do_…` changes data, logs, and
sends email after commit. The admin views (safety_views.py) only call them.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as wagtail_log
from wagtail.models import Site

from lantern.staff import email_configured, holders, staff_language

from .cache import clear_page_cache
from .models import ChatOpeningHours, Hotline, SafetyChange, SafetySettings

logger = logging.getLogger(__name__)

APPROVE_PERMISSION = "awareness.approve_safety_change"
# Who may propose: whoever may change the settings or add, change or delete a hotline.
PROPOSE_PERMISSIONS = (
    "awareness.change_safetysettings",
    "awareness.add_hotline",
    "awareness.change_hotline",
    "awareness.delete_hotline",
)

PROPOSED = "lantern.safety_change.proposed"
APPROVED = "lantern.safety_change.approved"
REJECTED = "lantern.safety_change.rejected"
STALE = "lantern.safety_change.stale"

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _translated(field: str) -> list[str]:
    return [f"{field}_{code}" for code in LANGUAGES]


HOTLINE_FIELDS = [
    "number",
    *_translated("name"),
    *_translated("hours"),
    "schedule",
    *_translated("languages"),
    "is_free",
    *_translated("description"),
    "sort_order",
]
SETTINGS_FIELDS = ["emergency_number", "main_hotline", "quick_exit_url", "chat_hours"]


class StaleChange(Exception):
    """The live values are no longer those the proposal was made against."""


# --- Values ---------------------------------------------------------------------------------


def hotline_values(hotline: Hotline) -> dict[str, Any]:
    # An empty translated column may be NULL in the database and "" from a form: the same.
    values = {name: getattr(hotline, name) for name in HOTLINE_FIELDS}
    return {name: "" if value is None else value for name, value in values.items()}


def settings_values(safety: SafetySettings) -> dict[str, Any]:
    """The settings as stored in a proposal. Opening hours are compared as a set (sorted):
    reordering the same hours is no change."""
    hours = sorted(
        [hours.weekday, hours.opens.isoformat(), hours.closes.isoformat()]
        for hours in safety.chat_hours.all()
    )
    return {
        "emergency_number": safety.emergency_number,
        "main_hotline": safety.main_hotline_id,
        "quick_exit_url": safety.quick_exit_url,
        "chat_hours": hours,
    }


def _label(model, name: str) -> str:
    if name == "chat_hours":
        return capfirst(str(_("chat opening hours")))
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _shown(name: str, value: Any) -> str:
    """A stored value as a person reads it."""
    if value is None or value == "":
        return "—"
    if name == "main_hotline":
        hotline = Hotline.objects.filter(pk=value).first()
        return str(hotline) if hotline else str(_("(a deleted hotline)"))
    if name == "chat_hours":
        days = dict(ChatOpeningHours.WEEKDAYS)
        return (
            "; ".join(
                f"{days.get(weekday, weekday)} {opens[:5]}–{closes[:5]}"
                for weekday, opens, closes in value
            )
            or "—"
        )
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)


def differences(change: SafetyChange) -> list[dict[str, str]]:
    """The fields that differ, each with its label and its value before and after, in the
    active language."""
    model = SafetySettings if change.subject == SafetyChange.Subject.SETTINGS else Hotline
    names = SETTINGS_FIELDS if model is SafetySettings else HOTLINE_FIELDS
    before, after = change.before or {}, change.after or {}
    rows = []
    for name in names:
        old, new = before.get(name), after.get(name)
        if old != new:
            rows.append(
                {
                    "field": name,
                    "label": _label(model, name),
                    "before": _shown(name, old) if change.before is not None else "",
                    "after": _shown(name, new) if change.after is not None else "",
                }
            )
    return rows


def summary(change: SafetyChange) -> str:
    """One line per difference, for an email or the audit log."""
    return "\n".join(
        f"{row['label']}: {row['before'] or '—'} → {row['after'] or '—'}"
        for row in differences(change)
    )


# --- Who may do what ------------------------------------------------------------------------


def can_approve(user) -> bool:
    return user.is_active and user.has_perm(APPROVE_PERMISSION)


def can_see_changes(user) -> bool:
    return can_approve(user) or any(user.has_perm(p) for p in PROPOSE_PERMISSIONS)


def may_decide(user, change: SafetyChange) -> bool:
    return change.is_pending and can_approve(user) and change.proposed_by_id != user.pk


def check_decide(user, change: SafetyChange) -> None:
    """Raises PermissionDenied unless `user` may approve or reject `change`: they hold the
    permission and are not its proposer (a second person, always)."""
    if not can_approve(user):
        raise PermissionDenied
    if change.proposed_by_id == user.pk:
        raise PermissionDenied(_("A change is approved by someone other than its proposer."))


# --- Proposing ------------------------------------------------------------------------------


def _propose(user, subject: str, before, after, *, site=None, hotline=None) -> SafetyChange:
    if before == after:
        raise ValidationError(_("Nothing was changed."))
    with transaction.atomic():
        change = SafetyChange.objects.create(
            subject=subject,
            site=site,
            hotline=hotline,
            before=before,
            after=after,
            proposed_by=user,
        )
        _log(change, PROPOSED, user)
        transaction.on_commit(lambda: notify(change, PROPOSED, user))
    return change


def do_propose_settings(user, site: Site, proposed: SafetySettings) -> SafetyChange:
    """Propose the settings `proposed` (an unsaved form instance, opening hours in memory) for
    `site`. The live settings are read again from the database."""
    live = SafetySettings.for_site(site)
    live = SafetySettings.objects.get(pk=live.pk)
    return _propose(
        user,
        SafetyChange.Subject.SETTINGS,
        settings_values(live),
        settings_values(proposed),
        site=site,
    )


def do_propose_hotline(user, proposed: Hotline) -> SafetyChange:
    """Propose a new hotline (`proposed.pk` is None) or a change to one; `proposed` is the
    form's unsaved instance."""
    if proposed.pk is None:
        return _propose(user, SafetyChange.Subject.HOTLINE, None, hotline_values(proposed))
    live = get_object_or_404(Hotline, pk=proposed.pk)  # deleted meanwhile: gone
    return _propose(
        user,
        SafetyChange.Subject.HOTLINE,
        hotline_values(live),
        hotline_values(proposed),
        hotline=live,
    )


def check_hotline_deletable(hotline: Hotline) -> None:
    if SafetySettings.objects.filter(main_hotline=hotline).exists():
        raise ValidationError(
            _(
                "This is the main hotline shown at the top of every page. Propose another "
                "main hotline in the safety settings first."
            )
        )


def do_propose_hotline_deletion(user, hotline: Hotline) -> SafetyChange:
    check_hotline_deletable(hotline)
    live = get_object_or_404(Hotline, pk=hotline.pk)  # deleted meanwhile: gone
    return _propose(user, SafetyChange.Subject.HOTLINE, hotline_values(live), None, hotline=live)


# --- Deciding -------------------------------------------------------------------------------


def _lock_pending(change: SafetyChange) -> SafetyChange:
    """The proposal, locked; PermissionDenied if it was decided meanwhile."""
    locked = SafetyChange.objects.select_for_update().get(pk=change.pk)
    if not locked.is_pending:
        raise PermissionDenied(_("This change was already decided."))
    return locked


def _close(change: SafetyChange, user, status: str) -> None:
    change.status = status
    change.decided_by = user
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at", "hotline"])


def _apply_settings(change: SafetyChange) -> None:
    live = SafetySettings.objects.select_for_update().get(site=change.site)
    if settings_values(live) != change.before:
        raise StaleChange
    after = change.after
    if after["main_hotline"] and not Hotline.objects.filter(pk=after["main_hotline"]).exists():
        raise StaleChange
    live.emergency_number = after["emergency_number"]
    live.main_hotline_id = after["main_hotline"]
    live.quick_exit_url = after["quick_exit_url"]
    live.save()
    live.chat_hours.all().delete()
    for order, (weekday, opens, closes) in enumerate(after["chat_hours"]):
        ChatOpeningHours.objects.create(
            settings=live, weekday=weekday, opens=opens, closes=closes, sort_order=order
        )


def _apply_hotline(change: SafetyChange) -> None:
    if change.before is None:
        change.hotline = Hotline.objects.create(**change.after)
        return
    if change.hotline_id is None:  # deleted since
        raise StaleChange
    live = Hotline.objects.select_for_update().filter(pk=change.hotline_id).first()
    if live is None or hotline_values(live) != change.before:
        raise StaleChange
    if change.after is None:
        if SafetySettings.objects.filter(main_hotline=live).exists():
            raise StaleChange  # made the main hotline since
        live.delete()
        change.hotline = None  # as the deletion set it in the database
        return
    for name, value in change.after.items():
        setattr(live, name, value)
    live.save()


def do_approve(user, change: SafetyChange) -> SafetyChange:
    """Apply `change` and close it as approved, in one transaction. Raises StaleChange (the
    proposal is then closed as out of date, and nothing else changes) if the live values are
    no longer its "before"."""
    check_decide(user, change)
    stale = False
    with transaction.atomic():
        change = _lock_pending(change)
        try:
            with transaction.atomic():
                if change.subject == SafetyChange.Subject.SETTINGS:
                    _apply_settings(change)
                else:
                    _apply_hotline(change)
        except StaleChange:
            stale = True
            _close(change, user, SafetyChange.Status.STALE)
            _log(change, STALE, user)
        else:
            _close(change, user, SafetyChange.Status.APPROVED)
            _log(change, APPROVED, user)
            # The signals clear it for each row saved; once more for the whole change.
            clear_page_cache()
            transaction.on_commit(clear_page_cache)
        action = STALE if stale else APPROVED
        transaction.on_commit(lambda: notify(change, action, user))
    if stale:
        raise StaleChange
    return change


def do_reject(user, change: SafetyChange) -> SafetyChange:
    check_decide(user, change)
    with transaction.atomic():
        change = _lock_pending(change)
        _close(change, user, SafetyChange.Status.REJECTED)
        _log(change, REJECTED, user)
        transaction.on_commit(lambda: notify(change, REJECTED, user))
    return change


# --- Audit log ------------------------------------------------------------------------------


def _log(change: SafetyChange, action: str, user) -> None:
    """One entry on the proposal (a new hotline has no row of its own yet), with the values
    before and after and what they belong to."""
    with translation.override(settings.LANGUAGE_CODE):
        title = str(change)
    wagtail_log(
        change,
        action,
        user=user,
        title=title,
        data={
            "subject": change.subject,
            "site": change.site_id,
            "hotline": change.hotline_id,
            "before": change.before,
            "after": change.after,
        },
    )


class _Formatter(LogFormatter):
    verb = ""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        change = SafetyChange(
            subject=data.get("subject", ""), before=data.get("before"), after=data.get("after")
        )
        lines = summary(change)
        return f"{self.verb}: {lines}" if lines else str(self.verb)


class ProposedFormatter(_Formatter):
    label = _("Safety change proposed")
    verb = _("Proposed")


class ApprovedFormatter(_Formatter):
    label = _("Safety change approved")
    verb = _("Approved and applied")


class RejectedFormatter(_Formatter):
    label = _("Safety change rejected")
    verb = _("Rejected")


class StaleFormatter(_Formatter):
    label = _("Safety change out of date")
    verb = _("Not applied: the live values had changed since it was proposed")


def register_log_actions(actions) -> None:
    actions.register_action(PROPOSED)(ProposedFormatter)
    actions.register_action(APPROVED)(ApprovedFormatter)
    actions.register_action(REJECTED)(RejectedFormatter)
    actions.register_action(STALE)(StaleFormatter)


# --- Email ----------------------------------------------------------------------------------


def recipients(change: SafetyChange, actor):
    """Everyone who may approve (Moderators, superusers), and for a decision the proposer
    too; never the person who acted, who knows."""
    users = {user.pk: user for user in holders(APPROVE_PERMISSION).exclude(email="")}
    if change.proposed_by_id and change.proposed_by.is_active and change.proposed_by.email:
        users.setdefault(change.proposed_by_id, change.proposed_by)
    users.pop(getattr(actor, "pk", None), None)
    return list(users.values())


def messages_for(change: SafetyChange, action: str, actor) -> list[EmailMessage]:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    url = base + reverse("awareness_safety:change", args=[change.pk])
    messages = []
    for user in recipients(change, actor):
        with translation.override(staff_language(user)):
            context = {
                "site_name": settings.WAGTAIL_SITE_NAME,
                "change": change,
                "action": action.rsplit(".", 1)[1],
                "actor": actor.get_username() if actor else "",
                "summary": summary(change),
                "url": url,
            }
            subject = render_to_string("awareness/safety/email_subject.txt", context)
            body = render_to_string("awareness/safety/email_body.txt", context)
        messages.append(EmailMessage(" ".join(subject.split()), body, to=[user.email]))
    return messages


def notify(change: SafetyChange, action: str, actor) -> None:
    """Email the approvers (and the proposer of a decided change). A failure to send is
    logged and changes nothing: the admin lists every change either way."""
    if not email_configured():
        return
    try:
        messages = messages_for(change, action, actor)
        if messages:
            get_connection().send_messages(messages)
    except Exception as error:
        # The error's type only: a mail server's refusal quotes the recipients' addresses.
        logger.error("Could not send the safety change email (%s)", type(error).__name__)
