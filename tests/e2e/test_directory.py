"""The help directory in a real browser: the filter works without JavaScript (choose a region
or a place and a kind, press the button, get the matching services, each with a call link and
its hours), and axe-core finds nothing on a filtered listing, on an empty one and on one with a
bad filter value, in Latvian and Ukrainian (the unfiltered page is checked in every language
with the other page types)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, describe_violations

pytestmark = pytest.mark.browser

EXPECTED = """
from django.utils import translation
from awareness.models import HelpService
services = HelpService.objects.all()
if area:
    services = services.shown_for(area)
if kind:
    services = services.filter(kind=kind)
with translation.override(language):
    result = sorted(service.name for service in services)
"""


def directory_url(e2e_site, language: str) -> str:
    return e2e_site.first("helpdirectorypage")["urls"][language]


@pytest.mark.parametrize(
    ("language", "area", "kind"),
    [("lv", "region-kurzeme", ""), ("uk", "liepaja", "social_service"), ("ru", "", "shelter")],
)
def test_filter_without_javascript(new_context, e2e_site, e2e_db, language, area, kind):
    expected = e2e_db.run(EXPECTED, area=area, kind=kind, language=language)
    assert expected, "the demo content has no service for this filter"
    page = new_context(java_script_enabled=False).new_page()
    page.goto(directory_url(e2e_site, language))

    page.locator("#directory-area").select_option(area)
    page.locator("#directory-kind").select_option(kind)
    page.locator("form.directory-filter button[type=submit]").click()
    page.wait_for_load_state("load")

    assert f"area={area}" in page.url and f"kind={kind}" in page.url
    names = sorted(page.locator("main .service__name").all_text_contents())
    assert names == expected
    cards = page.locator("main li.service")
    for card in cards.all():
        expect(card.locator("a.service__phone[href^='tel:']")).to_be_visible()
        expect(card.locator(".service__details dd").nth(1)).not_to_be_empty()
    # The choice is kept in the form.
    expect(page.locator("#directory-area")).to_have_value(area)
    expect(page.locator("#directory-kind")).to_have_value(kind)


@pytest.mark.parametrize("language", ["lv", "uk"])
def test_filtered_pages_have_no_axe_violations(page, axe, e2e_site, language):
    base = directory_url(e2e_site, language)
    failures = []
    for query in ("area=tukums", "area=riga&kind=consulate", "area=atlantis&kind=police"):
        response = page.goto(f"{base}?{query}")
        assert response is not None and response.status == 200, query
        violations = axe_violations(axe, page)
        if violations:
            failures.append(f"{query}:\n{describe_violations(violations)}")
    assert not failures, "\n\n".join(failures)
