"""Withdrawal of consent: the public page at /<language>/withdraw/, end to end.

A lead is made the way a visitor makes one (start, accept, talk, consent with transcript and
contact, close), a caseworker adds a note, and the code the visitor got deletes all of it."""

from __future__ import annotations

import json
import random

from django.test import Client
from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from chat.actions.consent import do_answer_consent
from chat.actions.conversations import do_close, do_start
from chat.actions.messages import do_post_message
from chat.actions.operators import do_accept
from chat.consent import hash_withdrawal_code
from chat.frames import ConsentAnswer
from chat.models import Conversation, Message
from chat.referrals import views, withdrawal
from chat.referrals.models import ConsentRecord, Lead, LeadNote, Withdrawal
from lantern import challenge, ratelimit
from lantern.testing.challenge import solve

from .lead_data import consented_lead, make_operator, tables_containing

pytestmark = pytest.mark.django_db


# --- Helpers ---------------------------------------------------------------------------------


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def assert_no_cookie(response, client) -> None:
    assert not response.cookies, list(response.cookies)
    assert "Set-Cookie" not in response
    assert not client.cookies


@pytest.fixture
def marked_messages(monkeypatch):
    """The result messages carry the language they were rendered in, so a test can tell the
    visitor's language even where a catalogue lacks the translation."""
    real_gettext, real_ngettext = views.gettext, views.ngettext
    monkeypatch.setattr(
        views, "gettext", lambda m: f"[{translation.get_language()}] {real_gettext(m)}"
    )
    monkeypatch.setattr(
        views,
        "ngettext",
        lambda s, p, n: f"[{translation.get_language()}] {real_ngettext(s, p, n)}",
    )


# --- The page --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["lv", "uk"])
def test_page_in_the_frame_of_the_site(client, language):
    response = client.get(f"/{language}/withdraw/")

    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == language
    assert page.select_one(".quick-exit") is not None
    assert page.select_one('a[href="tel:112"]') is not None
    switcher = {a["hreflang"]: a["href"] for a in page.select(".language-switcher a")}
    assert switcher == {code: f"/{code}/withdraw/" for code in ("lv", "en", "ru", "uk")}
    form = page.select_one("main form")
    assert form["action"] == f"/{language}/withdraw/" and form["method"] == "post"
    field = page.select_one("#withdraw-code")
    assert page.select_one('label[for="withdraw-code"]').get_text(strip=True)
    assert "withdraw-code-help" in field["aria-describedby"]
    assert not page.select('input[name="csrfmiddlewaretoken"]')
    # No inline script or style: the CSP allows neither on public pages (JSON data is not run).
    assert all(
        script.get("src") or script.get("type") == "application/json"
        for script in page.select("script")
    )
    assert not page.select("style") and not page.select("[style]")
    assert "no-store" in response["Cache-Control"]
    assert_no_cookie(response, client)


@pytest.mark.parametrize("language", ["ru", "uk"])
def test_valid_code_deletes_lead_notes_consent_and_transcript(client, marked_messages, language):
    lead, code, conversation_id = consented_lead(language, marker=f"Heron{language}")
    other, other_code, _ = consented_lead("lv", marker="Kingfisher")
    secret = f"Heron{language}"
    assert lead.transcript and ConsentRecord.objects.filter(lead=lead).exists()
    assert tables_containing(f"{secret}-transcript") and tables_containing(f"{secret}-note")

    response = client.post(f"/{language}/withdraw/", {"code": code})

    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == language
    result = page.select_one("#withdraw-result")
    assert result["role"] == "status"
    assert result.get_text().startswith(f"[{language}] ")
    assert not Lead.objects.filter(pk=lead.pk).exists()
    assert not ConsentRecord.objects.filter(lead_id=lead.pk).exists()
    assert not LeadNote.objects.filter(lead_id=lead.pk).exists()
    for part in ("transcript", "contact", "summary", "place", "note"):
        assert tables_containing(f"{secret}-{part}") == [], part
    assert Withdrawal.objects.count() == 1
    # What the closed conversation keeps is anonymous, and stays.
    conversation = Conversation.objects.get(pk=conversation_id)
    assert conversation.status == Conversation.Status.CLOSED
    assert not conversation.messages.exists()
    # The other person's lead is untouched.
    assert Lead.objects.filter(pk=other.pk).exists()
    assert tables_containing("Kingfisher-note")
    assert_no_cookie(response, client)

    # The code has done its work: a second time it unlocks nothing.
    again = client.post(f"/{language}/withdraw/", {"code": code})
    assert len(problems_of(soup(again))) == 1
    assert Withdrawal.objects.count() == 1
    assert Lead.objects.filter(pk=other.pk).exists() and other_code


