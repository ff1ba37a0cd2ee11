"""Passkeys in a real browser (lantern.two_factor.passkeys, static/js/two-factor-passkey.js),
with Chromium's virtual authenticator standing in for a phone or a security key, on a server
of its own with LANTERN_REQUIRE_2FA on.

WebAuthn needs a domain as the relying party ID (browsers refuse an IP address), so these
pages are opened at http://localhost:<port>: with the ID `localhost`, any port of
http://localhost is an allowed origin (see settings/base.py, "Two-factor sign-in").

An operator signs in with the password alone, sets up a passkey as the first factor, keeps
the recovery codes shown once, and reaches the console; signed out and in again, the passkey
is the second step. Nothing on the way breaks the Content Security Policy."""

import shutil
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    CONSOLE_PATH,
    CREATE_OPERATOR,
    OPERATOR_PASSWORD,
    E2EDatabase,
    axe_violations,
    describe_violations,
    screenshot,
    serve_site,
    sign_in,
)

pytestmark = pytest.mark.browser

AUTHENTICATOR = {
    "protocol": "ctap2",
    "transport": "internal",
    "hasResidentKey": True,
    "hasUserVerification": True,
    "isUserVerified": True,
}


@pytest.fixture(scope="module")
def passkey_site(chromium_executable):
    with serve_site(LANTERN_REQUIRE_2FA="1", LANTERN_WEBAUTHN_RP_ID="localhost") as site:
        yield site


@pytest.fixture(scope="module")
def localhost(passkey_site) -> str:
    """The test server's address with the name `localhost` (it listens on 127.0.0.1)."""
    assert passkey_site.base_url.startswith("http://127.0.0.1:")
    return passkey_site.base_url.replace("http://127.0.0.1:", "http://localhost:")


@pytest.fixture(scope="module")
def operator(passkey_site) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="lantern-e2e-passkey-"))
    database = E2EDatabase(passkey_site.env, workdir / "helper.log")
    try:
        user = database.run(CREATE_OPERATOR, password=OPERATOR_PASSWORD)
        yield {**user, "database": database}
    finally:
        database.close()
        shutil.rmtree(workdir, ignore_errors=True)


PASSKEYS_OF = """
from django_otp_webauthn.models import WebAuthnCredential
result = WebAuthnCredential.objects.filter(user_id=user_id, confirmed=True).count()
"""


def test_operator_sets_up_a_passkey_then_signs_in_with_it(browser, axe, localhost, operator):
    context = browser.new_context(base_url=localhost)
    context.set_default_timeout(10_000)
    refused = []
    violations = {}

    def check_accessibility(name: str) -> None:
        screenshot(page, f"two-factor-{name}")
        found = axe_violations(axe, page)
        if found:
            violations[name] = describe_violations(found)

    try:
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                refused.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        cdp = context.new_cdp_session(page)
        cdp.send("WebAuthn.enable")
        authenticator = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": AUTHENTICATOR})[
            "authenticatorId"
        ]

        # The password alone leads to setting up a second factor: a passkey, here.
        sign_in(page, operator)
        expect(page).to_have_url(f"{localhost}/admin/two-factor/setup/?next=%2Fadmin%2F")
        page.goto(CONSOLE_PATH)
        expect(page).to_have_url(
            f"{localhost}/admin/two-factor/setup/?next=%2Fadmin%2Fchat%2Fconsole%2F"
        )
        check_accessibility("set-up")
        page.locator("[data-passkey=register] [data-passkey-button]").click()

        # The set-up ends with the recovery codes, shown once, then the console.
        expect(page).to_have_url(
            f"{localhost}/admin/two-factor/methods/recovery-codes/"
            "?first=1&next=%2Fadmin%2Fchat%2Fconsole%2F"
        )
        page.locator("main form[action$='/recovery-codes/'] button[type=submit]").click()
        expect(page.locator("[data-recovery-codes] li")).to_have_count(10)
        check_accessibility("recovery codes")
        page.locator("[data-recovery-codes-done]").click()
        expect(page).to_have_url(f"{localhost}{CONSOLE_PATH}")
        expect(page.locator("[data-available]")).to_be_enabled()  # the socket is open

        credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
        assert len(credentials["credentials"]) == 1
        assert operator["database"].run(PASSKEYS_OF, user_id=operator["id"]) == 1

        # Signed out (the session cookie gone) and in again: the passkey is the second step.
        context.clear_cookies()
        sign_in(page, operator)
        expect(page).to_have_url(f"{localhost}/admin/two-factor/?next=%2Fadmin%2F")
        expect(page.locator("input[name=code]")).to_have_count(0)  # no app was set up
        page.goto(CONSOLE_PATH)
        expect(page).to_have_url(f"{localhost}/admin/two-factor/?next=%2Fadmin%2Fchat%2Fconsole%2F")
        check_accessibility("second step")
        page.locator("[data-passkey=authenticate] [data-passkey-button]").click()
        expect(page).to_have_url(f"{localhost}{CONSOLE_PATH}")
        expect(page.locator("[data-available]")).to_be_enabled()

        # The sign-in methods page lists it.
        page.goto("/admin/two-factor/methods/")
        expect(page.locator("[data-passkey-row]")).to_have_count(1)
        expect(page.locator("[data-codes-left]")).to_have_attribute("data-codes-left", "10")
        check_accessibility("sign-in methods")
    finally:
        context.close()

    assert refused == []
    assert not violations, "\n".join(f"{name}:\n{text}" for name, text in violations.items())
