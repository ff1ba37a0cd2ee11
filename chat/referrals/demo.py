"""A year of generated, anonymous figures for a demo site's statistics page (`manage.py
load_demo_content --figures`): closed conversations with their language, topic, outcome,
consent and waiting time, and anonymised leads with their source, status, form of
exploitation and urgency, as retention leaves them (no text, no key, nothing about anyone).
A `DemoFigures` row records it, and the statistics page says so while it exists.

The shape is invented but plausible: more conversations on weekdays and in the evening, a
slow rise over the year with a campaign month, most visitors in Latvian or Russian, about one
conversation in eight ending with consent. Seeded: the same day gives the same figures."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from lantern.choices import ExploitationForm

from ..models import Conversation, Topic
from .models import DemoFigures, Lead, Withdrawal

DAYS = 365
SEED = 2016_2102

LANGUAGES = [("lv", 45), ("ru", 35), ("uk", 12), ("en", 8)]
TOPICS = [
    (Topic.WORK, 38),
    (Topic.RELATIONSHIP, 14),
    (Topic.ONLINE, 16),
    (Topic.OTHER, 12),
    (Topic.UNSAID, 20),
]
OUTCOMES = [
    (Conversation.Outcome.VISITOR_ENDED, 46),
    (Conversation.Outcome.OPERATOR_ENDED, 24),
    (Conversation.Outcome.VISITOR_LEFT, 12),
    (Conversation.Outcome.ABANDONED, 12),
    (Conversation.Outcome.QUICK_EXIT, 6),
]
FORMS = [
    (ExploitationForm.LABOUR, 44),
    (ExploitationForm.SEXUAL, 18),
    (ExploitationForm.MARRIAGE, 12),
    (ExploitationForm.CRIMINALITY, 8),
    (ExploitationForm.BEGGING, 4),
    (ExploitationForm.OTHER, 14),
]
CLOSING_REASONS = [
    (Lead.ClosingReason.SUPPORTED, 46),
    (Lead.ClosingReason.NOT_TRAFFICKING, 22),
    (Lead.ClosingReason.NO_CONTACT, 14),
    (Lead.ClosingReason.DECLINED_HELP, 12),
    (Lead.ClosingReason.DUPLICATE, 3),
    (Lead.ClosingReason.OTHER, 3),
]
URGENCIES = [(Lead.Urgency.NORMAL, 70), (Lead.Urgency.HIGH, 24), (Lead.Urgency.IMMEDIATE, 6)]


def pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def per_day(rng: random.Random, day: datetime.date, index: int) -> int:
    """How many conversations start on `day`, the `index`-th of the year."""
    base = 3.0 + 2.0 * index / DAYS  # a slow rise as the site becomes known
    if day.weekday() >= 5:
        base *= 0.6
    if 150 <= index < 180:  # a campaign month
        base *= 1.8
    return max(0, round(rng.gauss(base, base / 3)))


def started_at(rng: random.Random, day: datetime.date) -> datetime.datetime:
    hour = min(23, max(7, round(rng.gauss(17, 3.5))))
    moment = datetime.datetime.combine(day, datetime.time(hour, rng.randrange(60)))
    return timezone.make_aware(moment)


@transaction.atomic
def generate(today: datetime.date | None = None) -> DemoFigures | None:
    """The year up to yesterday, once: None if figures were generated before."""
    if DemoFigures.objects.exists():
        return None
    today = today or timezone.localdate()
    rng = random.Random(SEED)  # noqa: S311 - invented figures, not security
    first = today - datetime.timedelta(days=DAYS)
    conversations, leads, withdrawals = [], [], []
    for index in range(DAYS):
        day = first + datetime.timedelta(days=index)
        for _ in range(per_day(rng, day, index)):
            created = started_at(rng, day)
            outcome = pick(rng, OUTCOMES)
            answered = outcome != Conversation.Outcome.VISITOR_LEFT
            wait = datetime.timedelta(seconds=round(rng.lognormvariate(4.2, 0.9)))
            accepted = created + wait if answered else None
            length = datetime.timedelta(minutes=rng.randint(3, 55))
            consented = answered and rng.random() < 0.13
            language, topic = pick(rng, LANGUAGES), pick(rng, TOPICS)
            conversations.append(
                Conversation(
                    language=language,
                    topic=topic,
                    status=Conversation.Status.CLOSED,
                    outcome=outcome,
                    consent=(
                        Conversation.Consent.GRANTED
                        if consented
                        else Conversation.Consent.DECLINED
                        if answered and rng.random() < 0.3
                        else Conversation.Consent.NOT_ASKED
                    ),
                    created_at=created,
                    accepted_at=accepted,
                    closed_at=(accepted or created) + length,
                    visitor_seen_at=(accepted or created) + length,
                )
            )
            # A left message out of hours is a lead too, without a conversation.
            sources = [Lead.Source.CHAT] if consented else []
            if not answered and rng.random() < 0.2:
                sources.append(Lead.Source.MESSAGE)
            for source in sources:
                # Closed and anonymised, as retention leaves a lead: the referral queue's
                # open work stays the demo's own leads.
                reason = pick(rng, CLOSING_REASONS)
                closed = min(created + datetime.timedelta(days=rng.randint(5, 60)), timezone.now())
                leads.append(
                    Lead(
                        source=source,
                        status=Lead.Status.CLOSED,
                        language=language,
                        topic=topic,
                        form_of_exploitation=pick(rng, FORMS),
                        urgency=pick(rng, URGENCIES),
                        referred_to=(
                            pick(rng, [(target, 1) for target in Lead.ReferralTarget])
                            if reason == Lead.ClosingReason.SUPPORTED
                            else ""
                        ),
                        closing_reason=reason,
                        closed_at=closed,
                        anonymised_at=closed,
                        created_at=created,
                    )
                )
                if rng.random() < 0.03:
                    withdrawals.append(Withdrawal(date=day + datetime.timedelta(days=3)))
    Conversation.objects.bulk_create(conversations, batch_size=500)
    # Anonymous from the start, as retention leaves a lead: no free text and no key (the
    # manager's bulk_create makes one for each lead; the queryset's does not).
    Lead.objects.get_queryset().bulk_create(leads, batch_size=500)
    Withdrawal.objects.bulk_create([w for w in withdrawals if w.date < today])
    return DemoFigures.objects.create(
        first_day=first,
        last_day=today - datetime.timedelta(days=1),
        conversations=len(conversations),
        leads=len(leads),
    )
