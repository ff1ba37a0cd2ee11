"""Withdrawal codes at rest: a keyed hash (HMAC-SHA256 over the code's SHA-256 digest, with a
key from the environment), old bare digests wrapped by a migration, rotation by listing the new
key first, and production's refusal to start without a key."""

from __future__ import annotations

import datetime
import hashlib
import importlib
import io
import json
import logging

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone
from django.views.debug import SafeExceptionReporterFilter

import pytest

from chat.consent import hash_withdrawal_code, new_withdrawal_code, withdrawal_key_id
from chat.referrals import withdrawal
from chat.referrals.actions import do_create_from_consent
from chat.referrals.models import ConsentRecord, Lead
from tests.lantern.test_settings import GOOD_HOSTS, GOOD_KEY, import_settings, run

pytestmark = pytest.mark.django_db

KEY_A = "key-a-" + "a" * 60
KEY_B = "key-b-" + "b" * 60
migration = importlib.import_module("chat.referrals.migrations.0007_wrap_withdrawal_code_hashes")


def bare_sha256(code: str) -> str:
    """What was stored before keys: SHA-256 of "withdrawal:" and the code as given (no dash,
    upper case), computed here on its own, not with the product's functions."""
    normalised = code.replace("-", "").upper()
    return hashlib.sha256(f"withdrawal:{normalised}".encode()).hexdigest()


def new_lead() -> tuple[Lead, str]:
    """A lead with its consent, made the way the chat makes one, and its withdrawal code."""
    consented = do_create_from_consent(
        source=Lead.Source.CHAT,
        method=ConsentRecord.Method.CHAT,
        language="en",
        topic="work",
        transcript=False,
        contact="",
    )
    return consented.lead, consented.withdrawal_code


def stored(lead: Lead) -> str:
    return ConsentRecord.objects.get(lead=lead).withdrawal_code_hash


# --- The stored value ------------------------------------------------------------------------


def test_the_stored_value_is_a_keyed_hash_not_the_codes_sha256(settings):
    settings.LANTERN_WITHDRAWAL_CODE_KEYS = [KEY_A]
    lead, code = new_lead()

    value = stored(lead)
    assert value != bare_sha256(code)
    assert bare_sha256(code) not in value
    key_id, separator, mac = value.partition("$")
    assert (key_id, separator) == (withdrawal_key_id(KEY_A), "$")
    assert len(mac) == 64
    assert KEY_A not in value

    # Another key, another stored value for the same code.
    settings.LANTERN_WITHDRAWAL_CODE_KEYS = [KEY_B]
    assert hash_withdrawal_code(code) != value
    assert hash_withdrawal_code(code).startswith(withdrawal_key_id(KEY_B) + "$")


def test_without_a_key_no_code_is_stored_or_checked(settings):
    settings.LANTERN_WITHDRAWAL_CODE_KEYS = []

    with pytest.raises(ImproperlyConfigured, match="LANTERN_WITHDRAWAL_CODE_KEYS"):
        new_lead()
    with pytest.raises(ImproperlyConfigured):
        withdrawal.do_withdraw(new_withdrawal_code())
    assert not ConsentRecord.objects.exists()


# --- Rotation --------------------------------------------------------------------------------


def test_a_code_made_under_key_a_still_works_after_key_b_is_added_in_front(settings):
    settings.LANTERN_WITHDRAWAL_CODE_KEYS = [KEY_A]
    old_lead, old_code = new_lead()

    settings.LANTERN_WITHDRAWAL_CODE_KEYS = [KEY_B, KEY_A]
    new_lead_, new_code = new_lead()

    assert stored(new_lead_).startswith(withdrawal_key_id(KEY_B) + "$")
    assert stored(old_lead).startswith(withdrawal_key_id(KEY_A) + "$")
    assert withdrawal.do_withdraw(old_code)
    assert withdrawal.do_withdraw(new_code)
    assert not Lead.objects.filter(pk__in=[old_lead.pk, new_lead_.pk]).exists()


def test_a_code_whose_key_was_removed_no_longer_withdraws(settings):
    settings.LANTERN_WITHDRAWAL_CODE_KEYS = [KEY_A]
    lead, code = new_lead()

    settings.LANTERN_WITHDRAWAL_CODE_KEYS = [KEY_B]
    assert not withdrawal.do_withdraw(code)
    assert Lead.objects.filter(pk=lead.pk).exists()


def test_the_report_shows_what_each_key_still_protects(settings):
    settings.LANTERN_WITHDRAWAL_CODE_KEYS = [KEY_A]
    open_lead, _code = new_lead()
    closed_lead, _code = new_lead()
    closed_at = timezone.now() - datetime.timedelta(days=10)
    Lead.objects.filter(pk=closed_lead.pk).update(status=Lead.Status.CLOSED, closed_at=closed_at)
    settings.LANTERN_WITHDRAWAL_CODE_KEYS = [KEY_B, KEY_A]
    new_lead()

    def report() -> str:
        out = io.StringIO()
        call_command("withdrawal_code_keys", stdout=out)
        return out.getvalue()

    a, b = withdrawal_key_id(KEY_A), withdrawal_key_id(KEY_B)
    lines = report().splitlines()
    assert lines[0].startswith(f"{b}: 1 code(s), current key")
    assert lines[1].startswith(f"{a}: 2 code(s), old key")
    assert "while 1 lead(s) stay open" in lines[1]

    Lead.objects.filter(pk=open_lead.pk).delete()
    until = timezone.localdate(
        closed_at + datetime.timedelta(days=settings.LANTERN_LEAD_RETENTION_DAYS)
    )
    assert f"{a}: 1 code(s), old key, position 2; needed until {until:%Y-%m-%d}" in report()

    Lead.objects.filter(pk=closed_lead.pk).delete()
    assert f"{a}: 0 code(s), old key, position 2; no code left: can be removed" in report()

    settings.LANTERN_WITHDRAWAL_CODE_KEYS = [KEY_A]
    assert f"{b}: 1 code(s), NOT CONFIGURED" in report()


