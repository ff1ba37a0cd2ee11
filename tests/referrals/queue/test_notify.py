"""Caseworkers are emailed when a lead is created: after the commit, one message each, saying
only that there is a new lead (or how many), with a link to the queue; at most one email per
period, what comes meanwhile going with the next lead after it or the chat sweep."""

from __future__ import annotations

import datetime
import logging
import re

from django.core import mail
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse

from wagtail.users.models import UserProfile

import pytest

from chat.actions.consent import do_leave_message
from chat.frames import check_leave_message
from chat.referrals import notify
from chat.referrals.actions import do_create_from_consent
from chat.referrals.models import Lead, NewLeadEmail
from tests.concurrency import at_once

from .factories import user_in

pytestmark = pytest.mark.django_db

WHAT_HAPPENED = "They took my passport in Tukums; my brother Andris knows"
CONTACT = "Telegram @safe_ilze after 20:00"


def leave_message(language: str = "uk") -> None:
    do_leave_message(
        check_leave_message(
            {
                "consent": True,
                "language": language,
                "topic": "work",
                "text": WHAT_HAPPENED,
                "contact": CONTACT,
            }
        )
    )


@pytest.fixture
def staff(db):
    """A caseworker in each of two languages, and everyone who must not be emailed."""
    people = {role: user_in(role) for role in ("editor", "operator", "coordinator", "superuser")}
    people["caseworker"] = user_in("caseworker")
    people["caseworker_lv"] = user_in("caseworker", "t-caseworker-lv")
    UserProfile.objects.filter(user=people["caseworker_lv"]).update(preferred_language="lv")
    no_address = user_in("caseworker", "t-no-address")
    no_address.email = ""
    no_address.save()
    former = user_in("caseworker", "t-former")
    former.is_active = False
    former.save()
    return people


def test_a_new_lead_emails_each_caseworker_after_the_commit(
    staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        leave_message()
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()

    assert Lead.objects.count() == 1
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [staff["caseworker"].email, staff["caseworker_lv"].email]
    )
    assert all(
        len(message.to) == 1 and not message.cc and not message.bcc for message in mail.outbox
    )


