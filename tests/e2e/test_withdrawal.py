"""Withdrawal of consent end to end, as the person does it: leave a message in the chat with
consent, keep the withdrawal code, then withdraw on the public page (reached from the footer)
or from the chat panel itself; the lead, its notes and its consent record are deleted and the
person is told so in their language. Nothing sets a cookie on the way."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    PANEL,
    axe_violations,
    describe_violations,
    open_chat,
    set_chat_hours,
)

pytestmark = pytest.mark.browser

LEAD_OF_CODE = """
from chat.consent import hash_withdrawal_code
from chat.referrals.models import ConsentRecord, Lead, LeadNote, Withdrawal
record = ConsentRecord.objects.filter(withdrawal_code_hash=hash_withdrawal_code(code)).first()
lead_id = record.lead_id if record else None
result = {
    "lead": lead_id,
    "leads": Lead.objects.filter(pk=lead_id).count() if lead_id else 0,
    "notes": LeadNote.objects.filter(lead_id=lead_id).count() if lead_id else 0,
    "withdrawals": Withdrawal.objects.count(),
}
"""

ADD_NOTE = """
from django.contrib.auth import get_user_model
from chat.referrals.models import LeadNote
author = get_user_model().objects.get(pk=author_id)
LeadNote.objects.create(lead_id=lead_id, author=author, text="Called the State Labour Inspectorate")
"""

MESSAGES = """
from django.utils import translation
from chat.referrals.views import withdrawal_messages
with translation.override(language):
    result = withdrawal_messages()
"""


def leave_message(page, e2e_site, language: str, text: str) -> str:
    """Outside opening hours, leave a message with consent; returns the withdrawal code."""
    open_chat(page, e2e_site, language)
    page.locator("[data-view=unavailable] [data-chat-show-leave]").click()
    leave = page.locator("[data-view=leave]")
    page.locator("#chat-leave-text").fill(text)
    leave.locator("input[name=consent]").check()
    leave.locator("button[type=submit]").click()
    ended = page.locator("[data-view=ended]")
    expect(ended).to_be_visible()
    return ended.locator("[data-chat-code] strong").inner_text()


@pytest.fixture
def chat_closed(chat_ready):
    set_chat_hours(chat_ready, [])
    return chat_ready


def test_withdrawal_on_the_public_page(page, context, e2e_site, chat_closed, chat_operator, axe):
    db = chat_closed
    code = leave_message(page, e2e_site, "uk", "Роботодавець забрав мій паспорт.")
    before = db.run(LEAD_OF_CODE, code=code)
    assert before["leads"] == 1
    db.run(ADD_NOTE, lead_id=before["lead"], author_id=chat_operator["id"])
    assert db.run(LEAD_OF_CODE, code=code)["notes"] == 1
    expected = db.run(MESSAGES, language="uk")

    # From the footer of the page the person is on, in their language.
    page.locator(f"{PANEL} [data-chat-close]").click()
    page.locator("footer a[href='/uk/withdraw/']").click()
    expect(page).to_have_url(e2e_site.url("/uk/withdraw/"))
    # Typed in lower case, without the dash: accepted as the page says.
    page.locator("#withdraw-code").fill(code.lower().replace("-", ""))
    page.locator("main form[action='/uk/withdraw/'] button[type=submit]").click()

    result = page.locator("#withdraw-result")
    expect(result).to_have_text(expected["done"])
    expect(result).to_have_attribute("role", "status")
    assert page.locator("html").get_attribute("lang") == "uk"
    violations = axe_violations(axe, page)
    assert not violations, describe_violations(violations)

    after = db.run(LEAD_OF_CODE, code=code)
    assert after["lead"] is None and after["notes"] == 0
    assert after["withdrawals"] == before["withdrawals"] + 1
    assert context.cookies() == []

    # The same code a second time deletes nothing and says so.
    page.goto(e2e_site.url("/uk/withdraw/"))
    page.locator("#withdraw-code").fill(code)
    page.locator("main form[action='/uk/withdraw/'] button[type=submit]").click()
    # The error summary takes the focus and says it; so does the field.
    expect(page.locator("main .error-summary")).to_be_focused()
    expect(page.locator("main .error-summary li")).to_have_text([expected["not_found"]])
    expect(page.locator("#withdraw-code-error")).to_contain_text(expected["not_found"])
    assert db.run(LEAD_OF_CODE, code=code)["withdrawals"] == after["withdrawals"]


def test_withdrawal_from_the_chat_panel(page, context, e2e_site, chat_closed):
    db = chat_closed
    code = leave_message(page, e2e_site, "lv", "Darba devējs neizmaksā algu jau trīs mēnešus.")
    assert db.run(LEAD_OF_CODE, code=code)["leads"] == 1
    expected = db.run(MESSAGES, language="lv")

    page.locator("[data-view=ended] [data-chat-restart]").click()
    page.locator("[data-chat-launcher]").click()
    withdraw = page.locator(f"{PANEL} [data-chat-withdraw]")
    withdraw.locator("summary").click()
    withdraw.locator("#chat-withdraw-code").fill(code)
    withdraw.locator("button[type=submit]").click()

    expect(page).to_have_url(e2e_site.url("/lv/withdraw/"))
    expect(page.locator("#withdraw-result")).to_have_text(expected["done"])
    assert db.run(LEAD_OF_CODE, code=code)["lead"] is None
    assert context.cookies() == []


# --- The browser's automatic check (lantern.challenge, js/challenge-form.js) ----------------

LEFT_MESSAGE_LEAD = """
from django.db import transaction
from chat.referrals.actions import do_create_from_consent
with transaction.atomic():
    code = do_create_from_consent(
        source="message", method="message", language=language, topic="work",
        transcript=False, contact="", what_happened="The agency keeps my wages.",
    ).withdrawal_code
