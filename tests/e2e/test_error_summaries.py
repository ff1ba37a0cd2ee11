"""Error summaries in the browser (GOV.UK's pattern): the summary takes the focus when the page
shows it, its links lead to their fields, and the page stays free of axe violations; in two
languages. (The chat's "leave a message" and withdrawal: test_chat_widget.py and
test_withdrawal.py.)"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, describe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["lv", "uk"])
def test_a_search_without_a_word_focuses_the_summary(page, axe, e2e_site, language):
    page.goto(f"/{language}/search/?q=")
    summary = page.locator("main .error-summary")
    expect(summary).to_be_focused()
    expect(summary.locator("li")).to_have_count(1)
    violations = axe_violations(axe, page)
    assert not violations, describe_violations(violations)

    summary.locator("a").click()
    expect(page.locator("#search-q")).to_be_focused()
    page.locator("#search-q").fill("pase")
    page.locator("#search-q").press("Enter")
    expect(page.locator("main .error-summary")).to_have_count(0)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_directory_filter_not_in_the_list_focuses_the_summary(page, axe, e2e_site, language):
    directory = e2e_site.first("helpdirectorypage")
    page.goto(directory["urls"][language] + "?area=atlantis&kind=")
    summary = page.locator("main .error-summary")
    expect(summary).to_be_focused()
    violations = axe_violations(axe, page)
    assert not violations, describe_violations(violations)
    summary.locator("a").click()
    expect(page.locator("#directory-area")).to_be_focused()


def test_a_page_without_problems_keeps_the_focus_where_it_was(page, e2e_site):
    page.goto("/en/search/")
    expect(page.locator("main .error-summary")).to_have_count(0)
    assert page.evaluate("document.activeElement === document.body")
