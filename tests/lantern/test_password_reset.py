"""The admin's password reset (lantern.password_reset): throttled per address and for
everybody, without the address stored anywhere; the same answer and the same work in the
request whether an account has the address or not; links good for an hour."""

import datetime
import re
import threading
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from lantern import password_reset

pytestmark = pytest.mark.django_db

RESET_URL = "/admin/password_reset/"
ADDRESS = "Reset.Person@Example.org"


@pytest.fixture
def person(db):
    return get_user_model().objects.create_user(
        username="reset-person", email=ADDRESS, password="an old password 123"
    )


@pytest.fixture
def jobs(monkeypatch):
    """Mails wait until the test runs them (`jobs.run_pending()`), in the test's thread."""
    queue = password_reset.DeferredJobs(threaded=False)
    monkeypatch.setattr(password_reset, "deferred", queue)
    return queue


def ask(client, email: str):
    return client.post(RESET_URL, {"email": email})


def test_one_address_gets_a_few_mails_whatever_the_number_of_requests(
    client, person, jobs, settings
):
    for _ in range(20):
        response = ask(client, ADDRESS.lower() if _ % 2 else ADDRESS)
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_password_reset_done")
    jobs.run_pending()

    assert len(mail.outbox) == settings.LANTERN_PASSWORD_RESET_PER_ACCOUNT
    assert all(message.to == [person.email] for message in mail.outbox)


def test_everybody_together_is_capped(client, jobs, settings):
    settings.LANTERN_PASSWORD_RESET_TOTAL = 5
    for number in range(12):
        get_user_model().objects.create_user(
            username=f"reset-{number}", email=f"reset-{number}@example.org", password="x" * 16
        )
        assert ask(client, f"reset-{number}@example.org").status_code == 302
    jobs.run_pending()

    assert len(mail.outbox) == 5


def test_the_mail_is_made_and_sent_after_the_response(client, person, jobs):
    with CaptureQueriesContext(connection) as queries:
        ask(client, ADDRESS)

    assert mail.outbox == []
    assert not any("auth_user" in query["sql"] for query in queries.captured_queries)
    assert jobs.run_pending() == 1
    assert len(mail.outbox) == 1
    assert "/admin/password_reset/confirm/" in mail.outbox[0].body


def without_per_request_values(html: str) -> str:
    """`html` without its CSRF tokens (the form's and the admin's settings') and CSP nonces,
    which differ on every response."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    html = re.sub(r'"CSRF_TOKEN": "[^"]*"', "", html)
    return re.sub(r'nonce="[^"]*"', "", html)


def test_known_and_unknown_addresses_get_the_same_answer_and_the_same_work(client, person, jobs):
    answers = []
    for email in (ADDRESS, "nobody@example.org"):
        with CaptureQueriesContext(connection) as queries:
            response = ask(client, email)
        done = client.get(response["Location"])
        answers.append(
            (
                response.status_code,
                response["Location"],
                response.content,
                len(queries.captured_queries),
                done.status_code,
                without_per_request_values(done.content.decode()),
            )
        )
    assert answers[0] == answers[1]
    jobs.run_pending()
    assert [message.to for message in mail.outbox] == [[person.email]]


def test_a_throttled_request_gets_the_same_answer(client, person, jobs, settings):
    answers = set()
    for _ in range(settings.LANTERN_PASSWORD_RESET_PER_ACCOUNT + 2):
        response = ask(client, ADDRESS)
        answers.add((response.status_code, response["Location"], response.content))
    assert len(answers) == 1


def test_nothing_stored_holds_the_address(client, person, jobs):
    for _ in range(5):
        ask(client, ADDRESS)
    jobs.run_pending()

    cache = caches["default"]
    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):  # local memory
        stored = [str(key) + repr(value) for key, value in cache._cache.items()]
    else:  # Redis: this run's keys
        client_ = cache._cache.get_client(write=True)
        keys = list(client_.scan_iter(match=cache.make_key("*")))
        stored = [key.decode() + repr(client_.get(key)) for key in keys]
    assert any("password-reset" in item for item in stored)
    for item in stored:
        for spelling in (ADDRESS, ADDRESS.lower(), "reset.person", "Reset.Person"):
            assert spelling not in item


def test_the_link_works_for_an_hour_and_no_longer(client, person, jobs, monkeypatch):
    ask(client, ADDRESS)
    jobs.run_pending()
    link = re.search(r"https?://[^/\s]+(/admin/password_reset/confirm/\S+)", mail.outbox[0].body)
    assert link is not None
    made = default_token_generator._now()

    def open_link(after_seconds: int) -> bool:
        monkeypatch.setattr(
            default_token_generator,
            "_now",
            lambda: made + datetime.timedelta(seconds=after_seconds),
        )
        response = client.get(link.group(1), follow=True)
        assert response.status_code == 200
        return response.context["validlink"]

    assert open_link(3600 - 5) is True
    assert open_link(3600 + 5) is False


def test_the_deferred_jobs_run_on_their_own_thread():
    queue = password_reset.DeferredJobs()
    ran_on = []
    done = threading.Event()

    def job():
        ran_on.append(threading.current_thread().name)
        done.set()

    def failing():
        raise RuntimeError("the job failed")

    assert queue.put(failing)
    assert queue.put(job)
    assert done.wait(10)
    assert queue.wait_idle(10)
    assert ran_on == ["lantern-deferred-mail"]


def test_too_many_waiting_jobs_are_dropped():
    queue = password_reset.DeferredJobs(threaded=False, max_waiting=2)
    assert [queue.put(lambda: None) for _ in range(3)] == [True, True, False]
    assert queue.run_pending() == 2


def test_counting_uses_windows(settings):
    settings.LANTERN_PASSWORD_RESET_PER_ACCOUNT = 1
    now = time.time()
    window = settings.LANTERN_PASSWORD_RESET_WINDOW_SECONDS
    assert password_reset.admit(ADDRESS, now) is True
    assert password_reset.admit(ADDRESS.upper(), now) is False
    assert password_reset.admit(ADDRESS, now + window) is True
