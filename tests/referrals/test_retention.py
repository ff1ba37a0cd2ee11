"""Retention (`manage.py apply_retention`): with the clock moved past the retention period,
closed leads are anonymised and whatever conversations left behind is cleaned up; a second
run changes nothing, and a dry run changes nothing but says what a real run would do."""

from __future__ import annotations

import datetime
import io
from unittest import mock

from django.core.management import call_command
from django.utils import timezone

import pytest

from chat.actions.conversations import do_start
from chat.actions.messages import do_post_message
from chat.actions.operators import do_accept
from chat.models import Conversation, Message
from chat.referrals import retention, withdrawal
from chat.referrals.models import ConsentRecord, Lead, LeadNote

from .lead_data import consented_lead, make_operator, tables_containing

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def snapshot() -> dict:
    """Every row that retention may touch, with all its values."""
    return {
        "leads": sorted(Lead.objects.values(), key=lambda row: row["id"]),
        "consents": sorted(ConsentRecord.objects.values(), key=lambda row: row["id"]),
        "notes": sorted(LeadNote.objects.values_list("id", "text")),
        "conversations": sorted(Conversation.objects.values(), key=lambda row: row["id"]),
        "messages": sorted(Message.objects.values_list("id", "conversation_id", "text")),
    }


def run(*args: str, at: datetime.datetime) -> dict[str, int]:
    """Run the command with the clock at `at`; returns the counts it printed."""
    out = io.StringIO()
    with mock.patch("django.utils.timezone.now", return_value=at):
        call_command("apply_retention", *args, stdout=out)
    counts = {}
    for line in out.getvalue().splitlines():
        key, sep, rest = line.partition(": ")
        if sep and key in retention.RetentionCounts.__dataclass_fields__:
            counts[key] = int(rest.split()[0])
    assert set(counts) == set(retention.RetentionCounts.__dataclass_fields__), out.getvalue()
    return counts


@pytest.fixture
def world():
    """Leads and conversations in every state retention cares about. Returns what the tests
    look at, and `later`: a moment one day past the retention period of `due`."""
    now = timezone.now()
    later = now + datetime.timedelta(days=365) + DAY
    caseworker = make_operator()

    due, due_code, due_conversation = consented_lead("ru", marker="Oriole")
    LeadNote.objects.create(lead=due, text="Oriole-second-note")
    Lead.objects.filter(pk=due.pk).update(
        status=Lead.Status.CLOSED,
        closed_at=now,
        closing_reason=Lead.ClosingReason.SUPPORTED,
        referred_to=Lead.ReferralTarget.STATE_POLICE,
        referred_to_detail="Oriole-office",
        referred_at=now - DAY,
        form_of_exploitation="labour",
        urgency=Lead.Urgency.HIGH,
        assigned_to=caseworker,
    )
    # Closed, but recently (as seen from `later`): kept as it is.
    recent, _code, _conversation = consented_lead("lv", marker="Robin")
    Lead.objects.filter(pk=recent.pk).update(status=Lead.Status.CLOSED, closed_at=now + 30 * DAY)
    # Still being worked: kept, however old.
    open_lead, _code, _conversation = consented_lead("uk", marker="Wren")
    Lead.objects.filter(pk=open_lead.pk).update(created_at=now - 900 * DAY)
    # Reopened: closed_at stays from the first closing, but the status says it is worked.
    reopened, _code, _conversation = consented_lead("en", marker="Finch")
    Lead.objects.filter(pk=reopened.pk).update(status=Lead.Status.ASSESSING, closed_at=now)

    # Conversations left open: one waiting, one active (with a visitor's message).
    waiting, _token = do_start("lv", "work")
    active, _token = do_start("ru", "online")
    do_accept(caseworker, active.pk)
    do_post_message(active.pk, Message.Sender.VISITOR, "Lark-text", client_id="v1")
    # Closed, but something was left behind (a crash between two steps, say).
    leftover = Conversation.objects.create(
        language="en",
        status=Conversation.Status.CLOSED,
        outcome=Conversation.Outcome.VISITOR_ENDED,
        token_hash="f" * 64,
        closed_at=now,
    )
    for seq in (1, 2, 3):
        Message.objects.create(conversation=leftover, seq=seq, sender="visitor", text="Swift")
    # Started just before `later`: a chat going on, untouched. (Field defaults hold the real
    # `timezone.now`, which the patch does not replace: the start time is set by hand.)
    fresh, _token = do_start("uk", "work")
    do_post_message(fresh.pk, Message.Sender.VISITOR, "Tern-text", client_id="v1")
    Conversation.objects.filter(pk=fresh.pk).update(
        created_at=later - datetime.timedelta(hours=1), visitor_seen_at=later
    )

    return {
        "later": later,
        "due": due,
        "due_code": due_code,
        "due_conversation": due_conversation,
        "kept": [recent, open_lead, reopened],
        "waiting": waiting,
        "active": active,
        "leftover": leftover,
        "fresh": fresh,
    }


