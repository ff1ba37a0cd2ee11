"""Leads' free text is sealed with the lead's own key, kept wrapped with LANTERN_DATA_KEY
(chat/referrals/keys.py): readable by a caseworker, not by anyone holding only the database;
withdrawal and retention destroy the key; the long-term key rotates without downtime."""

from __future__ import annotations

import base64
import datetime
import io
import secrets
import uuid

from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

import pytest

from chat import crypto
from chat.referrals import withdrawal
from chat.referrals.keys import data_key_id, lead_keys
from chat.referrals.models import Lead, LeadKey, LeadNote
from chat.referrals.retention import apply_retention
from tests.lantern.test_settings import GOOD_HOSTS, GOOD_KEY, import_settings

from .lead_data import consented_lead
from .queue.factories import client_for, make_lead, user_in

pytestmark = pytest.mark.django_db

SEALED = ("summary", "what_happened", "location", "safe_contact", "transcript")


def new_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def stored(table: str, column: str, pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


@pytest.fixture
def fresh_memory():
    """Each case reads keys as another process would: from the key table."""
    lead_keys.forget_all()
    yield
    lead_keys.forget_all()


def test_every_free_text_of_a_lead_is_stored_sealed(fresh_memory):
    lead, _code, _conversation = consented_lead(marker="Bittern")
    Lead.objects.filter(pk=lead.pk).update(anonymised_at=None)  # (plain column: allowed)
    lead = Lead.objects.get(pk=lead.pk)
    lead.what_happened = "Bittern-words"
    lead.save()

    for column in SEALED:
        value = stored("referrals_lead", column, lead.pk)
        assert value.startswith(f"{crypto.PREFIX}l{lead.key_id.hex}:"), column
        assert "Bittern" not in value, column
    note = LeadNote.objects.get(lead=lead)
    assert "Bittern" not in stored("referrals_leadnote", "text", note.pk)

    again = Lead.objects.get(pk=lead.pk)
    assert again.summary == "Bittern-summary"
    assert again.location == "Bittern-place"
    assert again.safe_contact == "Bittern-contact"
    assert [line["text"] for line in again.transcript if line["sender"] == "visitor"] == [
        "Bittern-transcript"
    ]
    assert LeadNote.objects.get(pk=note.pk).text == "Bittern-note"


def test_a_caseworker_reads_the_consented_transcript(fresh_memory):
    lead, _code, _conversation = consented_lead(marker="Egret")
    client = client_for(user_in("caseworker"))

    page = client.get(reverse("referral_queue:lead", args=[lead.pk]))

    assert page.status_code == 200
    assert "Egret-transcript" in page.content.decode()
    assert "Egret-summary" in page.content.decode()


def test_without_the_data_key_nothing_of_a_lead_opens(settings, fresh_memory):
    lead, _code, _conversation = consented_lead(marker="Crane")

    settings.LANTERN_DATA_KEY = [new_key()]  # a copy of the database, with another key
    lead_keys.forget_all()  # (another process: nothing unwrapped in its memory)
    with pytest.raises(crypto.KeyUnavailable):
        Lead.objects.get(pk=lead.pk)


def test_each_lead_has_a_key_of_its_own_and_it_is_stored_wrapped(fresh_memory):
    first = make_lead(summary="same words")
    second = make_lead(summary="same words")

    assert first.key_id != second.key_id
    one, two = (lead_keys.key(lead.key_id) for lead in (first, second))
    assert one != two
    for key, lead in ((one, first), (two, second)):
        assert key not in bytes(LeadKey.objects.get(pk=lead.key_id).wrapped)


def test_withdrawal_destroys_the_key(fresh_memory):
    lead, code, _conversation = consented_lead(marker="Plover")
    copy = stored("referrals_lead", "summary", lead.pk)  # a backup taken before
    key_id = lead.key_id

    assert withdrawal.do_withdraw(code)

    assert not LeadKey.objects.filter(pk=key_id).exists()
    lead_keys.forget_all()
    with pytest.raises(crypto.KeyUnavailable):
        crypto.open_value("referrals.lead.summary", copy)


def test_retention_destroys_the_key_of_an_anonymised_lead(settings, fresh_memory):
    lead, _code, _conversation = consented_lead(marker="Curlew")
    copy = stored("referrals_lead", "what_happened", lead.pk) or stored(
        "referrals_lead", "summary", lead.pk
    )
    closed = timezone.now() - datetime.timedelta(days=settings.LANTERN_LEAD_RETENTION_DAYS + 1)
    Lead.objects.filter(pk=lead.pk).update(status=Lead.Status.CLOSED, closed_at=closed)
    key_id = lead.key_id

    assert apply_retention().leads_anonymised == 1

    lead.refresh_from_db()
    assert lead.key_id is None
    assert not LeadKey.objects.filter(pk=key_id).exists()
    assert (lead.summary, lead.location, lead.transcript) == ("", "", [])
    lead_keys.forget_all()
    with pytest.raises(crypto.KeyUnavailable):
        crypto.open_value("referrals.lead.summary", copy)


def test_the_data_key_rotates_while_leads_stay_readable(settings, fresh_memory):
    old, new = new_key(), new_key()
    settings.LANTERN_DATA_KEY = [old]
    leads = [make_lead(summary=f"case {n}") for n in range(3)]

    settings.LANTERN_DATA_KEY = [new, old]  # the new key first, the old one still listed
    lead_keys.forget_all()
    assert Lead.objects.get(pk=leads[0].pk).summary == "case 0"  # readable before rotating
    out = io.StringIO()
    call_command("data_keys", "--rotate", stdout=out)

    assert "Re-wrapped 3 lead key(s)" in out.getvalue()
    new_id = data_key_id(base64.urlsafe_b64decode(new))
    assert set(LeadKey.objects.values_list("wrapped_with", flat=True)) == {new_id}
    settings.LANTERN_DATA_KEY = [new]  # the old key removed
    lead_keys.forget_all()
    assert [Lead.objects.get(pk=lead.pk).summary for lead in leads] == [
        "case 0",
        "case 1",
        "case 2",
    ]
    report = io.StringIO()
    call_command("data_keys", stdout=report)
    assert f"{new_id}: wraps 3 lead key(s), current key" in report.getvalue()


def test_the_command_says_when_an_old_key_can_be_removed(settings, fresh_memory):
    old, new = new_key(), new_key()
    settings.LANTERN_DATA_KEY = [new, old]
    make_lead(summary="case")
    out = io.StringIO()

    call_command("data_keys", stdout=out)

    assert "wraps nothing: can be removed" in out.getvalue()
    assert old not in out.getvalue() and new not in out.getvalue()  # ids only, never a key


def test_a_new_data_key_is_32_random_bytes():
    out = io.StringIO()
    call_command("data_keys", "--new", stdout=out)
    text = out.getvalue().strip()
    assert len(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))) == 32


