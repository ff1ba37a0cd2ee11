"""The chat from the keyboard alone, and axe-core on every state of the widget and on the
console.

- Keyboard only (no clicks): the visitor Tabs to the launcher, opens it, picks a topic with
  the arrow keys, starts, writes and sends with Enter, ends, answers the consent question and
  closes (focus goes back to the launcher; Escape hides the panel too). The operator Tabs to
  "Available", accepts a visitor and replies, all with keys.
- axe-core (WCAG 2.0/2.1/2.2 A and AA, best practices) finds nothing in the widget's states:
  intro, waiting, conversation, consent, conversation after consent, ended, unavailable,
  leave a message (with its error), in Latvian and Ukrainian; nor on the console with a
  waiting visitor and with an open conversation.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    PANEL,
    accept_first,
    axe_violations,
    conversation_in,
    describe_violations,
    open_chat,
    open_console,
    operator_says,
    screenshot,
    set_chat_hours,
    start_chat,
    visitor_says,
    wait_until_accepting,
)

pytestmark = pytest.mark.browser


def tab_to(page, locator, limit: int = 150, key: str = "Tab") -> None:
    """Press Tab until `locator` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{locator} never got the focus with {key}")


def test_chat_from_the_keyboard_alone(new_context, operator_state, e2e_site, chat_ready):
    console = open_console(new_context, operator_state, available=False)
    available = console.locator("[data-available]")
    tab_to(console, available)
    console.keyboard.press("Space")
    expect(available).to_be_checked()
    wait_until_accepting(console)

    visitor = new_context().new_page()
    visitor.goto(e2e_site.first("homepage")["urls"]["en"])
    launcher = visitor.locator("[data-chat-launcher]")
    tab_to(visitor, launcher)
    visitor.keyboard.press("Enter")
    expect(visitor.locator(PANEL)).to_be_visible()
    expect(visitor.locator("#chat-title")).to_be_focused()
    expect(visitor.locator("[data-view=intro]")).to_be_visible()
    # Escape hides the panel and gives the focus back; Enter opens it again.
    visitor.keyboard.press("Escape")
    expect(visitor.locator(PANEL)).to_be_hidden()
    expect(launcher).to_be_focused()
    visitor.keyboard.press("Enter")
    expect(visitor.locator("[data-view=intro]")).to_be_visible()

    tab_to(visitor, visitor.locator("input[name=topic]:checked"))
    visitor.keyboard.press("ArrowUp")
    expect(visitor.locator("input[name=topic][value=other]")).to_be_checked()
    tab_to(visitor, visitor.locator("[data-chat-start-button]"))
    visitor.keyboard.press("Enter")
    expect(visitor.locator("#chat-input")).to_be_focused()
    visitor.keyboard.type("I need help")
    visitor.keyboard.press("Enter")
    expect(visitor.locator(".chat__message--visitor")).to_have_count(1)
    expect(visitor.locator("#chat-input")).to_have_value("")

    accept = console.locator("[data-queue] button").first
    tab_to(console, accept)
    console.keyboard.press("Enter")
    card = console.locator("article.conversation").first
    expect(card.locator("[data-composer] textarea")).to_be_focused()
    expect(card.locator(".line--visitor .line__text")).to_have_text("I need help")
    console.keyboard.type("We are here to help.")
    console.keyboard.press("Enter")
    expect(visitor.locator(".chat__message--operator .chat__text")).to_have_text(
        "We are here to help."
    )

    # Shift+Enter is a new line, not a send.
    visitor.locator("#chat-input").focus()
    visitor.keyboard.type("line one")
    visitor.keyboard.press("Shift+Enter")
    visitor.keyboard.type("line two")
    visitor.keyboard.press("Enter")
    expect(visitor.locator(".chat__message--visitor .chat__text").last).to_have_text(
        "line one\nline two"
    )

    tab_to(visitor, visitor.locator("[data-chat-end]"))
    visitor.keyboard.press("Enter")
    expect(visitor.locator("[data-view=consent] [data-consent-text]")).to_be_focused()
    tab_to(visitor, visitor.locator("[data-consent-decline]"))
    visitor.keyboard.press("Enter")
    expect(visitor.locator("[data-chat-ended-text]")).to_be_focused()
    tab_to(visitor, visitor.locator("[data-chat-restart]"))
    visitor.keyboard.press("Enter")
    expect(visitor.locator(PANEL)).to_be_hidden()
    expect(launcher).to_be_focused()


