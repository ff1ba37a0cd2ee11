"""Caseworkers are emailed when a lead is created: after the commit, one message each, saying
only that there is a new lead, with a link to the queue."""

from __future__ import annotations

import logging

from django.core import mail
from django.urls import reverse

from wagtail.users.models import UserProfile

import pytest

from chat.actions.consent import do_leave_message
from chat.frames import check_leave_message
from chat.referrals import notify
from chat.referrals.actions import do_create_from_consent
from chat.referrals.models import Lead

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
