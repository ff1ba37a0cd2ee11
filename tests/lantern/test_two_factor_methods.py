"""Second factors beyond the authenticator app (issue 17): recovery codes, passkeys, and the
"Sign-in methods" page where a signed-in member of staff adds and removes them, each change
only with a fresh proof of a current factor, a new session key, and never the last factor
while the policy requires one."""

from __future__ import annotations

import json
import time
from io import StringIO

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from lantern.settings.base import webauthn_relying_party
from lantern.two_factor import policy, recovery
from lantern.two_factor.forms import CodeForm
from lantern.two_factor.views import check_code
from tests.referrals.queue.factories import user_in

from .soft_passkey import SoftPasskey
from .test_two_factor import PASSWORD, code_for, confirmed_device, sign_in

JSON = "application/json"


@pytest.fixture
def required(settings):
    settings.LANTERN_REQUIRE_2FA = True
    return settings


def proven_client(user, device, *, ago: float = 0) -> Client:
    """A browser signed in as `user`, verified by `device`, whose last proof was `ago`
    seconds ago."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[policy.PROVEN_AT_SESSION_KEY] = time.time() - ago
    session.save()
    return client


def stale_client(user, device) -> Client:
    return proven_client(user, device, ago=10 * 60)


def no_admin_user():
    return get_user_model().objects.create_user("t-no-admin", password=PASSWORD)


def post_json(client: Client, url: str, data=None, **extra):
    body = data if isinstance(data, str | bytes) else json.dumps(data or {})
    return client.post(url, body, content_type=JSON, **extra)


def register_passkey(client: Client, passkey: SoftPasskey, next_url: str = ""):
    options = post_json(client, reverse("two_factor_passkey_register_begin"))
    assert options.status_code == 200, options.content
    complete = reverse("two_factor_passkey_register_complete")
    if next_url:
        complete += f"?next={next_url}"
    return post_json(client, complete, passkey.register(options.json()))


def authenticate_passkey(client: Client, passkey: SoftPasskey, next_url: str = ""):
    options = post_json(client, reverse("two_factor_passkey_authenticate_begin"))
    assert options.status_code == 200, options.content
    complete = reverse("two_factor_passkey_authenticate_complete")
    if next_url:
        complete += f"?next={next_url}"
    return post_json(client, complete, passkey.authenticate(options.json()))


def verified(client: Client) -> bool:
    return bool(client.session.get(DEVICE_ID_SESSION_KEY))


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


# --- Who must give a factor (policy) ----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", ["editor", "moderator", "coordinator", "operator", "caseworker", "superuser"]
)
def test_every_group_must_give_a_factor_when_the_setting_is_on(required, role):
    assert policy.is_required(user_in(role))


@pytest.mark.django_db
def test_reading_chats_or_leads_counts_as_staff_even_without_the_admin(required):
    from django.contrib.auth.models import Permission

    user = no_admin_user()
    assert not policy.is_required(user)
    user.user_permissions.add(
        Permission.objects.get(codename="operate_chat", content_type__app_label="chat")
    )
    user = get_user_model().objects.get(pk=user.pk)  # no cached permissions
    assert policy.is_required(user)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "coordinator", "operator"])
def test_with_the_setting_off_only_those_with_a_factor_must_give_it(settings, role):
    settings.LANTERN_REQUIRE_2FA = False
    user = user_in(role)
    assert not policy.is_required(user)
    # A passkey counts as much as an authenticator app.
    WebAuthnCredential.objects.create(
        user=user, name="Passkey", credential_id=b"x", public_key=b"y", confirmed=True
    )
    assert policy.is_required(user)


@pytest.mark.django_db
def test_the_socket_check_keeps_its_meaning(settings):
    """lantern.two_factor.policy.satisfied(user, session), read by the chat and sessions."""
    settings.LANTERN_REQUIRE_2FA = False
    user = user_in("coordinator")
    assert policy.satisfied(user, {})
    device = confirmed_device(user)
    assert not policy.satisfied(user, {})
    assert policy.satisfied(user, {DEVICE_ID_SESSION_KEY: device.persistent_id})
    assert not policy.satisfied(user, {DEVICE_ID_SESSION_KEY: "otp_totp.totpdevice/999"})


@pytest.mark.django_db
def test_each_sign_in_step_gives_the_session_a_new_key(required):
    user = user_in("editor")
    device = confirmed_device(user)
    client = Client()
    session = client.session
    session["before"] = True
    session.save()
    keys = [session.session_key]

    sign_in(user, client=client)  # the password
    keys.append(client.session.session_key)
    client.post(reverse("two_factor_verify"), {"code": code_for(device)})  # the second factor
    keys.append(client.session.session_key)

    assert len(set(keys)) == 3
    assert verified(client)


# --- Recovery codes ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_recovery_code_signs_in_once_typed_any_way(required):
    user = user_in("operator")
    confirmed_device(user)
    codes = recovery.replace_codes(user)
    assert len(codes) == 10 and len(set(codes)) == 10
    client, _ = sign_in(user)
    console = reverse("chat_console")
    session_key = client.session.session_key
    typed = " " + codes[3].upper().replace("-", " ") + " "

    response = client.post(
        reverse("two_factor_verify"),
        {"method": "recovery", "recovery_code": typed, "next": console},
    )

    assert response.status_code == 302 and response.url == console
    assert client.session.session_key != session_key
    assert client.get(console).status_code == 200
    assert recovery.codes_left(user) == 9

    again, _ = sign_in(user)
    replay = again.post(
        reverse("two_factor_verify"), {"method": "recovery", "recovery_code": codes[3]}
    )
    assert replay.status_code == 200
    assert replay.context["recovery_form"].errors["recovery_code"]
    assert not verified(again)
    # Another one still works, written without dashes (once the wrong one's pause is over).
    StaticDevice.objects.get(user=user).throttle_reset()
    other = again.post(
        reverse("two_factor_verify"),
        {"method": "recovery", "recovery_code": codes[4].replace("-", "")},
    )
    assert other.status_code == 302
    assert recovery.codes_left(user) == 8


@pytest.mark.django_db
def test_recovery_codes_are_stored_hashed():
    user = user_in("editor")
    codes = recovery.replace_codes(user)
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert len(stored) == 10
    for code in codes:
        assert recovery.normalise(code) not in stored
        assert code not in stored


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["", "abc", "<script>", "x" * 64, "1234-5678"])
def test_a_malformed_recovery_code_is_refused_before_it_is_checked(required, typed):
    user = user_in("editor")
    confirmed_device(user)
    recovery.replace_codes(user)
    client, _ = sign_in(user)

    response = client.post(
        reverse("two_factor_verify"), {"method": "recovery", "recovery_code": typed}
    )

    assert response.status_code == 200
    assert response.context["recovery_form"].errors["recovery_code"]
    assert StaticDevice.objects.get(user=user).throttling_failure_count == 0


@pytest.mark.django_db
def test_wrong_recovery_codes_are_throttled(required):
    user = user_in("editor")
    confirmed_device(user)
    codes = recovery.replace_codes(user)
    client, _ = sign_in(user)
    for _attempt in range(3):
        client.post(
            reverse("two_factor_verify"),
            {"method": "recovery", "recovery_code": "aaaa-bbbb-cccc"},
        )

    response = client.post(
        reverse("two_factor_verify"), {"method": "recovery", "recovery_code": codes[0]}
    )

    assert response.status_code == 200
    assert "Too many wrong codes" in " ".join(
        response.context["recovery_form"].errors["recovery_code"]
    )
    assert recovery.codes_left(user) == 10


# --- The second step offers what the person has ------------------------------------------------


@pytest.mark.django_db
def test_the_verify_page_offers_each_factor_the_person_has(required):
    user = user_in("caseworker")
    WebAuthnCredential.objects.create(
        user=user, name="Passkey", credential_id=b"id", public_key=b"k", confirmed=True
    )
    client, _ = sign_in(user)

    only_passkey = page(client.get(reverse("two_factor_verify")))
    assert only_passkey.select_one("[data-passkey=authenticate]") is not None
    assert only_passkey.select_one("input[name=code]") is None
    assert only_passkey.select_one("input[name=recovery_code]") is None

    confirmed_device(user)
    recovery.replace_codes(user)
    every = page(client.get(reverse("two_factor_verify")))
    assert every.select_one("[data-passkey=authenticate]") is not None
    for name in ("code", "recovery_code"):
        field = every.select_one(f"input[name={name}]")
        # WCAG 2.2 SC 3.3.8: labelled, for password managers, nothing against pasting.
        assert field["autocomplete"] == "one-time-code"
        assert int(field["maxlength"]) >= 32
        assert every.select_one(f"label[for={field['id']}]") is not None
        assert not any(attribute.startswith("on") for attribute in field.attrs)
    html = str(every)
    assert "onpaste" not in html and "<script>" not in html
    script = every.select_one("script[src$='two-factor-passkey.js']")
    assert script is not None and script["type"] == "module"


@pytest.mark.django_db
def test_the_sign_in_form_lets_password_managers_fill_it():
    form = page(Client().get(reverse("wagtailadmin_login")))

    assert form.select_one("input[name=username]")["autocomplete"] == "username"
    assert form.select_one("input[name=password]")["autocomplete"] == "current-password"


@pytest.mark.django_db
def test_an_app_code_with_spaces_is_accepted(required):
    user = user_in("editor")
    device = confirmed_device(user)
    client, _ = sign_in(user)
    code = code_for(device)

    response = client.post(reverse("two_factor_verify"), {"code": f" {code[:3]} {code[3:]} "})

    assert response.status_code == 302
    assert verified(client)


# --- Three steps for every new view -------------------------------------------------------------

PAGES = [
    ("get", "two_factor_methods", {}),
    ("get", "two_factor_confirm", {}),
    ("get", "two_factor_authenticator", {}),
    ("get", "two_factor_recovery_codes", {}),
    ("post", "two_factor_remove", {"kind": "authenticator"}),
]
JSON_VIEWS = [
    "two_factor_passkey_register_begin",
    "two_factor_passkey_register_complete",
    "two_factor_passkey_authenticate_begin",
    "two_factor_passkey_authenticate_complete",
]


def _url(name: str, kwargs: dict, device) -> str:
    if "kind" in kwargs:
        return reverse(name, kwargs={**kwargs, "pk": device.pk})
    return reverse(name)


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "name", "kwargs"), PAGES)
def test_pages_anonymous_are_sent_to_sign_in(method, name, kwargs):
    device = confirmed_device(user_in("editor"))
    response = getattr(Client(), method)(_url(name, kwargs, device))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "name", "kwargs"), PAGES)
def test_pages_refuse_a_user_without_admin_access(method, name, kwargs):
    user = no_admin_user()
    device = confirmed_device(user)
    client = proven_client(user, device)
    response = getattr(client, method)(_url(name, kwargs, device))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "name", "kwargs"), PAGES)
def test_pages_work_for_staff(settings, method, name, kwargs):
    settings.LANTERN_REQUIRE_2FA = False
    user = user_in("editor")
    device = confirmed_device(user)
    client = proven_client(user, device)
    response = getattr(client, method)(_url(name, kwargs, device))
    if name == "two_factor_remove":
        assert response.status_code == 302 and response.url == reverse("two_factor_methods")
        assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    elif name == "two_factor_confirm":  # proven already: straight on
        assert response.status_code == 302 and response.url == reverse("two_factor_methods")
    else:
        assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", JSON_VIEWS)
def test_passkey_views_three_steps(settings, name):
    settings.LANTERN_REQUIRE_2FA = False
    assert post_json(Client(), reverse(name)).status_code == 403

    outsider = Client()
    outsider.force_login(no_admin_user())
    assert post_json(outsider, reverse(name)).status_code == 403

    staff = Client()
    staff.force_login(user_in("editor"))  # no factor yet: may add a first one
    response = post_json(staff, reverse(name))
    if name.endswith("_begin"):
        assert response.status_code == 200
        assert response.json()["challenge"]
    else:  # nothing begun: refused, with a reason, not a server error
        assert response.status_code == 400
        assert response.json()["code"] == "invalid_state"


@pytest.mark.django_db
def test_the_account_page_links_to_the_sign_in_methods(settings):
    settings.LANTERN_REQUIRE_2FA = False
    client = Client()
    client.force_login(user_in("moderator"))

    response = client.get(reverse("wagtailadmin_account"))

    assert response.status_code == 200
    assert f'href="{reverse("two_factor_methods")}"' in response.content.decode()


# --- Changing factors needs a fresh proof ------------------------------------------------------


@pytest.mark.django_db
def test_enrolling_or_removing_needs_a_fresh_proof(settings):
    settings.LANTERN_REQUIRE_2FA = False
    user = user_in("coordinator")
    device = confirmed_device(user)
    recovery.replace_codes(user)
    client = stale_client(user, device)
    confirm = reverse("two_factor_confirm")

    removed = client.post(reverse("two_factor_remove", args=["authenticator", device.pk]))
    new_codes = client.post(reverse("two_factor_recovery_codes"))
    new_app = client.get(reverse("two_factor_authenticator"))
    passkey = post_json(client, reverse("two_factor_passkey_register_begin"))

    for response in (removed, new_codes, new_app):
        assert response.status_code == 302
        assert response.url.startswith(confirm)
    assert passkey.status_code == 403 and passkey.json()["code"] == "proof_needed"
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()
    assert recovery.codes_left(user) == 10
    methods = page(client.get(reverse("two_factor_methods")))
    assert methods.select_one("[data-passkey=register]") is None  # a link to confirm instead

    # Confirming it is them (the code again) opens the changes for a while.
    session_key = client.session.session_key
    done = client.post(confirm, {"code": code_for(device), "next": reverse("two_factor_methods")})
    assert done.status_code == 302 and done.url == reverse("two_factor_methods")
    assert client.session.session_key != session_key
    assert page(client.get(reverse("two_factor_methods"))).select_one("[data-passkey=register]")
    codes = client.post(reverse("two_factor_recovery_codes"))
    assert codes.status_code == 200
    assert len(page(codes).select("[data-recovery-codes] li")) == 10


@pytest.mark.django_db
def test_a_password_session_cannot_add_a_factor_beside_an_existing_one(settings):
    settings.LANTERN_REQUIRE_2FA = False
    user = user_in("coordinator")
    confirmed_device(user)
    client = Client()
    client.force_login(user)  # the password only

    assert post_json(client, reverse("two_factor_passkey_register_begin")).status_code == 403
    assert client.post(reverse("two_factor_recovery_codes")).status_code == 403
    assert not StaticDevice.objects.filter(user=user).exists()
    assert WebAuthnCredential.objects.filter(user=user).count() == 0


@pytest.mark.django_db
def test_the_proof_is_fresh_only_for_a_while(settings):
    settings.LANTERN_REQUIRE_2FA = False
    settings.LANTERN_2FA_FRESH_SECONDS = 300
    user = user_in("editor")
    device = confirmed_device(user)

    fresh = proven_client(user, device, ago=290).get(reverse("two_factor_authenticator"))
    stale = proven_client(user, device, ago=310).get(reverse("two_factor_authenticator"))

    assert fresh.status_code == 200
    assert stale.status_code == 302 and stale.url.startswith(reverse("two_factor_confirm"))


# --- Each change: a new session key, signals, the last factor ------------------------------------


@pytest.mark.django_db
def test_a_factor_change_gives_the_session_a_new_key(settings):
    settings.LANTERN_REQUIRE_2FA = False
    user = user_in("operator")
    device = confirmed_device(user)
    client = proven_client(user, device)

    keys = [client.session.session_key]
    client.post(reverse("two_factor_recovery_codes"))
    keys.append(client.session.session_key)
    response = register_passkey(client, SoftPasskey())
    assert response.status_code == 200, response.content
    keys.append(client.session.session_key)
    passkey = WebAuthnCredential.objects.get(user=user)
    client.post(reverse("two_factor_remove", args=["passkey", passkey.pk]))
    keys.append(client.session.session_key)
    pending = client.get(reverse("two_factor_authenticator")).context["key"]
    assert pending
    new_app = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post(reverse("two_factor_authenticator"), {"code": code_for(new_app)})
    keys.append(client.session.session_key)

    assert len(set(keys)) == len(keys), keys
    # The new app replaced the old one, and the session is still verified (by the new one).
    assert list(TOTPDevice.objects.filter(user=user)) == [new_app]
    assert client.session[DEVICE_ID_SESSION_KEY] == new_app.persistent_id
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.django_db
def test_removing_a_factor_deletes_it_so_that_signals_fire(settings):
    settings.LANTERN_REQUIRE_2FA = False
    user = user_in("operator")
    app = confirmed_device(user)
    passkey = WebAuthnCredential.objects.create(
        user=user, name="Passkey", credential_id=b"id", public_key=b"k", confirmed=True
    )
    deleted = []

    def receiver(sender, instance, **kwargs):
        deleted.append((sender, instance.pk))

    post_delete.connect(receiver, weak=False)
    try:
        client = proven_client(user, app)
        response = client.post(reverse("two_factor_remove", args=["passkey", passkey.pk]))
    finally:
        post_delete.disconnect(receiver)

    assert response.status_code == 302
    assert (WebAuthnCredential, passkey.pk) in deleted
    assert not WebAuthnCredential.objects.filter(pk=passkey.pk).exists()


@pytest.mark.django_db
def test_the_last_factor_cannot_be_removed_while_required(required):
    user = user_in("editor")
    device = confirmed_device(user)
    recovery.replace_codes(user)
    client = proven_client(user, device)

    methods = page(client.get(reverse("two_factor_methods")))
    assert methods.select_one("form[action*='/remove/']") is None
    response = client.post(reverse("two_factor_remove", args=["authenticator", device.pk]))

    assert response.status_code == 302
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    assert recovery.codes_left(user) == 10
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    # With a second factor, either may go; the session stays verified by the one left.
    passkey = WebAuthnCredential.objects.create(
        user=user, name="Passkey", credential_id=b"id", public_key=b"k", confirmed=True
    )
    client.post(reverse("two_factor_remove", args=["authenticator", device.pk]))
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert client.session[DEVICE_ID_SESSION_KEY] == passkey.persistent_id
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.django_db
def test_without_the_requirement_the_last_factor_may_go_with_its_codes(settings):
    settings.LANTERN_REQUIRE_2FA = False
    user = user_in("editor")
    device = confirmed_device(user)
    recovery.replace_codes(user)
    client = proven_client(user, device)

    response = client.post(reverse("two_factor_remove", args=["authenticator", device.pk]))

    assert response.status_code == 302
    assert not policy.has_device(user) and recovery.codes_left(user) == 0
    assert not policy.is_required(user)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.django_db
def test_nobody_removes_anybody_elses_factor(settings):
    settings.LANTERN_REQUIRE_2FA = False
    user, other = user_in("editor"), user_in("moderator")
    device = confirmed_device(user)
    theirs = confirmed_device(other)
    client = proven_client(user, device)

    response = client.post(reverse("two_factor_remove", args=["authenticator", theirs.pk]))
    unknown = client.post(reverse("two_factor_remove", args=["sms", device.pk]))

    # Not found (which the site's language prefix turns into a redirect to a public page).
    assert response.status_code in (302, 404) and unknown.status_code in (302, 404)
    assert not response.get("Location", "").startswith("/admin/")
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


# --- Passkeys -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_first_passkey_then_signing_in_with_it(required):
    user = user_in("caseworker")
    queue = reverse("referral_queue:index")
    client, _ = sign_in(user)
    setup = client.get(f"{reverse('two_factor_setup')}?next={queue}")
    assert page(setup).select_one("[data-passkey=register]") is not None
    options = post_json(client, reverse("two_factor_passkey_register_begin")).json()
    assert options["rp"]["id"] == "localhost"
    session_key = client.session.session_key

    passkey = SoftPasskey()
    complete = reverse("two_factor_passkey_register_complete") + f"?next={queue}"
    response = post_json(client, complete, passkey.register(options))

    assert response.status_code == 200, response.content
    device = WebAuthnCredential.objects.get(user=user)
    assert device.confirmed and device.name == "Passkey"
    assert client.session.session_key != session_key
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    # The set-up ends with the recovery codes.
    target = response.json()["redirect_url"]
    assert target.startswith(reverse("two_factor_recovery_codes")) and "first=1" in target
    codes = client.post(target, {"first": "1", "next": queue})
    assert len(page(codes).select("[data-recovery-codes] li")) == 10
    assert f'href="{queue}"' in codes.content.decode()

    # Next time: the password, then the passkey.
    again, _ = sign_in(user)
    assert again.get(queue).url.startswith(reverse("two_factor_verify"))
    session_key = again.session.session_key
    signed = authenticate_passkey(again, passkey, next_url=queue)
    assert signed.status_code == 200, signed.content
    assert signed.json()["redirect_url"] == queue
    assert again.session.session_key != session_key
    assert again.get(queue).status_code == 200


@pytest.mark.django_db
def test_a_passkey_confirms_it_is_you(settings):
    settings.LANTERN_REQUIRE_2FA = False
    user = user_in("editor")
    app = confirmed_device(user)
    passkey = SoftPasskey()
    assert register_passkey(proven_client(user, app), passkey).status_code == 200
    client = stale_client(user, app)
    assert client.get(reverse("two_factor_authenticator")).status_code == 302

    response = authenticate_passkey(client, passkey, next_url=reverse("two_factor_methods"))

    assert response.status_code == 200
    assert client.get(reverse("two_factor_authenticator")).status_code == 200


@pytest.mark.django_db
def test_passkeys_are_a_second_factor_never_a_sign_in(settings):
    settings.LANTERN_REQUIRE_2FA = False
    user = user_in("editor")
    app = confirmed_device(user)
    passkey = SoftPasskey()
    register_passkey(proven_client(user, app), passkey)
    anonymous = Client()

    begin = post_json(anonymous, reverse("two_factor_passkey_authenticate_begin"))

    assert begin.status_code == 403
    assert "_auth_user_id" not in anonymous.session


@pytest.mark.django_db
def test_somebody_elses_passkey_or_another_origin_is_refused(required):
    user, other = user_in("editor"), user_in("moderator")
    theirs = SoftPasskey()
    register_passkey(proven_client(other, confirmed_device(other)), theirs)
    client, _ = sign_in(user)
    confirmed_device(user)

    assert authenticate_passkey(client, theirs).status_code == 403
    assert not verified(client)

    phishing = Client()
    phishing.force_login(user_in("coordinator"))
    elsewhere = SoftPasskey(origin="https://lantern.example.net")
    response = register_passkey(phishing, elsewhere)
    assert response.status_code == 422
    assert not WebAuthnCredential.objects.filter(user__username="t-coordinator").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        "",
        "not json",
        "[]",
        "null",
        '"a string"',
        "{}",
        '{"id": 1}',
        '{"id": "a", "rawId": "a", "type": "public-key", "response": {}}',
        '{"id": "a", "rawId": "abcde", "type": "public-key", "response": '
        '{"clientDataJSON": "e30", "attestationObject": "!!", "authenticatorData": "x", '
        '"signature": "y"}}',
    ],
)
def test_malformed_passkey_answers_get_a_4xx_not_a_traceback(settings, caplog, body):
    settings.LANTERN_REQUIRE_2FA = False
    client = Client(raise_request_exception=False)
    client.force_login(user_in("editor"))
    for ceremony in ("register", "authenticate"):
        post_json(client, reverse(f"two_factor_passkey_{ceremony}_begin"))
        response = post_json(client, reverse(f"two_factor_passkey_{ceremony}_complete"), body)
        assert 400 <= response.status_code < 500, (ceremony, response.status_code)
    assert not [record for record in caplog.records if record.exc_info]


# --- Settings ---------------------------------------------------------------------------------


def test_the_relying_party_is_the_admins_domain_never_an_address():
    assert webauthn_relying_party("https://lantern.example.org") == (
        "lantern.example.org",
        ["https://lantern.example.org"],
    )
    assert webauthn_relying_party("http://127.0.0.1:8000") == (
        "localhost",
        ["http://localhost:8000"],
    )
    assert webauthn_relying_party("http://[::1]:8000")[0] == "localhost"
    assert webauthn_relying_party("http://localhost:8123") == (
        "localhost",
        ["http://localhost:8123"],
    )


@pytest.mark.django_db
def test_reset_two_factor_removes_every_factor():
    from django.core.management import call_command

    user = user_in("operator")
    confirmed_device(user)
    WebAuthnCredential.objects.create(
        user=user, name="Passkey", credential_id=b"id", public_key=b"k", confirmed=True
    )
    recovery.replace_codes(user)

    call_command("reset_two_factor", user.username, stdout=StringIO())

    assert not policy.has_device(user)
    assert recovery.codes_left(user) == 0


# --- An app being set up belongs to one session -------------------------------------------


def shown_key(response) -> str:
    return page(response).select_one("[data-two-factor-key]").get_text(strip=True)


@pytest.mark.django_db
def test_an_app_being_set_up_is_never_shown_to_another_session(required):
    # Someone who has only the password opens the set-up first and notes the secret; the
    # person's own set-up must not then show them the same one to confirm.
    person = user_in("editor")
    thief, _ = sign_in(person)
    own, _ = sign_in(person)

    thief_page = thief.get(reverse("two_factor_setup"))
    stolen = TOTPDevice.objects.get(user=person, confirmed=False)
    own_page = own.get(reverse("two_factor_setup"))
    pending = TOTPDevice.objects.get(user=person, confirmed=False)

    assert thief_page.status_code == own_page.status_code == 200
    assert pending.pk != stolen.pk and pending.bin_key != stolen.bin_key
    assert shown_key(own_page) != shown_key(thief_page)
    # The person confirms their own, and the one the other session saw is gone.
    confirmed = own.post(reverse("two_factor_setup"), {"code": code_for(pending)})
    assert confirmed.status_code == 200
    assert list(TOTPDevice.objects.filter(user=person).values_list("pk", flat=True)) == [pending.pk]


@pytest.mark.django_db
def test_a_reload_keeps_the_sessions_own_app(required):
    person = user_in("editor")
    client, _ = sign_in(person)

    first = client.get(reverse("two_factor_setup"))
    again = client.get(reverse("two_factor_setup"))

    assert shown_key(first) == shown_key(again)
    assert TOTPDevice.objects.filter(user=person, confirmed=False).count() == 1


@pytest.mark.django_db
def test_a_code_is_checked_on_the_devices_row_as_it_is_now(required):
    # Failures counted by another request meanwhile (the copy this request holds is older)
    # still hold this one back: the row is read again, locked, before the code is checked.
    person = user_in("editor")
    device = confirmed_device(person)
    client, _ = sign_in(person)
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=5,
        throttling_failure_timestamp=timezone.now(),
    )

    form = CodeForm({"code": code_for(device)})
    assert form.is_valid()
    assert check_code(device, form) is False  # `device` itself still says 0 failures
    assert "Too many wrong codes" in str(form.errors)