result = code
"""

# Holds the page's solver until the test calls __releaseSolver(): the person's submit then comes
# before the proof is ready. Whether proof-of-work.js works in module workers or on the page's
# own thread, its results wait (a worker's answers, the page's PBKDF2). Injected by the test,
# outside the page's CSP; the product's scripts are unchanged.
HOLD_THE_SOLVER = """
(() => {
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  window.__releaseSolver = () => release();
  const held = (handler) => function (event) { released.then(() => handler.call(this, event)); };
  const RealWorker = window.Worker;
  if (RealWorker) {
    window.Worker = class extends RealWorker {
      set onmessage(handler) { super.onmessage = handler ? held(handler) : handler; }
      get onmessage() { return super.onmessage; }
      addEventListener(type, handler, options) {
        const hold = type === "message" && typeof handler === "function";
        return super.addEventListener(type, hold ? held(handler) : handler, options);
      }
    };
  }
  const subtle = globalThis.crypto && crypto.subtle;
  if (subtle) {
    const derive = subtle.deriveBits.bind(subtle);
    Object.defineProperty(subtle, "deriveBits", {
      configurable: true,
      value: async (...args) => { await released; return derive(...args); },
    });
  }
})();
"""


def test_a_submit_before_the_check_is_ready_waits_then_goes(page, context, e2e_site, e2e_db, axe):
    code = e2e_db.run(LEFT_MESSAGE_LEAD, language="en")
    expected = e2e_db.run(MESSAGES, language="en")
    waiting = e2e_db.run(
        """
from django.utils import translation
from django.utils.translation import gettext
with translation.override("en"):
    result = gettext("Checking the connection…")
"""
    )
    page.add_init_script(HOLD_THE_SOLVER)
    posted = []
    page.on(
        "request",
        lambda request: posted.append(request.post_data) if request.method == "POST" else None,
    )

    page.goto(e2e_site.url("/en/withdraw/"))
    form = page.locator("main form[action='/en/withdraw/']")
    status = form.locator("[data-challenge-status]")
    expect(status).to_have_attribute("role", "status")
    expect(form.locator("input[name=proof]")).to_have_value("")
    page.locator("#withdraw-code").fill(code)
    form.locator("button[type=submit]").click()

    # Not sent yet: the page says why, politely, and the person does nothing more.
    expect(status).to_have_text(waiting)
    assert posted == []
    violations = axe_violations(axe, page)
    assert not violations, describe_violations(violations)
    assert db_lead_count(e2e_db, code) == 1

    page.evaluate("window.__releaseSolver()")

    expect(page.locator("#withdraw-result")).to_have_text(expected["done"])
    assert len(posted) == 1 and "proof=" in posted[0] and "proof=&" not in posted[0]
    assert db_lead_count(e2e_db, code) == 0
    assert context.cookies() == []


def test_solved_on_page_load_the_check_goes_with_the_first_submit(page, e2e_site, e2e_db):
    code = e2e_db.run(LEFT_MESSAGE_LEAD, language="lv")
    expected = e2e_db.run(MESSAGES, language="lv")

    page.goto(e2e_site.url("/lv/withdraw/"))
    # The script solves the page's challenge by itself, as soon as the page has loaded.
    expect(page.locator("main form input[name=proof]")).not_to_have_value("")
    page.locator("#withdraw-code").fill(code)
    page.locator("main form button[type=submit]").click()

    expect(page.locator("#withdraw-result")).to_have_text(expected["done"])
    assert db_lead_count(e2e_db, code) == 0


def test_without_javascript_the_form_still_works(new_context, e2e_site, e2e_db):
    """Within the attempts allowed without a proof (chat/referrals/withdrawal.py)."""
    page = new_context(java_script_enabled=False).new_page()
    code = e2e_db.run(LEFT_MESSAGE_LEAD, language="uk")
    expected = e2e_db.run(MESSAGES, language="uk")

    page.goto(e2e_site.url("/uk/withdraw/"))
    page.locator("#withdraw-code").fill(code)
    page.locator("main form button[type=submit]").click()

    expect(page.locator("#withdraw-result")).to_have_text(expected["done"])
    assert db_lead_count(e2e_db, code) == 0


def db_lead_count(e2e_db, code: str) -> int:
    return e2e_db.run(LEAD_OF_CODE, code=code)["leads"]
