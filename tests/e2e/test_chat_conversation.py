"""Conversations end to end: visitors' browsers and an operator's console (two or more browser
contexts) against the real daphne server, with the database checked through `e2e_db`.

- Queue: a second visitor waiting behind the first sees place 2, then 1 when the first is
  accepted; the console lists both with language and topic and shows the count in the title.
- Live conversation: accept, messages both ways, typing indicators both ways, the visitor's
  own message goes "sending" → "sent" → "delivered"; operators' links are links with
  rel="noopener noreferrer nofollow", visitors' links stay text; "End chat" and declining
  consent leave no message row behind.
- Resume: leaving and coming back in the same tab, a reload, a network loss and a dropped
  socket all resume the same conversation; what the operator wrote meanwhile appears in order,
  nothing missing, nothing twice; the token is never in a URL.
- Quick exit during a chat (button and Shift ×3): the frame reaches the server before the
  page goes, the token is wiped, the console says the visitor left in a hurry and must not be
  contacted back.
- Consent: asked by the operator, shown in the visitor's language, granted with transcript;
  withdrawal code; the operator fills in and saves the lead; the rows prove it.
- Script injection: markup and template syntax sent both ways run nothing and show exactly
  what was sent.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    PANEL,
    accept_first,
    chat_strings,
    console_log,
    conversation_in,
    open_chat,
    open_console,
    operator_says,
    start_chat,
    translate,
    visitor_log,
    visitor_says,
)

pytestmark = pytest.mark.browser

ACCEPTED = "A trained adviser has joined the conversation."

RECORD_STATUSES = """
window.__statuses = [];
new MutationObserver(records => records.forEach(record => {
    const status = record.target.getAttribute('data-status');
    if (record.target.matches('.chat__message--visitor')
        && window.__statuses[window.__statuses.length - 1] !== status) {
        window.__statuses.push(status);
    }
})).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-status']});
"""

KEEP_SOCKETS = """
window.__sockets = [];
window.WebSocket = class extends window.WebSocket {
    constructor(...args) { super(...args); window.__sockets.push(this); }
};
"""

CONVERSATION_ROWS = """
from chat.models import Conversation, Message
from chat.referrals.models import Lead
conversation = Conversation.objects.get(pk=pk)
result = {
    "status": conversation.status, "outcome": conversation.outcome,
    "consent": conversation.consent, "do_not_contact": conversation.do_not_contact,
    "token_hash": conversation.token_hash,
    "messages": Message.objects.filter(conversation_id=pk).count(),
    "leads": Lead.objects.filter(conversation_id=pk).count(),
}
"""


def console_config(console) -> dict:
    return console.evaluate(
        "JSON.parse(document.getElementById('lantern-console-config').textContent)"
    )


def visitor_page(new_context, **options):
    context = new_context(**options)
    page = context.new_page()
    return context, page


def said(page) -> list[tuple[str, str]]:
    """What the visitor and the operator said, as the visitor's log shows it."""
    return [tuple(line) for line in visitor_log(page) if line[0] in ("visitor", "operator")]


