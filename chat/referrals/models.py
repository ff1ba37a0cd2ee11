"""Leads in the referral queue and the consent that allows each one to exist.

A lead exists only with the visitor's explicit consent, recorded so that it can be proved
(when, how, the exact wording shown, what it covers, the language) and withdrawn with a code.

Personal data and its deletion path:
- Lead.summary, what_happened, location, safe_contact, transcript and LeadNote.text: sealed
  with the lead's own key (chat/crypto.py, keys.py), kept wrapped in `LeadKey`; deleted with
  the lead, and its key destroyed, on withdrawal; blanked, and the key destroyed, by the
  retention command after the retention period.
- ConsentRecord.withdrawal_code_hash: a keyed hash only (`chat.consent.hash_withdrawal_code`:
  key id, "$", HMAC-SHA256); the code itself is shown once, to the visitor.
- ConsentRecord.return_code_hash: the same for the return code (`chat.consent.hash_return_code`)
  that reopens the lead's thread (ThreadMessage, sealed like the notes): both go with the lead
  on withdrawal, and retention deletes the thread and forgets the code.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantern.choices import ExploitationForm

from ..crypto import SealedJSONField, SealedLineField, SealedTextField


class LeadKey(models.Model):
    """A lead's key, wrapped with the long-term key LANTERN_DATA_KEY (keys.py). Deleting the
    row destroys what the lead's sealed fields said. Its own table, so that its backups can be
    kept for a shorter time than the rest (README)."""

    id = models.UUIDField(primary_key=True, editable=False)
    wrapped = models.BinaryField()
    # The id (a digest) of the long-term key it is wrapped with.
    wrapped_with = models.CharField(max_length=16, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lead key")
        verbose_name_plural = _("lead keys")

    def __str__(self) -> str:
        return str(self.pk)


class LeadManager(models.Manager):
    def bulk_create(self, objs, *args, **kwargs):
        """Each new lead gets its key first, as `Lead.save` gives it (its text is sealed)."""
        from .keys import lead_keys

        objs = list(objs)
        for lead in objs:
            if lead.key_id is None:
                lead.key = lead_keys.create()
        return super().bulk_create(objs, *args, **kwargs)


class Lead(models.Model):
    class Source(models.TextChoices):
        CHAT = "chat", _("Chat")
        MESSAGE = "message", _("Left message")
        THIRD_PARTY = "third_party", _("Third-party report")

    # A third-party report (chat.referrals.report): who reports, and when they saw it. Plain:
    # neither identifies anyone.
    class Relation(models.TextChoices):
        FRIEND = "friend", _("A friend")
        RELATIVE = "relative", _("A relative")
        COLLEAGUE = "colleague", _("A colleague")
        EMPLOYER = "employer", _("An employer")
        PROFESSIONAL = "professional", _("A professional (social worker, teacher, doctor…)")
        OTHER = "other", _("Someone else")

    class SeenWhen(models.TextChoices):
        TODAY = "today", _("Today")
        WEEK = "week", _("In the last seven days")
        MONTH = "month", _("In the last month")
        EARLIER = "earlier", _("Longer ago")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ASSESSING = "assessing", _("Assessing")
        REFERRED = "referred", _("Referred")
        CLOSED = "closed", _("Closed")

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("Normal")
        HIGH = "high", _("High")
        IMMEDIATE = "immediate", _("Immediate danger")

    class ReferralTarget(models.TextChoices):
        STATE_POLICE = "state_police", _("State Police")
        BORDER_GUARD = "border_guard", _("State Border Guard")
        LABOUR_INSPECTORATE = "labour_inspectorate", _("State Labour Inspectorate")
        MUNICIPAL_SOCIAL_SERVICE = "municipal_social_service", _("Municipal social service")
        MANDATED_NGO = "mandated_ngo", _("Mandated NGO (state-funded rehabilitation)")
        CONSULATE = "consulate", _("Consulate or embassy")
        OTHER = "other", _("Another organisation")

    class ClosingReason(models.TextChoices):
        SUPPORTED = "supported", _("Referred and supported")
        NOT_TRAFFICKING = "not_trafficking", _("Not a trafficking case; advised elsewhere")
        NO_CONTACT = "no_contact", _("No safe way to reach the person")
        DECLINED_HELP = "declined_help", _("The person declined further help")
        DUPLICATE = "duplicate", _("Duplicate of another lead")
        OTHER = "other", _("Other")

    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    topic = models.CharField(_("topic"), max_length=16, blank=True)
    conversation = models.OneToOneField(
        "chat.Conversation",
        verbose_name=_("conversation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lead",
    )
    form_of_exploitation = models.CharField(
        _("form of exploitation"), max_length=16, choices=ExploitationForm.choices, blank=True
    )
    urgency = models.CharField(
        _("urgency"), max_length=16, choices=Urgency.choices, default=Urgency.NORMAL
    )
    summary = SealedTextField(_("summary"), blank=True, owner="lead")
    what_happened = SealedTextField(
        _("what happened (in the visitor's words)"), blank=True, owner="lead"
    )
    location = SealedLineField(
        _("municipality or country"), max_length=120, blank=True, owner="lead"
    )
    safe_contact = SealedTextField(
        _("safe contact"),
        blank=True,
        help_text=_("How and when it is safe to contact the person. Empty: do not contact."),
        owner="lead",
    )
    do_not_contact = models.BooleanField(_("do not contact back through the chat"), default=False)
    transcript = SealedJSONField(_("transcript"), blank=True, owner="lead")
    # The key the fields above are sealed with; none once anonymised.
    key = models.OneToOneField(
        LeadKey, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("operator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caseworker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_leads",
    )
    referred_to = models.CharField(
        _("referred to"), max_length=32, choices=ReferralTarget.choices, blank=True
    )
    referred_to_detail = models.CharField(
        _("referred to (name of the organisation or office)"), max_length=200, blank=True
    )
    referred_at = models.DateTimeField(_("referred"), null=True, blank=True)
    closing_reason = models.CharField(
        _("closing reason"), max_length=32, choices=ClosingReason.choices, blank=True
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, db_index=True)
    reporter_relation = models.CharField(
        _("reported by"), max_length=16, choices=Relation.choices, blank=True
    )
    seen_when = models.CharField(_("seen"), max_length=8, choices=SeenWhen.choices, blank=True)
    # The person wrote in the lead's thread (chat.referrals.thread) and nobody has answered yet.
    reply_waiting_since = models.DateTimeField(
        _("waiting for an answer since"), null=True, blank=True, db_index=True
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = LeadManager()

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            ("work_lead", _("Can work the referral queue (read and change leads)")),
            ("view_statistics", _("Can see chat and referral statistics")),
        ]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")

    def __str__(self) -> str:
        return _("Lead #%(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs):
        if self.key_id is None:
            from .keys import lead_keys

            self.key = lead_keys.create()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "key"}
        super().save(*args, **kwargs)


class ConsentRecord(models.Model):
    class Method(models.TextChoices):
        CHAT = "chat", _("Chat: the visitor pressed 'I agree'")
        MESSAGE = "message", _("Leave-a-message form: the visitor ticked the consent box")
        REPORT = "report", _("Report form: the reporter chose how their details are shared")

    # How a third-party reporter's details may be used (chat.referrals.report).
    class Sharing(models.TextChoices):
        SHARE = "share", _("Share my contact details")
        CONFIDENTIAL = (
            "confidential",
            _("Confidential: you may contact me, my details go no further"),
        )
        ANONYMOUS = "anonymous", _("Anonymous: no contact details")

    lead = models.OneToOneField(Lead, on_delete=models.CASCADE, related_name="consent")
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    method = models.CharField(_("how"), max_length=16, choices=Method.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    wording_version = models.CharField(_("wording version"), max_length=32)
    wording_hash = models.CharField(_("wording hash (SHA-256)"), max_length=64)
    # The chat rules the visitor was shown (chat.models.ChatRules); empty before they existed.
    rules = models.ForeignKey(
        "chat.ChatRules",
        verbose_name=_("chat rules shown"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    covers_transcript = models.BooleanField(_("covers the transcript"), default=False)
    covers_contact = models.BooleanField(_("covers contact details"), default=False)
    sharing = models.CharField(
        _("the reporter's details"), max_length=16, choices=Sharing.choices, blank=True
    )
    # "<key id>$<HMAC-SHA256 hex>" (chat.consent); after anonymisation, a random value.
    withdrawal_code_hash = models.CharField(max_length=80, unique=True)
    # The same, of the return code that reopens the lead's thread; none after anonymisation.
    return_code_hash = models.CharField(max_length=80, unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self) -> str:
        return f"{self.lead} ({self.granted_at:%Y-%m-%d %H:%M})"


class LeadNote(models.Model):
    """A caseworker's note on a lead: its timeline. Deleted with the lead."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = SealedTextField(_("note"), owner="lead")
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return f"{self.lead} ({self.created_at:%Y-%m-%d %H:%M})"


