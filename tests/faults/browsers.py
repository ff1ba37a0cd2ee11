"""The real browser clients under faults: the visitor's widget (static/js/chat-panel.js) and the
operator's console (static/js/chat-console.js) in Chromium, driven through Playwright's sync
API from the test's own thread, with tests/e2e's helpers where they fit.

What a person sees is what is counted: the lines of the widget's log and of the console's
conversation card, with the number (`data-seq`) and status (`data-status`) each carries. An
init script (`INSTRUMENT`) only watches, and changes nothing the page does: it wraps the page's
WebSocket to note, with the time, each socket's open and close, the frames that greet a socket
(`started`, `resumed`, `state`), errors (by client id for a message), each `message` frame
that went out (its client id, text and time) and each `ack`;
and a MutationObserver notes when each numbered line first showed (`(conversation, seq)` →
time). Those times give the recovery figures.
"""

from __future__ import annotations

import contextlib
import re
import time
from dataclasses import dataclass, field

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.e2e.conftest import (
    conversation_in,
    sign_in,
    start_chat,
    visitor_says,
)

INSTRUMENT = r"""
(() => {
  if (window.__faults) { return; }
  const rec = window.__faults = {
    events: [], seqs: {}, sent: {}, texts: {}, refused: {}, sendTimes: {}, acks: {},
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("open", () => rec.events.push([Date.now(), "open", null]));
      this.addEventListener("close", (e) => rec.events.push([Date.now(), "close", e.code]));
      this.addEventListener("message", (e) => {
        let frame;
        try { frame = JSON.parse(e.data); } catch (_) { return; }
        if (!frame) { return; }
        if (frame.type === "ack" && frame.client_id) {
          const acks = (rec.acks[frame.client_id] = rec.acks[frame.client_id] || []);
          acks.push([frame.seq, Date.now()]);
        }
        if (["started", "resumed", "state"].includes(frame.type)) {
          rec.events.push([Date.now(), "greeted", frame.type]);
        } else if (["error", "ended", "conversation_closed"].includes(frame.type)) {
          rec.events.push([Date.now(), frame.type, [frame.code || null, frame.request || null]]);
          if (frame.type === "error" && frame.client_id) {
            (rec.refused[frame.client_id] = rec.refused[frame.client_id] || []).push(frame.code);
          }
        }
      });
    }
    send(data) {
      try {
        const frame = JSON.parse(data);
        if (frame.type === "message" && frame.client_id) {
          rec.sent[frame.client_id] = (rec.sent[frame.client_id] || 0) + 1;
          rec.texts[frame.client_id] = frame.text;
          (rec.sendTimes[frame.client_id] = rec.sendTimes[frame.client_id] || []).push(Date.now());
        }
      } catch (_) { /* not ours to judge */ }
      return super.send(data);
    }
  };
  const stamp = (node) => {
    if (!(node instanceof Element)) { return; }
    const lines = node.matches("[data-seq]") ? [node] : [];
    lines.push(...node.querySelectorAll("[data-seq]"));
    for (const line of lines) {
      const card = line.closest("article.conversation");
      const title = card && card.querySelector("h3[id^='conversation-']");
      const where = title ? title.id.split("-")[1] : "widget";
      const key = where + ":" + line.getAttribute("data-seq");
      if (!(key in rec.seqs)) { rec.seqs[key] = Date.now(); }
    }
  };
  new MutationObserver((records) => records.forEach((record) => {
    if (record.type === "attributes") { stamp(record.target); }
    else { record.addedNodes.forEach(stamp); }
  })).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["data-seq"],
  });
})();
"""

READ_WIDGET = r"""
() => Array.from(document.querySelectorAll("[data-chat-log] > li")).map((item) => ({
  sender: item.className.replace(/.*chat__message--(\w+).*/, "$1"),
  seq: item.hasAttribute("data-seq") ? Number(item.getAttribute("data-seq")) : null,
  status: item.getAttribute("data-status"),
  text: Array.from(item.querySelectorAll(".chat__text")).map((p) => p.textContent).join("\n"),
}))
"""

READ_CARD = r"""
(card) => Array.from(card.querySelectorAll("[data-log] > li")).map((item) => ({
  sender: item.className.replace(/.*line--(\w+).*/, "$1"),
  seq: item.hasAttribute("data-seq") ? Number(item.getAttribute("data-seq")) : null,
  status: item.getAttribute("data-status"),
  text: (item.querySelector(".line__text") || {}).textContent || "",
}))
"""

CONSOLE_PATH = "/admin/chat/console/"
RETRY_SECONDS = 3.0


@dataclass
class Typed:
    """A message typed into a browser client: what, when, and in which conversation."""

    text: str
    typed_at: float
    conversation: int


