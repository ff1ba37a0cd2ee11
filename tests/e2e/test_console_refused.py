"""The console says why its socket was closed for good (issue 16): a user who may not answer
chats at all (CLOSE_NOT_OPERATOR) is not told that the permission was taken away
(CLOSE_FORBIDDEN, "no longer allowed"). The server's side is tests/chat/test_operator.py;
here Playwright's `route_web_socket` stands in for it and closes the console's socket with
each code."""

import json
import re

import pytest
from playwright.sync_api import expect

from chat import protocol
from tests.e2e.conftest import CONSOLE_PATH

pytestmark = pytest.mark.browser

OPERATOR_SOCKET = re.compile(r"/ws/chat/operator/$")


@pytest.mark.parametrize(
    ("code", "string"),
    [(protocol.CLOSE_NOT_OPERATOR, "notOperator"), (protocol.CLOSE_FORBIDDEN, "forbidden")],
    ids=["not-an-operator", "withdrawn"],
)
def test_the_console_says_why_it_may_not_answer_chats(new_context, operator_state, code, string):
    opened = []

    def refuse(ws) -> None:
        opened.append(ws)
        ws.send(json.dumps({"type": "error", "code": "forbidden", "message": "Not allowed."}))
        ws.close(code=code)

    page = new_context(storage_state=operator_state).new_page()
    page.route_web_socket(OPERATOR_SOCKET, refuse)
    page.goto(CONSOLE_PATH)
    strings = page.evaluate(
        "JSON.parse(document.getElementById('lantern-console-config').textContent).strings"
    )
    connection = page.locator("[data-connection]")
    expect(connection).to_have_text(strings[string])
    expect(connection).to_have_attribute("data-state", "forbidden")
    page.wait_for_timeout(2500)  # past the first reconnect's back-off: none comes
    assert len(opened) == 1
    assert strings["notOperator"] != strings["forbidden"]
