"""Languages.

- The language switcher on a campaign page leads to the same campaign in each language: the
  translated URL, the title in that language, <html lang>, and no cookie.
- A page without a Ukrainian translation, seen under /uk/, says so in Ukrainian; its <main>
  carries the language the text is shown in, and axe finds nothing wrong.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, describe_violations

pytestmark = pytest.mark.browser


def best_translated_campaign(e2e_site) -> dict:
    campaigns = e2e_site.pages_of("campaignpage")
    assert campaigns, "the demo content has no campaign"
    return max(campaigns, key=lambda page: sum(bool(title) for title in page["titles"].values()))


def test_language_switcher_keeps_the_campaign(page, context, e2e_site):
    campaign = best_translated_campaign(e2e_site)
    page.goto(campaign["urls"][e2e_site.data["default_language"]])
    seen_urls, seen_titles = set(), set()
    for language in e2e_site.languages:
        page.locator(f".language-switcher a[hreflang='{language}']").click()
        expect(page).to_have_url(e2e_site.url(campaign["urls"][language]))
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("h1")).to_have_text(e2e_site.title(campaign, language))
        current = page.locator(f".language-switcher a[hreflang='{language}']")
        expect(current).to_have_attribute("aria-current", "true")
        seen_urls.add(page.url)
        seen_titles.add(page.locator("h1").inner_text())
    translated = [code for code, title in campaign["titles"].items() if title]
    assert len(seen_urls) >= len(translated) > 1, "the slugs are not translated"
    assert len(seen_titles) >= 2
    assert context.cookies() == []


def test_untranslated_article_says_so_in_ukrainian(page, axe, e2e_site):
    untranslated = [p for p in e2e_site.pages_of("articlepage") if not p["titles"]["uk"]]
    assert untranslated, "the demo content should leave one article untranslated into Ukrainian"
    article = untranslated[0]
    shown = e2e_site.shown_language(article, "uk")

    page.goto(article["urls"]["uk"])
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator("main")).to_have_attribute("lang", shown)
    note = page.locator("main .notice--translation")
    expect(note).to_be_visible()
    expect(note).to_have_attribute("lang", "uk")
    expect(page.locator("h1")).to_have_text(article["titles"][shown])
    # The note stands in the text's own column: its left edge is the heading's.
    note_box, heading_box = note.bounding_box(), page.locator("h1").bounding_box()
    assert note_box is not None and heading_box is not None
    assert abs(note_box["x"] - heading_box["x"]) < 1, (note_box, heading_box)
    violations = axe_violations(axe, page)
    assert not violations, describe_violations(violations)

    # A translated page carries no such note, and its <main> no lang of its own.
    translated = next(p for p in e2e_site.data["pages"] if p["titles"]["uk"])
    page.goto(translated["urls"]["uk"])
    expect(page.locator("main .notice--translation")).to_have_count(0)
    assert page.locator("main").get_attribute("lang") in (None, "uk")
