"""The chat widget before a conversation, seen by a visitor, against the real server.

- Every public page has the chat launcher; it opens the panel. Until the visitor presses
  "Start chat" no websocket is opened and nothing is stored (no cookie, sessionStorage or
  localStorage entry); the panel says, in the page's language, that the chat is anonymous,
  what is kept, that the visitor can leave at any time, and 112; topic and language can be
  chosen (the language defaults to the page's). "Start chat" opens one socket and keeps the
  token in sessionStorage only, never in a URL.
- Outside opening hours, or with nobody available, the widget says so before the visitor
  types anything, shows the hotline and 112, and offers "Leave a message", which creates a
  consented lead (checked in the database) and shows a withdrawal code.
- Layout: the launcher is fixed at the bottom right and covers neither the safety bar nor
  the page's last lines; on a phone the panel is a full-width bottom sheet below the safety
  bar (112, the hotline and quick exit stay visible and uncovered); on a wide screen it floats
  at the bottom right. Screenshots: lantern-chat-*.png (see `screenshot` in conftest.py).

Operators' presence is written into the database here (no console needed: the widget only
asks the server); tests/e2e/test_chat_conversation.py drives a real console.
"""

import datetime
import hashlib
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    PAGE_TYPES,
    PANEL,
    chat_strings,
    open_chat,
    screenshot,
    set_chat_hours,
    translate,
)

pytestmark = pytest.mark.browser

FACTS = [
    "The chat is anonymous: we do not ask your name and do not see where you are.",
    "Nothing is kept after the chat unless you agree. If you agree, we keep a short summary "
    "(and the conversation only if you say so) for the caseworkers who help you.",
    "You can leave at any time: “End chat”, or “Quick exit” to leave the site at once.",
]

OPERATOR_PRESENT = """
from django.utils import timezone
from chat.models import OperatorStatus
OperatorStatus.objects.update_or_create(
    user_id=user_id, defaults={"available": True, "last_seen_at": timezone.now()}
)
"""

STORAGE = "[window.sessionStorage.length, window.localStorage.length]"


def operator_present(e2e_db, chat_operator) -> None:
    e2e_db.run(OPERATOR_PRESENT, user_id=chat_operator["id"])


def test_launcher_on_every_page_type(page, e2e_site, chat_ready):
    for page_type in PAGE_TYPES:
        for language in ("lv", "uk"):
            page.goto(e2e_site.first(page_type)["urls"][language])
            launcher = page.locator("[data-chat-launcher]")
            expect(launcher).to_be_visible()
            expect(launcher).to_have_attribute("aria-expanded", "false")
            expect(page.locator(PANEL)).to_be_hidden()
    launcher.click()
    expect(page.locator(PANEL)).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "true")
    # "Hide the chat" closes it again and gives the focus back to the launcher.
    page.locator("[data-chat-close]").click()
    expect(page.locator(PANEL)).to_be_hidden()
    expect(launcher).to_be_focused()


@pytest.mark.parametrize("language", ["lv", "ru"])
def test_nothing_connects_or_is_stored_before_start(
    new_context, e2e_site, chat_ready, chat_operator, language
):
    operator_present(chat_ready, chat_operator)
    strings = chat_strings(chat_ready, language)
    facts = translate(chat_ready, language, *FACTS)
    context = new_context()
    page = context.new_page()
    sockets, requests = [], []
    page.on("websocket", lambda socket: sockets.append(socket.url))
    context.on("request", lambda request: requests.append(request.url))

    open_chat(page, e2e_site, language, "campaignpage")
    panel = page.locator(PANEL)
    expect(page.locator("[data-view=intro]")).to_be_visible()
    for fact in facts:
        expect(panel).to_contain_text(fact)
    emergency = panel.locator(f"a[href='tel:{e2e_site.emergency_number}']").first
    expect(emergency).to_be_visible()
    topics = panel.locator("[data-chat-start] input[name=topic]")
    assert topics.count() == 5
    expect(panel.locator("input[name=topic][value=unsaid]")).to_be_checked()
    expect(panel.locator("#chat-language")).to_have_value(language)
    # Looking around the panel and choosing does not connect either.
    panel.locator("input[name=topic][value=work]").check()
    page.locator("[data-chat-close]").click()
    page.locator("[data-chat-launcher]").click()
    page.wait_for_timeout(300)

    assert sockets == [], "a websocket was opened before the visitor pressed Start chat"
    assert page.evaluate(STORAGE) == [0, 0], "something was stored before Start chat"
    assert context.cookies() == []

    page.locator("[data-chat-start-button]").click()
    expect(page.locator("[data-chat-queue]")).to_contain_text(
        strings["queue"].split("%(position)s")[0].strip()
    )
    # Waiting: the message box already takes the visitor's words, and has the focus.
    expect(page.locator("#chat-input")).to_be_focused()
    assert len(sockets) == 1 and sockets[0].endswith("/ws/chat/visitor/")
    token = page.evaluate("JSON.parse(sessionStorage.getItem('lantern.chat')).token")
    assert len(token) >= 22  # at least 128 bits, URL-safe base64
    assert page.evaluate(STORAGE) == [1, 0]
    assert context.cookies() == []
    assert token not in page.url
    assert not [url for url in requests + sockets if token in url]