def test_queue_positions_update_live(new_context, operator_state, e2e_site, chat_ready):
    console = open_console(new_context, operator_state)
    config = console_config(console)
    strings = chat_strings(chat_ready, "lv")
    _first_context, first = visitor_page(new_context)
    _second_context, second = visitor_page(new_context)

    open_chat(first, e2e_site, "lv")
    start_chat(first, topic="work", language="ru")
    place = strings["queue"]
    expect(first.locator("[data-chat-queue]")).to_contain_text(place % {"position": 1})
    open_chat(second, e2e_site, "lv", "campaignpage")
    start_chat(second, topic="online")
    expect(second.locator("[data-chat-queue]")).to_contain_text(place % {"position": 2})
    # ... with an estimated wait (from recent waits: in these tests, short ones).
    estimate = second.locator("[data-chat-queue]").inner_text()
    assert strings["waitSoon"] in estimate or strings["wait"].split("%(")[0] in estimate

    # The console lists both, oldest first, with language and topic, and counts them in the
    # tab's title.
    queue = console.locator("[data-queue] > li")
    expect(queue).to_have_count(2)
    expect(console.locator("[data-queue-count]")).to_have_text("2")
    expect(console).to_have_title(f"(2) {console.title().split(') ', 1)[-1]}")
    expect(queue.nth(0)).to_contain_text(f"RU · {config['topics']['work']}")
    expect(queue.nth(1)).to_contain_text(f"LV · {config['topics']['online']}")
    waiting = int(queue.nth(1).locator("button").get_attribute("data-id"))
    # The second visitor writes while waiting: the message is kept for the adviser.
    visitor_says(second, "Vai kāds ir tur?")
    expect(second.locator(".chat__message--visitor .chat__delivery")).to_have_text(strings["sent"])

    conversation = accept_first(console)
    expect(conversation_in(console, conversation).locator("[data-meta]")).to_have_text(
        f"RU · {config['topics']['work']}"
    )
    # The first visitor is in the conversation (the event in the conversation's language);
    # the second moves up, live.
    expect(first.locator("[data-view=conversation]")).to_be_visible()
    expect(first.locator("[data-view=queue]")).to_be_hidden()
    expect(first.locator("[data-chat-log] .chat__message--system")).to_have_text(
        translate(chat_ready, "ru", ACCEPTED)[0]
    )
    expect(second.locator("[data-chat-queue]")).to_contain_text(place % {"position": 1})
    expect(queue).to_have_count(1)
    expect(console.locator("[data-queue-count]")).to_have_text("1")

    # A visitor still waiting who presses "End chat" just leaves: nothing to consent to.
    second.locator("[data-chat-end]").click()
    expect(second.locator("[data-view=ended]")).to_be_visible()
    expect(second.locator("[data-chat-ended-text]")).to_have_text(strings["ended"])
    expect(queue).to_have_count(0)
    expect(console.locator("[data-queue-empty]")).to_be_visible()
    assert second.evaluate("sessionStorage.length") == 0
    rows = chat_ready.run(CONVERSATION_ROWS, pk=waiting)
    assert rows == {
        "status": "closed",
        "outcome": "visitor_left",
        "consent": "not_asked",
        "do_not_contact": False,
        "token_hash": None,
        "messages": 0,
        "leads": 0,
    }


def test_live_conversation_then_decline(new_context, operator_state, e2e_site, chat_ready):
    console = open_console(new_context, operator_state)
    config = console_config(console)
    strings = chat_strings(chat_ready, "en")
    _context, visitor = visitor_page(new_context)
    visitor.add_init_script(RECORD_STATUSES)

    open_chat(visitor, e2e_site, "en")
    start_chat(visitor)
    conversation = accept_first(console)
    card = conversation_in(console, conversation)
    expect(card.locator("[data-composer] textarea")).to_be_focused()

    # The visitor writes, with a link: it stays text on both sides.
    visitor_says(visitor, "Hello, is this www.example.com or https://example.org/x?")
    own = visitor.locator(".chat__message--visitor").last
    expect(own.locator(".chat__delivery")).to_have_text(strings["delivered"])
    assert visitor.evaluate("window.__statuses") == ["sending", "sent", "delivered"]
    expect(own.locator("a")).to_have_count(0)
    visitor_line = card.locator(".line--visitor .line__text").last
    expect(visitor_line).to_have_text("Hello, is this www.example.com or https://example.org/x?")
    expect(card.locator(".line--visitor a")).to_have_count(0)

    # The operator types (the visitor sees it), then answers with a link.
    field = card.locator("[data-composer] textarea")
    field.press_sequentially("Yes")
    expect(visitor.locator("[data-chat-typing]")).to_be_visible()
    expect(visitor.locator("[data-chat-typing]")).to_have_text(strings["typing"])
    field.fill("Yes. Read https://example.org/help?a=1 first.")
    field.press("Enter")
    answer = visitor.locator(".chat__message--operator").last
    expect(answer.locator(".chat__text")).to_have_text(
        "Yes. Read https://example.org/help?a=1 first."
    )
    expect(answer.locator(".chat__who")).to_have_text(strings["adviser"])
    link = answer.locator("a")
    expect(link).to_have_count(1)
    expect(link).to_have_attribute("href", "https://example.org/help?a=1")
    expect(link).to_have_attribute("rel", "noopener noreferrer nofollow")
    expect(link).to_have_attribute("target", "_blank")
    expect(visitor.locator("[data-chat-typing]")).to_be_hidden()
    # ... and sees it delivered once the visitor's browser has shown it.
    expect(card.locator(".line--operator .line__status").last).to_have_text(
        config["strings"]["delivered"]
    )

    # The visitor types: the operator sees it.
    visitor.locator("#chat-input").press_sequentially("Th")
    expect(card.locator("[data-typing]")).to_be_visible()
    visitor.locator("#chat-input").fill("")

    # The log is announced to screen readers.
    log = visitor.locator("[role=log]:has([data-chat-log])")
    expect(log).to_have_attribute("aria-live", "polite")
    expect(log.locator(".chat__message--operator")).to_have_count(1)
    expect(card.locator("[role=log]:has([data-log])")).to_have_attribute("aria-live", "polite")

    # "End chat": the visitor is asked about consent first, says no, and it ends.
    visitor.locator("[data-chat-end]").click()
    consent = visitor.locator("[data-view=consent]")
    expect(consent).to_be_visible()
    expect(consent.locator("[data-consent-ending]")).to_be_visible()
    expect(consent.locator("[data-consent-text]")).to_contain_text(
        strings["consentText"].split("\n\n")[1]
    )
    consent.locator("[data-consent-decline]").click()
    expect(visitor.locator("[data-view=ended]")).to_be_visible()
    expect(visitor.locator("[data-chat-ended-text]")).to_have_text(strings["ended"])
    expect(visitor.locator("[data-chat-code]")).to_be_hidden()
    assert visitor.evaluate("sessionStorage.length") == 0
    expect(card.locator("[data-alert]")).to_have_text(config["strings"]["closed"])
    expect(card.locator("[data-composer] textarea")).to_be_disabled()

    rows = chat_ready.run(CONVERSATION_ROWS, pk=conversation)
    assert rows == {
        "status": "closed",
        "outcome": "visitor_ended",
        "consent": "declined",
        "do_not_contact": False,
        "token_hash": None,
        "messages": 0,
        "leads": 0,
    }


