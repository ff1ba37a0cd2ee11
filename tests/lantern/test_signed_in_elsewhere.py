"""Outside the admin, a session counts as signed in only on the admin's own terms: a page
restricted to signed-in people is not opened by a session that has not given its second factor,
or that has gone idle; and nobody signs in through Wagtail's own public sign-in form, which
knows nothing of the throttle, the proof of work or the second factor."""

from __future__ import annotations

from django.urls import reverse

from wagtail.models import Page, PageViewRestriction

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern import sessions
from tests.referrals.queue.factories import user_in

PASSWORD = "x" * 16  # the factories' password

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted(tree):
    """The English help page, for signed-in people only."""
    path = tree.path("help", "en")
    page = Page.objects.get(pk=tree.page("help").pk)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return path


def signed_in_client(client, user, *, verified: bool):
    client.force_login(user)
    if verified:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def test_a_restricted_page_needs_the_second_factor_too(client, settings, restricted):
    settings.LANTERN_REQUIRE_2FA = True
    editor = user_in("editor")

    password_only = signed_in_client(client, editor, verified=False).get(restricted)

    assert password_only.status_code == 302
    assert password_only["Location"].startswith(reverse("wagtailadmin_login"))


def test_a_restricted_page_opens_with_the_second_factor(client, settings, restricted):
    settings.LANTERN_REQUIRE_2FA = True
    editor = user_in("editor")

    verified = signed_in_client(client, editor, verified=True).get(restricted)

    assert verified.status_code == 200


def test_an_idle_session_is_ended_outside_the_admin_too(client, settings, restricted, monkeypatch):
    editor = user_in("editor")
    signed_in_client(client, editor, verified=False)
    session = client.session
    session[sessions.SIGNED_IN_AT] = session[sessions.ACTIVE_AT] = 1_000_000.0
    session.save()
    monkeypatch.setattr(
        sessions, "now", lambda: 1_000_000.0 + settings.LANTERN_STAFF_IDLE_SECONDS + 1
    )

    response = client.get(restricted)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("language", ["en", "lv"])
def test_wagtails_public_sign_in_form_signs_nobody_in(client, tree, language):
    editor = user_in("editor")
    form = f"/{language}/_util/login/"

    shown = client.get(form, {"next": "/en/"})
    posted = client.post(form, {"username": editor.username, "password": PASSWORD})

    assert shown.status_code == 302
    assert shown["Location"] == reverse("wagtailadmin_login") + "?next=%2Fen%2F"
    assert posted.status_code == 302
    assert posted["Location"].startswith(reverse("wagtailadmin_login"))
    assert "_auth_user_id" not in client.session
