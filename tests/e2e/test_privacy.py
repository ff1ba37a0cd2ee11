"""Nothing goes to another host and nothing is stored: browsing every page type, in Latvian
and Russian, and clicking around (a campaign card, the language switcher, the search form, the
"Talk to someone" link, questions and answers) makes requests only to the site itself, sets no
cookie, and leaves nothing in the site's storage."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PAGE_TYPES

pytestmark = pytest.mark.browser


def test_no_request_to_another_host_and_no_cookie(new_context, e2e_site):
    context = new_context()
    requests: list[str] = []
    cookie_headers: list[str] = []
    context.on("request", lambda request: requests.append(request.url))

    def check_response(response):
        value = response.header_value("set-cookie")
        if value:
            cookie_headers.append(f"{response.url}: {value}")

    context.on("response", check_response)
    page = context.new_page()

    for language in ("lv", "ru"):
        for page_type in PAGE_TYPES:
            for item in e2e_site.pages_of(page_type):
                page.goto(item["urls"][language])
        page.goto(f"/{language}/search/?q=a")

    # Clicking around: home -> a campaign (its card) -> the same campaign in English -> search.
    campaign = e2e_site.first("campaignpage")
    page.goto(e2e_site.first("homepage")["urls"]["lv"])
    page.locator(f"main a[href='{campaign['urls']['lv']}']").first.click()
    expect(page).to_have_url(e2e_site.url(campaign["urls"]["lv"]))
    page.locator(".language-switcher a[hreflang='en']").click()
    expect(page).to_have_url(e2e_site.url(campaign["urls"]["en"]))
    for summary in page.locator("main details > summary").all():
        summary.click()
    contact_links = page.locator("main a[href='#contact']")
    if contact_links.count():
        contact_links.first.click()
    page.locator("#site-search-q").fill(e2e_site.search_term("en"))
    page.locator("#site-search-q").press("Enter")
    expect(page).to_have_url(re.compile(r"/en/search/\?q="))
    page.locator("main ul.article-list a").first.click()
    page.wait_for_load_state("load")

    assert len(requests) > 20, requests
    elsewhere = sorted({url for url in requests if not e2e_site.is_local(url)})
    assert not elsewhere, f"requests to another host: {elsewhere}"
    assert not cookie_headers, f"Set-Cookie sent: {cookie_headers}"
    assert context.cookies() == []
    assert page.evaluate("document.cookie") == ""
    stored = page.evaluate("[window.localStorage.length, window.sessionStorage.length]")
    assert stored == [0, 0], "a page stored something before the visitor did anything"