def problems_of(page) -> list[str]:
    """What the error summary lists (includes/error_summary.html)."""
    return [item.get_text(strip=True) for item in page.select(".error-summary li")]


def test_code_as_typed_from_memory(client):
    lead, code, _ = consented_lead()
    typed = " " + code.lower().replace("-", " ") + " "

    response = client.post("/en/withdraw/", {"code": typed})

    assert response.status_code == 200
    assert not Lead.objects.filter(pk=lead.pk).exists()


def test_wrong_code_changes_nothing(client, marked_messages):
    lead, code, _ = consented_lead()
    wrong = "ABCDE-FGHJK" if code != "ABCDE-FGHJK" else "ABCDE-FGHJM"
    notes = LeadNote.objects.count()

    response = client.post("/ru/withdraw/", {"code": wrong})

    assert response.status_code == 200
    page = soup(response)
    # The error summary says it, with a link to the field, and so does the field.
    [problem] = problems_of(page)
    assert problem.startswith("[ru] ")
    assert page.select_one(".error-summary a")["href"] == "#withdraw-code"
    assert page.select_one("#withdraw-code-error").get_text(" ", strip=True).endswith(problem)
    assert "withdraw-code-error" in page.select_one("#withdraw-code")["aria-describedby"]
    assert page.select_one("#withdraw-code")["aria-invalid"] == "true"
    assert Lead.objects.filter(pk=lead.pk).exists()
    assert ConsentRecord.objects.filter(lead=lead).exists()
    assert LeadNote.objects.count() == notes
    assert Lead.objects.get(pk=lead.pk).transcript
    assert not Withdrawal.objects.exists()
    assert_no_cookie(response, client)


@pytest.mark.parametrize("typed", ["", "ABC", "ABCDE-FGHJK-LMNPQ", "ABCDE-FGH10"])
def test_malformed_code_is_explained(client, typed):
    lead, _code, _ = consented_lead()

    response = client.post("/en/withdraw/", {"code": typed})

    assert response.status_code == 400
    page = soup(response)
    error = page.select_one("#withdraw-code-error")
    assert error is not None and error.get_text(strip=True)
    # The summary at the top lists the same problem, linked to the field.
    [problem] = problems_of(page)
    assert error.get_text(" ", strip=True).endswith(problem)
    assert page.select_one(".error-summary a")["href"] == "#withdraw-code"
    field = page.select_one("#withdraw-code")
    assert "withdraw-code-error" in field["aria-describedby"]
    assert field["aria-invalid"] == "true"
    assert page.title.get_text().startswith("Error:")
    assert Lead.objects.filter(pk=lead.pk).exists()
    assert not Withdrawal.objects.exists()


def test_no_csrf_cookie_needed(db):
    """The form works for a browser that has no cookie at all, with CSRF checks on."""
    lead, code, _ = consented_lead()
    client = Client(enforce_csrf_checks=True)

    assert_no_cookie(client.get("/lv/withdraw/"), client)
    response = client.post("/lv/withdraw/", {"code": code})

    assert response.status_code == 200
    assert not Lead.objects.filter(pk=lead.pk).exists()
    assert_no_cookie(response, client)


def test_withdrawal_during_an_open_conversation():
    """Withdrawn while the chat is still going on: the lead goes at once, and the close that
    follows finds no lead and deletes the messages as for any chat without consent."""
    operator = make_operator()
    conversation, _token = do_start("lv", "online")
    do_accept(operator, conversation.pk)
    do_post_message(conversation.pk, Message.Sender.VISITOR, "Egret-text", client_id="v")
    code = do_answer_consent(
        conversation.pk, ConsentAnswer(grant=True, transcript=True, contact="")
    ).withdrawal_code

    assert withdrawal.do_withdraw(code) is True
    do_close(conversation.pk, Conversation.Outcome.VISITOR_ENDED)

    assert not Lead.objects.exists()
    assert tables_containing("Egret-text") == []


def test_withdrawal_record_holds_only_a_date():
    _lead, code, _ = consented_lead()

    assert withdrawal.do_withdraw(code) is True

    assert [f.name for f in Withdrawal._meta.concrete_fields] == ["id", "date"]
    assert withdrawal.do_withdraw(code) is False
    assert withdrawal.do_withdraw("not a code") is False
    assert Withdrawal.objects.count() == 1


# --- Rate limit ------------------------------------------------------------------------------