EXPECTED = {
    "conversations_closed": 2,
    "messages_deleted": 3,
    "token_hashes_cleared": 1,
    "leads_anonymised": 1,
    "notes_deleted": 2,
}


def test_dry_run_changes_nothing_and_prints_the_counts(world):
    before = snapshot()

    counts = run("--dry-run", at=world["later"])

    assert counts == EXPECTED
    assert snapshot() == before


def test_retention_as_of_later(world):
    later = world["later"]
    kept_before = {
        lead.pk: Lead.objects.filter(pk=lead.pk).values().get() for lead in world["kept"]
    }
    due_before = Lead.objects.filter(pk=world["due"].pk).values().get()

    counts = run(at=later)

    assert counts == EXPECTED
    # The due lead: personal fields blank, notes gone, links cut, statistics kept.
    lead = Lead.objects.get(pk=world["due"].pk)
    assert lead.anonymised_at == later
    for name in ("summary", "what_happened", "location", "safe_contact", "referred_to_detail"):
        assert getattr(lead, name) == "", name
    assert lead.transcript == []
    assert lead.conversation_id is None
    assert lead.created_by_id is None and lead.assigned_to_id is None
    assert not LeadNote.objects.filter(lead=lead).exists()
    for name in (
        "source",
        "language",
        "topic",
        "form_of_exploitation",
        "urgency",
        "status",
        "referred_to",
        "referred_at",
        "closing_reason",
        "closed_at",
        "created_at",
        "do_not_contact",
    ):
        assert getattr(lead, name) == due_before[name], name
    assert (lead.language, lead.form_of_exploitation) == ("ru", "labour")
    for part in ("transcript", "contact", "summary", "place", "note", "second-note", "office"):
        assert tables_containing(f"Oriole-{part}") == [], part
    # The consent record stays as proof, but the code no longer points at anything.
    consent = ConsentRecord.objects.get(lead=lead)
    assert consent.wording_version and consent.granted_at
    assert withdrawal.do_withdraw(world["due_code"]) is False
    assert Lead.objects.filter(pk=lead.pk).exists()
    # The conversation it came from keeps only its anonymous figures.
    assert Conversation.objects.filter(pk=world["due_conversation"]).exists()

    # The other leads are untouched.
    for pk, values in kept_before.items():
        assert Lead.objects.filter(pk=pk).values().get() == values
    for marker in ("Robin", "Wren", "Finch"):
        assert tables_containing(f"{marker}-note") and tables_containing(f"{marker}-summary")

    # Conversations open for more than a day are closed, as missed or abandoned.
    waiting = Conversation.objects.get(pk=world["waiting"].pk)
    active = Conversation.objects.get(pk=world["active"].pk)
    assert waiting.status == active.status == Conversation.Status.CLOSED
    assert waiting.outcome == Conversation.Outcome.VISITOR_LEFT
    assert active.outcome == Conversation.Outcome.ABANDONED
    assert waiting.token_hash is None and active.token_hash is None
    assert tables_containing("Lark-text") == []
    # What a closed conversation left behind is gone.
    leftover = Conversation.objects.get(pk=world["leftover"].pk)
    assert leftover.token_hash is None and not leftover.messages.exists()
    # A chat going on now is not touched.
    fresh = Conversation.objects.get(pk=world["fresh"].pk)
    assert fresh.status == Conversation.Status.WAITING and fresh.token_hash
    assert [m.text for m in fresh.messages.all()] == ["Tern-text"]


def test_second_run_changes_nothing(world):
    run(at=world["later"])
    after_first = snapshot()

    assert run(at=world["later"]) == dict.fromkeys(EXPECTED, 0)
    assert snapshot() == after_first
    # Ten days on, only the chat that was going on has become too old.
    expected_later = dict.fromkeys(EXPECTED, 0) | {"conversations_closed": 1}
    assert run("--dry-run", at=world["later"] + 10 * DAY) == expected_later


def test_nothing_is_due_before_the_period_ends(world):
    before = snapshot()
    just_before = world["later"] - 2 * DAY  # the due lead closed 364 days ago

    counts = run(at=just_before)

    assert counts["leads_anonymised"] == 0 and counts["notes_deleted"] == 0
    assert Lead.objects.filter(anonymised_at__isnull=False).count() == 0
    assert snapshot()["notes"] == before["notes"]


def test_retention_period_is_a_setting(world, settings):
    settings.LANTERN_LEAD_RETENTION_DAYS = 30

    counts = run(at=timezone.now() + 31 * DAY)

    assert counts["leads_anonymised"] == 1  # the due lead; the recent one closes in 30 days


def test_apply_retention_takes_now(world):
    """The service itself, without the command: `now` is a parameter."""
    counts = retention.apply_retention(world["later"], dry_run=True)

    assert counts.as_dict() == EXPECTED
