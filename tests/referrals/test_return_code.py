"""Coming back later with a return code (issue 19): a consent gives the person a return code,
shown once and kept only as a keyed hash; with it, from any browser, they open their thread at
/<language>/return/, read what staff answered and write again. Staff answer from the operator
console's replies or from the lead. Throttled like withdrawal; ends with withdrawal or
retention."""

from __future__ import annotations

import datetime
import re

from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import pytest
from bs4 import BeautifulSoup

from chat.actions.consent import do_leave_message
from chat.consent import hash_return_code, hash_withdrawal_code, normalise_withdrawal_code
from chat.frames import LeftMessage
from chat.referrals import retention, thread, views, withdrawal
from chat.referrals.models import ConsentRecord, Lead, ThreadMessage
from lantern import ratelimit
from tests.referrals.queue.factories import client_for, user_in

from .lead_data import consented_lead, tables_containing

pytestmark = pytest.mark.django_db

RETURN_CODE = re.compile(r"^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$")


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def problems_of(page) -> list[str]:
    return [li.get_text(" ", strip=True) for li in page.select("main .error-summary li")]


def left_message(text: str = "The agency keeps my wages. Kestrel", language: str = "uk"):
    return do_leave_message(
        LeftMessage(language=language, topic="work", what_happened=text, contact="")
    )


def thread_texts(page) -> list[tuple[str, str]]:
    """(sender class, text) of each message the return page shows."""
    return [
        (
            next(c for c in li["class"] if c.startswith("thread__message--")).split("--")[1],
            li.select_one(".thread__text").get_text(" ", strip=True),
        )
        for li in page.select("main ol.thread > li")
    ]


