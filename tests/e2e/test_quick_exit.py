"""Quick exit: the button and Shift pressed three times leave for the neutral destination,
replace the current history entry (history does not grow; Back does not return to the page
the exit was pressed on), and clear the site's sessionStorage and localStorage.

The destination set by the demo content is an external site; the `new_context` fixture
answers navigations to it with a tiny local page (the test boundary)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def open_campaign_from_home(page, e2e_site, language: str = "lv") -> str:
    """Home, then a campaign reached by clicking its link: two history entries of the site."""
    campaign = e2e_site.first("campaignpage")
    page.goto(e2e_site.first("homepage")["urls"][language])
    page.locator(f"main a[href='{campaign['urls'][language]}']").first.click()
    url = e2e_site.url(campaign["urls"][language])
    expect(page).to_have_url(url)
    page.wait_for_load_state("load")
    page.evaluate(
        "window.localStorage.setItem('lantern.test', 'kept?');"
        "window.sessionStorage.setItem('lantern.chat', 'token');"
    )
    return url


def assert_left_without_trace(page, e2e_site, left_from: str, history_before: int) -> None:
    expect(page).to_have_url(e2e_site.quick_exit_url)
    assert page.evaluate("history.length") == history_before, "quick exit added a history entry"
    page.go_back()
    page.wait_for_load_state("load")
    assert page.url != left_from, "Back returned to the page the exit was pressed on"
    assert page.url == e2e_site.url(e2e_site.first("homepage")["urls"]["lv"])
    # The same tab, back on the site: its storage is empty.
    page.goto(left_from)
    stored = page.evaluate(
        "[window.localStorage.getItem('lantern.test'),"
        " window.sessionStorage.getItem('lantern.chat'),"
        " window.localStorage.length, window.sessionStorage.length]"
    )
    assert stored == [None, None, 0, 0]
    # Another tab of the same browser profile sees an empty localStorage too.
    other = page.context.new_page()
    other.goto(left_from)
    assert other.evaluate("window.localStorage.length") == 0
    other.close()


def test_quick_exit_button(page, e2e_site):
    left_from = open_campaign_from_home(page, e2e_site)
    history_before = page.evaluate("history.length")
    button = page.locator("[data-quick-exit]")
    expect(button).to_be_visible()
    assert button.get_attribute("href") == e2e_site.quick_exit_url
    button.click()
    assert_left_without_trace(page, e2e_site, left_from, history_before)


def test_shift_three_times(page, e2e_site):
    left_from = open_campaign_from_home(page, e2e_site)
    history_before = page.evaluate("history.length")
    for _ in range(3):
        page.keyboard.press("Shift")
    assert_left_without_trace(page, e2e_site, left_from, history_before)


def test_shift_three_times_from_a_text_field(page, e2e_site):
    """The shortcut works while typing in a field too (the chat's message box is one)."""
    left_from = open_campaign_from_home(page, e2e_site)
    history_before = page.evaluate("history.length")
    page.locator("#site-search-q").focus()
    for _ in range(3):
        page.keyboard.press("Shift")
    assert_left_without_trace(page, e2e_site, left_from, history_before)


def test_typing_capital_letters_does_not_exit(page, e2e_site):
    left_from = open_campaign_from_home(page, e2e_site)
    field = page.locator("#site-search-q")
    field.focus()
    for letter in "ABCDE":
        page.keyboard.press(f"Shift+{letter}")
    page.wait_for_timeout(300)
    assert page.url == left_from
    assert field.input_value() == "ABCDE"
    assert page.evaluate("window.sessionStorage.getItem('lantern.chat')") == "token"
