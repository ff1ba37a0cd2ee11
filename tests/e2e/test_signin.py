"""Staff sign-in after failed sign-ins, in a real browser (lantern.two_factor.signin): the
sign-in page asks for the automatic check, the product's own script (js/challenge-form.js with
js/proof-of-work.js) solves it, and the person signs in without a pause; the browser keeps a
device cookie, with which failures from elsewhere no longer ask it for anything."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import AXE_TAGS, describe_violations, sign_in

pytestmark = pytest.mark.browser

PASSWORD = "caseworker-e2e-password"

CREATE_CASEWORKER = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
user, _created = get_user_model().objects.get_or_create(username=username)
user.set_password(password)
user.save()
user.groups.set([Group.objects.get(name="Caseworkers")])
result = {"id": user.pk, "username": user.username, "password": password}
"""

FAILURES = """
from django.conf import settings
result = settings.LANTERN_SIGNIN_FAILURES_PER_ACCOUNT
"""


def fail_to_sign_in(page, username: str, times: int) -> None:
    for _attempt in range(times):
        sign_in(page, {"username": username, "password": "not the password"})
        expect(page.locator(".messages .error")).to_be_visible()


def test_signing_in_after_failed_sign_ins_with_the_check_solved_by_the_page(
    new_context, e2e_site, e2e_db, axe
):
    person = e2e_db.run(CREATE_CASEWORKER, username="e2e-caseworker-a", password=PASSWORD)
    threshold = e2e_db.run(FAILURES)
    context = new_context()
    page = context.new_page()

    page.goto("/admin/login/")
    assert page.locator("form.login-form input[name=proof]").count() == 0  # all quiet
    fail_to_sign_in(page, person["username"], threshold)

    # Now the page carries the check; its script solves it with nothing for the person to do.
    proof = page.locator("form.login-form input[type=hidden][name=proof]")
    expect(proof).to_have_count(1)
    expect(proof).not_to_have_value("")
    expect(page.locator("form.login-form [data-challenge-status]")).to_have_attribute(
        "role", "status"
    )
    # The form (Wagtail's own error list above it is Wagtail's to style).
    violations = axe.run(
        page,
        context="form.login-form",
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    ).response["violations"]
    assert not violations, describe_violations(violations)
    page.locator("input[name=username]").fill(person["username"])
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()

    expect(page).to_have_url(e2e_site.url("/admin/"))
    device = next(c for c in context.cookies() if c["name"] == "lantern_device")
    assert device["httpOnly"] and device["sameSite"] == "Strict"
    assert device["path"] == "/admin/"
    assert person["username"] not in device["value"]


def test_a_browser_with_a_device_cookie_is_not_asked_after_failures_elsewhere(
    new_context, e2e_site, e2e_db
):
    person = e2e_db.run(CREATE_CASEWORKER, username="e2e-caseworker-b", password=PASSWORD)
    threshold = e2e_db.run(FAILURES)
    own = new_context()
    page = own.new_page()
    sign_in(page, person)
    expect(page).to_have_url(e2e_site.url("/admin/"))
    # Another day: the session has ended, the device cookie stays.
    own.clear_cookies(name="sessionid")
    assert [c["name"] for c in own.cookies() if c["name"] == "lantern_device"]

    stranger = new_context().new_page()
    fail_to_sign_in(stranger, person["username"], threshold + 2)
    expect(stranger.locator("form.login-form input[name=proof]")).to_have_count(1)

    page.goto("/admin/login/")
    expect(page.locator("form.login-form input[name=proof]")).to_have_count(0)
    sign_in(page, person)
    expect(page).to_have_url(e2e_site.url("/admin/"))
