"""Coming back later (issue 19), as the person and the operator do it in their browsers: out of
hours, a left message gives a return code besides the withdrawal code; from a second browser
(nothing shared with the first) the person opens their thread and writes again; the operator
finds them under the console's replies and answers; a third browser reads the answer. In
Latvian and Ukrainian, axe-clean in every state of the return page."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    CONSOLE_PATH,
    PANEL,
    axe_violations,
    chat_strings,
    describe_violations,
    open_chat,
    set_chat_hours,
)

pytestmark = pytest.mark.browser

RETURN_CODE = re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")
STORAGE = "[window.sessionStorage.length, window.localStorage.length]"


def assert_axe_clean(axe, page, state: str) -> None:
    violations = axe_violations(axe, page)
    assert not violations, f"{state}:\n{describe_violations(violations)}"


def open_thread(page, e2e_site, language: str, code: str) -> None:
    page.goto(e2e_site.url(f"/{language}/return/"))
    page.locator("#return-code").fill(code)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main ol.thread")).to_be_visible()


@pytest.mark.parametrize("language", ["lv", "uk"])
def test_come_back_with_the_return_code_from_another_browser(
    new_context, operator_state, e2e_site, chat_ready, axe, language
):
    strings = chat_strings(chat_ready, language)
    today = datetime.datetime.now(ZoneInfo("Europe/Riga")).weekday()
    set_chat_hours(chat_ready, [(today + 3) % 7])  # closed now: leave a message

    # The first browser: a left message; both codes shown once, nothing kept after.
    first = new_context().new_page()
    open_chat(first, e2e_site, language)
    first.locator("[data-view=unavailable] [data-chat-show-leave]").click()
    said = f"Darba devējs paturēja manu pasi ({language})."
    first.locator("#chat-leave-text").fill(said)
    first.locator("[data-view=leave] input[name=consent]").check()
    first.locator("[data-view=leave] button[type=submit]").click()
    ended = first.locator("[data-view=ended]")
    expect(ended).to_be_visible()
    withdrawal_code = ended.locator("[data-chat-code] strong").inner_text()
    returning = ended.locator("[data-chat-return]")
    expect(returning).to_contain_text(strings["returnCode"])
    code = returning.locator("strong").inner_text()
    assert RETURN_CODE.match(code) and code != withdrawal_code
    link = returning.locator("a")
    assert link.get_attribute("href") == f"/{language}/return/"
    assert first.evaluate(STORAGE) == [0, 0]
    assert code not in first.url

    # A second browser, nothing shared: the code opens the thread; the person writes again.
    second = new_context().new_page()
    second.goto(e2e_site.url(f"/{language}/return/"))
    assert_axe_clean(axe, second, "the code form")
    second.locator("#return-code").fill("AAAA-BBBB-CCCC")
    second.locator("main form button[type=submit]").click()
    summary = second.locator("main .error-summary")
    expect(summary).to_be_focused()
    assert_axe_clean(axe, second, "a code that opens nothing")
    second.locator("#return-code").fill(code.lower())
    second.locator("main form button[type=submit]").click()
    thread = second.locator("main ol.thread > li")
    expect(thread).to_have_count(1)
    expect(thread.first).to_contain_text(said)
    assert_axe_clean(axe, second, "the thread")
    second.locator("#return-text").fill("Vai jūs varat man palīdzēt?")
    second.locator("main form.thread__form button[type=submit]").click()
    expect(second.locator("#return-result")).to_be_visible()
    expect(thread).to_have_count(2)
    assert code.lower() not in second.url and code not in second.url
    assert second.evaluate(STORAGE) == [0, 0]
    assert second.context.cookies() == []

    # The operator finds them under the console's replies, and answers.
    console = new_context(storage_state=operator_state).new_page()
    console.goto(e2e_site.url(CONSOLE_PATH))
    replies = console.locator("[data-replies] a")
    expect(replies).to_have_count(1)
    replies.first.click()
    expect(console.locator(".lead-timeline li")).to_have_count(2)
    assert_axe_clean(axe, console, "the operator's answer page")
    console.locator("textarea[name=answer-text]").fill("Jā. Mēs jums palīdzēsim.")
    console.locator("main form button[type=submit]").click()
    console.wait_for_url(re.compile(r".*/admin/chat/console/$"))
    expect(console.locator("[data-replies] a")).to_have_count(0)

    # A third browser reads the answer.
    third = new_context().new_page()
    open_thread(third, e2e_site, language, code)
    messages = third.locator("main ol.thread > li")
    expect(messages).to_have_count(3)
    expect(messages.last).to_contain_text("Jā. Mēs jums palīdzēsim.")
    expect(messages.last).to_have_class(re.compile("thread__message--staff"))
    assert_axe_clean(axe, third, "the thread with an answer")
    # The panel's way there, on every page.
    open_chat(third, e2e_site, language)
    expect(third.locator(f"{PANEL} .chat__comeback a")).to_have_attribute(
        "href", f"/{language}/return/"
    )
