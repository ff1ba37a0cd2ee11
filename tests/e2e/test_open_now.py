"""Who is open now: every hotline and service shown with its hours says whether it is open,
by the visitor's clock read in Latvian time (whatever the device's own time zone), on the same
cached page at any hour, without a cookie: in the bar, under "Talk to someone", in the chat's
closed state and in the help directory.

The demo's hours: the Lantern helpline (the main one, in the bar) Mon-Fri 9:00-20:00, the
victims' support line 116 006 every day 7:00-22:00, directory services mostly Mon-Fri."""

import datetime
import json
import zoneinfo

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, describe_violations, set_chat_hours

pytestmark = pytest.mark.browser

RIGA = zoneinfo.ZoneInfo("Europe/Riga")
WEDNESDAY_10 = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=RIGA)  # both open
SATURDAY_8 = datetime.datetime(2026, 12, 5, 8, 0, tzinfo=RIGA)  # 116 006 open, helpline not
SATURDAY_23 = datetime.datetime(2026, 12, 5, 23, 0, tzinfo=RIGA)  # all closed
# Far from Riga, so that a page reading the device's local time would be wrong by 7 hours.
DEVICE_TIME_ZONE = "America/New_York"

LABELS = """
from django.utils import translation
with translation.override(language):
    result = {"open": str(translation.gettext("Open now")),
              "closed": str(translation.gettext("Closed now"))}
"""


def labels(e2e_db, language: str) -> dict:
    return e2e_db.run(LABELS, language=language)


def at(new_context, when: datetime.datetime):
    context = new_context(timezone_id=DEVICE_TIME_ZONE)
    page = context.new_page()
    page.clock.set_fixed_time(when)
    return context, page


def hotline(page, number: str):
    return page.locator(".contact .hotline").filter(has_text=number).locator("[data-open-hours]")


@pytest.mark.parametrize("language", ["lv", "uk"])
def test_open_now_in_the_bar_and_under_talk_to_someone(
    new_context, e2e_site, e2e_db, axe, language
):
    words = labels(e2e_db, language)
    assert words["open"] != "Open now", "the label is not translated"
    home = e2e_site.first("homepage")["urls"][language]
    bar = ".safety-bar [data-open-hours]"

    context, page = at(new_context, SATURDAY_8)
    page.goto(home)
    expect(page.locator(bar)).to_have_text(words["closed"])
    expect(hotline(page, "116 006")).to_have_text(words["open"])
    expect(hotline(page, "8000 0001")).to_have_text(words["closed"])
    assert context.cookies() == []
    context.close()

    context, page = at(new_context, WEDNESDAY_10)
    page.goto(home)
    expect(page.locator(bar)).to_have_text(words["open"])
    expect(hotline(page, "116 006")).to_have_text(words["open"])
    expect(hotline(page, "8000 0001")).to_have_text(words["open"])
    violations = axe_violations(axe, page)
    assert not violations, describe_violations(violations)
    context.close()

    context, page = at(new_context, SATURDAY_23)
    page.goto(home)
    shown = page.locator("[data-open-hours]:visible")
    assert shown.count() >= 3
    for text in shown.all_inner_texts():
        assert text == words["closed"]


def test_open_now_in_the_help_directory(new_context, e2e_site, e2e_db):
    words = labels(e2e_db, "en")
    directory = e2e_site.first("helpdirectorypage")["urls"]["en"]

    context, page = at(new_context, WEDNESDAY_10)
    page.goto(directory)
    states = page.locator(".service [data-open-hours]")
    expect(states.first).to_be_visible()
    texts = set(states.all_inner_texts())
    assert words["open"] in texts  # a weekday morning: the Mon-Fri services are open
    context.close()

    # Saturday 23:00: open only what answers round the clock.
    context, page = at(new_context, SATURDAY_23)
    page.goto(directory)
    states = page.locator(".service [data-open-hours]")
    expect(states.first).to_be_visible()
    shown = {"open": 0, "closed": 0}
    for state in states.all():
        hours = json.loads(state.get_attribute("data-open-hours"))
        round_the_clock = [5, 0, 1440] in hours
        expected = words["open"] if round_the_clock else words["closed"]
        assert state.inner_text() == expected, hours
        shown["open" if round_the_clock else "closed"] += 1
    assert shown["open"] and shown["closed"], shown


def test_open_now_in_the_chats_closed_state(new_context, e2e_site, chat_ready):
    """The chat closed (no opening hours today): the hotline it offers says whether it is
    open now."""
    words = labels(chat_ready, "en")
    set_chat_hours(chat_ready, [])
    context, page = at(new_context, SATURDAY_8)
    page.goto(e2e_site.first("homepage")["urls"]["en"])
    page.locator("[data-chat-launcher]").click()
    unavailable = page.locator("[data-view=unavailable]")
    expect(unavailable).to_be_visible()
    expect(unavailable.locator("[data-open-hours]")).to_have_text(words["closed"])
