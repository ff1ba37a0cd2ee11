"""Keyboard and no-JavaScript use.

- The first Tab focuses the skip link, which is then visible and uncovered; activating it
  moves focus to <main>, and the next Tab lands inside it.
- Every focusable element shows a focus indicator (outline or box-shadow) and is not hidden
  under the sticky safety bar when focused (WCAG 2.2: 2.4.7, 2.4.11).
- With JavaScript off the site works: home -> campaign, the language switcher, the search,
  and quick exit (as a plain link).
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FOCUS_STATE = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return {
        tag: element.tagName,
        html: element.outerHTML.slice(0, 120),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        shadow: style.boxShadow !== 'none',
        visible: box.width > 0 && box.height > 0 && box.bottom > 0
            && box.top < window.innerHeight,
        uncovered: hit !== null && (hit === element || element.contains(hit)),
    };
}"""


def test_skip_link_is_first_and_moves_focus_to_main(page, e2e_site):
    page.goto(e2e_site.first("homepage")["urls"]["lv"])
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_attribute("href", "#main")
    expect(skip).to_be_visible()
    state = page.evaluate(FOCUS_STATE)
    assert state["visible"] and state["uncovered"], state
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] >= 24

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    # The home page lists campaigns: the next stop is the first link in <main>.
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


@pytest.mark.parametrize("viewport", [(1280, 720), (360, 640)])
def test_every_focus_stop_shows_focus_and_is_not_covered(new_context, e2e_site, viewport):
    width, height = viewport
    context = new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    problems = []
    for page_type in ("homepage", "campaignpage", "helppage"):
        page.goto(e2e_site.first(page_type)["urls"]["en"])
        seen = set()
        for _ in range(120):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_STATE)
            if state["tag"] == "BODY" or state["html"] in seen:
                break
            seen.add(state["html"])
            if not (state["outline"] or state["shadow"]):
                problems.append(f"{page_type}: no focus indicator on {state['html']}")
            if not (state["visible"] and state["uncovered"]):
                problems.append(f"{page_type}: focused but hidden or covered: {state['html']}")
        assert len(seen) > 10, f"only {len(seen)} focus stops on the {page_type}"
    assert not problems, "\n".join(problems)


def test_site_works_without_javascript(new_context, e2e_site):
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    campaign = e2e_site.first("campaignpage")

    page.goto(e2e_site.first("homepage")["urls"]["lv"])
    page.locator(f"main a[href='{campaign['urls']['lv']}']").first.click()
    expect(page).to_have_url(e2e_site.url(campaign["urls"]["lv"]))
    expect(page.locator("h1")).to_have_text(e2e_site.title(campaign, "lv"))

    page.locator(".language-switcher a[hreflang='en']").click()
    expect(page).to_have_url(e2e_site.url(campaign["urls"]["en"]))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(e2e_site.title(campaign, "en"))

    term = e2e_site.search_term("en")
    page.locator("#site-search-q").fill(term)
    page.locator(".site-search button[type='submit']").click()
    expect(page).to_have_url(re.compile(r"/en/search/\?q="))
    results = page.locator("main ul.article-list a")
    assert results.count() >= 1, f"no search results for {term!r}"
    expect(page.locator(f"main ul.article-list a[href='{campaign['urls']['en']}']")).to_have_count(
        1
    )

    # Quick exit is a plain link: without JavaScript it still leaves.
    page.locator("[data-quick-exit]").click()
    expect(page).to_have_url(e2e_site.quick_exit_url)
