"""The widget when the server fails: the browser's side of docs/chat-protocol.md's answers.

The server's answers are its own tests' business (tests/chat/test_outages.py) and the whole
chain's the fault suite's (tests/faults/); here the real widget, against the real daphne,
gets those answers at the websocket's boundary (Playwright's `route_web_socket` stands
between them, passing every other frame through):

- A resume that fails on the server (`server_error`, then close 4500) is tried again with
  back-off, without a click, until it works: what the operator wrote meanwhile and what the
  visitor wrote meanwhile arrive once, in order. Before, the widget kept a socket that belonged
  to no conversation: its messages refused, the operator's never shown.
- Resumes that keep failing for the resume period (served by the page: shortened here) end
  in a clear state: the reason, the hotline, the emergency number, leaving a message; no more
  attempts, nothing left in the tab's storage.
- A message lost between the server and the page is found by the heartbeat's answer and
  shown in its place, once.
- While the chat cannot take anyone (`out_of_service`: availability and a socket's answer),
  a new visitor is shown the hotline at once.
"""

import json
import re
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    accept_first,
    chat_strings,
    conversation_in,
    open_chat,
    open_console,
    operator_says,
    start_chat,
    visitor_log,
    visitor_says,
)

pytestmark = pytest.mark.browser

VISITOR_SOCKET = re.compile(r"/ws/chat/visitor/$")