def _other_code_with_prefix(code: str, n: int) -> str:
    """A well-formed code with the same first group as `code`, that is not `code`."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    suffix = "".join(alphabet[(n * 7 + i) % len(alphabet)] for i in range(5))
    candidate = f"{code[:5]}-{suffix}"
    assert candidate != code
    return candidate


def test_rate_limit_per_code_prefix(client, settings):
    settings.LANTERN_WITHDRAWAL_ATTEMPTS_PER_PREFIX = 3
    lead, code, _ = consented_lead()
    other, other_code, _ = consented_lead(marker="Stork")
    assert other_code[:5] != code[:5]

    for n in range(3):
        wrong = client.post("/lv/withdraw/", {"code": _other_code_with_prefix(code, n)})
        assert wrong.status_code == 200
    refused = client.post("/lv/withdraw/", {"code": code})

    assert refused.status_code == 429
    assert len(problems_of(soup(refused))) == 1
    assert Lead.objects.filter(pk=lead.pk).exists()
    assert not Withdrawal.objects.exists()
    # Codes that start otherwise are still checked.
    assert client.post("/lv/withdraw/", {"code": other_code}).status_code == 200
    assert not Lead.objects.filter(pk=other.pk).exists()
    assert_no_cookie(refused, client)


def test_attempts_without_a_proof_are_limited_for_everyone_together(
    client, settings, monkeypatch, marked_messages
):
    """Without JavaScript (no proof of work) a code is checked only within the attempts allowed
    for everybody together; past them the page says what to do and keeps the code typed."""
    settings.LANTERN_WITHDRAWAL_ATTEMPTS_TOTAL = 3
    clock = {"now": 1_000_000.0}
    monkeypatch.setattr(ratelimit.time, "time", lambda: clock["now"])
    lead, code, _ = consented_lead()

    for prefix in ("AAAAA", "BBBBB", "CCCCC"):
        assert client.post("/en/withdraw/", {"code": f"{prefix}-22222"}).status_code == 200
    refused = client.post("/en/withdraw/", {"code": code})

    assert refused.status_code == 429
    page = soup(refused)
    [problem] = problems_of(page)
    assert problem.startswith("[en] ")
    assert problem == views.withdrawal_messages()["needs_check"]
    # What to do without JavaScript, shown only to a browser without it.
    assert "JavaScript" in page.select_one("noscript").get_text()
    # The code stays in the field, and the form carries a fresh challenge: press again.
    assert page.select_one("#withdraw-code")["value"] == code
    assert page.select_one("main form input[name=proof][data-challenge]") is not None
    assert Lead.objects.filter(pk=lead.pk).exists()
    assert_no_cookie(refused, client)

    # The next window starts afresh.
    clock["now"] += settings.LANTERN_WITHDRAWAL_WINDOW_SECONDS
    assert client.post("/en/withdraw/", {"code": code}).status_code == 200
    assert not Lead.objects.filter(pk=lead.pk).exists()


def test_rate_limit_keys_reveal_no_code(monkeypatch):
    """The cache holds counters under keyed hashes, never a code or part of one."""
    keys = []
    real_add = ratelimit.cache.add

    def add(key, *args, **kwargs):
        keys.append(key)
        return real_add(key, *args, **kwargs)

    monkeypatch.setattr(ratelimit.cache, "add", add)
    assert withdrawal.register_attempt("QWERT-YUPAS", proven=False) == ""
    assert len(keys) == 2
    assert not any("QWERT" in key.upper() for key in keys)
    assert hash_withdrawal_code("QWERT-YUPAS") not in "".join(keys)


# --- The proof of work ---------------------------------------------------------------------------


def random_code(rng: random.Random) -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    letters = "".join(rng.choice(alphabet) for _ in range(10))
    return f"{letters[:5]}-{letters[5:]}"


def proof_on(response) -> str:
    """Solve the challenge the page carries, as the page's script does."""
    field = soup(response).select_one("main form input[type=hidden][name=proof]")
    return solve(json.loads(field["data-challenge"]))


def test_the_page_carries_a_challenge_and_its_script(client):
    response = client.get("/lv/withdraw/")

    page = soup(response)
    form = page.select_one("main form")
    field = form.select_one("input[type=hidden][name=proof]")
    assert not field.get("value")
    issued = json.loads(field["data-challenge"])
    assert issued["parameters"]["algorithm"] == challenge.ALGORITHM and issued["signature"]
    assert field["data-challenge-waiting"]  # what the status line says while a submit waits
    status = form.select_one("[data-challenge-status]")
    assert status["role"] == "status" and not status.get_text(strip=True)
    assert form.select_one("script[type=module]")["src"].endswith("js/challenge-form.js")
    # A new challenge each time the page is shown.
    again = soup(client.get("/lv/withdraw/")).select_one("input[name=proof]")
    assert again["data-challenge"] != field["data-challenge"]
    assert_no_cookie(response, client)


