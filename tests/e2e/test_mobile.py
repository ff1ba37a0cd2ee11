"""On a phone, 112, the main hotline and "Quick exit" are in view without scrolling, stay in
view (and uncovered) after scrolling down (the safety bar is sticky), and the bar leaves most
of the screen to the content."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, describe_violations

pytestmark = pytest.mark.browser

PHONES = [(360, 640), (390, 844)]
IN_VIEW = """element => {
    const box = element.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    const hit = document.elementFromPoint(x, y);
    return {
        inside: box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight
            && box.right <= window.innerWidth && box.width > 0 && box.height > 0,
        uncovered: hit !== null && (hit === element || element.contains(hit)),
        box: [box.left, box.top, box.right, box.bottom],
    };
}"""


def assert_safety_links_in_view(page, e2e_site, when: str) -> None:
    links = {
        "112": page.locator(f"a[href='tel:{e2e_site.emergency_number}']").first,
        "hotline": page.locator(f"a[href='{e2e_site.data['hotline_tel']}']").first,
        "quick exit": page.locator("[data-quick-exit]").first,
    }
    for name, link in links.items():
        assert link.is_visible(), f"{name} is not visible {when}"
        state = link.evaluate(IN_VIEW)
        assert state["inside"], f"{name} is outside the viewport {when}: {state['box']}"
        assert state["uncovered"], f"{name} is covered by something else {when}"


@pytest.mark.parametrize("language", ["lv", "uk"])
@pytest.mark.parametrize(("width", "height"), PHONES)
def test_safety_bar_in_view_on_a_phone(new_context, e2e_site, axe, width, height, language):
    assert e2e_site.data["hotline_tel"], "the demo content sets no main hotline"
    context = new_context(
        viewport={"width": width, "height": height},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    page = context.new_page()
    for page_type in ("homepage", "campaignpage", "helppage"):
        page.goto(e2e_site.first(page_type)["urls"][language])
        assert page.evaluate("window.scrollY") == 0
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (
            "the page scrolls sideways"
        )
        assert_safety_links_in_view(page, e2e_site, "at the top")
        bar_height = page.locator("[data-quick-exit]").evaluate(
            "element => element.closest('section, header, div').getBoundingClientRect().height"
        )
        assert bar_height <= height * 0.2, f"the safety bar takes {bar_height}px of {height}"

        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
        assert page.evaluate("window.scrollY") > 200, "the page is too short to scroll"
        assert_safety_links_in_view(page, e2e_site, "after scrolling halfway")
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        assert_safety_links_in_view(page, e2e_site, "at the bottom")

    page.goto(e2e_site.first("homepage")["urls"][language])
    violations = axe_violations(axe, page)
    assert not violations, describe_violations(violations)


# --- The header on a phone -------------------------------------------------------------------

PHONE = {"width": 390, "height": 844}
SHOWN_PAGE_TYPES = (
    "homepage",
    "campaignindexpage",
    "campaignpage",
    "articlepage",
    "helppage",
    "safetypage",
    "helpdirectorypage",
    "selfcheckpage",
)


def phone(new_context, **options):
    return new_context(viewport=PHONE, is_mobile=True, has_touch=True, **options).new_page()


@pytest.mark.parametrize("language", ["lv", "uk"])
def test_on_a_phone_every_heading_starts_in_the_upper_half(new_context, e2e_site, language):
    """Under six menu links and the search the home page's heading started at 453 px: the menu
    now folds behind "Menu", and 112, the hotline and quick exit stay in the bar."""
    page = phone(new_context)
    for page_type in SHOWN_PAGE_TYPES:
        page.goto(e2e_site.first(page_type)["urls"][language])
        top = page.locator("main h1").first.evaluate("h1 => h1.getBoundingClientRect().top")
        assert top < PHONE["height"] / 2, f"{page_type}: the heading starts at {top}px"
        expect(page.locator(".site-nav")).to_be_hidden()
        assert_safety_links_in_view(page, e2e_site, f"on the {page_type}")

    button = page.locator(".site-menu__button")
    expect(button).to_be_visible()
    button.click()
    links = page.locator(".site-nav a")
    expect(links.first).to_be_visible()
    expect(page.locator("#site-search-q")).to_be_visible()
    links.first.click()
    page.wait_for_load_state()
    expect(page.locator(".site-nav")).to_be_hidden()


def test_the_menu_opens_without_javascript(new_context, e2e_site):
    page = phone(new_context, java_script_enabled=False)
    page.goto(e2e_site.first("campaignpage")["urls"]["en"])
    expect(page.locator(".site-nav")).to_be_hidden()
    page.locator(".site-menu__button").click()
    expect(page.locator(".site-nav a").first).to_be_visible()
    page.locator("#site-search-q").fill("passport")
    page.locator("#site-search-q").press("Enter")
    page.wait_for_url("**/search/**")


def test_a_wide_screen_shows_the_menu_without_the_button(new_context, e2e_site):
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(e2e_site.first("homepage")["urls"]["en"])
    expect(page.locator(".site-menu__button")).to_be_hidden()
    expect(page.locator(".site-nav a").first).to_be_visible()
    expect(page.locator("#site-search-q")).to_be_visible()


COVERED_BY_THE_LAUNCHER = """() => {
    const launcher = document.querySelector("[data-chat-launcher]").getBoundingClientRect();
    const overlaps = box => box.width > 0 && box.height > 0 && box.left < launcher.right
        && box.right > launcher.left && box.top < launcher.bottom && box.bottom > launcher.top;
    const covered = [];
    const focusable = "a[href], button, input, select, textarea, summary, [tabindex='0']";
    for (const element of document.querySelectorAll(focusable)) {
        if (element.closest("#chat-panel, [data-chat-launcher]") || !element.checkVisibility())
            continue;
        element.focus();
        if (document.activeElement === element && overlaps(element.getBoundingClientRect()))
            covered.push("focused " + element.outerHTML.slice(0, 80));
    }
    window.scrollTo(0, document.documentElement.scrollHeight);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.trim();
        if (!text || node.parentElement.closest("#chat-panel, [data-chat-launcher]")) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const box of range.getClientRects())
            if (overlaps(box)) covered.push("at the bottom: " + text.slice(0, 60));
    }
    return covered;
}"""


@pytest.mark.parametrize("language", ["lv", "uk"])
def test_the_chat_button_covers_no_focused_control_and_no_text_at_the_end(
    new_context, e2e_site, language
):
    """WCAG 2.2 2.4.11: what has the keyboard focus is never under the floating chat button;
    and the page's last lines scroll clear of it."""
    page = phone(new_context)
    for page_type in ("homepage", "campaignpage", "helpdirectorypage", "selfcheckpage"):
        page.goto(e2e_site.first(page_type)["urls"][language])
        expect(page.locator("[data-chat-launcher]")).to_be_visible()
        covered = page.evaluate(COVERED_BY_THE_LAUNCHER)
        assert not covered, f"{page_type}: {covered[:5]}"
