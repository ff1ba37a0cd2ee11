"""Security headers on every kind of response the site sends."""

import pytest

from tests.lantern.responses import PUBLIC_KINDS, fetch

pytestmark = pytest.mark.django_db

ALL_KINDS = [*PUBLIC_KINDS, "admin_login"]


def csp_directives(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        words = part.split()
        if words:
            assert words[0] not in directives, f"{words[0]} given twice"
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_content_security_policy(client, tree, kind):
    response = fetch(client, tree, kind)

    policy = csp_directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    for name, sources in policy.items():
        assert "'unsafe-inline'" not in sources, name
        assert "'unsafe-eval'" not in sources, name
        # Nothing is loaded from another host.
        assert not any(s == "*" or s.startswith(("http:", "https:")) for s in sources), name
    for name in ("script-src", "style-src"):
        assert all(s == "'self'" or s.startswith("'nonce-") for s in policy[name]), name


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_other_security_headers(client, tree, kind):
    response = fetch(client, tree, kind)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    if not response.has_header("Location"):
        # Older browsers' version of frame-ancestors 'none' (a redirect is never framed).
        assert response["X-Frame-Options"] == "DENY"
    permissions = dict(
        item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation"):
        assert permissions[feature] == "()", feature


@pytest.mark.parametrize("kind", PUBLIC_KINDS)
def test_public_responses_send_no_referrer(client, tree, kind):
    assert fetch(client, tree, kind)["Referrer-Policy"] == "no-referrer"


def test_admin_sends_the_referrer_to_its_own_origin_only(client, tree):
    """Staff pages send `same-origin`: with `no-referrer`, browsers send `Origin: null` on the
    admin's form posts, which Django's CSRF check refuses. Other hosts still learn nothing."""
    assert fetch(client, tree, "admin_login")["Referrer-Policy"] == "same-origin"


def test_hsts_is_not_sent_by_the_development_and_test_settings(client, tree):
    # HSTS is production's (see test_settings.py): a developer's browser must not pin localhost.
    assert "Strict-Transport-Security" not in fetch(client, tree, "page")


# The admin's inline scripts and the CSP nonce: tests/lantern/test_script_nonce.py.


HTML_KINDS = ["page", "campaign", "untranslated", "cached_page", "listing_page_2", "search"]
HTML_KINDS += ["empty_search", "not_found", "admin_login"]


@pytest.mark.parametrize("kind", HTML_KINDS)
def test_html_is_never_kept_in_the_browsers_cache(client, tree, kind):
    # A shared device keeps nothing of a visit in its disk cache (nor in the back-forward
    # cache, for the back button after a quick exit); a cached page's hit says so too.
    response = fetch(client, tree, kind)

    assert response["Content-Type"].startswith("text/html")
    assert "no-store" in [part.strip() for part in response["Cache-Control"].split(",")]


def test_static_files_keep_their_long_cache(client, tree):
    from django.contrib.staticfiles.storage import staticfiles_storage

    response = client.get(staticfiles_storage.url("js/quick-exit.js"))

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
