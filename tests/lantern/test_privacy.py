"""Public pages set no cookies: nothing is stored in a visitor's browser until they act."""

import pytest

from tests.awareness.factories import LANGUAGES, PAGE_NAMES
from tests.lantern.responses import PUBLIC_KINDS, fetch

pytestmark = pytest.mark.django_db


def assert_no_cookie(response) -> None:
    assert not response.cookies, list(response.cookies)
    assert "Set-Cookie" not in response


@pytest.mark.parametrize("kind", PUBLIC_KINDS)
def test_public_responses_set_no_cookie(client, tree, kind):
    assert_no_cookie(fetch(client, tree, kind))
    assert not client.cookies


@pytest.mark.parametrize(
    ("name", "language"),
    # Every page type, each in one of the languages in turn.
    [(name, LANGUAGES[i % len(LANGUAGES)]) for i, name in enumerate([*PAGE_NAMES, "untranslated"])],
)
def test_no_page_type_sets_a_cookie(client, tree, name, language):
    response = client.get(tree.path(name, language))

    assert response.status_code == 200
    assert_no_cookie(response)


def test_switching_language_sets_no_cookie(client, tree):
    # The language is in the URL; nothing remembers it in the browser.
    for language in LANGUAGES:
        assert_no_cookie(client.get(tree.path("campaign", language)))
    assert not client.cookies


def test_admin_login_does_set_its_csrf_cookie(client):
    """The check above is not vacuous: the staff login form does need a cookie."""
    response = client.get("/admin/login/")

    assert response.cookies
