"""Every rule of a lead: its creation from a visitor's consent, the operator's edits during
the chat, the caseworker's work (the status workflow, assignment, notes, edits), and recording
who read it. (Withdrawal: withdrawal.py; anonymisation: retention.py.) The chat calls these.

As in chat/actions.py: `access_…` fetches a lead and checks that the user may work the
queue; `check_…` validates and raises `LeadError` with a message for the caseworker; `do_…`
changes data in a transaction, on the locked row, and writes the audit entry in the same
transaction (no change without its entry, no entry without its change).

The workflow, in one place (`TRANSITIONS`):

    new → assessing → referred → closed
              │                    ↑
              └────────────────────┘  (closing without a referral: not a case, no contact…)
    referred → assessing               (the referral did not work out)
    closed → assessing                 (reopening)

Referring records to whom and when; closing needs a reason ("referred and supported" only
after a referral) and starts the retention clock (`closed_at`), which reopening stops.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.admin.utils import get_user_display_name

from chat.sanitize import clean_text

from . import audit
from .models import ConsentRecord, Lead, LeadNote
from .permissions import can_work_queue, caseworkers

Status = Lead.Status

TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.NEW: (Status.ASSESSING,),
    Status.ASSESSING: (Status.REFERRED, Status.CLOSED),
    Status.REFERRED: (Status.CLOSED, Status.ASSESSING),
    Status.CLOSED: (Status.ASSESSING,),
}

NOTE_MAX_CHARS = 5000
REFERRED_TO_DETAIL_MAX_CHARS = 200
EDITABLE_FIELDS = (
    "urgency",
    "form_of_exploitation",
    "location",
    "summary",
    "what_happened",
    "safe_contact",
    "do_not_contact",
)
TEXT_FIELDS = frozenset({"location", "summary", "what_happened", "safe_contact"})


class LeadError(Exception):
    """A refused change. `message` is shown to the caseworker as it is; `reason`, a code, tells
    the chat's console which refusal it was."""

    def __init__(self, message: str, reason: str = ""):
        super().__init__(message)
        self.message = message
        self.reason = reason


# --- Access ---------------------------------------------------------------------------------