def raw_column(table: str, column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608 - names from the test
        return " ".join(str(row[0]) for row in cursor.fetchall())


# --- The code -----------------------------------------------------------------------------------


def test_a_consent_gives_a_return_code_kept_only_as_a_keyed_hash():
    consented = left_message()
    code = consented.return_code
    assert RETURN_CODE.match(code), code
    assert normalise_withdrawal_code(code) != normalise_withdrawal_code(consented.withdrawal_code)
    record = ConsentRecord.objects.get(lead=consented.lead)
    assert record.return_code_hash == hash_return_code(code)
    assert record.return_code_hash != hash_withdrawal_code(code)
    # The code itself is nowhere; a withdrawal code does not open the thread, nor the reverse.
    assert tables_containing(code) == []
    assert tables_containing(normalise_withdrawal_code(code)) == []
    assert thread.lead_for(code) == consented.lead
    assert thread.lead_for(consented.withdrawal_code) is None
    assert withdrawal.do_withdraw(code) is False


# --- The return page ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["lv", "uk"])
def test_the_person_reads_the_answer_and_writes_again(language):
    consented = left_message("They took my passport. Kestrel", language=language)
    operator = user_in("operator")
    thread.do_staff_answers(operator, consented.lead, "We can help. Are you safe now?")
    client = Client()

    page = soup(client.get(f"/{language}/return/"))
    assert page.html["lang"] == language
    form = page.select_one("main form")
    assert form["method"] == "post" and form["action"] == f"/{language}/return/"
    assert page.select_one('label[for="return-code"]').get_text(strip=True)

    # The code as typed from memory: lower case, without the dashes.
    typed = consented.return_code.replace("-", "").lower()
    response = client.post(f"/{language}/return/", {"code": typed})
    assert response.status_code == 200
    page = soup(response)
    assert thread_texts(page) == [
        ("person", "They took my passport. Kestrel"),
        ("staff", "We can help. Are you safe now?"),
    ]
    # The code travels in the form only: never in an address, no cookie, nothing cached.
    write = page.select_one("main form.thread__form")
    assert write["action"] == f"/{language}/return/"
    assert write.select_one("input[type=hidden][name=code]")["value"] == typed
    assert not response.cookies and not client.cookies
    assert "no-store" in response["Cache-Control"]

    response = client.post(
        f"/{language}/return/", {"code": typed, "text": "Yes. Call me on Friday.", "write": "1"}
    )
    page = soup(response)
    assert page.select_one("#return-result").get_text(strip=True)
    assert thread_texts(page)[-1] == ("person", "Yes. Call me on Friday.")
    lead = Lead.objects.get(pk=consented.lead.pk)
    assert lead.reply_waiting_since is not None
    assert list(thread.waiting()) == [lead]
    # Sealed with the lead's key: the words are not in the table as stored.
    assert "Call me on Friday" not in raw_column("referrals_threadmessage", "text")
    assert (
        ThreadMessage.objects.filter(sender="person").latest("pk").text == "Yes. Call me on Friday."
    )


def test_a_chat_thread_starts_empty_and_is_answered_from_the_lead(client):
    lead, _code, _conversation = consented_lead(language="ru")
    record = ConsentRecord.objects.get(lead=lead)
    code = "ABCD-EFGH-JKLM"
    ConsentRecord.objects.filter(pk=record.pk).update(return_code_hash=hash_return_code(code))
    page = soup(client.post("/ru/return/", {"code": code}))
    assert thread_texts(page) == []
    assert page.select_one("main form.thread__form textarea[name=text]") is not None

    caseworker = client_for(user_in("caseworker"))
    lead_page = soup(caseworker.get(reverse("referral_queue:lead", args=[lead.pk])))
    assert lead_page.select_one("#lead-thread-section form")["action"] == reverse(
        "referral_queue:answer", args=[lead.pk]
    )
    caseworker.post(reverse("referral_queue:answer", args=[lead.pk]), {"answer-text": "Мы здесь."})
    page = soup(client.post("/ru/return/", {"code": code}))
    assert thread_texts(page) == [("staff", "Мы здесь.")]


@pytest.mark.parametrize(
    ("typed", "status"),
    [("", 400), ("ABCDE-FGHJK", 400), ("ABCD-EFGH-JKL0", 400), ("ABCD-EFGH-JKLM", 200)],
)
def test_a_code_that_opens_nothing_is_explained(client, typed, status):
    left_message()
    response = client.post("/en/return/", {"code": typed})
    assert response.status_code == status
    page = soup(response)
    [problem] = problems_of(page)
    assert page.select_one(".error-summary a")["href"] == "#return-code"
    assert page.select_one("#return-code")["aria-invalid"] == "true"
    assert page.title.get_text().startswith("Error:")
    if status == 200:
        assert problem == views.come_back_messages()["not_found"]
    assert page.select("main ol.thread") == []


def test_an_empty_or_long_message_is_refused_and_kept_in_the_box(client):
    consented = left_message()
    code = consented.return_code
    empty = client.post("/en/return/", {"code": code, "text": "   ", "write": "1"})
    assert empty.status_code == 400
    assert problems_of(soup(empty)) == [views.come_back_messages()["empty"]]
    long = "x" * (thread.MAX_CHARS + 1)
    refused = client.post("/en/return/", {"code": code, "text": long, "write": "1"})
    assert refused.status_code == 400
    page = soup(refused)
    assert len(problems_of(page)) == 1
    assert page.select_one("#return-text").get_text() == long
    assert ThreadMessage.objects.count() == 1  # the left message only
    assert Lead.objects.get(pk=consented.lead.pk).reply_waiting_since is None


# --- Throttled like withdrawal ---------------------------------------------------------------


def test_guesses_are_limited_per_code_prefix(client, settings):
    settings.LANTERN_WITHDRAWAL_ATTEMPTS_PER_PREFIX = 3
    code = left_message().return_code
    first = normalise_withdrawal_code(code)[:5]
    for n in range(3):
        rest = "".join("ABCDEFGHJK"[(n + i) % 10] for i in range(7))
        guess = first + rest
        assert guess != normalise_withdrawal_code(code)
        assert client.post("/en/return/", {"code": guess}).status_code == 200
    refused = client.post("/en/return/", {"code": code})
    assert refused.status_code == 429
    assert problems_of(soup(refused)) == [views.come_back_messages()["limited"]]
    assert soup(refused).select("main ol.thread") == []
    # The withdrawal page's counters are its own.
    assert client.post("/en/withdraw/", {"code": "ABCDE-FGHJK"}).status_code == 200


def test_without_a_proof_the_attempts_of_everybody_together_are_limited(
    client, settings, monkeypatch
):
    settings.LANTERN_WITHDRAWAL_ATTEMPTS_TOTAL = 2
    clock = {"now": 2_000_000.0}
    monkeypatch.setattr(ratelimit.time, "time", lambda: clock["now"])
    code = left_message().return_code
    for prefix in ("AAAA", "BBBB"):
        client.post("/en/return/", {"code": f"{prefix}-2222-3333"})
    refused = client.post("/en/return/", {"code": code})
    assert refused.status_code == 429
    page = soup(refused)
    assert problems_of(page) == [views.come_back_messages()["needs_check"]]
    assert page.select_one("#return-code")["value"] == code
    assert page.select_one("main form input[name=proof][data-challenge]") is not None
    clock["now"] += settings.LANTERN_WITHDRAWAL_WINDOW_SECONDS
    assert client.post("/en/return/", {"code": code}).status_code == 200


# --- Ends with withdrawal or retention ---------------------------------------------------------


def test_withdrawal_deletes_the_thread_and_the_code_opens_nothing(client):
    consented = left_message()
    thread.do_person_writes(consented.lead, thread.check_text("Again. Kestrel"))
    assert withdrawal.do_withdraw(consented.withdrawal_code) is True
    assert not ThreadMessage.objects.exists()
    response = client.post("/en/return/", {"code": consented.return_code})
    assert problems_of(soup(response)) == [views.come_back_messages()["not_found"]]


def test_retention_deletes_the_thread_and_forgets_the_code(client):
    consented = left_message()
    thread.do_staff_answers(user_in("caseworker"), consented.lead, "An answer. Kestrel")
    thread.do_person_writes(consented.lead, thread.check_text("A question. Kestrel"))
    closed = timezone.now() - datetime.timedelta(days=3 * 365)
    Lead.objects.filter(pk=consented.lead.pk).update(status=Lead.Status.CLOSED, closed_at=closed)
    retention.apply_retention(timezone.now())
    assert not ThreadMessage.objects.exists()
    assert ConsentRecord.objects.get(lead=consented.lead).return_code_hash is None
    assert Lead.objects.get(pk=consented.lead.pk).reply_waiting_since is None
    assert tables_containing("Kestrel") == []
    assert thread.lead_for(consented.return_code) is None


# --- Staff answer: the console's replies, the lead ---------------------------------------------


def test_the_console_lists_who_came_back_and_an_operator_answers():
    consented = left_message("Help. Kestrel", language="lv")
    thread.do_person_writes(consented.lead, thread.check_text("Are you there?"))
    operator = client_for(user_in("operator"))
    console = soup(operator.get(reverse("chat_console")))
    [link] = console.select("[data-replies] a")
    url = reverse("chat_reply", args=[consented.lead.pk])
    assert link["href"] == url
    page = soup(operator.get(url))
    texts = [p.get_text(strip=True) for p in page.select(".lead-timeline .lead-text")]
    assert texts == ["Help. Kestrel", "Are you there?"]
    # The thread only: nothing of the lead's details, which are the caseworkers'.
    assert page.select("#lead-consent-section, #lead-contact-section, #lead-notes-section") == []

    response = operator.post(url, {"answer-text": "Yes, we are here."})
    assert response.status_code == 302
    assert ThreadMessage.objects.filter(sender="staff").get().text == "Yes, we are here."
    assert thread.waiting().count() == 0
    console = soup(operator.get(reverse("chat_console")))
    assert console.select("[data-replies] a") == []


@pytest.mark.parametrize("role", [None, "editor", "moderator", "caseworker", "outsider"])
def test_only_operators_answer_from_the_console(role):
    consented = left_message()
    client = client_for(user_in(role) if role else None)
    url = reverse("chat_reply", args=[consented.lead.pk])
    for response in (client.get(url), client.post(url, {"answer-text": "Hello"})):
        assert response.status_code in (302, 403)
        if role is None:
            assert "/login/" in response["Location"]
    assert not ThreadMessage.objects.filter(sender="staff").exists()


@pytest.mark.parametrize("role", [None, "operator", "editor", "coordinator"])
def test_only_caseworkers_answer_from_the_lead(role):
    consented = left_message()
    client = client_for(user_in(role) if role else None)
    response = client.post(
        reverse("referral_queue:answer", args=[consented.lead.pk]), {"answer-text": "Hello"}
    )
    assert response.status_code in (302, 403)
    assert not ThreadMessage.objects.filter(sender="staff").exists()


def test_the_widget_says_where_to_come_back_in_the_pages_language(client, tree):
    import json

    for language in ("lv", "uk"):
        page = soup(client.get(f"/{language}/"))
        config = json.loads(page.find(id="lantern-chat-config").string)
        assert config["returnUrl"] == f"/{language}/return/"
        assert page.select_one(".chat__comeback a")["href"] == f"/{language}/return/"
        with translation.override(language):
            assert config["strings"]["returnLink"]


# --- What the review found ---------------------------------------------------------------------


def test_an_operator_opens_only_a_thread_that_waits_for_an_answer():
    waiting = left_message("Waiting. Kestrel")
    thread.do_person_writes(waiting.lead, "Hello?")
    quiet = left_message("Nobody came back. Kestrel")  # never wrote again: not in the replies
    operator = client_for(user_in("operator"))
    assert operator.get(reverse("chat_reply", args=[waiting.lead.pk])).status_code == 200
    for pk in (quiet.lead.pk, quiet.lead.pk + 1000):
        # Not found (the language middleware may send the address on to a public 404 page).
        for response in (
            operator.get(reverse("chat_reply", args=[pk]), follow=True),
            operator.post(reverse("chat_reply", args=[pk]), {"answer-text": "x"}, follow=True),
        ):
            assert response.status_code == 404
            assert b"Nobody came back" not in response.content
    assert not ThreadMessage.objects.filter(sender="staff").exists()


def test_the_answer_box_and_the_note_box_are_never_taken_for_each_other(client):
    consented = left_message()
    caseworker = client_for(user_in("caseworker"))
    page = soup(caseworker.get(reverse("referral_queue:lead", args=[consented.lead.pk])))
    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    answer = page.select_one("#lead-thread-section textarea")
    assert answer["name"] == "answer-text"
    assert page.select_one(f'label[for="{answer["id"]}"]') is not None
    note = page.select_one("#lead-notes-section textarea")
    assert note["name"] == "text" and note["id"] != answer["id"]


@pytest.mark.parametrize("text", ["\x01\x02", "\u202e", "\u0958" * 4000])
def test_a_message_that_is_no_text_or_grows_too_long_is_answered_not_a_failure(client, text):
    code = left_message().return_code
    response = client.post("/en/return/", {"code": code, "text": text, "write": "1"})
    assert response.status_code == 400
    assert len(problems_of(soup(response))) == 1
    assert ThreadMessage.objects.filter(sender="person").count() == 1  # the left message only


def test_coming_back_again_and_again_is_not_taken_for_guessing(client, settings):
    settings.LANTERN_WITHDRAWAL_ATTEMPTS_PER_PREFIX = 3
    code = left_message().return_code
    for n in range(6):
        page = soup(client.post("/en/return/", {"code": code}))
        once = page.select_one("input[name=once]")["value"]
        sent = client.post(
            "/en/return/", {"code": code, "text": f"Message {n}", "write": "1", "once": once}
        )
        assert sent.status_code == 200, n
    assert ThreadMessage.objects.filter(sender="person").count() == 7


def test_a_reloaded_send_keeps_the_message_once(client):
    code = left_message().return_code
    once = soup(client.post("/en/return/", {"code": code})).select_one("input[name=once]")["value"]
    data = {"code": code, "text": "Only once, please.", "write": "1", "once": once}
    first = client.post("/en/return/", data)
    again = client.post("/en/return/", data)
    assert first.status_code == again.status_code == 200
    assert soup(again).select_one("#return-result") is not None
    assert [m.text for m in ThreadMessage.objects.all()].count("Only once, please.") == 1


def test_a_message_refused_for_now_is_kept_to_send_again(client, settings, monkeypatch):
    settings.LANTERN_WITHDRAWAL_ATTEMPTS_TOTAL = 1
    clock = {"now": 3_000_000.0}
    monkeypatch.setattr(ratelimit.time, "time", lambda: clock["now"])
    code = left_message().return_code
    client.post("/en/return/", {"code": code})
    refused = client.post("/en/return/", {"code": code, "text": "Please call me.", "write": "1"})
    assert refused.status_code == 429
    page = soup(refused)
    assert page.select_one("main form textarea[name=text]").get_text() == "Please call me."
    assert page.select_one("main form input[name=write]") is not None
    clock["now"] += settings.LANTERN_WITHDRAWAL_WINDOW_SECONDS
    again = client.post("/en/return/", {"code": code, "text": "Please call me.", "write": "1"})
    assert again.status_code == 200
    assert "Please call me." in [m.text for m in ThreadMessage.objects.all()]


def test_what_the_person_wrote_meanwhile_keeps_the_thread_waiting():
    consented = left_message()
    seen = thread.do_person_writes(consented.lead, "First question")
    thread.do_person_writes(consented.lead, "Second question, while staff wrote")
    thread.do_staff_answers(user_in("caseworker"), consented.lead, "Answer", seen.pk)
    assert Lead.objects.get(pk=consented.lead.pk).reply_waiting_since is not None
    latest = ThreadMessage.objects.filter(sender="person").latest("pk")
    thread.do_staff_answers(user_in("caseworker", "t-cw2"), consented.lead, "More", latest.pk)
    assert Lead.objects.get(pk=consented.lead.pk).reply_waiting_since is None


def test_the_first_message_stays_as_the_person_wrote_it():
    consented = left_message("As I wrote it. Kestrel")
    Lead.objects.filter(pk=consented.lead.pk).update(what_happened="")
    lead = Lead.objects.get(pk=consented.lead.pk)
    lead.what_happened = "Corrected by a caseworker"
    lead.save()
    assert [e.text for e in thread.entries(lead)] == ["As I wrote it. Kestrel"]


def test_writing_after_a_withdrawal_finds_nothing():
    consented = left_message()
    lead = consented.lead
    withdrawal.do_withdraw(consented.withdrawal_code)
    assert thread.do_person_writes(lead, "Still there?") is None
