"""An operator sends a help directory entry into a chat: in the console the operator narrows
the directory by place (a place lists its own services, its region's and the whole country's),
chooses a service, and its text in the conversation's language goes into the message field;
sent like any message, it reaches the visitor exactly as shown."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    accept_first,
    conversation_in,
    open_chat,
    open_console,
    start_chat,
    visitor_log,
)
from tests.e2e.test_chat_conversation import console_config

pytestmark = pytest.mark.browser

PLACE = "liepaja"


def test_operator_sends_a_directory_entry(new_context, operator_state, e2e_site, chat_ready):
    console = open_console(new_context, operator_state)
    visitor = new_context().new_page()
    open_chat(visitor, e2e_site, "ru")
    start_chat(visitor, language="ru")
    conversation = accept_first(console)
    card = conversation_in(console, conversation)
    config = console_config(console)
    listed = [
        entry
        for entry in config["directory"]
        if entry["places"] is None or PLACE in entry["places"]
    ]
    local = [entry for entry in listed if entry["places"] and entry["places"][0] == PLACE]
    assert local, f"the demo content has no service in {PLACE}"

    card.locator("[data-directory-place]").select_option(PLACE)
    services = card.locator("[data-directory] option:not([value=''])")
    expect(services).to_have_count(len(listed))
    assert sorted(services.all_text_contents()) == sorted(entry["label"] for entry in listed)
    card.locator("[data-directory]").select_option(str(local[0]["id"]))

    field = card.locator("[data-composer] textarea")
    text = local[0]["texts"]["ru"]
    expect(field).to_have_value(text)
    expect(field).to_be_focused()
    field.press("Enter")

    expect(card.locator(".line--operator .line__text").last).to_have_text(text)
    expect(visitor.locator("[data-chat-log] > li.chat__message--operator").last).to_be_visible()
    assert ["operator", text] in visitor_log(visitor)
