"""Two-factor sign-in as an operator does it, on a server of its own with
LANTERN_REQUIRE_2FA on: the password alone leads to setting up an authenticator app (the key
is read off the page, as a person would type it into the app), the code opens the console and
its socket (after the recovery codes, shown once); the next sign-in asks for a code, and the
console stays shut until it is given."""

import base64
import shutil
import tempfile
from pathlib import Path

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.e2e.conftest import (
    CONSOLE_PATH,
    CREATE_OPERATOR,
    OPERATOR_PASSWORD,
    E2EDatabase,
    serve_site,
    sign_in,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def two_factor_site(chromium_executable):
    with serve_site(LANTERN_REQUIRE_2FA="1") as site:
        yield site


@pytest.fixture(scope="module")
def operator(two_factor_site) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="lantern-e2e-2fa-"))
    database = E2EDatabase(two_factor_site.env, workdir / "helper.log")
    try:
        yield database.run(CREATE_OPERATOR, password=OPERATOR_PASSWORD)
    finally:
        database.close()
        shutil.rmtree(workdir, ignore_errors=True)


def code(key: str, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for `key` (base32, as the page shows it)."""
    compact = key.replace(" ", "")
    secret = base64.b32decode(compact + "=" * (-len(compact) % 8))
    return f"{totp(secret, drift=steps_ahead):06d}"


def test_operator_sets_up_an_app_then_signs_in_with_a_code(browser, two_factor_site, operator):
    context = browser.new_context(base_url=two_factor_site.base_url)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        sign_in(page, operator)
        expect(page).to_have_url(two_factor_site.url("/admin/two-factor/setup/?next=%2Fadmin%2F"))
        expect(page.locator("img[data-two-factor-qr]")).to_be_visible()
        # The admin's icons load (what every admin page fetches is not held back).
        expect(page.locator("[data-sprite] svg")).to_have_count(1)
        key = page.locator("main code").inner_text()

        # The console stays shut meanwhile, and so does its socket's page.
        page.goto(CONSOLE_PATH)
        expect(page).to_have_url(
            two_factor_site.url("/admin/two-factor/setup/?next=%2Fadmin%2Fchat%2Fconsole%2F")
        )
        page.locator("input[name=code]").fill("000000")
        page.locator("main form:has(input[name=code]) button[type=submit]").click()
        expect(page.locator(".w-field__errors")).not_to_be_empty()
        page.wait_for_timeout(1500)  # one wrong code: the next is checked after a second

        page.locator("input[name=code]").fill(code(key, steps_ahead=1))
        page.locator("main form:has(input[name=code]) button[type=submit]").click()
        # The set-up ends with the recovery codes, shown once.
        expect(page.locator("[data-recovery-codes] li")).to_have_count(10)
        page.locator("[data-recovery-codes-done]").click()
        expect(page).to_have_url(two_factor_site.url(CONSOLE_PATH))
        expect(page.locator("[data-available]")).to_be_enabled()  # the socket is open
    finally:
        context.close()

    # Next time: password, then a code (a fresh one: a code is never accepted twice).
    context = browser.new_context(base_url=two_factor_site.base_url)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        sign_in(page, operator)
        expect(page).to_have_url(two_factor_site.url("/admin/two-factor/?next=%2Fadmin%2F"))
        page.goto(CONSOLE_PATH)
        expect(page).to_have_url(
            two_factor_site.url("/admin/two-factor/?next=%2Fadmin%2Fchat%2Fconsole%2F")
        )
        page.locator("input[name=code]").fill(code(key, steps_ahead=2))
        page.locator("main form:has(input[name=code]) button[type=submit]").click()
        expect(page).to_have_url(two_factor_site.url(CONSOLE_PATH))
        expect(page.locator("[data-available]")).to_be_enabled()
    finally:
        context.close()