def access_lead(user, lead_id) -> Lead:
    """The lead, for a user who may work the queue: PermissionDenied for anyone else (also
    for a lead that does not exist, so nothing is told to them), Http404 for a missing one."""
    if not can_work_queue(user):
        raise PermissionDenied
    try:
        return Lead.objects.select_related("consent", "assigned_to", "created_by").get(
            pk=int(lead_id)
        )
    except (Lead.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def _lock(lead: Lead) -> Lead:
    """The lead's row, locked until the transaction ends. Call inside `transaction.atomic()`."""
    try:
        return Lead.objects.select_for_update().get(pk=lead.pk)
    except Lead.DoesNotExist:  # withdrawn meanwhile
        raise LeadError(_("This lead no longer exists.")) from None


def check_not_anonymised(lead: Lead) -> None:
    if lead.anonymised_at is not None:
        raise LeadError(
            _("This lead has been anonymised; it can no longer be changed."), "anonymised"
        )


def covers(lead: Lead, what: str) -> bool:
    """Whether the visitor's consent covers the transcript (`what="transcript"`) or contact
    details (`"contact"`). No consent record: nothing is covered."""
    consent = getattr(lead, "consent", None)
    return bool(consent and getattr(consent, f"covers_{what}"))


# --- Status ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    to: str
    referred_to: str = ""
    referred_to_detail: str = ""
    closing_reason: str = ""


def allowed_moves(lead: Lead) -> tuple[str, ...]:
    if lead.anonymised_at is not None:
        return ()
    return TRANSITIONS.get(lead.status, ())


def check_transition(lead: Lead, transition: Transition) -> Transition:
    """The transition as it will be applied (what does not belong to it dropped), or
    LeadError saying why it is refused."""
    check_not_anonymised(lead)
    to = transition.to
    if to not in Status.values:
        raise LeadError(_("Choose a status to move the lead to."))
    if to == lead.status:
        raise LeadError(
            _("The lead is already “%(status)s”.") % {"status": Status(to).label},
        )
    if to not in TRANSITIONS.get(lead.status, ()):
        raise LeadError(
            _("A lead cannot move from “%(from)s” to “%(to)s”.")
            % {"from": Status(lead.status).label, "to": Status(to).label}
        )
    if to == Status.REFERRED:
        if transition.referred_to not in Lead.ReferralTarget.values:
            raise LeadError(_("Say whom the lead is referred to."))
        detail = clean_text(transition.referred_to_detail or "")
        if len(detail) > REFERRED_TO_DETAIL_MAX_CHARS:
            raise LeadError(
                _("The name of the organisation may have at most %(limit)s characters.")
                % {"limit": REFERRED_TO_DETAIL_MAX_CHARS}
            )
        if transition.referred_to == Lead.ReferralTarget.OTHER and not detail:
            raise LeadError(_("Name the organisation the lead is referred to."))
        return Transition(to, referred_to=transition.referred_to, referred_to_detail=detail)
    if to == Status.CLOSED:
        reason = transition.closing_reason
        if reason not in Lead.ClosingReason.values:
            raise LeadError(_("Say why the lead is closed."))
        if reason == Lead.ClosingReason.SUPPORTED and lead.status != Status.REFERRED:
            raise LeadError(
                _("“%(reason)s” needs a referral: refer the lead before closing it so.")
                % {"reason": Lead.ClosingReason.SUPPORTED.label}
            )
        return Transition(to, closing_reason=reason)
    return Transition(to)


def do_transition(user, lead: Lead, transition: Transition) -> Lead:
    """Move the lead (from `access_lead`) to another status. Checked again on the locked
    row, so two caseworkers pressing at once cannot make an impossible move."""
    with transaction.atomic():
        locked = _lock(lead)
        transition = check_transition(locked, transition)
        previous = locked.status
        now = timezone.now()
        locked.status = transition.to
        fields = ["status", "updated_at"]
        data = {"from": previous, "to": transition.to}
        if transition.to == Status.REFERRED:
            locked.referred_to = transition.referred_to
            locked.referred_to_detail = transition.referred_to_detail
            locked.referred_at = now
            fields += ["referred_to", "referred_to_detail", "referred_at"]
            # The detail is free text: it stays out of the log.
            data["referred_to"] = transition.referred_to
        elif transition.to == Status.CLOSED:
            locked.closing_reason = transition.closing_reason
            locked.closed_at = now
            fields += ["closing_reason", "closed_at"]
            data["closing_reason"] = transition.closing_reason
        elif previous == Status.CLOSED:
            # Reopened: no longer closed, so no longer counting towards anonymisation. The
            # last referral (to whom, when) stays on the lead.
            locked.closing_reason = ""
            locked.closed_at = None
            fields += ["closing_reason", "closed_at"]
        locked.save(update_fields=fields)
        audit.log(user, locked, audit.STATUS, data)
    return locked


# --- Assignment -----------------------------------------------------------------------------


def check_assignee(assignee_id):
    """The user a lead may be assigned to (someone who can work the queue), or None for
    nobody."""
    if assignee_id in (None, ""):
        return None
    try:
        return caseworkers().get(pk=int(assignee_id))
    except (TypeError, ValueError, get_user_model().DoesNotExist):
        raise LeadError(_("A lead can only be assigned to a caseworker.")) from None


def _person(user) -> dict | None:
    if user is None:
        return None
    return {"id": user.pk, "name": get_user_display_name(user)}


def do_assign(user, lead: Lead, assignee) -> Lead:
    """Assign the lead to `assignee` (from `check_assignee`; None: nobody)."""
    with transaction.atomic():
        locked = _lock(lead)
        check_not_anonymised(locked)
        new_id = assignee.pk if assignee is not None else None
        if locked.assigned_to_id == new_id:
            return locked
        previous = locked.assigned_to
        locked.assigned_to = assignee
        locked.save(update_fields=["assigned_to", "updated_at"])
        audit.log(user, locked, audit.ASSIGN, {"from": _person(previous), "to": _person(assignee)})
    return locked


# --- Notes ----------------------------------------------------------------------------------


def check_note(text) -> str:
    text = clean_text(text) if isinstance(text, str) else ""
    if not text:
        raise LeadError(_("Write the note first."))
    if len(text) > NOTE_MAX_CHARS:
        raise LeadError(
            _("A note may have at most %(limit)s characters.") % {"limit": NOTE_MAX_CHARS}
        )
    return text


def do_add_note(user, lead: Lead, text: str) -> LeadNote:
    """Add a note (text from `check_note`) to the lead's timeline. The log says that a note
    was added, never what it says."""
    with transaction.atomic():
        locked = _lock(lead)
        check_not_anonymised(locked)
        note = LeadNote.objects.create(lead=locked, author=user, text=text)
        Lead.objects.filter(pk=locked.pk).update(updated_at=timezone.now())
        audit.log(user, locked, audit.NOTE, {"note": note.pk})
    return note


# --- Details --------------------------------------------------------------------------------


def check_lead_changes(lead: Lead, values: dict, *, contact_covered: bool | None = None) -> dict:
    """The fields among `values` (already validated by the form: choices, lengths) whose value
    differs from the lead's, cleaned. Contact details only where the consent covers them."""
    check_not_anonymised(lead)
    if contact_covered is None:
        contact_covered = covers(lead, "contact")
    if set(values) - set(EDITABLE_FIELDS):
        raise LeadError(_("These details cannot be edited here."))
    changes = {}
    for name, value in values.items():
        if name in TEXT_FIELDS:
            value = clean_text(value or "")
        if getattr(lead, name) != value:
            changes[name] = value
    if changes.get("safe_contact") and not contact_covered:
        # The visitor chose not to leave contact details: none may be recorded for them.
        raise LeadError(
            _("The visitor did not consent to contact details being kept."),
            "contact_not_covered",
        )
    return changes


def do_edit_lead(user, lead: Lead, values: dict) -> tuple[Lead, list[str]]:
    """Save the edited details; returns the lead and the names of the fields that changed.
    The log holds the names only."""
    with transaction.atomic():
        locked = _lock(lead)
        changes = check_lead_changes(locked, values, contact_covered=covers(lead, "contact"))
        return locked, _apply(user, locked, changes)


def _apply(user, locked: Lead, changes: dict) -> list[str]:
    """Save `changes` (from `check_lead_changes`) on the locked lead, with their audit entry
    (field names only). Returns the names of the fields changed."""
    if not changes:
        return []
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.save(update_fields=[*changes, "updated_at"])
    names = [name for name in EDITABLE_FIELDS if name in changes]
    audit.log(user, locked, audit.EDIT, {"fields": names})
    return names


# --- From the chat --------------------------------------------------------------------------

# What the operator fills in during the chat; the rest is the caseworker's.
OPERATOR_FIELDS = ("form_of_exploitation", "urgency", "location", "summary", "safe_contact")


class Consented(NamedTuple):
    """What a consent creates: the lead, and the codes shown to the person once (only their
    keyed hashes are kept): to withdraw, and to come back to the lead's thread."""

    lead: Lead
    withdrawal_code: str
    return_code: str


def do_create_from_consent(
    *,
    source: str,
    method: str,
    language: str,
    topic: str,
    transcript: bool,
    contact: str,
    rules=None,
    sharing: str = "",
    created_by=None,
    **fields,
) -> Consented:
    """The lead a visitor's consent creates (in a chat, or with a left message), its consent
    record (what it covers, the wording agreed to, the chat rules shown: a
    `chat.models.ChatRules` or None; for a third-party report, how the reporter's details are
    shared) and its creation's audit entry. Returns the
    lead and its two codes, shown to the visitor once and kept only as hashes."""
    from chat.consent import (
        CONSENT_VERSION,
        REPORT_CONSENT_VERSION,
        consent_text,
        hash_return_code,
        hash_withdrawal_code,
        new_return_code,
        new_withdrawal_code,
        report_consent_text,
        wording_hash,
    )

    from . import thread
    from .notify import notify_new_lead

    report = method == ConsentRecord.Method.REPORT
    code = new_withdrawal_code()
    return_code = new_return_code()
    lead = Lead.objects.create(
        source=source,
        language=language,
        topic=topic,
        safe_contact=contact,
        created_by=created_by,
        **fields,
    )
    ConsentRecord.objects.create(
        lead=lead,
        method=method,
        language=language,
        # A third-party report agrees to the report form's wording, everyone else to the chat's.
        wording_version=REPORT_CONSENT_VERSION if report else CONSENT_VERSION,
        wording_hash=wording_hash(
            report_consent_text(language) if report else consent_text(language)
        ),
        covers_transcript=transcript,
        covers_contact=bool(contact),
        sharing=sharing,
        rules=rules,
        withdrawal_code_hash=hash_withdrawal_code(code),
        return_code_hash=hash_return_code(return_code),
    )
    thread.start(lead)  # a left message or a report opens the lead's thread
    audit.log(created_by, lead, audit.CREATE, {"source": source})
    notify_new_lead(lead)  # caseworkers are emailed after the commit, without any lead data
    return Consented(lead, code, return_code)


def lead_of(conversation_id: int) -> Lead | None:
    return (
        Lead.objects.filter(conversation_id=conversation_id)
        .select_related("consent", "conversation")
        .first()
    )


def check_operator_edit(user, lead: Lead) -> None:
    """The operator who had the chat fills in its lead while it is new and the chat goes on;
    once a caseworker has taken it, or the chat has ended, they add a note instead."""
    conversation = lead.conversation
    check_not_anonymised(lead)
    if conversation is None or conversation.operator_id != user.pk:
        raise LeadError(_("Only the operator of the chat can fill in its lead."), "not_yours")
    if lead.status != Status.NEW:
        raise LeadError(
            _("A caseworker has taken this lead: add a note for them instead."), "lead_taken"
        )
    if conversation.status == conversation.Status.CLOSED:
        raise LeadError(
            _("The chat has ended: add a note for the caseworker instead."), "chat_ended"
        )


def do_operator_edit(user, conversation_id: int, values: dict) -> tuple[Lead, list[str]]:
    """The operator's save of the lead form (`values`: some of OPERATOR_FIELDS, validated).
    What the visitor gave is never erased by it: an empty safe contact keeps theirs (an
    operator may correct it, not delete it)."""
    if set(values) - set(OPERATOR_FIELDS):
        raise LeadError(_("These details cannot be edited here."), "invalid")
    with transaction.atomic():
        lead = lead_of(conversation_id)
        if lead is None:
            raise LeadError(_("The visitor has not consented: there is no lead."), "no_consent")
        locked = _lock(lead)
        check_operator_edit(user, locked)
        values = dict(values)
        if not values.get("safe_contact") and locked.safe_contact:
            values.pop("safe_contact", None)
        return locked, _apply(user, locked, check_lead_changes(locked, values))


def do_operator_note(user, conversation_id: int, text: str) -> LeadNote:
    """A note for the caseworker from the operator who had the chat (`text` from
    `check_note`), at any time, also once the lead is theirs or the chat has ended."""
    lead = lead_of(conversation_id)
    if lead is None:
        raise LeadError(_("The visitor has not consented: there is no lead."), "no_consent")
    if lead.conversation is None or lead.conversation.operator_id != user.pk:
        raise LeadError(_("Only the operator of the chat can fill in its lead."), "not_yours")
    return do_add_note(user, lead, text)


def lead_for_operator(lead: Lead | None, user) -> dict | None:
    """The lead as the operator's console shows it: filled from the consent, and whether the
    operator may still edit it (`check_operator_edit`)."""
    if lead is None:
        return None
    try:
        check_operator_edit(user, lead)
        editable = True
    except LeadError:
        editable = False
    return {
        "id": lead.pk,
        "status": lead.status,
        "editable": editable,
        "covers_contact": covers(lead, "contact"),
        "covers_transcript": covers(lead, "transcript"),
        "fields": {name: getattr(lead, name) for name in OPERATOR_FIELDS},
    }


# --- Reading --------------------------------------------------------------------------------


def do_record_view(user, lead: Lead, *, page: str = "lead", transcript: bool = False) -> None:
    """Record that `user` was shown the lead's personal data (and its transcript)."""
    data: dict[str, str | bool] = {"page": page}
    if transcript:
        data["transcript"] = True
    audit.log(user, lead, audit.VIEW, data)