def test_closed_then_leave_a_message(page, e2e_site, chat_ready, chat_operator):
    """Outside opening hours (even with an operator online): say so, hotline and 112, and
    "Leave a message" creates a consented lead with a withdrawal code."""
    operator_present(chat_ready, chat_operator)
    # Open on another day only: closed now, with hours to list (none at all would list none,
    # and whether a page rendered before still lists the old ones depends on the test order).
    today = datetime.datetime.now(ZoneInfo("Europe/Riga")).weekday()
    set_chat_hours(chat_ready, [(today + 3) % 7])
    strings = chat_strings(chat_ready, "lv")
    sockets = []
    page.on("websocket", lambda socket: sockets.append(socket.url))

    open_chat(page, e2e_site, "lv")
    unavailable = page.locator("[data-view=unavailable]")
    expect(unavailable).to_be_visible()
    expect(page.locator("[data-view=intro]")).to_be_hidden()
    expect(page.locator("[data-chat-unavailable-reason]")).to_have_text(strings["closed"])
    expect(page.locator("[data-chat-unavailable-reason]")).to_be_focused()
    expect(unavailable.locator(f"a[href='{e2e_site.data['hotline_tel']}']")).to_be_visible()
    expect(page.locator(f"{PANEL} a[href='tel:{e2e_site.emergency_number}']")).to_be_visible()
    expect(unavailable.locator("[data-chat-hours] li").first).to_be_visible()

    unavailable.locator("[data-chat-show-leave]").click()
    leave = page.locator("[data-view=leave]")
    expect(leave).to_be_visible()
    expect(page.locator("#chat-leave-text")).to_be_focused()
    first_paragraph = strings["consentText"].split("\n\n")[0]
    paragraphs = leave.locator(".chat__consent-text p").all_inner_texts()
    assert paragraphs[0] == first_paragraph
    assert paragraphs == strings["consentText"].split("\n\n")
    # Before the first word: what staff will and will not do with it, in Latvian.
    assert leave.locator("[data-chat-rules] p").all_inner_texts() == strings["rules"]

    # Without consent nothing is sent.
    page.locator("#chat-leave-text").fill("Mans darba devējs paņēma manu pasi.")
    leave.locator("button[type=submit]").click()
    expect(leave.locator("[data-chat-error-for=consent]")).to_have_text(
        strings["leaveConsentMissing"]
    )
    expect(leave.locator("[data-chat-error-for=text]")).to_be_empty()
    expect(leave.locator("input[name=consent]")).to_have_attribute("aria-invalid", "true")
    # The error summary takes the focus and lists the problem; its link leads to the box.
    summary = leave.locator("[data-chat-leave-summary]")
    expect(summary).to_be_focused()
    expect(summary.locator("li")).to_have_text([strings["leaveConsentMissing"]])
    summary.locator("a").click()
    expect(leave.locator("input[name=consent]")).to_be_focused()
    assert sockets == []

    page.locator("#chat-leave-contact").fill("Signal, vakarā pēc 20:00")
    leave.locator("input[name=consent]").check()
    leave.locator("button[type=submit]").click()
    ended = page.locator("[data-view=ended]")
    expect(ended).to_be_visible()
    expect(ended.locator("[data-chat-ended-text]")).to_have_text(strings["messageLeft"])
    code = ended.locator("[data-chat-code] strong").inner_text()
    assert len(code) == 11 and code[5] == "-"
    assert page.evaluate(STORAGE) == [0, 0], "a left message keeps nothing in the browser"

    lead = chat_ready.run(
        """
from chat.consent import consent_text, hash_withdrawal_code, wording_hash
from chat.referrals.models import ConsentRecord
record = ConsentRecord.objects.select_related("lead").get(
    withdrawal_code_hash=hash_withdrawal_code(code)
)
result = {
    "source": record.lead.source, "language": record.lead.language,
    "what_happened": record.lead.what_happened, "safe_contact": record.lead.safe_contact,
    "conversation": record.lead.conversation_id, "method": record.method,
    "consent_language": record.language, "wording_ok": record.wording_hash
        == wording_hash(consent_text(record.language)),
    "covers_contact": record.covers_contact, "covers_transcript": record.covers_transcript,
    "rules": record.rules_id,
}
""",
        code=code,
    )
    assert lead == {
        "source": "message",
        "language": "lv",
        "what_happened": "Mans darba devējs paņēma manu pasi.",
        "safe_contact": "Signal, vakarā pēc 20:00",
        "conversation": None,
        "method": "message",
        "consent_language": "lv",
        "wording_ok": True,
        "covers_contact": True,
        "covers_transcript": False,
        "rules": strings["rulesVersion"],
    }
    # The code itself is stored nowhere: only its hash.
    assert hashlib.sha256(code.encode()).hexdigest() not in str(lead)

    # "Close" resets the widget; opening it again asks the server afresh.
    ended.locator("[data-chat-restart]").click()
    expect(page.locator(PANEL)).to_be_hidden()
    expect(page.locator("[data-chat-launcher]")).to_be_focused()


