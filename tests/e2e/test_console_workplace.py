"""The operator's workplace with several chats: the limit of chats at once, and ending a chat
only after saying what will happen to it.

- At the limit ("Chats at once"), Accept is disabled for everyone waiting, and the line above
  the queue says why; ending a chat frees the place. Before, Accept stayed clickable and
  answered "This cannot be done at this point of the conversation".
- End asks first, says what happens to the conversation (here: the visitor has not answered
  on consent, so they are asked first and nothing is kept unless they agree), and can be
  taken back.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    accept_first,
    conversation_in,
    open_chat,
    open_console,
    start_chat,
)

pytestmark = pytest.mark.browser


def console_strings(console) -> dict:
    return console.evaluate(
        "JSON.parse(document.getElementById('lantern-console-config').textContent).strings"
    )


def test_at_the_limit_accept_is_disabled_and_says_why(
    new_context, operator_state, e2e_site, chat_ready
):
    console = open_console(new_context, operator_state)
    strings = console_strings(console)
    limit = console.locator("[data-max-chats]")
    limit.fill("1")
    limit.dispatch_event("change")
    visitors = []
    for language in ("en", "lv"):
        visitor = new_context().new_page()
        open_chat(visitor, e2e_site, language)
        start_chat(visitor)
        visitors.append(visitor)
    expect(console.locator("[data-queue] button[data-id]")).to_have_count(2)
    first = accept_first(console)

    waiting = console.locator("[data-queue] button[data-id]")
    expect(waiting).to_have_count(1)
    expect(waiting).to_be_disabled()
    capacity = console.locator("[data-capacity]")
    expect(capacity).to_have_text(strings["atCapacity"].replace("%(count)s", "1"))
    assert waiting.get_attribute("aria-describedby") == capacity.get_attribute("id")

    # End asks first, says what happens, and can be taken back.
    card = conversation_in(console, first)
    card.locator("[data-end]").click()
    consequence = card.locator("[data-end-consequence]")
    expect(consequence).to_have_text(strings["endUnasked"])
    expect(card.locator("[data-end]")).to_have_attribute("aria-expanded", "true")
    card.locator("[data-end-cancel]").click()
    expect(card.locator("[data-end-confirm]")).to_be_hidden()
    expect(card.locator("[data-end]")).to_be_focused()
    expect(waiting).to_be_disabled()

    # Ending for real (the visitor leaves rather than answer) frees the place.
    card.locator("[data-end]").click()
    card.locator("[data-end-now]").click()
    expect(visitors[0].locator("[data-view=consent]")).to_be_visible()
    visitors[0].locator("[data-consent-decline]").click()
    expect(card.locator("[data-alert]")).to_have_text(strings["closed"])
    expect(waiting).to_be_enabled()
    expect(capacity).to_be_hidden()
    second = accept_first(console)
    expect(conversation_in(console, second)).to_be_visible()
