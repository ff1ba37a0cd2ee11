"""The anonymous chat: conversations, their messages, and operators' availability.

The database is the source of truth. Every message gets a per-conversation sequence number
before it is announced on the channel layer, which only says "something new" and may drop
messages; a client that sees a gap, or reconnects, asks for everything after its last number.

Personal data and its deletion path (see also chat/referrals/):
- Message.text: sealed with the conversation's key (chat/crypto.py), which lives in volatile
  memory only (chat/keyring.py); deleted when a conversation closes
  (`chat.actions.conversations.do_close`), after being copied into the lead's transcript if the
  visitor's consent covers it, and the key destroyed: what a copy of the database keeps of
  the rows cannot be read.
- Conversation.token_hash: a SHA-256 of the visitor's token, cleared when the conversation ends.
- What remains of a conversation without consent is anonymous: language, topic, times, outcome.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.search import index

from .crypto import SealedTextField

RULES_MAX_CHARS = 800  # the chat rules, in each language


class Topic(models.TextChoices):
    WORK = "work", _("Work or a job offer abroad")
    RELATIONSHIP = "relationship", _("A relationship or marriage")
    ONLINE = "online", _("Someone I met online")
    OTHER = "other", _("Something else")
    UNSAID = "unsaid", _("I prefer not to say")


class ConversationQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=Conversation.Status.WAITING)

    def active(self):
        return self.filter(status=Conversation.Status.ACTIVE)

    def open(self):
        return self.exclude(status=Conversation.Status.CLOSED)

    def for_operator(self, user):
        return self.filter(
            operator=user, status__in=[Conversation.Status.ACTIVE, Conversation.Status.ENDING]
        )


class Conversation(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        ACTIVE = "active", _("Active")
        ENDING = "ending", _("Ending: waiting for the visitor's answer on consent")
        CLOSED = "closed", _("Closed")

    class Outcome(models.TextChoices):
        VISITOR_ENDED = "visitor_ended", _("Ended by the visitor")
        OPERATOR_ENDED = "operator_ended", _("Ended by the operator")
        QUICK_EXIT = "quick_exit", _("Visitor left in a hurry")
        VISITOR_LEFT = "visitor_left", _("Visitor left before an answer")
        ABANDONED = "abandoned", _("Visitor disconnected and did not return")

    class Consent(models.TextChoices):
        NOT_ASKED = "not_asked", _("Not asked")
        ASKED = "asked", _("Asked")
        GRANTED = "granted", _("Granted")
        DECLINED = "declined", _("Declined")

    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices, default=Topic.UNSAID)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.WAITING, db_index=True
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    consent = models.CharField(
        _("consent"), max_length=16, choices=Consent.choices, default=Consent.NOT_ASKED
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("operator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chat_conversations",
    )
    do_not_contact = models.BooleanField(
        _("do not contact back"),
        default=False,
        help_text=_("The visitor left in a hurry: never contact them back through the chat."),
    )
    last_seq = models.PositiveIntegerField(default=0)
    visitor_delivered_seq = models.PositiveIntegerField(default=0)
    operator_delivered_seq = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("started"), default=timezone.now, db_index=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    visitor_seen_at = models.DateTimeField(default=timezone.now)
    # The visitor's messages in the current rate window (protocol.CONVERSATION_MAX_MESSAGES),
    # counted here, on the row every message takes its number from, so that the limit holds
    # whatever the number of sockets and processes (chat/actions/messages.py).
    visitor_burst_at = models.DateTimeField(null=True, blank=True)
    visitor_burst = models.PositiveSmallIntegerField(default=0)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        permissions = [("operate_chat", _("Can answer chats as an operator"))]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.get_language_display()}, {self.get_status_display()})"

    @property
    def group_name(self) -> str:
        return f"chat.conversation.{self.pk}"

    @property
    def wait_seconds(self) -> int | None:
        if self.accepted_at:
            return int((self.accepted_at - self.created_at).total_seconds())
        return None

    @property
    def duration_seconds(self) -> int | None:
        if self.closed_at:
            return int((self.closed_at - self.created_at).total_seconds())
        return None


# Events worded for staff only: the visitor already knows their own answer.
STAFF_EVENTS = frozenset({"consent_granted", "consent_declined"})


class MessageQuerySet(models.QuerySet):
    def for_visitor(self):
        """What the visitor may read: `Message.shown_to_visitor`, as a query."""
        return self.exclude(kind=Message.Kind.NOTE).exclude(event__in=STAFF_EVENTS)


class Message(models.Model):
    class Sender(models.TextChoices):
        VISITOR = "visitor", _("Visitor")
        OPERATOR = "operator", _("Operator")
        SYSTEM = "system", _("System")

    class Kind(models.TextChoices):
        TEXT = "text", _("Message")
        NOTE = "note", _("Private note")
        EVENT = "event", _("Event")

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    seq = models.PositiveIntegerField()
    sender = models.CharField(max_length=16, choices=Sender.choices)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.TEXT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    client_id = models.CharField(max_length=64, blank=True)
    text = SealedTextField(owner="conversation")
    # Events carry a code and parameters, rendered in each reader's language.
    event = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["conversation", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "seq"], name="chat_message_seq"),
            models.UniqueConstraint(
                fields=["conversation", "sender", "client_id"],
                condition=~models.Q(client_id=""),
                name="chat_message_client_id",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.conversation_id}:{self.seq}"

    @staticmethod
    def shown_to_visitor(kind: str, event: str) -> bool:
        """The rule of what a visitor may read, for a message in hand (a row or the frame its
        announcement carries): never a private note, never an event worded for staff.
        `Message.objects.for_visitor()` is the same rule as a query."""
        return kind != Message.Kind.NOTE and event not in STAFF_EVENTS


class OperatorStatus(models.Model):
    """Whether an operator takes chats now, in which languages, and how many at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_status"
    )
    available = models.BooleanField(_("available"), default=False)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    max_chats = models.PositiveSmallIntegerField(_("chats at once"), default=3)
    # Refreshed by the console's heartbeat: an operator whose console is gone is not counted.
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("operator status")
        verbose_name_plural = _("operator statuses")

    def __str__(self) -> str:
        return f"{self.user} ({'available' if self.available else 'away'})"


