"""Rendered public pages are cached per language for anonymous visitors, and anything they show
being published or saved clears the cache."""

from django.test import Client

from wagtail.models import Page, Site

import pytest

from awareness import models
from awareness.cache import CACHEABLE_QUERY, clear_page_cache, current_generation
from tests.awareness.factories import make_hotline, make_page, title_of
from tests.html import parse

pytestmark = pytest.mark.django_db


def h1(response) -> str:
    return parse(response).find("h1").get_text(strip=True)


def prime(client, path: str):
    """Fetch `path` twice: the first is rendered, the second comes from the cache."""
    first = client.get(path)
    assert first["X-Cache"] == "miss"
    second = client.get(path)
    assert second["X-Cache"] == "hit"
    return second


def change_without_signals(page: Page, **fields) -> None:
    """Write straight to the table, as if another process had: no signal, no cache clearing."""
    Page.objects.filter(pk=page.pk).update(**fields)


def test_second_anonymous_request_is_served_from_the_cache(client, tree):
    path = tree.path("campaign", "en")
    first = client.get(path)
    second = client.get(path)

    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # A cached page still carries the site's headers and sets no cookie.
    for header in ("Content-Security-Policy", "Referrer-Policy", "Permissions-Policy"):
        assert second[header] == first[header]
    assert not second.cookies


def test_cached_page_is_really_the_stored_copy(client, tree):
    path = tree.path("campaign", "en")
    prime(client, path)
    change_without_signals(tree.campaign, title_en="Changed behind the cache's back")

    assert h1(client.get(path)) == title_of("tcp", "en")


def test_each_language_is_cached_separately(client, tree):
    english = prime(client, tree.path("home", "en"))
    russian = prime(client, tree.path("home", "ru"))

    assert english.content != russian.content
    assert h1(english) == title_of("thome", "en")
    assert h1(russian) == title_of("thome", "ru")
    assert parse(russian).find("html")["lang"] == "ru"


def test_signed_in_user_is_never_served_from_the_cache(client, tree, editor):
    path = tree.path("campaign", "en")
    prime(client, path)
    change_without_signals(tree.campaign, title_en="Fresh for staff")
    staff = Client()
    staff.force_login(editor)

    response = staff.get(path)

    assert "X-Cache" not in response
    assert h1(response) == "Fresh for staff"


def test_signed_in_user_does_not_fill_the_cache(client, tree, editor):
    staff = Client()
    staff.force_login(editor)
    path = tree.path("help", "en")
    staff.get(path)
    staff.get(path)

    assert client.get(path)["X-Cache"] == "miss"


@pytest.mark.parametrize(
    "query", ["utm_source=x", "q=1", "page=abc", "page=1&x=2", "page=12345", "a", "page=2&page=3"]
)
def test_query_strings_other_than_a_page_number_are_not_cached(client, tree, query):
    path = tree.path("article_index", "en") + "?" + query

    assert CACHEABLE_QUERY.match(query) is None
    assert "X-Cache" not in client.get(path)
    assert "X-Cache" not in client.get(path)


def test_page_number_query_is_cached_per_page(client, tree):
    for number in range(models.ArticleIndexPage.per_page + 1):
        make_page(tree.article_index, models.ArticlePage, f"tcache{number:02d}")
    path = tree.path("article_index", "en")

    first = prime(client, path)
    second = prime(client, path + "?page=2")

    assert first.content != second.content


def test_publishing_clears_the_cache(client, tree):
    path = tree.path("article", "ru")
    prime(client, path)

    tree.article.title_ru = "Новый заголовок"
    tree.article.save_revision().publish()

    response = client.get(path)
    assert response["X-Cache"] == "miss"
    assert h1(response) == "Новый заголовок"


def test_publishing_one_page_clears_every_cached_page(client, tree):
    # Listings and menus show other pages' titles, so every page goes stale at once.
    index_path = tree.path("campaign_index", "en")
    prime(client, index_path)

    tree.campaign.title_en = "Renamed campaign"
    tree.campaign.save_revision().publish()

    response = client.get(index_path)
    assert response["X-Cache"] == "miss"
    assert "Renamed campaign" in parse(response).find("main").get_text()


def test_unpublishing_clears_the_cache(client, tree):
    path = tree.path("safety", "en")
    prime(client, path)

    tree.safety.unpublish()

    assert client.get(path).status_code == 404


def test_deleting_a_page_clears_the_cache(client, tree):
    index_path = tree.path("campaign_index", "en")
    prime(client, index_path)

    tree.campaign.delete()

    response = client.get(index_path)
    assert response["X-Cache"] == "miss"
    assert title_of("tcp", "en") not in response.content.decode()


def test_saving_a_hotline_clears_the_cache(client, tree):
    hotline = make_hotline("tcachehl", number="8000 0077")
    safety = models.SafetySettings.for_site(Site.objects.get(is_default_site=True))
    safety.main_hotline = hotline
    safety.save()
    path = tree.path("help", "en")
    assert "8000 0077" in prime(client, path).content.decode()

    hotline.number = "8000 0078"
    hotline.save()

    response = client.get(path)
    assert response["X-Cache"] == "miss"
    content = response.content.decode()
    assert "8000 0078" in content and "8000 0077" not in content


def test_saving_the_safety_settings_clears_the_cache(client, tree):
    path = tree.path("help", "lv")
    prime(client, path)
    safety = models.SafetySettings.for_site(Site.objects.get(is_default_site=True))

    safety.emergency_number = "911"
    safety.save()

    response = client.get(path)
    assert response["X-Cache"] == "miss"
    assert 'href="tel:911"' in response.content.decode()


def test_cache_is_cleared_again_when_the_change_is_committed(
    client, tree, django_capture_on_commit_callbacks
):
    """Another process may render the page between the save and the commit, still reading the
    old rows; the clearing after commit drops what it cached."""
    path = tree.path("article", "en")
    with django_capture_on_commit_callbacks(execute=True):
        tree.article.title_en = "Committed title"
        tree.article.save_revision().publish()
        # Stands for the other process: it caches the page before the commit.
        prime(client, path)

    response = client.get(path)
    assert response["X-Cache"] == "miss"
    assert h1(response) == "Committed title"


def test_clearing_moves_to_a_new_generation():
    before = current_generation()

    clear_page_cache()

    assert current_generation() == before + 1