# --- The migration ---------------------------------------------------------------------------


def test_the_migration_wraps_an_old_sha256_row_so_that_its_code_still_withdraws(settings):
    settings.LANTERN_WITHDRAWAL_CODE_KEYS = [KEY_A]
    lead, code = new_lead()
    ConsentRecord.objects.filter(lead=lead).update(withdrawal_code_hash=bare_sha256(code))
    assert not withdrawal.do_withdraw(code)  # the bare digest is no longer looked up

    migration.wrap_stored_digests(apps, None)

    value = stored(lead)
    assert value == migration.wrap(bare_sha256(code), KEY_A) == hash_withdrawal_code(code)
    migration.wrap_stored_digests(apps, None)  # a second run leaves wrapped rows alone
    assert stored(lead) == value
    assert withdrawal.do_withdraw(code)
    assert not Lead.objects.filter(pk=lead.pk).exists()


def test_the_migration_leaves_anonymised_rows_alone_and_needs_a_key(settings):
    settings.LANTERN_WITHDRAWAL_CODE_KEYS = [KEY_A]
    anonymised, _code = new_lead()
    random_value = hashlib.sha256(b"anonymised").hexdigest()
    Lead.objects.filter(pk=anonymised.pk).update(anonymised_at=timezone.now())
    ConsentRecord.objects.filter(lead=anonymised).update(withdrawal_code_hash=random_value)

    migration.wrap_stored_digests(apps, None)
    assert stored(anonymised) == random_value

    lead, code = new_lead()
    ConsentRecord.objects.filter(lead=lead).update(withdrawal_code_hash=bare_sha256(code))
    settings.LANTERN_WITHDRAWAL_CODE_KEYS = []
    with pytest.raises(ImproperlyConfigured):
        migration.wrap_stored_digests(apps, None)
    assert stored(lead) == bare_sha256(code)


def test_the_migration_cannot_be_reversed():
    (operation,) = migration.Migration.operations
    assert not operation.reversible


# --- Settings --------------------------------------------------------------------------------

PRODUCTION_ENV = {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": GOOD_HOSTS}


@pytest.mark.parametrize(
    "keys",
    ["", "short-but-secret-value", f"{'k' * 64},short-but-secret-value"],
    ids=["no-key", "short-key", "a-short-old-key"],
)
def test_production_refuses_to_start_without_a_long_key(tmp_path, keys):
    result = import_settings(
        "lantern.settings.production",
        {**PRODUCTION_ENV, "LANTERN_WITHDRAWAL_CODE_KEYS": keys},
        tmp_path,
    )

    assert result.returncode != 0
    assert "django.core.exceptions.ImproperlyConfigured" in result.stderr
    assert "LANTERN_WITHDRAWAL_CODE_KEYS" in result.stderr.strip().splitlines()[-1]
    assert "short-but-secret-value" not in result.stderr


def test_production_starts_with_long_keys(tmp_path):
    keys = f"{'n' * 64}, {'o' * 64}"
    result = import_settings(
        "lantern.settings.production",
        {**PRODUCTION_ENV, "LANTERN_WITHDRAWAL_CODE_KEYS": keys},
        tmp_path,
    )

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("module", ["lantern.settings.dev", "lantern.settings.test"])
@pytest.mark.parametrize("value", ["", None], ids=["empty", "unset"])
def test_development_and_test_settings_have_a_fixed_key_production_would_refuse(
    tmp_path, module, value
):
    code = f"""
        import importlib, json, os
        if {value!r} is None:
            del os.environ["LANTERN_WITHDRAWAL_CODE_KEYS"]  # `run` passes a good one
        else:
            os.environ["LANTERN_WITHDRAWAL_CODE_KEYS"] = {value!r}
        print(json.dumps(importlib.import_module({module!r}).LANTERN_WITHDRAWAL_CODE_KEYS))
    """
    result = run(code, {}, tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    (key,) = json.loads(result.stdout)
    assert 0 < len(key) < 50


# --- The key stays out of logs ---------------------------------------------------------------


def test_the_key_never_appears_in_a_log_an_output_or_an_error_report(settings, caplog):
    settings.LANTERN_WITHDRAWAL_CODE_KEYS = [KEY_B, KEY_A]
    caplog.set_level(logging.DEBUG)
    out = io.StringIO()

    lead, code = new_lead()
    ConsentRecord.objects.filter(lead=lead).update(withdrawal_code_hash=bare_sha256(code))
    migration.wrap_stored_digests(apps, None)
    assert withdrawal.do_withdraw(code)
    assert not withdrawal.do_withdraw(code)
    call_command("withdrawal_code_keys", stdout=out, stderr=out)

    for key in (KEY_A, KEY_B):
        assert key not in caplog.text
        assert key not in out.getvalue()
    # Django's error pages and error emails show settings with KEY in their name cleansed.
    shown = SafeExceptionReporterFilter().get_safe_settings()["LANTERN_WITHDRAWAL_CODE_KEYS"]
    assert KEY_A not in str(shown) and KEY_B not in str(shown)