@dataclass
class BrowserClient:
    name: str
    side: str  # "visitor" or "operator"
    server: str  # "a" or "b": the daphne it reaches (through its proxy)
    page: object
    typed: list[Typed] = field(default_factory=list)
    retried_by_hand: int = 0
    last_retry: float = 0.0

    def record(self) -> dict:
        """The instrumentation's notes: events, first showing of each number, frames sent."""
        return self.page.evaluate("() => window.__faults")

    def close(self) -> None:
        with contextlib.suppress(Exception):  # a browser already gone has nothing to close
            self.page.context.close()

    def _may_retry(self) -> bool:
        """A person presses retry once in a while (RETRY_SECONDS), not at every look."""
        if time.time() - self.last_retry < RETRY_SECONDS:
            return False
        self.last_retry = time.time()
        return True

    def _press_all(self, buttons) -> int:
        """Press each of `buttons` once (a pressed one stops being a retry button)."""
        pressed = 0
        for _ in range(buttons.count()):
            if not buttons.count():
                break
            with contextlib.suppress(PlaywrightError):
                buttons.first.click(timeout=2000)
                pressed += 1
        self.retried_by_hand += pressed
        return pressed


class BrowserVisitor(BrowserClient):
    """The widget in a page of its own context (its own sessionStorage: its own conversation)."""

    conversation: int | None = None
    token: str | None = None

    @classmethod
    def open(cls, browser, name: str, server: str, base_url: str, language: str = "en"):
        context = browser.new_context(base_url=base_url, viewport={"width": 1000, "height": 900})
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.add_init_script(INSTRUMENT)
        visitor = cls(name=name, side="visitor", server=server, page=page)
        page.goto(f"/{language}/")
        page.locator("[data-chat-launcher]").click()
        expect(page.locator("#chat-panel")).to_be_visible()
        start_chat(page, topic="work", language=language)
        visitor.token = page.evaluate("JSON.parse(sessionStorage.getItem('lantern.chat')).token")
        return visitor

    def say(self, text: str) -> None:
        visitor_says(self.page, text)
        self.typed.append(Typed(text, time.time(), self.conversation))

    def lines(self) -> list[dict]:
        return self.page.evaluate(READ_WIDGET)

    def view(self) -> str:
        """Which view of the widget shows (conversation, queue, ended, ...)."""
        return self.page.evaluate(
            "() => Array.from(document.querySelectorAll('[data-chat] [data-view]'))"
            ".filter((n) => !n.hidden).map((n) => n.getAttribute('data-view')).join(',')"
        )

    def stored_token(self) -> str | None:
        return self.page.evaluate(
            "() => { const v = sessionStorage.getItem('lantern.chat');"
            " return v ? JSON.parse(v).token : null; }"
        )

    def retry_failed(self) -> int:
        """What a person does with a line marked as failed: press its retry button."""
        buttons = self.page.locator("[data-chat-log] .chat__retry")
        if not buttons.count() or not self._may_retry():
            return 0
        return self._press_all(buttons)


class BrowserConsole(BrowserClient):
    """The operator's console in a page of its own context, signed in as one operator."""

    conversations: list[int]

    @classmethod
    def open(cls, browser, name: str, server: str, base_url: str, storage_state: dict):
        context = browser.new_context(
            base_url=base_url, storage_state=storage_state, viewport={"width": 1280, "height": 1000}
        )
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.add_init_script(INSTRUMENT)
        console = cls(name=name, side="operator", server=server, page=page)
        console.conversations = []
        page.goto(CONSOLE_PATH)
        toggle = page.locator("[data-available]")
        expect(toggle).to_be_enabled()
        if not toggle.is_checked():
            toggle.check()
        expect(page.locator("[data-connection]")).to_have_attribute("data-state", "connected")
        return console

    def accept(self, conversation: int) -> None:
        button = self.page.locator(f"[data-queue] button[data-id='{conversation}']")
        button.click()
        expect(conversation_in(self.page, conversation)).to_be_visible()
        self.conversations.append(conversation)

    def say(self, conversation: int, text: str) -> None:
        """Type and send; does not wait for the server (it may be down)."""
        field = conversation_in(self.page, conversation).locator("[data-composer] textarea")
        field.fill(text)
        field.press("Enter")
        self.typed.append(Typed(text, time.time(), conversation))

    def card(self, conversation: int):
        """The conversation's card, on screen or not (reading it changes nothing on screen;
        tests/e2e's `conversation_in` puts it on screen, as the operator would, to act on it)."""
        return self.page.locator(f"article.conversation:has(h3#conversation-{conversation}-title)")

    def lines(self, conversation: int) -> list[dict]:
        return self.card(conversation).evaluate(READ_CARD)

    def connection_state(self) -> str | None:
        return self.page.locator("[data-connection]").get_attribute("data-state")

    def card_closed(self, conversation: int) -> bool:
        return "conversation--closed" in (self.card(conversation).get_attribute("class") or "")

    def retry_failed(self) -> int:
        failed = ".line[data-status='failed'] button.line__status"
        waiting = [c for c in self.conversations if self.card(c).locator(failed).count()]
        if not waiting or not self._may_retry():
            return 0
        return sum(
            self._press_all(conversation_in(self.page, conversation).locator(failed))
            for conversation in waiting
        )


def signed_in_state(browser, base_url: str, user: dict) -> dict:
    """An operator signed in through the Wagtail admin's sign-in form (tests/e2e's `sign_in`),
    as Playwright storage state: the session cookie each of their consoles starts from. A
    cookie is for a host, whatever its port, so it holds for every server of the suite."""
    context = browser.new_context(base_url=base_url)
    try:
        page = context.new_page()
        sign_in(page, user)
        page.wait_for_url(re.compile(r".*/admin/$"))
        return context.storage_state()
    finally:
        context.close()
