"""The referral queue's audit log: who read or changed which lead, and when.

Entries are Wagtail's `ModelLogEntry` rows (written with `wagtail.log_actions.log`), so they
also appear in each lead's history and in Wagtail's site history. An entry's label is the
lead's number ("Lead #12") and its data holds only codes and ids (statuses, choice values,
field names, note ids, staff users): never the lead's personal text, so coordinators may read
the log. Every change is in it: creation from a consent, edits (the operator's and the
caseworkers'), status, assignment, notes, anonymisation and withdrawal (which keep the
lead's earlier entries).
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as wagtail_log

from .models import Lead

VIEW = "lantern.lead.view"
STATUS = "lantern.lead.status"
ASSIGN = "lantern.lead.assign"
NOTE = "lantern.lead.note"
EDIT = "lantern.lead.edit"
CREATE = "lantern.lead.create"
ANONYMISE = "lantern.lead.anonymise"
WITHDRAW = "lantern.lead.withdraw"
THREAD = "lantern.lead.thread"  # staff answered in the lead's thread: data {"from": "staff"}
ACTIONS = (VIEW, STATUS, ASSIGN, NOTE, EDIT, CREATE, ANONYMISE, WITHDRAW, THREAD)


def log(user, lead: Lead, action: str, data: dict | None = None):
    """Write one entry. Call inside the transaction of the change it records."""
    return wagtail_log(lead, action, user=user, data=data or {}, title=str(lead))


def _label(choices, value: str) -> str:
    return str(dict(choices).get(value, value))


class ViewFormatter(LogFormatter):
    label = _("Referral queue: lead viewed")

    def format_message(self, log_entry):
        if log_entry.data.get("transcript"):
            return _("Viewed the lead, with its transcript")
        if log_entry.data.get("page") == "edit":
            return _("Opened the lead's details for editing")
        return _("Viewed the lead")


class StatusFormatter(LogFormatter):
    label = _("Referral queue: status changed")

    def format_message(self, log_entry):
        data = log_entry.data
        message = _("Status changed from %(from)s to %(to)s") % {
            "from": _label(Lead.Status.choices, data.get("from", "")),
            "to": _label(Lead.Status.choices, data.get("to", "")),
        }
        if data.get("referred_to"):
            message += " · " + _("referred to %(target)s") % {
                "target": _label(Lead.ReferralTarget.choices, data["referred_to"])
            }
        if data.get("closing_reason"):
            message += " · " + _("reason: %(reason)s") % {
                "reason": _label(Lead.ClosingReason.choices, data["closing_reason"])
            }
        return message


class AssignFormatter(LogFormatter):
    label = _("Referral queue: lead assigned")

    def format_message(self, log_entry):
        to = log_entry.data.get("to") or {}
        if not to:
            return _("Unassigned")
        return _("Assigned to %(name)s") % {"name": to.get("name", to.get("id"))}


class NoteFormatter(LogFormatter):
    label = _("Referral queue: note added")
    message = _("Note added")


class EditFormatter(LogFormatter):
    label = _("Referral queue: details edited")

    def format_message(self, log_entry):
        names = []
        for name in log_entry.data.get("fields", []):
            try:
                field = Lead._meta.get_field(name)
            except FieldDoesNotExist:  # a field removed since the entry was written
                field = None
            # Only the lead's own fields are edited (never a relation pointing at it).
            names.append(str(field.verbose_name) if isinstance(field, Field) else name)
        return capfirst(_("details edited: %(fields)s") % {"fields": ", ".join(names)})


class CreateFormatter(LogFormatter):
    label = _("Referral queue: lead created")

    def format_message(self, log_entry):
        return _("Created from the visitor's consent (%(source)s)") % {
            "source": _label(Lead.Source.choices, log_entry.data.get("source", ""))
        }


class AnonymiseFormatter(LogFormatter):
    label = _("Referral queue: lead anonymised")
    message = _("Anonymised by the retention rules")


class WithdrawFormatter(LogFormatter):
    label = _("Referral queue: consent withdrawn")
    message = _("Consent withdrawn: the lead was deleted")


class ThreadFormatter(LogFormatter):
    # Only staff's answers are logged: when the person came back is theirs (thread.py).
    label = _("Referral queue: thread message")
    message = _("Answered the person in the thread")


FORMATTERS: dict[str, type[LogFormatter]] = {
    VIEW: ViewFormatter,
    STATUS: StatusFormatter,
    ASSIGN: AssignFormatter,
    NOTE: NoteFormatter,
    EDIT: EditFormatter,
    CREATE: CreateFormatter,
    ANONYMISE: AnonymiseFormatter,
    WITHDRAW: WithdrawFormatter,
    THREAD: ThreadFormatter,
}


def register(actions) -> None:
    """For the `register_log_actions` hook."""
    for action, formatter in FORMATTERS.items():
        actions.register_action(action)(formatter)
