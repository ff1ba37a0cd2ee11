"""A year of generated, anonymous figures for a demo site's statistics page (`manage.py
load_demo_content --figures`): closed conversations with their language, topic, outcome,
consent and waiting time, and closed leads with their source, form of exploitation, urgency,
referral and consent record, in the form retention leaves a lead in (no text, no key, no
conversation, a withdrawal code nobody holds). Unlike retention, which anonymises a lead
`LANTERN_LEAD_RETENTION_DAYS` after it closed, they are anonymous from the start: nothing
about them could be taken for somebody's case. A withdrawal is counted instead of a lead, as a
real one deletes the lead. A `DemoFigures` row records it all, and the statistics page and its
CSV say so while it exists. Only where the settings allow demo accounts (development, tests).

The shape is invented but plausible: more conversations on weekdays and in the evening, a
slow rise over the year with a campaign month, most visitors in Latvian or Russian, about one
conversation in eight ending with consent. Seeded: the same day gives the same figures."""

from __future__ import annotations

import datetime
import hashlib
import random
import secrets

from django.db import transaction
from django.utils import timezone

from lantern.choices import ExploitationForm

from ..consent import (
    CONSENT_VERSION,
    REPORT_CONSENT_VERSION,
    consent_text,
    report_consent_text,
    wording_hash,
)
from ..models import Conversation, Topic
from .models import ConsentRecord, DemoFigures, Lead, Withdrawal

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
SHARING = [
    (ConsentRecord.Sharing.SHARE, 30),
    (ConsentRecord.Sharing.CONFIDENTIAL, 45),
    (ConsentRecord.Sharing.ANONYMOUS, 25),
]
METHODS = {
    Lead.Source.CHAT: ConsentRecord.Method.CHAT,
    Lead.Source.MESSAGE: ConsentRecord.Method.MESSAGE,
    Lead.Source.THIRD_PARTY: ConsentRecord.Method.REPORT,
}


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
    # Everything happened before today (a case closed later is closed "yesterday").
    end = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    wordings = {code: wording_hash(consent_text(code)) for code, _weight in LANGUAGES}
    report_wordings = {code: wording_hash(report_consent_text(code)) for code, _ in LANGUAGES}
    conversations, leads, consents, withdrawals = [], [], [], []
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
                    do_not_contact=outcome == Conversation.Outcome.QUICK_EXIT,
                )
            )
            # A consent in the chat is a lead; so is a message left by a visitor nobody
            # answered in time.
            sources = [Lead.Source.CHAT] if consented else []
            if not answered and rng.random() < 0.2:
                sources.append(Lead.Source.MESSAGE)
            if rng.random() < 0.03:  # someone worried about another person reported it
                sources.append(Lead.Source.THIRD_PARTY)
            for source in sources:
                if rng.random() < 0.03:  # withdrawn a few days later: the lead is gone
                    withdrawn = day + datetime.timedelta(days=rng.randint(1, 10))
                    if withdrawn < today:
                        withdrawals.append(Withdrawal(date=withdrawn))
                    continue
                reason = pick(rng, CLOSING_REASONS)
                closed = min(created + datetime.timedelta(days=rng.randint(5, 60)), end)
                referred = reason == Lead.ClosingReason.SUPPORTED
                lead = Lead(
                    source=source,
                    status=Lead.Status.CLOSED,
                    language=language,
                    topic=topic,
                    form_of_exploitation=pick(rng, FORMS),
                    urgency=pick(rng, URGENCIES),
                    referred_to=(
                        pick(rng, [(target, 1) for target in Lead.ReferralTarget])
                        if referred
                        else ""
                    ),
                    referred_at=created + (closed - created) / 2 if referred else None,
                    closing_reason=reason,
                    closed_at=closed,
                    anonymised_at=closed,
                    created_at=created,
                )
                leads.append(lead)
                consents.append(
                    ConsentRecord(
                        lead=lead,
                        granted_at=created,
                        method=METHODS[source],
                        language=language,
                        wording_version=(
                            REPORT_CONSENT_VERSION
                            if source == Lead.Source.THIRD_PARTY
                            else CONSENT_VERSION
                        ),
                        wording_hash=(
                            report_wordings[language]
                            if source == Lead.Source.THIRD_PARTY
                            else wordings[language]
                        ),
                        sharing=pick(rng, SHARING) if source == Lead.Source.THIRD_PARTY else "",
                        # As retention leaves it: a code nobody holds.
                        withdrawal_code_hash=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
                    )
                )
    Conversation.objects.bulk_create(conversations, batch_size=500)
    # No key and no free text (the manager's bulk_create makes a key for each lead; the
    # queryset's does not).
    Lead.objects.get_queryset().bulk_create(leads, batch_size=500)
    ConsentRecord.objects.bulk_create(consents, batch_size=500)
    Withdrawal.objects.bulk_create(withdrawals)
    return DemoFigures.objects.create(
        first_day=first,
        last_day=today - datetime.timedelta(days=1),
        conversations=len(conversations),
        leads=len(leads),
    )
