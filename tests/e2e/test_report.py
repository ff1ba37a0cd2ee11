"""Reporting a concern for someone else (issue 19), in the browser: each way to share the
reporter's details, in Latvian and Ukrainian; the error summary first, focused, with links to
its fields; the browser's check solved by the page; axe-clean in every state."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, describe_violations

pytestmark = pytest.mark.browser

LEAD = """
from chat.referrals.models import Lead
lead = Lead.objects.select_related("consent").filter(source="third_party").latest("created_at")
result = {
    "language": lead.language, "relation": lead.reporter_relation, "seen": lead.seen_when,
    "form": lead.form_of_exploitation, "place": lead.location, "what": lead.what_happened,
    "contact": lead.safe_contact, "method": lead.consent.method, "sharing": lead.consent.sharing,
}
"""


def assert_axe_clean(axe, page, state: str) -> None:
    violations = axe_violations(axe, page)
    assert not violations, f"{state}:\n{describe_violations(violations)}"


@pytest.mark.parametrize(
    ("sharing", "language"), [("share", "lv"), ("confidential", "uk"), ("anonymous", "lv")]
)
def test_report_a_concern(page, e2e_site, e2e_db, axe, sharing, language):
    page.goto(e2e_site.url(f"/{language}/"))
    page.locator(f'footer a[href="/{language}/report/"]').click()
    page.wait_for_url(e2e_site.url(f"/{language}/report/"))
    assert_axe_clean(axe, page, "the form")

    # Sent empty: every problem listed at the top, focused; a link leads to its field.
    page.locator("main form button[type=submit]").click()
    summary = page.locator("main .error-summary")
    expect(summary).to_be_focused()
    assert summary.locator("a").count() >= 5
    assert_axe_clean(axe, page, "the form with its problems")
    summary.locator('a[href="#report-what_happened"]').click()
    expect(page.locator("#report-what_happened")).to_be_focused()

    marker = f"Osprey-{sharing}"
    page.locator("#report-relation_2").check()  # a colleague
    page.locator("#report-form_of_exploitation_0").check()  # labour
    page.locator("#report-what_happened").fill(f"Workers sleep in the warehouse. {marker}")
    page.locator("#report-place").fill("Jelgava")
    page.locator("#report-seen_when_1").check()  # in the last seven days
    page.locator(f"input[name=sharing][value={sharing}]").check()
    page.locator("#report-contact").fill("Anna, +371 20000000")
    page.locator("#report-consent").check()
    page.locator("main form button[type=submit]").click()

    result = page.locator("#report-result")
    expect(result).to_be_visible()
    assert len(result.locator("[data-report-code=withdrawal]").inner_text()) == 11
    assert len(result.locator("[data-report-code=return]").inner_text()) == 14
    assert_axe_clean(axe, page, "the report sent")
    assert page.context.cookies() == []

    lead = e2e_db.run(LEAD)
    assert lead == {
        "language": language,
        "relation": "colleague",
        "seen": "week",
        "form": "labour",
        "place": "Jelgava",
        "what": f"Workers sleep in the warehouse. {marker}",
        "contact": "" if sharing == "anonymous" else "Anna, +371 20000000",
        "method": "report",
        "sharing": sharing,
    }