def test_resume_after_reload_and_network_loss(new_context, operator_state, e2e_site, chat_ready):
    console = open_console(new_context, operator_state)
    strings = chat_strings(chat_ready, "uk")
    context, visitor = visitor_page(new_context)
    visitor.add_init_script(KEEP_SOCKETS)
    urls = []
    context.on("request", lambda request: urls.append(request.url))
    visitor.on("websocket", lambda socket: urls.append(socket.url))

    open_chat(visitor, e2e_site, "uk")
    start_chat(visitor)
    conversation = accept_first(console)
    card = conversation_in(console, conversation)
    token = visitor.evaluate("JSON.parse(sessionStorage.getItem('lantern.chat')).token")
    expected = []

    def visitor_line(text):
        visitor_says(visitor, text)
        expected.append(("visitor", text))
        expect(card.locator(".line--visitor .line__text").last).to_have_text(text)

    def operator_line(text):
        operator_says(console, conversation, text)  # returns once the server has stored it
        expected.append(("operator", text))

    def shows_everything():
        expect(visitor.locator(".chat__message--visitor, .chat__message--operator")).to_have_count(
            len(expected)
        )
        assert said(visitor) == expected
        lines = [line for line in console_log(console, conversation) if line[0] != "system"]
        assert [tuple(line) for line in lines] == expected

    visitor_line("Привіт")
    operator_line("Добрий день, я тут.")

    # Away from the site in the same tab; the operator writes meanwhile; back on another page.
    visitor.goto("about:blank")
    for number in range(1, 4):
        operator_line(f"Повідомлення {number}, поки вас не було")
    visitor.goto(e2e_site.first("campaignpage")["urls"]["uk"])
    expect(visitor.locator(PANEL)).to_be_visible()
    shows_everything()
    expect(visitor.locator("[data-chat-input], #chat-input")).to_be_visible()

    # A plain reload.
    visitor.reload()
    shows_everything()
    operator_line("Після перезавантаження")
    shows_everything()
    assert visitor.evaluate("JSON.parse(sessionStorage.getItem('lantern.chat')).token") == token

    # The network goes: the widget says so; both sides keep writing; it comes back.
    context.set_offline(True)
    expect(visitor.locator("[data-chat-status]")).to_have_text(strings["reconnecting"])
    operator_line("Ви офлайн? 1")
    operator_line("Ви офлайн? 2")
    visitor_says(visitor, "Пишу без мережі")
    expected.append(("visitor", "Пишу без мережі"))
    pending = visitor.locator(".chat__message--visitor").last
    expect(pending.locator(".chat__delivery")).to_have_text(strings["sending"])
    context.set_offline(False)
    expect(pending.locator(".chat__delivery")).to_have_text(strings["delivered"])
    shows_everything()

    # The socket drops (a proxy restarts, say): the widget reconnects by itself.
    visitor.evaluate("window.__sockets.forEach(socket => socket.close())")
    operator_line("Після обриву з'єднання")
    shows_everything()
    expect(visitor.locator("[data-chat-log] .chat__message--system")).to_have_count(1)

    # The same conversation throughout, and the token never in a URL.
    assert len([url for url in urls if url.endswith("/ws/chat/visitor/")]) >= 4
    assert token not in visitor.url
    assert not [url for url in urls if token in url]
    rows = chat_ready.run(CONVERSATION_ROWS, pk=conversation)
    assert rows["status"] == "active"