def test_nobody_available(page, e2e_site, chat_ready):
    """Within opening hours but with no operator available: say so before anything is typed."""
    strings = chat_strings(chat_ready, "en")
    open_chat(page, e2e_site, "en")
    expect(page.locator("[data-chat-unavailable-reason]")).to_have_text(strings["noOperators"])
    expect(page.locator("[data-chat-hours]")).to_be_hidden()
    expect(page.locator("[data-chat-show-leave]")).to_be_visible()
    expect(page.locator("[data-view=intro]")).to_be_hidden()


IN_VIEW = """element => {
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return {
        top: box.top, bottom: box.bottom, left: box.left, right: box.right,
        uncovered: hit !== null && (hit === element || element.contains(hit)),
    };
}"""


def safety_links(page, e2e_site):
    return [
        page.locator(f".safety-bar a[href='tel:{e2e_site.emergency_number}']"),
        page.locator(f".safety-bar a[href='{e2e_site.data['hotline_tel']}']"),
        page.locator(".safety-bar [data-quick-exit]"),
    ]


@pytest.mark.parametrize(("width", "height"), [(360, 640), (1280, 720)])
def test_launcher_and_panel_layout(new_context, e2e_site, chat_ready, chat_operator, width, height):
    operator_present(chat_ready, chat_operator)
    phone = width < 640
    context = new_context(
        viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone
    )
    page = context.new_page()
    page.goto(e2e_site.first("homepage")["urls"]["lv"])
    launcher = page.locator("[data-chat-launcher]")
    box = launcher.evaluate(IN_VIEW)
    assert box["uncovered"], "the launcher is covered"
    assert width - box["right"] <= 24 and height - box["bottom"] <= 24, box
    assert box["right"] <= width and box["bottom"] <= height, box
    for link in safety_links(page, e2e_site):
        assert link.evaluate(IN_VIEW)["uncovered"], "the launcher covers the safety bar"
    # At the very bottom of the page the launcher does not hide the footer's last line.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    last = page.locator(".site-footer p").last
    assert last.evaluate(IN_VIEW)["bottom"] <= box["top"], "the launcher hides the footer"
    screenshot(page, f"launcher-{width}")

    launcher.click()
    panel = page.locator(PANEL)
    expect(page.locator("[data-view=intro]")).to_be_visible()
    panel_box = panel.bounding_box()
    bar_bottom = page.locator(".safety-bar").bounding_box()
    bar_bottom = bar_bottom["y"] + bar_bottom["height"]
    assert panel_box["y"] >= bar_bottom - 0.5, "the panel covers the safety bar"
    assert abs(panel_box["y"] + panel_box["height"] - height) <= (0.5 if phone else 24)
    if phone:
        assert panel_box["x"] == 0 and panel_box["width"] == width, "not a full-width sheet"
    else:
        assert 320 <= panel_box["width"] <= 440 and panel_box["x"] > width / 2
    for link in safety_links(page, e2e_site):
        state = link.evaluate(IN_VIEW)
        assert state["uncovered"] and state["top"] >= 0, "the panel covers the safety bar"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"intro-{width}")
