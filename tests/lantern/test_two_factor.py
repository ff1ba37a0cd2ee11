"""Two-factor sign-in (lantern.two_factor): with LANTERN_REQUIRE_2FA on, every member of
staff (every group, and superusers) reaches nothing in the admin with their password alone,
and whatever the setting, anybody who set up a factor must give it; failed sign-ins cost a
proof of work (never a pause, never for a browser with the account's device cookie) and
wrong codes are throttled, without storing anybody's address or name.

Recovery codes, passkeys and the sign-in methods page: test_two_factor_methods.py."""

from __future__ import annotations

import json
import random
import string

from django.core import signing
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern import challenge, ratelimit
from lantern.testing.challenge import solve
from lantern.two_factor import signin
from tests.referrals.queue.factories import make_lead, user_in

PASSWORD = "x" * 16  # the factories' password
SENSITIVE_ROLES = ["operator", "caseworker", "superuser"]
OTHER_ROLES = ["editor", "moderator", "coordinator"]
ALL_ROLES = SENSITIVE_ROLES + OTHER_ROLES


@pytest.fixture
def required(settings):
    settings.LANTERN_REQUIRE_2FA = True
    return settings


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    token = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{token:0{device.digits}d}"


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


CHALLENGED = {
    "en": "this browser must first pass an automatic check",
    "lv": "šai pārlūkprogrammai vispirms jāiztur automātiska pārbaude",
}


def sign_in(
    user,
    password: str = PASSWORD,
    language: str = "en",
    *,
    client: Client | None = None,
    proof: str | None = None,
) -> tuple[Client, object]:
    """The admin's sign-in form, read in `language` (the browser's, before anybody is known);
    a new browser unless `client` is given."""
    client = client or Client(headers={"accept-language": language})
    data = {"username": user.username, "password": password}
    if proof is not None:
        data["proof"] = proof
    response = client.post(reverse("wagtailadmin_login"), data)
    return client, response


def proof_field(response):
    """The sign-in page's proof-of-work field, if it asks for one."""
    return BeautifulSoup(response.content.decode(), "html.parser").select_one(
        "form.login-form input[type=hidden][name=proof]"
    )


def proof_on(response) -> str:
    """Solve the challenge on the page, as its script does."""
    field = proof_field(response)
    assert field is not None, "the page asks for no proof"
    return solve(json.loads(field["data-challenge"]))


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def staff_pages(lead) -> list[str]:
    return [
        reverse("wagtailadmin_home"),
        reverse("chat_console"),
        reverse("referral_queue:index"),
        reverse("referral_queue:lead", args=[lead.pk]),
        reverse("referrals_statistics"),
        "/admin/pages/",
    ]


# --- Blocked without the second factor --------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_sign_in_blocked_without_a_second_factor_when_the_setting_is_on(required, role):
    user = user_in(role)
    lead = make_lead(summary="Passport taken by the employer")
    client, response = sign_in(user)
    assert response.status_code == 302  # the password was right

    for url in staff_pages(lead):
        page = client.get(url)
        assert page.status_code == 302, url
        assert page.url.startswith(reverse("two_factor_setup")), url
        assert "Passport taken" not in page.content.decode()

    confirmed_device(user)
    page = client.get(reverse("referral_queue:lead", args=[lead.pk]))
    assert page.status_code == 302
    assert page.url.startswith(reverse("two_factor_verify"))
    assert "next=" in page.url


@pytest.mark.django_db
@pytest.mark.parametrize("role", SENSITIVE_ROLES)
def test_posts_and_fetches_are_refused_not_redirected(required, role):
    user = user_in(role)
    lead = make_lead(summary="Debt that never shrinks")
    confirmed_device(user)
    client, _ = sign_in(user)

    post = client.post(reverse("referral_queue:note", args=[lead.pk]), {"text": "a note"})
    fetch = client.get(
        reverse("referral_queue:index_results"), headers={"x-requested-with": "XMLHttpRequest"}
    )

    assert post.status_code == 403
    assert fetch.status_code == 403
    assert lead.notes.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("role", OTHER_ROLES)
