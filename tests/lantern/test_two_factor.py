"""Two-factor sign-in (lantern.two_factor): with LANTERN_REQUIRE_2FA on, staff who can read
chats or leads reach nothing in the admin with their password alone; failed sign-ins and
wrong codes are throttled without storing anybody's address."""

from __future__ import annotations

from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern import ratelimit
from lantern.two_factor import signin
from tests.referrals.queue.factories import make_lead, user_in

PASSWORD = "x" * 16  # the factories' password
SENSITIVE_ROLES = ["operator", "caseworker", "superuser"]
OTHER_ROLES = ["editor", "moderator", "coordinator"]


@pytest.fixture
def required(settings):
    settings.LANTERN_REQUIRE_2FA = True
    return settings


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    token = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{token:0{device.digits}d}"


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


PAUSED = {
    "en": "Too many failed sign-ins",
    "lv": "Pārāk daudz neveiksmīgu pieteikšanās mēģinājumu",
}


def sign_in(user, password: str = PASSWORD, language: str = "en") -> tuple[Client, object]:
    """The admin's sign-in form, read in `language` (the browser's, before anybody is known)."""
    client = Client(headers={"accept-language": language})
    response = client.post(
        reverse("wagtailadmin_login"), {"username": user.username, "password": password}
    )
    return client, response


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
@pytest.mark.parametrize("role", SENSITIVE_ROLES)
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
def test_staff_who_cannot_read_chats_or_leads_need_no_second_factor(required, role):
    client, _ = sign_in(user_in(role))

    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", SENSITIVE_ROLES)
def test_the_setting_off_asks_for_no_second_factor(settings, role):
    settings.LANTERN_REQUIRE_2FA = False
    client, _ = sign_in(user_in(role))

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

    assert done.status_code == 302
    assert done.url == queue
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
    errors = " ".join(response.context["form"].errors["code"])
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
    assert response.context["form"].errors["code"]
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
def test_failed_sign_ins_pause_the_account_without_storing_who_tried(required, settings, language):
    settings.LANTERN_SIGNIN_FAILURES_PER_ACCOUNT = 3
    user = user_in("caseworker")
    other = user_in("operator")

    for _attempt in range(3):
        _, response = sign_in(user, password="wrong password", language=language)
        assert response.status_code == 200
    # The right password, refused unchecked.
    client, response = sign_in(user, language=language)

    assert response.status_code == 200
    assert PAUSED[language] in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account is not affected.
    assert sign_in(other)[1].status_code == 302
    # What the cache holds names neither the account nor an address.
    for key in signin._keys(user.username):
        assert user.username not in key
        assert "127.0.0.1" not in key


@pytest.mark.django_db
def test_the_pause_ends_with_its_window(required, settings, monkeypatch):
    settings.LANTERN_SIGNIN_FAILURES_PER_ACCOUNT = 2
    user = user_in("editor")
    for _attempt in range(2):
        sign_in(user, password="wrong password")
    assert sign_in(user)[1].status_code == 200

    later = ratelimit.window_ends(settings.LANTERN_SIGNIN_WINDOW_SECONDS) + 1
    monkeypatch.setattr(ratelimit.time, "time", lambda: later)

    assert sign_in(user)[1].status_code == 302


@pytest.mark.django_db
def test_failures_across_accounts_pause_everybody(required, settings):
    settings.LANTERN_SIGNIN_FAILURES_TOTAL = 4
    for name in ("a", "b", "c", "d"):
        sign_in(user_in("editor", username=f"t-spray-{name}"), password="Winter2026!")

    _, response = sign_in(user_in("operator"))

    assert response.status_code == 200
    assert PAUSED["en"] in response.content.decode()


@pytest.mark.django_db
def test_usernames_are_matched_whatever_their_case(required, settings):
    settings.LANTERN_SIGNIN_FAILURES_PER_ACCOUNT = 2
    user = user_in("operator")
    sign_in(user, password="wrong")
    Client().post(
        reverse("wagtailadmin_login"), {"username": user.username.upper(), "password": "wrong"}
    )

    assert signin.is_locked(user.username)


@pytest.mark.django_db
def test_what_every_admin_page_loads_is_not_held_back(required):
    """The icon sprite and the script translations hold nobody's data; redirecting them would
    put the code page's HTML where the icons go."""
    client, _ = sign_in(user_in("operator"))

    assert client.get(reverse("wagtailadmin_sprite")).status_code == 200
    assert client.get(reverse("wagtailadmin_javascript_catalog")).status_code == 200
