"""The console through a day's shift: 10 conversations of 200 messages each, in Chromium.

Not a test (nothing is asserted about time, and `pytest` does not collect this file by its
name): `make bench-console` runs it and prints the figures, recorded in docs/performance.md.

- ready: from opening the console until every conversation shows its 200 messages;
- switch: from a click on a conversation in the list until the browser has laid out and
  painted the next frame with it on screen (20 switches);
- render: from a visitor's message arriving on the console's socket until its line is in the
  conversation (the one on screen and one that is not), for 40 messages sent through the
  real widget of a visitor who resumed the conversation.
"""

from __future__ import annotations

import json
import re
import statistics
import time

from playwright.sync_api import expect

from chat.bench.processes import host
from tests.e2e.conftest import (
    conversation_in,
    visitor_says,
)

CONVERSATIONS = 10
MESSAGES = 200

SETUP = """
from chat.actions.conversations import do_start
from chat.actions.messages import do_post_message
from chat.actions.operators import do_accept
from chat.models import Message, OperatorStatus
from django.contrib.auth import get_user_model
operator = get_user_model().objects.get(pk=operator_id)
OperatorStatus.objects.update_or_create(user=operator, defaults={"max_chats": 10})
tokens = {}
for number in range(conversations):
    conversation, token = do_start("lv", "work")
    do_accept(operator, conversation.pk)
    for index in range(messages - 1):
        sender = Message.Sender.VISITOR if index % 2 else Message.Sender.OPERATOR
        do_post_message(
            conversation.pk, sender, f"Message {index} of a long day, conversation {number}.",
            client_id=f"bench-{number}-{index}",
        )
    tokens[conversation.pk] = token
result = tokens
"""

# Every frame's arrival on the console's socket, and every line's appearance in a log, timed
# by the page's own clock.
PROBE = """
window.__arrived = {};
window.__shown = {};
const Native = window.WebSocket;
window.WebSocket = class extends Native {
    constructor(...args) {
        super(...args);
        this.addEventListener("message", (event) => {
            try {
                const frame = JSON.parse(event.data);
                if (frame.type === "message" && frame.text && frame.text.startsWith("probe ")) {
                    window.__arrived[frame.text] = performance.now();
                }
            } catch (e) {}
        });
    }
};
new MutationObserver((records) => {
    for (const record of records) {
        for (const node of record.addedNodes) {
            const text = node.querySelector && node.querySelector(".line__text");
            if (text && text.textContent.startsWith("probe ")) {
                window.__shown[text.textContent] = performance.now();
            }
        }
    }
}).observe(document, { childList: true, subtree: true });
"""

SWITCH = """
async (id) => {
    const button = document.querySelector(`[data-conversation-list] [data-open='${id}']`);
    const start = performance.now();
    button.click();
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return performance.now() - start;
}
"""


def figures(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "n": len(values),
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 1),
        "max_ms": round(ordered[-1], 1),
    }


def returning_visitor(new_context, e2e_site, token: str):
    """A visitor whose tab kept the conversation's token: the widget resumes it."""
    page = new_context().new_page()
    page.add_init_script(
        f"sessionStorage.setItem('lantern.chat', JSON.stringify({{token: {json.dumps(token)}}}))"
    )
    page.goto(e2e_site.first("homepage")["urls"]["lv"])
    expect(page.locator("[data-chat-log] > li")).to_have_count(MESSAGES, timeout=60_000)
    return page


def test_console_through_a_days_shift(
    new_context, operator_state, e2e_site, chat_ready, chat_operator
):
    tokens = chat_ready.run(
        SETUP, operator_id=chat_operator["id"], conversations=CONVERSATIONS, messages=MESSAGES
    )
    ids = sorted(int(key) for key in tokens)

    context = new_context(storage_state=operator_state, viewport={"width": 1400, "height": 1000})
    context.add_init_script(PROBE)
    console = context.new_page()
    started = time.monotonic()
    console.goto("/admin/chat/console/")
    for conversation in ids:
        lines = console.locator(
            f"article.conversation:has(h3#conversation-{conversation}-title) [data-log] > li"
        )
        expect(lines).to_have_count(MESSAGES, timeout=120_000)
    ready_s = time.monotonic() - started

    switches = []
    for round_ in range(2):
        for conversation in ids:
            switches.append(console.evaluate(SWITCH, conversation))
        del round_

    # A visitor comes back to the first conversation in the real widget and writes.
    on_screen, off_screen = ids[0], ids[1]
    conversation_in(console, on_screen)
    visitor = returning_visitor(new_context, e2e_site, tokens[str(on_screen)])
    other = returning_visitor(new_context, e2e_site, tokens[str(off_screen)])
    texts = []
    for index in range(20):
        time.sleep(1.1)  # a visitor's pace (the chat refuses more than 10 messages in 10 s)
        for page, where in ((visitor, "on"), (other, "off")):
            text = f"probe {where} {index}"
            visitor_says(page, text)
            texts.append(text)
            expect(page.locator(".chat__message--visitor").last).to_have_attribute(
                "data-seq", re.compile(r"^\d+$")
            )
    console.wait_for_function(
        "texts => texts.every((text) => window.__shown[text] !== undefined)", arg=texts
    )
    arrived = console.evaluate("window.__arrived")
    shown = console.evaluate("window.__shown")
    render = {
        where: figures([shown[t] - arrived[t] for t in texts if t.startswith(f"probe {where} ")])
        for where in ("on", "off")
    }
    report = {
        "conversations": CONVERSATIONS,
        "messages_each": MESSAGES,
        "ready_s": round(ready_s, 2),
        "switch": figures(switches),
        "render_on_screen": render["on"],
        "render_off_screen": render["off"],
        "host": host(),
    }
    print("\nconsole benchmark:", json.dumps(report, indent=2))  # noqa: T201 - the output