class FailingResumes:
    """Between the widget and daphne: the next `failures` resumes are answered as a server
    that failed to resume answers, and every other frame passes."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.sockets = 0
        self.refused = 0
        self.routes = []

    def __call__(self, ws) -> None:
        self.sockets += 1
        server = ws.connect_to_server()
        self.routes.append(ws)

        def from_page(message) -> None:
            frame = json.loads(message) if isinstance(message, str) else {}
            if frame.get("type") == "resume" and self.failures > 0:
                self.failures -= 1
                self.refused += 1
                ws.send(
                    json.dumps(
                        {
                            "type": "error",
                            "code": "server_error",
                            "request": "resume",
                            "message": "Something went wrong on our side. Please try again.",
                        }
                    )
                )
                ws.close(code=4500)
                server.close()
                return
            server.send(message)

        ws.on_message(from_page)

    def drop(self) -> None:
        """Drop the open socket, as a restarted server does."""
        self.routes[-1].close(code=4500)


SHORTER_RESUME_PERIOD = """
document.addEventListener("DOMContentLoaded", () => {
    const node = document.getElementById("lantern-chat-protocol");
    const values = JSON.parse(node.textContent);
    values.RESUME_SECONDS = 3;
    node.textContent = JSON.stringify(values);
});
"""


def said(page) -> list[tuple[str, str]]:
    return [tuple(line) for line in visitor_log(page) if line[0] in ("visitor", "operator")]


def test_a_failed_resume_is_tried_again_until_it_works(
    new_context, operator_state, e2e_site, chat_ready
):
    strings = chat_strings(chat_ready, "en")
    console = open_console(new_context, operator_state)
    visitor = new_context().new_page()
    gate = FailingResumes()
    visitor.route_web_socket(VISITOR_SOCKET, gate)
    open_chat(visitor, e2e_site, "en")
    start_chat(visitor)
    conversation = accept_first(console)
    card = conversation_in(console, conversation)
    visitor_says(visitor, "Before the fault")
    expect(card.locator(".line--visitor .line__text").last).to_have_text("Before the fault")

    gate.failures = 2
    gate.drop()
    expect(visitor.locator("[data-chat-status]")).to_have_text(strings["reconnecting"])
    operator_says(console, conversation, "Written while you were away")
    visitor_says(visitor, "Written while reconnecting")

    answer = visitor.locator(".chat__message--operator .chat__text").last
    expect(answer).to_have_text("Written while you were away", timeout=20_000)
    expect(card.locator(".line--visitor .line__text").last).to_have_text(
        "Written while reconnecting"
    )
    assert gate.refused == 2
    assert said(visitor) == [
        ("visitor", "Before the fault"),
        ("operator", "Written while you were away"),
        ("visitor", "Written while reconnecting"),
    ]
    expect(visitor.locator("[data-view=conversation]")).to_be_visible()
    # Stored once each. (Their text is sealed with a key only the server's memory holds: it
    # was read above, as the visitor and the console show it.)
    rows = chat_ready.run(
        "from chat.models import Message\n"
        "result = list(Message.objects.filter(conversation_id=pk, sender='visitor')"
        ".values_list('client_id', flat=True))",
        pk=conversation,
    )
    assert len(rows) == len(set(rows)) == 2


def test_resumes_that_keep_failing_end_in_a_clear_state(
    new_context, operator_state, e2e_site, chat_ready
):
    strings = chat_strings(chat_ready, "en")
    console = open_console(new_context, operator_state)
    visitor = new_context().new_page()
    # The resume period the page serves, shortened (the widget loads its socket client, which
    # reads it, only when the chat starts).
    visitor.add_init_script(SHORTER_RESUME_PERIOD)
    gate = FailingResumes()
    visitor.route_web_socket(VISITOR_SOCKET, gate)
    open_chat(visitor, e2e_site, "en")
    start_chat(visitor)
    accept_first(console)

    gate.failures = 1000
    gate.drop()
    reason = visitor.locator("[data-chat-unavailable-reason]")
    expect(reason).to_have_text(strings["unreachable"], timeout=20_000)
    unavailable = visitor.locator("[data-view=unavailable]")
    expect(unavailable.locator(f"a[href='{e2e_site.data['hotline_tel']}']")).to_be_visible()
    emergency = visitor.locator(f"#chat-panel a[href='tel:{e2e_site.emergency_number}']")
    expect(emergency).to_be_visible()
    expect(unavailable.locator("[data-chat-show-leave]")).to_be_visible()
    assert visitor.evaluate("sessionStorage.getItem('lantern.chat')") is None
    tried = gate.sockets
    time.sleep(3)
    assert gate.sockets == tried, "the widget went on trying after it gave up"


def test_a_new_visitor_is_shown_the_hotline_while_the_chat_is_out_of_service(
    new_context, operator_state, e2e_site, chat_ready
):
    strings = chat_strings(chat_ready, "en")
    open_console(new_context, operator_state)
    visitor = new_context().new_page()

    def out_of_service(route) -> None:
        route.fulfill(
            json={
                "type": "availability",
                "open": True,
                "operators_available": False,
                "accepting": False,
                "out_of_service": True,
            }
        )

    visitor.route(re.compile(r"/chat/availability/$"), out_of_service)
    open_chat(visitor, e2e_site, "en")
    reason = visitor.locator("[data-chat-unavailable-reason]")
    expect(reason).to_have_text(strings["outOfService"])
    expect(
        visitor.locator(f"[data-view=unavailable] a[href='{e2e_site.data['hotline_tel']}']")
    ).to_be_visible()

    # The availability answer came before the outage; the socket's answer says the same.
    visitor.unroute(re.compile(r"/chat/availability/$"))

    def refusing(ws) -> None:
        def from_page(message) -> None:
            ws.send(json.dumps({"type": "error", "code": "out_of_service", "message": "…"}))
            ws.close(code=4500)

        ws.on_message(from_page)

    visitor.route_web_socket(VISITOR_SOCKET, refusing)
    visitor.reload()
    visitor.locator("[data-chat-launcher]").click()
    start_chat_button = visitor.locator("[data-chat-start-button]")
    expect(start_chat_button).to_be_visible()
    start_chat_button.click()
    expect(reason).to_have_text(strings["outOfService"])
    assert visitor.evaluate("sessionStorage.getItem('lantern.chat')") is None


SHORTER_HEARTBEAT = """
document.addEventListener("DOMContentLoaded", () => {
    const node = document.getElementById("lantern-chat-protocol");
    const values = JSON.parse(node.textContent);
    values.HEARTBEAT_SECONDS = 1;
    node.textContent = JSON.stringify(values);
});
"""


def test_a_message_lost_on_the_way_is_found_by_the_widget_and_shown_in_its_place(
    new_context, operator_state, e2e_site, chat_ready
):
    """A frame that never reached the page (the server sent it; a proxy lost it) leaves a
    gap the visitor cannot see in the numbers (private notes skip them too): the heartbeat's
    answer says how far the conversation goes, and the widget asks for the rest."""
    console = open_console(new_context, operator_state)
    visitor = new_context().new_page()
    visitor.add_init_script(SHORTER_HEARTBEAT)  # the page's protocol, every second
    lost = []

    def losing_one(ws) -> None:
        server = ws.connect_to_server()

        def from_server(message) -> None:
            frame = json.loads(message) if isinstance(message, str) else {}
            if frame.get("text") == "Lost on the way" and not lost:
                lost.append(frame["seq"])
                return
            ws.send(message)

        server.on_message(from_server)

    visitor.route_web_socket(VISITOR_SOCKET, losing_one)
    open_chat(visitor, e2e_site, "en")
    start_chat(visitor)
    conversation = accept_first(console)
    operator_says(console, conversation, "Hello")
    operator_says(console, conversation, "Lost on the way")
    operator_says(console, conversation, "After it")
    answers = visitor.locator(".chat__message--operator .chat__text")
    expect(answers).to_have_text(["Hello", "Lost on the way", "After it"], timeout=15_000)
    assert lost, "the frame was not lost: the test proves nothing"
    time.sleep(2.5)  # more heartbeats: nothing is shown twice
    expect(answers).to_have_text(["Hello", "Lost on the way", "After it"])