def test_the_email_says_only_that_there_is_a_new_lead(staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        leave_message(language="uk")
    lead = Lead.objects.get()
    english = next(m for m in mail.outbox if m.to == [staff["caseworker"].email])
    assert english.subject == "Lantern: a new lead in the referral queue"
    assert "A new lead is waiting in the referral queue." in english.body
    assert "http://127.0.0.1:8000" + reverse("referral_queue:index") in english.body
    for message in mail.outbox:
        text = message.subject + message.body
        for personal in (WHAT_HAPPENED, "Tukums", "Andris", CONTACT, "safe_ilze"):
            assert personal not in text
        # Not even which lead, in which language, about what, or how urgent.
        for detail in (f"#{lead.pk}", f"/{lead.pk}/", "Ukrain", "uk", "work", "urgen", "immediate"):
            assert detail not in text.lower(), detail
        assert message.attachments == []
        assert not getattr(message, "alternatives", None)  # plain text only


def test_a_lead_from_the_chat_is_announced_too(staff, django_capture_on_commit_callbacks):
    """Both ways a lead is made go through the same function."""
    with django_capture_on_commit_callbacks(execute=True):
        do_create_from_consent(
            source=Lead.Source.CHAT,
            method="chat",
            language="ru",
            topic="work",
            transcript=True,
            contact="",
        )
    assert len(mail.outbox) == 2


def test_nothing_is_sent_if_the_lead_is_rolled_back(staff, django_capture_on_commit_callbacks):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        leave_message()
        raise RuntimeError
    assert callbacks == []
    assert mail.outbox == []
    assert not Lead.objects.exists()


def test_no_caseworkers_no_email(db, django_capture_on_commit_callbacks):
    user_in("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        leave_message()
    assert mail.outbox == []


def test_no_email_without_mail_settings(staff, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(notify, "email_configured", lambda: False)
    with django_capture_on_commit_callbacks(execute=True):
        leave_message()
    assert mail.outbox == []
    assert Lead.objects.count() == 1


def test_mail_settings_count_when_set_explicitly(settings):
    # The test settings name the locmem backend.
    assert notify.email_configured()


def test_a_failure_to_send_keeps_the_lead_and_logs_no_lead_data(
    staff, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(notify, "get_connection", broken)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        leave_message()
    assert Lead.objects.count() == 1
    assert "Could not send the new-lead email" in caplog.text
    assert WHAT_HAPPENED not in caplog.text and CONTACT not in caplog.text


def test_the_email_is_written_in_the_caseworkers_language(staff):
    from django.utils import translation

    with translation.override("uk"):  # the visitor's language must not leak into it
        messages = notify.new_lead_messages()
    by_address = {message.to[0]: message for message in messages}
    assert by_address[staff["caseworker"].email].subject.startswith("Lantern: a new lead")
    assert staff["caseworker_lv"].email in by_address


# --- Batched: at most one email per period --------------------------------------------------


def emails_to(person) -> list:
    return [message for message in mail.outbox if message.to == [person.email]]


def period_passes() -> None:
    """As if the last email went out a period and a second ago."""
    from django.conf import settings

    period = datetime.timedelta(minutes=settings.LANTERN_LEAD_EMAIL_MINUTES, seconds=1)
    NewLeadEmail.objects.update(sent_at=F("sent_at") - period)


def test_a_burst_of_fifty_leads_emails_each_caseworker_once(
    staff, django_capture_on_commit_callbacks
):
    """Issue 16: 50 leads in half a second emailed every caseworker 50 times."""
    for _lead in range(50):
        with django_capture_on_commit_callbacks(execute=True):
            leave_message()

    assert Lead.objects.count() == 50
    assert len(emails_to(staff["caseworker"])) == 1
    assert len(emails_to(staff["caseworker_lv"])) == 1
    assert len(mail.outbox) == 2
    # The first came at once, saying one lead; the other 49 wait for the next email.
    assert emails_to(staff["caseworker"])[0].subject == "Lantern: a new lead in the referral queue"
    assert NewLeadEmail.objects.get().pending == 49


def test_leads_within_the_period_go_with_the_next_lead_after_it(
    staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        leave_message()
    for _lead in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            leave_message()
    assert len(emails_to(staff["caseworker"])) == 1

    period_passes()
    with django_capture_on_commit_callbacks(execute=True):
        leave_message()

    latest = emails_to(staff["caseworker"])
    assert len(latest) == 2
    assert latest[1].subject == "Lantern: 4 new leads in the referral queue"
    assert "4 new leads are waiting in the referral queue." in latest[1].body
    assert "Sign in to the admin to read them:" in latest[1].body
    assert NewLeadEmail.objects.get().pending == 0


def test_the_chat_sweep_sends_what_waits_once_the_period_is_over(
    staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        leave_message()
    for _lead in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            leave_message()

    call_command("chat_sweep", stdout=open_devnull())
    assert len(emails_to(staff["caseworker"])) == 1  # the period is not over yet

    period_passes()
    call_command("chat_sweep", stdout=open_devnull())
    later = emails_to(staff["caseworker"])
    assert len(later) == 2
    assert later[1].subject == "Lantern: 2 new leads in the referral queue"

    # Nothing waits any more: the next sweep sends nothing, even after another period.
    period_passes()
    call_command("chat_sweep", stdout=open_devnull())
    assert len(emails_to(staff["caseworker"])) == 2


def test_a_quiet_period_ends_with_an_email_at_once(staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        leave_message()
    period_passes()

    with django_capture_on_commit_callbacks(execute=True):
        leave_message()

    assert [m.subject for m in emails_to(staff["caseworker"])] == [
        "Lantern: a new lead in the referral queue"
    ] * 2


def test_the_count_email_says_nothing_else(staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        leave_message()
    for language in ("lv", "ru"):
        with django_capture_on_commit_callbacks(execute=True):
            leave_message(language=language)
    period_passes()
    call_command("chat_sweep", stdout=open_devnull())

    counted = [m for m in mail.outbox if "2" in m.subject]
    assert len(counted) == 2
    latvian = next(m for m in counted if m.to == [staff["caseworker_lv"].email])
    assert "2" in latvian.subject and "Lantern" in latvian.subject
    assert "new lead" not in latvian.subject  # in the caseworker's language
    for message in counted:
        text = message.subject + message.body
        for personal in (WHAT_HAPPENED, "Tukums", "Andris", CONTACT, "safe_ilze"):
            assert personal not in text
        for lead in Lead.objects.all():
            assert f"#{lead.pk}" not in text and f"/{lead.pk}/" not in text
        assert message.attachments == []


def test_a_failure_to_send_keeps_the_count_for_the_next_try(
    staff, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    real_get_connection = notify.get_connection

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(notify, "get_connection", broken)
    with caplog.at_level(logging.ERROR):
        for _lead in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                leave_message()
    assert mail.outbox == []
    assert NewLeadEmail.objects.get().pending == 2
    assert WHAT_HAPPENED not in caplog.text

    monkeypatch.setattr(notify, "get_connection", real_get_connection)
    call_command("chat_sweep", stdout=open_devnull())
    assert [m.subject for m in emails_to(staff["caseworker"])] == [
        "Lantern: 2 new leads in the referral queue"
    ]


@pytest.mark.django_db(transaction=True)
def test_leads_made_at_once_email_each_caseworker_once():
    """Five leads committed at the same moment, from five threads (as five sockets do): each
    commit tries to send, one does."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    from chat.protocol import ChatError

    # Transactional tests run on a flushed database (no groups): the permission is given directly.
    people = []
    for name in ("t-at-once-a", "t-at-once-b"):
        person = get_user_model().objects.create_user(
            username=name, email=f"{name}@example.invalid", password="x" * 16
        )
        person.user_permissions.add(
            Permission.objects.get(content_type__app_label="referrals", codename="work_lead")
        )
        people.append(person)

    results = at_once([leave_message] * 5, expected=ChatError)

    assert not [r for r in results if isinstance(r, Exception)], results
    assert Lead.objects.count() == 5
    for person in people:
        assert len(emails_to(person)) == 1
    # In the site's default language (they chose none): "… jauna lieta …" or "… 3 jaunas …".
    count = re.search(r"\d+", emails_to(people[0])[0].subject)
    announced = int(count.group()) if count else 1
    assert announced + NewLeadEmail.objects.get().pending == 5


def open_devnull():
    from io import StringIO

    return StringIO()
