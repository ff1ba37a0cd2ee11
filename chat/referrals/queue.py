"""Reading the referral queue: the listing's queryset and order, the counts the admin shows."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from .models import Lead

# Most urgent first. Closed leads sort after open ones, so that a closed "immediate danger"
# lead does not sit above every open one.
URGENCY_RANK = {Lead.Urgency.IMMEDIATE: 0, Lead.Urgency.HIGH: 1, Lead.Urgency.NORMAL: 2}
DEFAULT_ORDERING = ["is_closed", "urgency_rank", "-created_at", "-pk"]
OPEN_STATUSES = (Lead.Status.NEW, Lead.Status.ASSESSING, Lead.Status.REFERRED)


def queue() -> QuerySet[Lead]:
    """Every lead, with what the listing shows of it in the same query (no query per row)."""
    return (
        Lead.objects.select_related("assigned_to")
        .annotate(
            urgency_rank=Case(
                *(
                    When(urgency=urgency, then=Value(rank))
                    for urgency, rank in URGENCY_RANK.items()
                ),
                default=Value(len(URGENCY_RANK)),
                output_field=IntegerField(),
            ),
            is_closed=Case(
                When(status=Lead.Status.CLOSED, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by(*DEFAULT_ORDERING)
    )


def containing(leads: QuerySet[Lead], text: str, *fields: str) -> QuerySet[Lead]:
    """The leads among `leads` in one of whose `fields` `text` occurs (without regard to case
    or spacing). The fields are sealed (chat/crypto.py): the database cannot look into them,
    so they are opened here, within the listing as filtered so far, and the matches kept."""
    from .keys import lead_keys

    needle = " ".join(text.split()).casefold()
    if not needle:
        return leads
    lead_keys.preload(leads)
    matches = [
        pk
        for pk, *values in leads.values_list("pk", *fields).iterator()
        if any(needle in " ".join((value or "").split()).casefold() for value in values)
    ]
    return leads.filter(pk__in=matches)


def new_leads() -> QuerySet[Lead]:
    return queue().filter(status=Lead.Status.NEW)


def count_new() -> int:
    return Lead.objects.filter(status=Lead.Status.NEW).count()


def open_leads_of(user) -> QuerySet[Lead]:
    return queue().filter(assigned_to=user, status__in=OPEN_STATUSES)