def test_after_a_flood_of_random_codes_a_real_code_with_its_proof_withdraws(client, settings):
    """300 well-formed random codes (as in issue 16, which then paused every code for the rest
    of the hour): a code sent with the page's proof of work is still checked."""
    lead, code, _ = consented_lead(marker="Plover")
    rng = random.Random(16)

    for _attempt in range(300):
        flood = client.post("/en/withdraw/", {"code": random_code(rng)})
        assert flood.status_code == 200
    # Past the attempts allowed without a proof, an attempt without one is not checked ...
    assert client.post("/en/withdraw/", {"code": code}).status_code == 429
    assert Lead.objects.filter(pk=lead.pk).exists()
    # ... and the proof asked is at its raised level.
    assert withdrawal.challenge_work() == settings.LANTERN_CHALLENGE_RAISED_WORK

    page = client.get("/en/withdraw/")
    response = client.post("/en/withdraw/", {"code": code, "proof": proof_on(page)})

    assert response.status_code == 200
    assert soup(response).select_one("#withdraw-result")["role"] == "status"
    assert not Lead.objects.filter(pk=lead.pk).exists()
    assert tables_containing("Plover-transcript") == []


def test_a_proof_is_good_once(client, marked_messages):
    lead, code, _ = consented_lead()
    proof = proof_on(client.get("/en/withdraw/"))
    wrong = _other_code_with_prefix(code, 1)
    assert client.post("/en/withdraw/", {"code": wrong, "proof": proof}).status_code == 200

    replayed = client.post("/en/withdraw/", {"code": code, "proof": proof})

    assert replayed.status_code == 400
    page = soup(replayed)
    [problem] = problems_of(page)
    assert problem == views.withdrawal_messages()["check_failed"]
    assert problem.startswith("[en] ")
    assert page.select_one("#withdraw-code")["value"] == code  # press again, that's all
    assert Lead.objects.filter(pk=lead.pk).exists()

    fresh = proof_on(replayed)
    assert client.post("/en/withdraw/", {"code": code, "proof": fresh}).status_code == 200
    assert not Lead.objects.filter(pk=lead.pk).exists()


@pytest.mark.parametrize("kind", ["forged", "other purpose", "garbage"])
def test_a_proof_that_does_not_verify_is_refused_even_when_all_is_quiet(client, kind):
    lead, code, _ = consented_lead()
    if kind == "forged":
        issued = json.loads(
            soup(client.get("/en/withdraw/")).select_one("input[name=proof]")["data-challenge"]
        )
        issued["parameters"]["keyPrefix"] = "00"
        proof = solve(issued)
    elif kind == "other purpose":
        proof = solve(challenge.issue("signin", 4))
    else:
        proof = "not a payload"

    response = client.post("/en/withdraw/", {"code": code, "proof": proof})

    assert response.status_code == 400
    assert Lead.objects.filter(pk=lead.pk).exists()
    assert not Withdrawal.objects.exists()


def test_the_per_prefix_limit_holds_with_a_proof_too(client, settings):
    settings.LANTERN_WITHDRAWAL_ATTEMPTS_PER_PREFIX = 2
    lead, code, _ = consented_lead()
    for n in range(2):
        page = client.get("/lv/withdraw/")
        wrong = _other_code_with_prefix(code, n)
        tried = client.post("/lv/withdraw/", {"code": wrong, "proof": proof_on(page)})
        assert tried.status_code == 200

    page = client.get("/lv/withdraw/")
    refused = client.post("/lv/withdraw/", {"code": code, "proof": proof_on(page)})

    assert refused.status_code == 429
    assert problems_of(soup(refused)) == [views.withdrawal_messages()["limited"]]
    assert Lead.objects.filter(pk=lead.pk).exists()


def test_the_proof_asked_rises_with_everybodys_attempts(settings, monkeypatch):
    settings.LANTERN_WITHDRAWAL_ATTEMPTS_USUAL = 10
    monkeypatch.setattr(ratelimit.time, "time", lambda: 2_000_000.0)
    normal, raised = settings.LANTERN_CHALLENGE_NORMAL_WORK, settings.LANTERN_CHALLENGE_RAISED_WORK
    assert withdrawal.challenge_work() == normal

    rng = random.Random(1)
    for _attempt in range(10):
        withdrawal.register_attempt(random_code(rng), proven=True)
    assert withdrawal.challenge_work() == normal
    for _attempt in range(5):
        withdrawal.register_attempt(random_code(rng), proven=True)
    assert normal < withdrawal.challenge_work() < raised
    for _attempt in range(5):
        withdrawal.register_attempt(random_code(rng), proven=True)
    assert withdrawal.challenge_work() == raised