def test_the_console_sends_again_what_was_not_acknowledged(
    new_context, operator_state, e2e_site, chat_ready
):
    """An operator who writes while the console's connection is gone sees the line wait
    ("…"), and it goes by itself once the console is back: stored once, shown once."""
    console = open_console(new_context, operator_state)
    _context, visitor = visitor_page(new_context)
    open_chat(visitor, e2e_site, "en")
    start_chat(visitor)
    conversation = accept_first(console)
    card = conversation_in(console, conversation)
    operator_says(console, conversation, "Before the network went")

    console.context.set_offline(True)
    expect(console.locator("[data-connection]")).to_have_attribute("data-state", "reconnecting")
    field = card.locator("[data-composer] textarea")
    field.fill("Written while offline")
    field.press("Enter")
    line = card.locator(".line--operator:not(.line--note)").last
    expect(line.locator(".line__text")).to_have_text("Written while offline")
    expect(line).to_have_attribute("data-status", "sending")
    console.context.set_offline(False)
    expect(line).to_have_attribute("data-seq", re.compile(r"^\d+$"))
    expect(line).not_to_have_attribute("data-status", "sending")

    answers = visitor.locator(".chat__message--operator .chat__text")
    expect(answers).to_have_text(["Before the network went", "Written while offline"])
    written = ["Before the network went", "Written while offline"]
    lines = console_log(console, conversation)
    assert [text for who, text in lines if who == "operator"] == written
    # Stored once each. (Their text is sealed with a key only the server's memory holds: it
    # was read above, as the visitor and the console show it.)
    stored = chat_ready.run(
        "from chat.models import Message\n"
        "result = list(Message.objects.filter(conversation_id=pk, sender='operator')"
        ".values_list('client_id', flat=True))",
        pk=conversation,
    )
    assert len(stored) == len(set(stored)) == 2


@pytest.mark.parametrize("how", ["button", "shift"])
def test_quick_exit_tells_the_operator(new_context, operator_state, e2e_site, chat_ready, how):
    console = open_console(new_context, operator_state)
    config = console_config(console)
    _context, visitor = visitor_page(new_context)
    frames = []
    visitor.on(
        "websocket", lambda socket: socket.on("framesent", lambda frame: frames.append(frame))
    )

    open_chat(visitor, e2e_site, "lv")
    start_chat(visitor)
    conversation = accept_first(console)
    visitor_says(visitor, "Viņš nāk. Man jāiet.")
    card = conversation_in(console, conversation)
    expect(card.locator(".line--visitor")).to_have_count(1)

    if how == "button":
        visitor.locator("[data-quick-exit]").click()
    else:
        visitor.locator("#chat-input").focus()
        for _ in range(3):
            visitor.keyboard.press("Shift")
    expect(visitor).to_have_url(e2e_site.quick_exit_url)
    assert any('"quick_exit"' in str(frame) for frame in frames)

    alert = card.locator("[data-alert]")
    expect(alert).to_have_text(config["strings"]["closedHurry"])
    expect(card).to_have_class("conversation conversation--closed conversation--hurry")
    rows = chat_ready.run(CONVERSATION_ROWS, pk=conversation)
    assert rows == {
        "status": "closed",
        "outcome": "quick_exit",
        "consent": "not_asked",
        "do_not_contact": True,
        "token_hash": None,
        "messages": 0,
        "leads": 0,
    }

    # Back on the site in the same tab: nothing left, nothing resumed, no socket.
    sockets_before = len(frames)
    visitor.goto(e2e_site.first("homepage")["urls"]["lv"])
    assert visitor.evaluate("[sessionStorage.length, localStorage.length]") == [0, 0]
    expect(visitor.locator(PANEL)).to_be_hidden()
    visitor.wait_for_timeout(200)
    assert len(frames) == sockets_before


