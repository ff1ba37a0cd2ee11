"""The operator's workplace with several chats: no visitor's message goes unnoticed, the limit
of chats at once, and ending a chat only after saying what will happen to it.

- Three chats at once: a message in a conversation not on screen shows in the list beside it
  (unread count), in the tab's title, to screen readers and as a desktop notification without
  any text; unanswered messages turn urgent and come first; the keyboard switches, finds the
  next unread, accepts; "/" inserts canned responses in the conversation's language; drafts
  stay with their conversation; "?" lists the shortcuts; axe finds nothing.

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
    axe_violations,
    conversation_in,
    describe_violations,
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


CANNED = """
from chat.models import CannedResponse
CannedResponse.objects.filter(title="Safety check").delete()
CannedResponse.objects.create(
    title="Safety check",
    text_lv="Vai jūs šobrīd esat drošībā?",
    text_en="Are you safe right now?",
)
result = True
"""

# The console's own settings, changed before its script reads them (an urgent message after a
# second instead of two minutes), and desktop notifications recorded instead of shown.
FAST_URGENT_AND_NOTES = """
document.addEventListener("readystatechange", () => {
    if (document.readyState !== "interactive") return;
    const node = document.getElementById("lantern-console-config");
    const config = JSON.parse(node.textContent);
    config.urgentSeconds = 1;
    node.textContent = JSON.stringify(config);
});
window.__notes = [];
window.Notification = class {
    constructor(title, options) { window.__notes.push([title, options.body]); }
    static get permission() { return "granted"; }
    static requestPermission() { return Promise.resolve("granted"); }
    addEventListener() {}
    close() {}
};
"""


def test_an_operator_with_three_chats_misses_no_message(
    new_context, operator_state, e2e_site, chat_ready, axe
):
    """One operator, three visitors at once: a message in a conversation that is not on
    screen raises its unread count, the tab's title, a screen reader's announcement and a
    desktop notification without any text; an unanswered message turns urgent; the keyboard
    moves between conversations, to the next unread and accepts; "/" brings the canned
    responses of the conversation's language; a draft stays with its conversation."""
    chat_ready.run(CANNED)
    context = new_context(storage_state=operator_state, viewport={"width": 1400, "height": 1000})
    context.add_init_script(FAST_URGENT_AND_NOTES)
    console = context.new_page()
    console.goto("/admin/chat/console/")
    console.locator("[data-available]").check()
    for language in ("lv", "en", "uk"):
        console.locator(f"[data-language][value={language}]").check()
    strings = console_strings(console)
    base_title = console.title()  # nobody waiting, nothing unread
    console.locator("[data-notify]").check()

    visitors = {}
    for language in ("lv", "en", "uk"):
        visitor = new_context().new_page()
        open_chat(visitor, e2e_site, language)
        start_chat(visitor)
        visitors[language] = visitor
    expect(console.locator("[data-queue] button[data-id]")).to_have_count(3)
    ids = {}
    for language in ("lv", "en"):
        ids[language] = accept_first(console)
    # The keyboard accepts the visitor waiting longest in the operator's languages.
    console.keyboard.press("Alt+a")
    expect(console.locator("[data-conversation-list] [data-open]")).to_have_count(3)
    ids["uk"] = next(
        int(button.get_attribute("data-open"))
        for button in console.locator("[data-conversation-list] [data-open]").all()
        if int(button.get_attribute("data-open")) not in ids.values()
    )
    entry = lambda language: console.locator(f"[data-open='{ids[language]}']")  # noqa: E731
    expect(entry("uk")).to_have_attribute("aria-current", "true")  # the one just accepted
    expect(console).to_have_title(base_title)

    # Messages to conversations not on screen.
    visitors["lv"].locator("#chat-input").fill("Vai kāds ir tur?")
    visitors["lv"].locator("#chat-input").press("Enter")
    for text in ("Hello?", "Please answer"):
        visitors["en"].locator("#chat-input").fill(text)
        visitors["en"].locator("#chat-input").press("Enter")
    expect(entry("lv")).to_contain_text(strings["unread"].replace("%(count)s", "1"))
    expect(entry("en")).to_contain_text(strings["unread"].replace("%(count)s", "2"))
    expect(console).to_have_title("(3) " + base_title)
    expect(console.locator("[data-announce]")).to_have_text(
        strings["newMessageIn"].replace("%(id)s", str(ids["en"]))
    )
    notes = console.evaluate("window.__notes")
    assert len(notes) == 3
    assert all(
        "Hello" not in body and "Please" not in body and "kāds" not in body for _t, body in notes
    )
    # Unanswered for more than the urgent time (a second here): urgent, oldest first.
    expect(entry("lv")).to_contain_text(strings["urgent"], timeout=10_000)
    order = [b.get_attribute("data-open") for b in console.locator("[data-open]").all()]
    assert order[:2] == [str(ids["lv"]), str(ids["en"])]

    # A draft in one conversation; the keyboard goes to the next unread, which is now read.
    reply = conversation_in(console, ids["uk"]).locator("[data-composer] textarea")
    reply.fill("Draft for the Ukrainian visitor")
    console.keyboard.press("Alt+n")
    expect(entry("lv")).to_have_attribute("aria-current", "true")
    expect(entry("lv")).not_to_contain_text(strings["unread"].replace("%(count)s", "1"))
    expect(console).to_have_title("(2) " + base_title)
    expect(conversation_in(console, ids["lv"]).locator("[data-composer] textarea")).to_be_focused()

    # "/" offers the canned responses in the conversation's language; Enter puts one in.
    lv_reply = conversation_in(console, ids["lv"]).locator("[data-composer] textarea")
    lv_reply.press_sequentially("/safety ch")
    options = conversation_in(console, ids["lv"]).locator("[data-canned-list] [role=option]")
    expect(options).to_have_count(1)
    expect(options.first).to_contain_text("Vai jūs šobrīd esat drošībā?")
    violations = axe_violations(axe, console)
    lv_reply.press("Enter")
    expect(lv_reply).to_have_value("Vai jūs šobrīd esat drošībā?")
    lv_reply.press("Enter")  # sent: the message is answered, no longer urgent
    expect(visitors["lv"].locator(".chat__message--operator .chat__text")).to_have_text(
        ["Vai jūs šobrīd esat drošībā?"]
    )
    expect(entry("lv")).not_to_contain_text(strings["urgent"])

    # Alt+arrow moves through the list (now: the English visitor, still unanswered; the
    # Latvian one, answered last; the Ukrainian one); the draft is where it was left.
    order = [b.get_attribute("data-open") for b in console.locator("[data-open]").all()]
    assert order == [str(ids["en"]), str(ids["lv"]), str(ids["uk"])]
    console.keyboard.press("Alt+ArrowDown")
    expect(entry("uk")).to_have_attribute("aria-current", "true")
    expect(reply).to_have_value("Draft for the Ukrainian visitor")

    # "?" lists the shortcuts (outside a text field); Escape closes the list.
    console.locator("#conversations-heading").click()
    console.keyboard.press("?")
    expect(console.locator("[data-shortcuts]")).to_be_visible()
    violations += axe_violations(axe, console)
    console.keyboard.press("Escape")
    expect(console.locator("[data-shortcuts]")).to_be_hidden()
    assert not violations, describe_violations(violations)