def test_editors_moderators_and_coordinators_need_a_second_factor_too(required, role):
    """Issue 17: they signed in with a password alone (an editor changed the hotline)."""
    user = user_in(role)
    client, _ = sign_in(user)

    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 302
    assert home.url.startswith(reverse("two_factor_setup"))
    assert client.post("/admin/pages/", {}).status_code == 403

    device = confirmed_device(user)
    client.post(reverse("two_factor_verify"), {"code": code_for(device)})
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.django_db
def test_a_user_who_cannot_reach_the_admin_is_not_asked_to_set_one_up(required):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("t-visitor", password=PASSWORD)
    client = Client()
    client.force_login(user)

    response = client.get(reverse("wagtailadmin_home"))
    # Wagtail's own refusal (to the sign-in page), not the set-up page.
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_setting_off_asks_for_no_second_factor_of_those_without_one(settings, role):
    settings.LANTERN_REQUIRE_2FA = False
    client, _ = sign_in(user_in(role))

    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_setting_off_still_asks_for_a_factor_that_was_set_up(settings, role):
    """Issue 17: a coordinator who set up an authenticator could sign in without it."""
    settings.LANTERN_REQUIRE_2FA = False
    user = user_in(role)
    device = confirmed_device(user)
    client, _ = sign_in(user)

    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 302
    assert home.url.startswith(reverse("two_factor_verify"))
    assert client.get(reverse("two_factor_setup")).url.startswith(reverse("two_factor_verify"))

    client.post(reverse("two_factor_verify"), {"code": code_for(device)})
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.django_db
def test_anonymous_visitors_still_go_to_the_sign_in_page(required):
    client = Client()

    response = client.get(reverse("two_factor_verify"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    assert client.get(reverse("chat_console")).url.startswith(reverse("wagtailadmin_login"))


@pytest.mark.django_db
def test_sign_out_stays_open(required):
    client, _ = sign_in(user_in("operator"))

    response = client.post(reverse("wagtailadmin_logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


# --- Setting up an authenticator app ------------------------------------------------------------


@pytest.mark.django_db
def test_setting_up_an_app_then_reaching_the_queue(required):
    user = user_in("caseworker")
    client, _ = sign_in(user)
    queue = reverse("referral_queue:index")

    page = client.get(f"{reverse('two_factor_setup')}?next={queue}")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    # The key is shown for entering by hand, and the same device survives a reload.
    key_groups = page.context["key"].split()
    assert all(group in html for group in key_groups)
    client.get(reverse("two_factor_setup"))
    assert TOTPDevice.objects.filter(user=user).count() == 1

    wrong = client.post(reverse("two_factor_setup"), {"code": "000000", "next": queue})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors["code"]
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(queue).status_code == 302

    device.throttle_reset()
    session_key = client.session.session_key
    done = client.post(reverse("two_factor_setup"), {"code": code_for(device), "next": queue})

    # The set-up ends with the recovery codes, shown this once, and the way on.
    assert done.status_code == 200
    codes = BeautifulSoup(done.content.decode(), "html.parser").select("[data-recovery-codes] li")
    assert len(codes) == 10
    assert f'href="{queue}"' in done.content.decode()
    assert done["Cache-Control"].startswith("max-age=0")
    device.refresh_from_db()
    assert device.confirmed
    assert client.session.session_key != session_key  # a new key for the stronger session
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(queue).status_code == 200


@pytest.mark.django_db
def test_with_an_app_set_up_the_password_alone_cannot_replace_it(required):
    user = user_in("operator")
    confirmed_device(user)
    client, _ = sign_in(user)

    response = client.get(reverse("two_factor_setup"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_verify"))
    client.post(reverse("two_factor_setup"), {"code": "123456"})
    assert TOTPDevice.objects.filter(user=user).count() == 1


# --- Entering the code ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_right_code_opens_the_console_and_cannot_be_used_twice(required):
    user = user_in("operator")
    device = confirmed_device(user)
    client, _ = sign_in(user)
    console = reverse("chat_console")
    code = code_for(device)

    response = client.post(reverse("two_factor_verify"), {"code": code, "next": console})

    assert response.status_code == 302
    assert response.url == console
    assert client.get(console).status_code == 200

    # Signed out and in again, the same code is refused (replay).
    again, _ = sign_in(user)
    replay = again.post(reverse("two_factor_verify"), {"code": code, "next": console})
    assert replay.status_code == 200
    assert again.get(console).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "lv"])
def test_wrong_codes_are_throttled(required, language):
    from wagtail.users.models import UserProfile

    user = user_in("caseworker")
    UserProfile.objects.filter(user=user).update(preferred_language=language)
    device = confirmed_device(user)
    client, _ = sign_in(user)
    verify = reverse("two_factor_verify")

    for _attempt in range(3):
        wrong = client.post(verify, {"code": "000000"})
        assert wrong.status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1

    # Now even the right code is not checked until the pause (4 s after three) is over.
    response = client.post(verify, {"code": code_for(device)})

    assert response.status_code == 200
    errors = " ".join(response.context["code_form"].errors["code"])
    expected = {"en": "Too many wrong codes", "lv": "Pārāk daudz nepareizu kodu"}[language]
    assert expected in errors
    assert client.get(reverse("referral_queue:index")).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef", "12 34 56 78", "<script>"])
def test_malformed_codes_get_a_clear_error(required, code):
    user = user_in("operator")
    device = confirmed_device(user)
    client, _ = sign_in(user)

    response = client.post(reverse("two_factor_verify"), {"code": code})

    assert response.status_code == 200
    assert response.context["code_form"].errors["code"]
    device.refresh_from_db()
    assert device.throttling_failure_count == 0  # never reached the device


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["https://elsewhere.example/", "//elsewhere.example/x"])
def test_next_never_leads_to_another_site(required, target):
    user = user_in("operator")
    device = confirmed_device(user)
    client, _ = sign_in(user)

    response = client.post(reverse("two_factor_verify"), {"code": code_for(device), "next": target})

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


@pytest.mark.django_db
def test_an_administrator_resets_a_lost_app(required):
    user = user_in("operator")
    confirmed_device(user)
    out = call_command_output("reset_two_factor", user.username)
    assert "Removed 1" in out
    assert not TOTPDevice.objects.filter(user=user).exists()

    client, _ = sign_in(user)
    assert client.get(reverse("wagtailadmin_home")).url.startswith(reverse("two_factor_setup"))

    with pytest.raises(CommandError):
        call_command("reset_two_factor", "nobody-by-this-name")


def call_command_output(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


# --- Failed sign-ins --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "lv"])
def test_failed_sign_ins_ask_for_a_proof_without_storing_who_tried(required, settings, language):
    settings.LANTERN_SIGNIN_FAILURES_PER_ACCOUNT = 3
    user = user_in("caseworker")
    other = user_in("operator")

    for _attempt in range(3):
        _, response = sign_in(user, password="wrong password", language=language)
        assert response.status_code == 200
    # The right password without a proof: refused unchecked, with what to do ...
    client, response = sign_in(user, language=language)

    assert response.status_code == 200
    assert CHALLENGED[language] in response.content.decode()
    assert not signed_in(client)
    # ... and the page now carries the check and its script: solved, the sign-in goes.
    assert proof_field(response) is not None
    assert response.content.decode().count('name="proof"') == 1
    assert 'src="/static/js/challenge-form.js"' in response.content.decode()
    _, done = sign_in(user, language=language, client=client, proof=proof_on(response))
    assert done.status_code == 302
    assert signed_in(client)
    # Another account is not affected.
    assert sign_in(other)[1].status_code == 302
    # What the cache holds names neither the account nor an address.
    for key in signin._keys(user.username):
        assert user.username not in key
        assert "127.0.0.1" not in key


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["missing", "empty", "garbage", "replayed", "other purpose"])
def test_a_missing_or_wrong_proof_is_refused_and_the_password_not_checked(required, settings, kind):
    settings.LANTERN_SIGNIN_FAILURES_PER_ACCOUNT = 2
    user = user_in("caseworker")
    for _attempt in range(2):
        sign_in(user, password="wrong password")
    client, page = sign_in(user)  # refused: no proof yet
    proofs = {
        "missing": None,
        "empty": "",
        "garbage": "bm90IGEgcGF5bG9hZA==",
        "replayed": proof_on(page),
        "other purpose": solve(challenge.issue("withdrawal", 4)),
    }
    if kind == "replayed":
        assert challenge.verify(proofs["replayed"], signin.CHALLENGE_PURPOSE)  # used once
    account_key, total_key = signin._keys(user.username)
    failures = ratelimit.count(account_key), ratelimit.count(total_key)

    for password in ("wrong password", PASSWORD):
        _, response = sign_in(user, password, client=client, proof=proofs[kind])
        assert response.status_code == 200
        assert CHALLENGED["en"] in response.content.decode()
        assert not signed_in(client)
    # A refused proof is not a failed password: nothing was checked.
    assert (ratelimit.count(account_key), ratelimit.count(total_key)) == failures


@pytest.mark.django_db
def test_the_proof_is_asked_only_until_the_window_ends(required, settings, monkeypatch):
    settings.LANTERN_SIGNIN_FAILURES_PER_ACCOUNT = 2
    user = user_in("editor")
    for _attempt in range(2):
        sign_in(user, password="wrong password")
    assert sign_in(user)[1].status_code == 200

    later = ratelimit.window_ends(settings.LANTERN_SIGNIN_WINDOW_SECONDS) + 1
    monkeypatch.setattr(ratelimit.time, "time", lambda: later)

    assert sign_in(user)[1].status_code == 302


@pytest.mark.django_db
def test_failures_across_accounts_ask_everybody_for_a_proof(required, settings):
    settings.LANTERN_SIGNIN_FAILURES_TOTAL = 4
    for name in ("a", "b", "c", "d"):
        sign_in(user_in("editor", username=f"t-spray-{name}"), password="Winter2026!")
    operator = user_in("operator")

    client, response = sign_in(operator)
    assert response.status_code == 200
    assert CHALLENGED["en"] in response.content.decode()
    # A new browser sees the check on the sign-in page itself.
    page = client.get(reverse("wagtailadmin_login"))
    assert sign_in(operator, client=client, proof=proof_on(page))[1].status_code == 302


@pytest.mark.django_db
def test_usernames_are_matched_whatever_their_case(required, settings):
    settings.LANTERN_SIGNIN_FAILURES_PER_ACCOUNT = 2
    user = user_in("operator")
    sign_in(user, password="wrong")
    Client().post(
        reverse("wagtailadmin_login"), {"username": user.username.upper(), "password": "wrong"}
    )

    assert signin.needs_challenge(user.username)


@pytest.mark.django_db
def test_the_proof_asked_grows_with_the_failures(required, settings):
    settings.LANTERN_SIGNIN_FAILURES_PER_ACCOUNT = 2
    user = user_in("operator")
    assert not signin.needs_challenge(user.username)
    for failures, expected in ((2, "normal"), (3, "between"), (4, "raised")):
        while ratelimit.count(signin._keys(user.username)[0]) < failures:
            signin.register_failure(user.username)
        work = challenge.work_for(signin.challenge_load(user.username))
        normal = settings.LANTERN_CHALLENGE_NORMAL_WORK
        raised = settings.LANTERN_CHALLENGE_RAISED_WORK
        assert {"normal": work == normal, "between": normal < work < raised}.get(
            expected, work == raised
        ), (failures, work)


# --- Device cookies ---------------------------------------------------------------------------


def random_name(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(10))


def flood_with_random_names(count: int = 205) -> None:
    """Issue 16's attack: failed sign-ins with random names, from a browser with no cookie."""
    rng = random.Random(205)
    for _attempt in range(count):
        response = Client().post(
            reverse("wagtailadmin_login"), {"username": random_name(rng), "password": "x"}
        )
        assert response.status_code == 200


@pytest.mark.django_db
def test_a_sign_in_gives_the_browser_a_device_cookie_that_names_nobody(settings):
    settings.SESSION_COOKIE_SECURE = True  # as in production
    user = user_in("caseworker")

    client, response = sign_in(user)

    assert response.status_code == 302
    cookie = response.cookies[signin.DEVICE_COOKIE]
    assert cookie["httponly"] and cookie["secure"]
    assert cookie["samesite"] == "Strict"
    assert cookie["path"] == "/admin/"  # never sent with a public page
    assert int(cookie["max-age"]) >= 180 * 24 * 3600
    value = cookie.value
    # What it holds: a keyed hash of the account's name and a random nonce, signed.
    held = signing.loads(value, salt="lantern.two_factor.signin.device")
    assert set(held) == {"a", "n"}
    assert held["a"] == signin.account_hash(user.username)
    assert user.username not in json.dumps(held) and user.username not in value
    device = signin.read_device_cookie(client.get(reverse("wagtailadmin_login")).wsgi_request)
    assert device is not None and device.account == signin.account_hash(user.username)
    # Each sign-in gets a new one.
    assert sign_in(user, client=Client())[1].cookies[signin.DEVICE_COOKIE].value != value
    # A failed sign-in gives none.
    assert signin.DEVICE_COOKIE not in sign_in(user, password="wrong password")[1].cookies


@pytest.mark.django_db
def test_the_random_names_flood_does_not_stop_a_caseworker_with_a_device_cookie(required):
    user = user_in("caseworker")
    confirmed = confirmed_device(user)
    client, _ = sign_in(user)  # an earlier day: this browser got its device cookie
    client.post(reverse("wagtailadmin_logout"))
    assert signin.DEVICE_COOKIE in client.cookies and not signed_in(client)

    flood_with_random_names(205)

    page = client.get(reverse("wagtailadmin_login"))
    assert page.status_code == 200 and proof_field(page) is None
    _, response = sign_in(user, client=client)
    assert response.status_code == 302
    assert signed_in(client)
    # The second factor follows as always.
    assert response.url == reverse("wagtailadmin_home")
    assert client.get(reverse("wagtailadmin_home")).url.startswith(reverse("two_factor_verify"))
    queue = reverse("referral_queue:index")
    verified = client.post(
        reverse("two_factor_verify"), {"code": code_for(confirmed), "next": queue}
    )
    assert verified.url == queue
    assert client.get(queue).status_code == 200


@pytest.mark.django_db
def test_the_random_names_flood_costs_a_caseworker_without_one_only_the_proof(required):
    user = user_in("caseworker")
    flood_with_random_names(205)
    client = Client()

    # A new browser: the sign-in page carries the check, which its script solves.
    page = client.get(reverse("wagtailadmin_login"))
    assert proof_field(page) is not None
    _, without = sign_in(user, client=client)
    assert without.status_code == 200 and not signed_in(client)

    _, response = sign_in(user, client=client, proof=proof_on(without))
    assert response.status_code == 302
    assert signed_in(client)
    assert signin.DEVICE_COOKIE in response.cookies


@pytest.mark.django_db
def test_a_device_cookie_counts_only_for_its_own_account(required, settings):
    settings.LANTERN_SIGNIN_FAILURES_PER_ACCOUNT = 2
    caseworker, operator = user_in("caseworker"), user_in("operator")
    client, _ = sign_in(caseworker)
    client.post(reverse("wagtailadmin_logout"))
    for _attempt in range(2):
        sign_in(operator, password="wrong password")

    # The caseworker's browser, signing in as the operator, is a browser like any other.
    _, response = sign_in(operator, client=client)
    assert response.status_code == 200
    assert CHALLENGED["en"] in response.content.decode()


@pytest.mark.django_db
def test_a_forged_or_expired_device_cookie_is_ignored(required, settings, monkeypatch):
    settings.LANTERN_SIGNIN_FAILURES_PER_ACCOUNT = 2
    user = user_in("caseworker")
    client, _ = sign_in(user)
    client.post(reverse("wagtailadmin_logout"))
    for _attempt in range(2):
        sign_in(user, password="wrong password")
    value = client.cookies[signin.DEVICE_COOKIE].value

    client.cookies[signin.DEVICE_COOKIE] = value[:-2] + ("AA" if value[-2:] != "AA" else "BB")
    assert sign_in(user, client=client)[1].status_code == 200  # forged: asked for the proof

    client.cookies[signin.DEVICE_COOKIE] = value
    settings.LANTERN_SIGNIN_DEVICE_COOKIE_DAYS = 0
    assert sign_in(user, client=client)[1].status_code == 200  # expired

    settings.LANTERN_SIGNIN_DEVICE_COOKIE_DAYS = 365
    assert sign_in(user, client=client)[1].status_code == 302


@pytest.mark.django_db
def test_a_device_cookie_stops_counting_after_its_own_failures(required, settings):
    settings.LANTERN_SIGNIN_FAILURES_PER_ACCOUNT = 2
    settings.LANTERN_SIGNIN_FAILURES_PER_DEVICE = 3
    user = user_in("caseworker")
    client, _ = sign_in(user)
    client.post(reverse("wagtailadmin_logout"))
    account_key, _total = signin._keys(user.username)

    # Its own failures are counted for it, not for the account: nobody else is affected.
    for _attempt in range(3):
        _, response = sign_in(user, "wrong password", client=client)
        assert response.status_code == 200
    assert ratelimit.count(account_key) == 0
    assert sign_in(user, client=Client())[1].status_code == 302

    # Past them, it is a browser like any other until the window ends.
    client.post(reverse("wagtailadmin_logout"))
    for _attempt in range(2):
        sign_in(user, "wrong password", client=client)
    assert ratelimit.count(account_key) == 2
    _, response = sign_in(user, client=client)
    assert response.status_code == 200
    assert CHALLENGED["en"] in response.content.decode()
    assert sign_in(user, client=client, proof=proof_on(response))[1].status_code == 302


@pytest.mark.django_db
def test_what_every_admin_page_loads_is_not_held_back(required):
    """The icon sprite and the script translations hold nobody's data; redirecting them would
    put the code page's HTML where the icons go."""
    client, _ = sign_in(user_in("operator"))

    assert client.get(reverse("wagtailadmin_sprite")).status_code == 200
    assert client.get(reverse("wagtailadmin_javascript_catalog")).status_code == 200