LEAD = """
from chat.consent import CONSENT_VERSION, consent_text, hash_withdrawal_code, wording_hash
from chat.referrals.models import Lead
lead = Lead.objects.select_related("consent").get(conversation_id=pk)
record = lead.consent
result = {
    "source": lead.source, "language": lead.language, "topic": lead.topic,
    "form_of_exploitation": lead.form_of_exploitation, "summary": lead.summary,
    "urgency": lead.urgency, "location": lead.location, "safe_contact": lead.safe_contact,
    "created_by": lead.created_by_id,
    "transcript": [[line["sender"], line["text"]] for line in lead.transcript],
    "consent": {
        "method": record.method, "language": record.language,
        "version_ok": record.wording_version == CONSENT_VERSION,
        "wording_ok": record.wording_hash == wording_hash(consent_text(record.language)),
        "code_ok": record.withdrawal_code_hash == hash_withdrawal_code(code),
        "covers_transcript": record.covers_transcript,
        "covers_contact": record.covers_contact,
        "rules": record.rules_id,
    },
}
"""


def test_consent_and_lead(new_context, operator_state, e2e_site, chat_ready, chat_operator):
    console = open_console(new_context, operator_state)
    config = console_config(console)
    strings = chat_strings(chat_ready, "ru")
    _context, visitor = visitor_page(new_context)

    open_chat(visitor, e2e_site, "ru")
    # Before the first word: what staff will and will not do with it, in Russian.
    intro = visitor.locator("[data-view=intro]")
    assert intro.locator("[data-chat-rules] p").all_inner_texts() == strings["rules"]
    start_chat(visitor, topic="relationship")
    conversation = accept_first(console)
    card = conversation_in(console, conversation)
    visitor_says(visitor, "Он забрал мой паспорт.")
    operator_says(console, conversation, "Понимаю. Вы сейчас в безопасности?")
    expect(visitor.locator(".chat__message--operator")).to_have_count(1)
    expect(card.locator("[data-lead]")).to_be_hidden()

    card.locator("[data-request-consent]").click()
    consent = visitor.locator("[data-view=consent]")
    expect(consent).to_be_visible()
    expect(consent.locator("[data-consent-text]")).to_be_focused()
    expect(consent.locator("[data-consent-ending]")).to_be_hidden()
    paragraphs = consent.locator("[data-consent-text] p").all_inner_texts()
    assert paragraphs == strings["consentText"].split("\n\n")
    # The chat rules, shown again; the consent records that version.
    expect(consent.locator("[data-consent-rules]")).to_be_visible()
    assert consent.locator("[data-consent-rules] p").all_inner_texts() == strings["rules"]
    consent.locator("input[name=transcript]").check()
    consent.locator("#chat-consent-contact").fill("Telegram, по будням после 18:00")
    consent.locator("[data-consent-grant]").click()

    # The visitor is back in the conversation, with the withdrawal code in view.
    expect(visitor.locator("[data-view=conversation]")).to_be_visible()
    notice = visitor.locator(".chat__message--notice:not(.chat__message--return)").last
    expect(notice).to_contain_text(strings["consentGranted"])
    code = notice.locator("strong").inner_text()
    assert len(code) == 11 and code[5] == "-"
    expect(visitor.locator("[data-chat-granted] strong")).to_have_text(code)
    # And the return code, with where to come back (tests/e2e/test_return_code.py).
    returning = visitor.locator(".chat__message--return")
    expect(returning).to_contain_text(strings["returnCode"])
    return_code = returning.locator("strong").inner_text()
    assert len(return_code) == 14 and return_code != code
    expect(visitor.locator("[data-chat-granted-return] strong")).to_have_text(return_code)
    expect(visitor.locator("#chat-input")).to_be_focused()

    # The operator sees it and fills in the lead, which already holds what the visitor gave.
    lead = card.locator("[data-lead-form]")
    status = card.locator("[data-lead-status]")
    expect(lead).to_be_visible()
    expect(card.locator("[data-alert]")).to_have_text(config["strings"]["consentGranted"])
    contact = lead.locator("textarea[name=safe_contact]")
    expect(contact).to_have_value("Telegram, по будням после 18:00")
    lead.locator("select[name=form_of_exploitation]").select_option("labour")
    lead.locator("select[name=urgency]").select_option("high")
    lead.locator("input[name=location]").fill("Jelgava")
    lead.locator("textarea[name=summary]").fill("Documents withheld by the employer.")
    contact.fill("Telegram, weekdays after 18:00")  # corrected, for the caseworker
    lead.locator("button[type=submit]").click()
    expect(status).to_have_text(config["strings"]["leadSaved"])

    # The conversation goes on; the operator ends it (consent is answered: it closes).
    visitor_says(visitor, "Спасибо.")
    expect(card.locator(".line--visitor")).to_have_count(2)
    card.locator("[data-end]").click()
    # Asked first, with what happens to the conversation.
    expect(card.locator("[data-end-consequence]")).to_have_text(config["strings"]["endGranted"])
    expect(card.locator("[data-end-consequence]")).to_be_focused()
    card.locator("[data-end-now]").click()
    expect(visitor.locator("[data-view=ended]")).to_be_visible()
    expect(visitor.locator("[data-chat-ended-text]")).to_have_text(strings["consentGranted"])
    expect(visitor.locator("[data-chat-code] strong")).to_have_text(code)
    expect(visitor.locator("[data-chat-return] strong")).to_have_text(return_code)
    expect(card.locator("[data-alert]")).to_have_text(config["strings"]["closed"])
    # Once the chat has ended, the lead is the caseworker's: the operator adds a note.
    expect(lead.locator("input[name=location]")).to_be_disabled()
    note = card.locator("[data-lead-note-form]")
    expect(note).to_be_visible()
    note.locator("textarea[name=text]").fill("She will call again on Friday.")
    note.locator("button[type=submit]").click()
    expect(status).to_have_text(config["strings"]["leadNoteSaved"])
    notes = chat_ready.run(
        "from chat.referrals.models import LeadNote\n"
        "result = list(LeadNote.objects.filter(lead__conversation_id=pk)"
        ".values_list('text', flat=True))",
        pk=conversation,
    )
    assert notes == ["She will call again on Friday."]

    rows = chat_ready.run(LEAD, pk=conversation, code=code)
    said_by = [line for line in rows.pop("transcript") if line[0] != "system"]
    assert rows == {
        "source": "chat",
        "language": "ru",
        "topic": "relationship",
        "form_of_exploitation": "labour",
        "summary": "Documents withheld by the employer.",
        "urgency": "high",
        "location": "Jelgava",
        "safe_contact": "Telegram, weekdays after 18:00",
        "created_by": chat_operator["id"],
        "consent": {
            "method": "chat",
            "language": "ru",
            "version_ok": True,
            "wording_ok": True,
            "code_ok": True,
            "covers_transcript": True,
            "covers_contact": True,
            "rules": strings["rulesVersion"],
        },
    }
    assert said_by == [
        ["visitor", "Он забрал мой паспорт."],
        ["operator", "Понимаю. Вы сейчас в безопасности?"],
        ["visitor", "Спасибо."],
    ]
    conversation_rows = chat_ready.run(CONVERSATION_ROWS, pk=conversation)
    assert conversation_rows["messages"] == 0
    assert conversation_rows["consent"] == "granted"
    assert conversation_rows["outcome"] == "operator_ended"


PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">x</a>',
    "{{7*7}}",
]

NO_MARKUP = """selector => document.querySelectorAll(
    `${selector} script, ${selector} img, ${selector} svg, ${selector} a[href^="javascript"]`
).length"""


def test_script_injection_runs_nothing(new_context, operator_state, e2e_site, chat_ready):
    console = open_console(new_context, operator_state)
    _context, visitor = visitor_page(new_context)
    dialogs, errors = [], []
    for page in (visitor, console):
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    open_chat(visitor, e2e_site, "en")
    start_chat(visitor)
    conversation = accept_first(console)
    card = conversation_in(console, conversation)
    for text in PAYLOADS:
        visitor_says(visitor, text)
        expect(card.locator(".line--visitor .line__text").last).to_have_text(text)
    for text in PAYLOADS:
        operator_says(console, conversation, text)
        expect(visitor.locator(".chat__message--operator .chat__text").last).to_have_text(text)

    expected = [("visitor", text) for text in PAYLOADS] + [("operator", text) for text in PAYLOADS]
    assert said(visitor) == expected
    lines = [tuple(line) for line in console_log(console, conversation) if line[0] != "system"]
    assert lines == expected
    assert visitor.evaluate(NO_MARKUP, "[data-chat-log]") == 0
    assert console.evaluate(NO_MARKUP, "[data-log]") == 0
    # Not even "javascript:" from an operator becomes a link.
    expect(visitor.locator("[data-chat-log] a")).to_have_count(0)
    visitor.wait_for_timeout(300)
    assert dialogs == []
    assert errors == []