def test_the_queue_searches_sealed_summaries_once_opened(fresh_memory):
    make_lead(summary="Passport taken in Bergen", location="Rīga")
    make_lead(
        summary="Worked without pay", what_happened="at a farm near Bauska", location="Bauska"
    )
    client = client_for(user_in("caseworker"))
    listing = reverse("referral_queue:index")

    found = client.get(listing, {"q": "passport"}).content.decode()
    assert "Passport taken in Bergen" in found and "Worked without pay" not in found
    found = client.get(listing, {"q": "BAUSKA"}).content.decode()
    assert "Worked without pay" in found and "Passport taken" not in found
    placed = client.get(listing, {"location": "rīga"}).content.decode()
    assert "Passport taken in Bergen" in placed and "Worked without pay" not in placed


def test_a_missing_key_row_is_said_plainly(fresh_memory):
    with pytest.raises(crypto.KeyUnavailable):
        lead_keys.key(uuid.uuid4())


# --- Production ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "keys",
    ["", "c2hvcnQ", f"{base64.urlsafe_b64encode(bytes(32)).decode()},not-base64-at-all!"],
    ids=["no-key", "short-key", "a-bad-old-key"],
)
def test_production_refuses_to_start_without_a_data_key(tmp_path, keys):
    result = import_settings(
        "lantern.settings.production",
        {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": GOOD_HOSTS, "LANTERN_DATA_KEY": keys},
        tmp_path,
    )

    assert result.returncode != 0
    assert "django.core.exceptions.ImproperlyConfigured" in result.stderr
    assert "LANTERN_DATA_KEY" in result.stderr.strip().splitlines()[-1]
    assert "not-base64-at-all" not in result.stderr


def test_production_starts_with_a_data_key(tmp_path):
    result = import_settings(
        "lantern.settings.production",
        {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": GOOD_HOSTS, "LANTERN_DATA_KEY": new_key()},
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