class CannedResponse(index.Indexed, models.Model):
    """A ready answer operators insert into a chat; text in each language."""

    # Declared: the type checker cannot derive it through Wagtail's `index.Indexed`.
    objects: ClassVar[models.Manager[CannedResponse]] = models.Manager()

    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("text"))

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["title"]
        verbose_name = _("canned response")
        verbose_name_plural = _("canned responses")

    def __str__(self) -> str:
        return self.title


class ChatRulesQuerySet(models.QuerySet):
    def current(self) -> ChatRules | None:
        """The version the widget shows now: the newest."""
        return ChatRules.objects.order_by("-pk").first()


class ChatRules(models.Model):
    """What staff will and will not do with what a visitor writes, in two or three sentences:
    said before the first word (the widget's start and leave-a-message views) and again in the
    consent step. A change is a new version (the number is the row's id); a version is never
    edited or deleted, since a consent record names the version the visitor was shown
    (chat/wagtail_hooks.py lets moderators write a new one)."""

    objects: ClassVar[ChatRulesQuerySet] = ChatRulesQuerySet.as_manager()  # type: ignore[assignment]

    text = models.TextField(
        _("what we do with what you write"),
        max_length=RULES_MAX_CHARS,
        help_text=_(
            "Two or three sentences, in plain words: what staff will and will not do with "
            "what a visitor writes (no one is contacted without their consent), and the "
            "exceptions, if there are any (such as a child in immediate danger). A blank line "
            "starts a new paragraph."
        ),
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("chat rules")
        verbose_name_plural = _("chat rules")

    def __str__(self) -> str:
        return _("Version %(version)s of %(date)s") % {
            "version": self.pk,
            "date": f"{timezone.localtime(self.created_at):%Y-%m-%d %H:%M}",
        }

    @property
    def version(self) -> int:
        return self.pk

    def paragraphs(self, language: str) -> list[str]:
        """The rules in `language` (every version has all four), one string per paragraph."""
        text = getattr(self, f"text_{language}", None) or self.text
        return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