@pytest.mark.parametrize("language", ["lv", "uk"])
def test_widget_and_console_pass_axe(
    new_context, operator_state, e2e_site, chat_ready, axe, language
):
    console = open_console(new_context, operator_state)
    visitor = new_context().new_page()
    failures = []

    def check(page, state: str) -> None:
        screenshot(page, f"{language}-{state}")
        violations = axe_violations(axe, page)
        if violations:
            failures.append(f"{state}:\n{describe_violations(violations)}")

    open_chat(visitor, e2e_site, language)
    expect(visitor.locator("[data-view=intro]")).to_be_visible()
    check(visitor, "intro")
    start_chat(visitor)
    visitor_says(visitor, "Sveiki, vai jūs mani dzirdat?")
    check(visitor, "waiting")
    expect(console.locator("[data-queue] > li")).to_have_count(1)
    check(console, "console with a visitor waiting")

    conversation = accept_first(console)
    operator_says(console, conversation, "Labdien! Skatiet https://example.org/palidziba.")
    expect(visitor.locator(".chat__message--operator")).to_have_count(1)
    check(visitor, "conversation")
    card = conversation_in(console, conversation)
    # The workplace's own states: a visitor message unread in the list, the canned
    # responses' list, the keyboard shortcuts.
    visitor_says(visitor, "Vai jūs esat tur?")
    expect(card.locator(".line--visitor")).to_have_count(2)
    reply = card.locator("[data-composer] textarea")
    reply.press_sequentially("/")
    expect(card.locator("[data-canned-list]")).to_be_visible()
    check(console, "console with the canned responses")
    reply.press("Escape")
    reply.fill("")
    console.locator("#conversations-heading").click()
    console.keyboard.press("?")
    expect(console.locator("[data-shortcuts]")).to_be_visible()
    check(console, "console with the keyboard shortcuts")
    console.keyboard.press("Escape")
    card.locator("[data-request-consent]").click()
    expect(visitor.locator("[data-view=consent]")).to_be_visible()
    check(visitor, "consent")
    visitor.locator("[data-consent-grant]").click()
    expect(visitor.locator("[data-chat-granted]")).to_be_visible()
    check(visitor, "conversation after consent")
    expect(card.locator("[data-lead-form]")).to_be_visible()
    check(console, "console with a conversation and the lead form")
    card.locator("[data-end]").click()
    expect(card.locator("[data-end-confirm]")).to_be_visible()
    check(console, "console asking before the end")
    card.locator("[data-end-now]").click()
    expect(visitor.locator("[data-view=ended]")).to_be_visible()
    check(visitor, "ended")
    expect(card.locator("[data-alert]")).to_be_visible()
    check(console, "console with a closed conversation")

    set_chat_hours(chat_ready, [])
    visitor.locator("[data-chat-restart]").click()
    visitor.locator("[data-chat-launcher]").click()
    expect(visitor.locator("[data-view=unavailable]")).to_be_visible()
    check(visitor, "unavailable")
    visitor.locator("[data-chat-show-leave]").click()
    check(visitor, "leave a message")
    visitor.locator("[data-chat-leave] button[type=submit]").click()
    expect(visitor.locator("[data-chat-error-for=text]")).not_to_be_empty()
    expect(visitor.locator("[data-chat-leave-summary]")).to_be_focused()
    expect(visitor.locator("[data-chat-leave-summary] li")).to_have_count(2)
    check(visitor, "leave a message, with an error")

    assert not failures, "\n\n".join(failures)
