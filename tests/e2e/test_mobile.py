"""On a phone, 112, the main hotline and "Quick exit" are in view without scrolling, stay in
view (and uncovered) after scrolling down (the safety bar is sticky), and the bar leaves most
of the screen to the content."""

import pytest

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
