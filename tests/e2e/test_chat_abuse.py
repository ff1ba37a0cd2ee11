"""The widget against the chat's abuse protections, in Chromium against the real daphne:

- the proof of work: the widget solves the challenge that came with the availability answer
  (in workers, with WebCrypto), and when the server asks for another (`proof_required`: here
  the availability answer's challenge is taken out on the way) it solves that one and sends
  the start again, without the visitor doing anything;
- one visitor socket per conversation: a second tab with the same conversation takes it over;
  the first says the chat continues in another window, and does not come back.
"""

import json

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    PANEL,
    accept_first,
    chat_strings,
    open_chat,
    open_console,
    start_chat,
    visitor_log,
    visitor_says,
)

pytestmark = pytest.mark.browser


IS_WAITING = """
from chat.access import hash_token
from chat.models import Conversation
result = Conversation.objects.waiting().filter(token_hash=hash_token(token)).exists()
"""


def waiting(e2e_db, page) -> bool:
    """Whether the conversation this page started waits in the queue."""
    token = page.evaluate("JSON.parse(sessionStorage.getItem('lantern.chat')).token")
    return e2e_db.run(IS_WAITING, token=token)


def test_the_widget_solves_the_challenge_it_is_given(
    new_context, operator_state, e2e_site, chat_ready
):
    open_console(new_context, operator_state)
    page = new_context().new_page()
    frames = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: frames.append(payload)))
    open_chat(page, e2e_site, "en")
    start_chat(page)
    starts = [json.loads(f) for f in frames if '"start"' in f]
    assert len(starts) == 1 and starts[0]["proof"]
    assert waiting(chat_ready, page)


def test_a_start_refused_for_its_proof_is_sent_again_with_a_new_one(
    new_context, operator_state, e2e_site, chat_ready
):
    open_console(new_context, operator_state)
    context = new_context()

    def without_challenge(route):
        response = route.fetch()
        data = response.json()
        data.pop("challenge", None)
        route.fulfill(response=response, json=data)

    context.route("**/chat/availability/", without_challenge)
    page = context.new_page()
    frames, errors = [], []

    def watch(ws):
        ws.on("framesent", lambda payload: frames.append(json.loads(payload)))
        ws.on(
            "framereceived",
            lambda payload: (
                errors.append(json.loads(payload)["code"]) if '"error"' in payload else None
            ),
        )

    page.on("websocket", watch)
    open_chat(page, e2e_site, "ru")
    start_chat(page)
    assert errors == ["proof_required"]
    starts = [frame for frame in frames if frame["type"] == "start"]
    assert [bool(frame.get("proof")) for frame in starts] == [False, True]
    assert waiting(chat_ready, page)


def test_a_second_tab_takes_the_conversation_over(
    new_context, operator_state, e2e_site, chat_ready
):
    console = open_console(new_context, operator_state)
    strings = chat_strings(chat_ready, "lv")
    first_context = new_context()
    first = first_context.new_page()
    open_chat(first, e2e_site, "lv")
    start_chat(first)
    accept_first(console)
    visitor_says(first, "Sveiki")
    token = first.evaluate("sessionStorage.getItem('lantern.chat')")

    # The same conversation in another tab (its session storage copied, as a duplicated tab's).
    second = new_context().new_page()
    second.add_init_script(f"sessionStorage.setItem('lantern.chat', {json.dumps(token)})")
    second.goto(e2e_site.first("homepage")["urls"]["lv"])
    expect(second.locator(PANEL)).to_be_visible()  # a conversation to resume opens the panel
    expect(second.locator(".chat__message--visitor")).to_have_count(1)

    expect(first.locator(PANEL)).to_contain_text(strings["replaced"])
    # The first tab does not come back and take it again: the second goes on.
    first.wait_for_timeout(3000)
    visitor_says(second, "Vēl te esmu")
    assert [text for _who, text in visitor_log(second)][-1] == "Vēl te esmu"


FILL_QUEUE = """
from chat.models import Conversation
Conversation.objects.bulk_create(
    [Conversation(language="lv") for _ in range(count)]
)
result = Conversation.objects.waiting().count()
"""


def test_a_full_queue_gives_the_hotline_112_and_leave_a_message(
    new_context, operator_state, e2e_site, chat_ready
):
    """Filled between the availability check and the press: the start is refused with
    `queue_full`, and the visitor is offered everything else, and can leave a message."""
    from chat import protocol

    open_console(new_context, operator_state)
    page = new_context().new_page()
    # The queue fills after the availability answer came (before it, the panel would show
    # "nobody can answer" at once, and there would be no start to refuse).
    with page.expect_response(lambda response: "/chat/availability/" in response.url):
        open_chat(page, e2e_site, "uk")
    expect(page.locator("[data-view=intro]")).to_be_visible()
    assert chat_ready.run(FILL_QUEUE, count=protocol.MAX_WAITING) == protocol.MAX_WAITING
    page.locator("[data-chat-start-button]").click()

    unavailable = page.locator("[data-view=unavailable]")
    expect(unavailable).to_be_visible()
    expect(unavailable.locator("a[href^='tel:']").first).to_be_visible()  # the hotline
    expect(page.locator(f"a[href='tel:{e2e_site.emergency_number}']").first).to_be_visible()
    unavailable.locator("[data-chat-show-leave]").click()
    page.locator("#chat-leave-text").fill("Мене не відпускають з роботи.")
    page.locator("[data-chat-leave] input[name=consent]").check()
    page.locator("[data-chat-leave] button[type=submit]").click()
    expect(page.locator(PANEL)).to_contain_text(chat_strings(chat_ready, "uk")["messageLeft"])
    assert (
        chat_ready.run("from chat.referrals.models import Lead\nresult = Lead.objects.count()") >= 1
    )