class Withdrawal(models.Model):
    """That someone withdrew their consent, and on which day: the anonymous figure the
    statistics count. Nothing links it to the lead that was deleted (no id, no time of day,
    no language)."""

    date = models.DateField(_("date"), default=timezone.localdate, db_index=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("withdrawal of consent")
        verbose_name_plural = _("withdrawals of consent")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}"


class NewLeadEmail(models.Model):
    """One row: when caseworkers were last emailed about new leads, and how many leads came
    since, waiting for the next email (notify.py). Only a count and a time."""

    ROW = 1

    pending = models.PositiveIntegerField(_("new leads not yet emailed about"), default=0)
    sent_at = models.DateTimeField(_("last emailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("new-lead email")
        verbose_name_plural = _("new-lead emails")

    def __str__(self) -> str:
        sent = f"{self.sent_at:%Y-%m-%d %H:%M}" if self.sent_at else "-"
        return f"{self.pending} ({sent})"


class DemoFigures(models.Model):
    """That the statistics hold generated figures (`manage.py load_demo_content --figures`):
    anonymous conversations and leads spread over a year, so that a demo site's statistics
    page shows what it is for. The page says so while this row exists; the rows themselves
    are anonymous like any others after retention, and describe no one."""

    generated_at = models.DateTimeField(default=timezone.now)
    first_day = models.DateField()
    last_day = models.DateField()
    conversations = models.PositiveIntegerField()
    leads = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("generated demo figures")
        verbose_name_plural = _("generated demo figures")

    def __str__(self) -> str:
        return f"{self.first_day} – {self.last_day}"


class ThreadMessage(models.Model):
    """A message of a lead's thread with the person (chat.referrals.thread): what they write when
    they come back with their return code, and the answers of staff. Sealed with the lead's key;
    deleted with the lead (withdrawal), and by retention when the lead is anonymised."""

    class Sender(models.TextChoices):
        PERSON = "person", _("the person")
        STAFF = "staff", _("staff")

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="thread")
    sender = models.CharField(_("from"), max_length=8, choices=Sender.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = SealedTextField(_("message"), owner="lead")
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("thread message")
        verbose_name_plural = _("thread messages")

    def __str__(self) -> str:
        return f"{self.lead} ({self.sent_at:%Y-%m-%d %H:%M})"
