"""Staff sessions that end, in a real browser (lantern.sessions, static/js/staff-session.js):
on a server of its own whose sessions end after 12 seconds without activity, with a warning
8 seconds before, an admin page shows the warning as a dialog a keyboard user is taken to;
"Stay signed in" keeps the session, and waiting it out lands on the sign-in page, which says
why. And an operator's console whose session is signed out elsewhere says so, with a link to
sign in again, and does not reconnect."""

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    AXE_TAGS,
    CONSOLE_PATH,
    CREATE_OPERATOR,
    OPERATOR_PASSWORD,
    E2EDatabase,
    describe_violations,
    serve_site,
    sign_in,
)

pytestmark = pytest.mark.browser

IDLE_SECONDS = 12
WARNING_SECONDS = 8

REASON = """
from django.utils import translation
from lantern.sessions import IDLE, REASON_MESSAGES
result = []
for language in languages:
    with translation.override(language):
        result.append(str(REASON_MESSAGES[IDLE]))
"""


@pytest.fixture(scope="module")
def short_sessions(chromium_executable):
    with serve_site(
        LANTERN_STAFF_IDLE_SECONDS=str(IDLE_SECONDS),
        LANTERN_STAFF_IDLE_WARNING_SECONDS=str(WARNING_SECONDS),
    ) as site:
        yield site


@pytest.fixture(scope="module")
def short_db(short_sessions):
    workdir = Path(tempfile.mkdtemp(prefix="lantern-e2e-idle-"))
    database = E2EDatabase(short_sessions.env, workdir / "helper.log")
    try:
        yield database
    finally:
        database.close()
        shutil.rmtree(workdir, ignore_errors=True)


def signed_in(page) -> bool:
    """Asked of the status endpoint (a GET: not activity)."""
    return page.request.get("/admin/session/").status == 200


def test_warned_before_the_end_stay_signed_in_then_signed_out(
    browser, short_sessions, short_db, axe
):
    operator = short_db.run(CREATE_OPERATOR, password=OPERATOR_PASSWORD)
    reasons = short_db.run(REASON, languages=short_sessions.languages)
    context = browser.new_context(base_url=short_sessions.base_url)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        sign_in(page, operator)
        expect(page).to_have_url(short_sessions.url("/admin/"))
        script = page.locator("script[data-staff-session]")
        stay_label = script.get_attribute("data-stay")

        # Some 4 seconds after the page loaded, the warning, as a modal dialog with the focus
        # on its button.
        dialog = page.get_by_role("alertdialog")
        expect(dialog).to_be_visible(timeout=IDLE_SECONDS * 1000)
        expect(dialog).to_have_accessible_name(script.get_attribute("data-title"))
        button = dialog.get_by_role("button", name=stay_label)
        expect(button).to_be_focused()
        expect(dialog.locator("p")).to_contain_text(re.compile(r"\d"))
        violations = axe.run(
            page,
            context="dialog.staff-session",
            options={
                "runOnly": {"type": "tag", "values": AXE_TAGS},
                "resultTypes": ["violations"],
            },
        ).response["violations"]
        assert not violations, describe_violations(violations)

        # From the keyboard: the session goes on past the first deadline.
        page.keyboard.press("Enter")
        expect(dialog).to_be_hidden()
        page.wait_for_timeout((IDLE_SECONDS - WARNING_SECONDS + 2) * 1000)
        assert page.url == short_sessions.url("/admin/")
        assert signed_in(page)

        # Then nobody is there: warned again, and signed out at the end.
        expect(dialog).to_be_visible(timeout=IDLE_SECONDS * 1000)
        expect(page).to_have_url(
            re.compile(re.escape(short_sessions.url("/admin/login/?next=")) + ".*"),
            timeout=(WARNING_SECONDS + 10) * 1000,
        )
        message = page.locator(".messages")
        expect(message).to_be_visible()
        assert any(reason in message.inner_text() for reason in reasons), message.inner_text()
        assert not signed_in(page)
    finally:
        context.close()


def test_a_console_signed_out_elsewhere_says_so_and_does_not_reconnect(
    new_context, e2e_site, chat_operator
):
    context = new_context(viewport={"width": 1280, "height": 1000})
    console = context.new_page()
    sockets = []
    console.on("websocket", lambda socket: sockets.append(socket))
    sign_in(console, chat_operator)
    expect(console).to_have_url(e2e_site.url("/admin/"))
    console.goto(CONSOLE_PATH)
    expect(console.locator("[data-available]")).to_be_enabled()  # its socket is open

    # The same person signs out in another tab.
    other = context.new_page()
    other.goto("/admin/")
    other.evaluate(
        """() => fetch("/admin/logout/", {
            method: "POST",
            headers: {"X-CSRFToken": JSON.parse(
                document.getElementById("wagtail-config").textContent).CSRF_TOKEN},
        })"""
    )

    status = console.locator("[data-connection]")
    expect(status).to_have_attribute("data-state", "signed-out")
    link = status.locator("a")
    expect(link).to_have_attribute("href", re.compile(r"^/admin/login/\?next="))
    console.wait_for_timeout(3000)  # longer than the first reconnect's back-off
    assert len(sockets) == 1
    link.click()
    expect(console).to_have_url(re.compile(re.escape(e2e_site.url("/admin/login/"))))
