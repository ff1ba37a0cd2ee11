"""The page cache is looked up in a middleware, before Wagtail routes the request: a hit makes no
query, and is the same response as a rendered page (headers, policy, no cookie). A render
after a miss finds what only changes on publishing (frame, route, site) kept per generation."""

from django.conf import settings
from django.middleware.csrf import get_token
from django.test import Client

from wagtail.models import PageViewRestriction, Site

import pytest

from awareness import cache as page_cache
from awareness import models
from tests.awareness.factories import title_of
from tests.html import parse

pytestmark = pytest.mark.django_db

PAGES = ["home", "campaign", "article_index", "help"]


def prime(client, path: str):
    first = client.get(path)
    assert first["X-Cache"] == "miss"
    return first


def headers_without_x_cache(response) -> dict:
    return {name: value for name, value in response.items() if name != "X-Cache"}


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("language", ["lv", "ru"])
def test_a_hit_makes_no_query(client, tree, django_assert_num_queries, name, language):
    path = tree.path(name, language)
    prime(client, path)

    with django_assert_num_queries(0):
        response = client.get(path)

    assert response["X-Cache"] == "hit"


def test_a_hit_is_the_rendered_response_with_every_header(client, tree):
    path = tree.path("campaign", "en")
    miss = prime(client, path)

    hit = client.get(path)

    assert hit["X-Cache"] == "hit"
    assert hit.content == miss.content
    assert headers_without_x_cache(hit) == headers_without_x_cache(miss)
    for header in (
        "Content-Security-Policy",
        "Referrer-Policy",
        "Permissions-Policy",
        "Cross-Origin-Opener-Policy",
        "Cross-Origin-Resource-Policy",
        "X-Content-Type-Options",
        "X-Frame-Options",
        "Content-Language",
    ):
        assert hit[header], header
    # Public pages use no nonce: a stored body can never disagree with a later header.
    assert "nonce-" not in hit["Content-Security-Policy"]
    assert b"nonce=" not in hit.content


def test_a_hit_sets_no_cookie_and_opens_no_session(client, tree):
    path = tree.path("help", "uk")
    prime(client, path)

    hit = client.get(path)

    assert hit["X-Cache"] == "hit"
    assert not hit.cookies
    assert "Set-Cookie" not in hit
    assert settings.SESSION_COOKIE_NAME not in client.cookies
    assert settings.CSRF_COOKIE_NAME not in client.cookies


def test_the_url_prefix_decides_the_language_of_a_hit(client, tree):
    prime(client, tree.path("home", "ru"))
    prime(client, tree.path("home", "en"))

    hit = client.get(
        tree.path("home", "en"), HTTP_ACCEPT_LANGUAGE="ru", HTTP_COOKIE="django_language=ru"
    )

    assert hit["X-Cache"] == "hit"
    page = parse(hit)
    assert page.find("html")["lang"] == "en"
    assert page.find("h1").get_text(strip=True) == title_of("thome", "en")
    # The frame (rendered once per language and generation) is in the page's language too.
    assert page.find("aside", attrs={"data-chat": True})["data-language"] == "en"
    assert hit["Content-Language"] == "en"


def test_a_clearing_by_another_process_makes_every_page_stale(client, tree):
    path = tree.path("article", "en")
    prime(client, path)

    # Another daphne process published something: all it shares with this one is the cache.
    page_cache.clear_page_cache()

    assert client.get(path)["X-Cache"] == "miss"


def test_a_stale_entry_is_not_served_even_under_its_own_key(client, tree):
    path = tree.path("article", "en")
    prime(client, path)
    request = Client().get(path).wsgi_request  # a hit: knows its key and generation
    key, generation = request._lantern_page_key, request._lantern_generation
    stored = page_cache.cache.get(key)
    page_cache.cache.set(key, (generation - 1, b"stale", stored[2]))

    response = client.get(path)

    assert response["X-Cache"] == "miss"
    assert b"stale" not in response.content


def test_a_signed_in_user_neither_reads_nor_fills_the_cache(client, tree, editor):
    path = tree.path("campaign", "en")
    staff = Client()
    staff.force_login(editor)

    first, second = staff.get(path), staff.get(path)

    assert "X-Cache" not in first and "X-Cache" not in second
    assert client.get(path)["X-Cache"] == "miss"
    assert "X-Cache" not in staff.get(path)


def test_a_preview_is_never_served_from_the_cache(client, tree):
    path = tree.path("campaign", "lv")
    prime(client, path)
    draft = models.CampaignPage.objects.get(pk=tree.campaign.pk)
    draft.title_lv = "Melnraksts, vēl nepublicēts"

    # Wagtail's preview sends a made-up anonymous request for the page's own URL through the
    # middleware: it must render the draft, not return the cached live page.
    response = draft.make_preview_request()

    assert "X-Cache" not in response
    assert "Melnraksts, vēl nepublicēts" in response.content.decode()
    assert client.get(path)["X-Cache"] == "hit"


@pytest.mark.parametrize("query", ["utm_source=x", "page=1&q=2", "bench-uncached=1"])
def test_other_query_strings_bypass_the_cache(client, tree, query):
    path = tree.path("help", "en")
    prime(client, path)

    response = client.get(f"{path}?{query}")

    assert response.status_code == 200
    assert "X-Cache" not in response


def test_a_page_whose_render_uses_the_csp_nonce_is_not_stored(client, tree, monkeypatch):
    original = models.HelpPage.get_context

    def with_nonce(self, request, *args, **kwargs):
        context = original(self, request, *args, **kwargs)
        context["nonce"] = str(request.csp_nonce)
        return context

    monkeypatch.setattr(models.HelpPage, "get_context", with_nonce)
    path = tree.path("help", "en")

    first, second = client.get(path), client.get(path)

    assert "X-Cache" not in first and "X-Cache" not in second
    assert "nonce-" in second["Content-Security-Policy"]


def test_a_page_that_sets_a_cookie_is_not_stored(client, tree, monkeypatch):
    original = models.HelpPage.get_context

    def with_csrf_token(self, request, *args, **kwargs):
        get_token(request)
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(models.HelpPage, "get_context", with_csrf_token)
    path = tree.path("help", "en")

    first = client.get(path)
    second = Client().get(path)

    assert first.cookies and "X-Cache" not in first
    assert "X-Cache" not in second


def test_a_restriction_added_to_a_cached_page_applies_at_once(client, tree):
    path = tree.path("safety", "en")
    prime(client, path)

    PageViewRestriction.objects.create(
        page=tree.safety, restriction_type=PageViewRestriction.PASSWORD, password="t-secret-pass"
    )

    response = client.get(path)
    assert "X-Cache" not in response
    assert title_of("tsp", "en") not in response.content.decode()
    # Nor is the restricted page stored for anybody later.
    assert "X-Cache" not in client.get(path)


def test_saving_a_site_clears_the_cache(client, tree):
    path = tree.path("help", "en")
    prime(client, path)

    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renamed"
    site.save()

    assert client.get(path)["X-Cache"] == "miss"


# --- A render after a miss --------------------------------------------------------------


@pytest.mark.parametrize("name", ["home", "campaign", "help"])
def test_a_render_reads_only_its_own_page_once_the_generation_is_warm(
    client, tree, django_assert_num_queries, name
):
    path = tree.path(name, "en") + "?utm_source=x"  # never cached: rendered every time
    client.get(path)

    with django_assert_num_queries(1):  # the page itself
        response = client.get(path)

    assert h1_text(response) == title_of(tree.keys[name], "en")


def h1_text(response) -> str:
    return parse(response).find("h1").get_text(strip=True)


def test_the_route_kept_for_a_path_goes_when_a_slug_changes(client, tree):
    old_path = tree.path("help", "en")
    assert client.get(old_path).status_code == 200

    tree.help.slug_en = "thp-en-moved"
    tree.help.save_revision().publish()

    assert client.get(old_path).status_code == 404
    response = client.get(tree.path("help", "en"))
    assert tree.path("help", "en").endswith("/thp-en-moved/")
    assert h1_text(response) == title_of("thp", "en")


def test_the_frame_is_rendered_again_after_a_change(client, tree):
    path = tree.path("help", "ru") + "?utm_source=x"
    client.get(path)
    safety = models.SafetySettings.for_site(Site.objects.get(is_default_site=True))

    safety.emergency_number = "911"
    safety.save()

    content = client.get(path).content.decode()
    assert 'href="tel:911"' in content and 'href="tel:112"' not in content


def test_a_restricted_page_is_kept_out_of_listings(client, tree):
    path = tree.path("campaign_index", "en") + "?utm_source=x"
    assert title_of("tcp", "en") in client.get(path).content.decode()

    PageViewRestriction.objects.create(
        page=tree.campaign, restriction_type=PageViewRestriction.PASSWORD, password="t-secret-pass"
    )

    assert title_of("tcp", "en") not in parse(client.get(path)).find("main").get_text()


def test_the_generation_starts_at_a_random_number():
    """So that after the cache is flushed, nothing stored under an old one comes back."""
    page_cache.cache.delete(page_cache.GENERATION_KEY)
    first = page_cache.current_generation()
    page_cache.cache.delete(page_cache.GENERATION_KEY)

    assert page_cache.current_generation() != first


def test_the_redis_pool_is_shared_by_every_cache_backend_of_a_process():
    from lantern.cachepool import SharedConnectionPool

    first = SharedConnectionPool.from_url("redis://127.0.0.1:6379/9", max_connections=5)
    again = SharedConnectionPool.from_url("redis://127.0.0.1:6379/9", max_connections=5)
    other = SharedConnectionPool.from_url("redis://127.0.0.1:6379/9", max_connections=6)

    assert first is again
    assert other is not first


def test_memo_values_last_one_generation_and_no_longer_than_a_cached_page(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: clock[0])
    memo = page_cache.GenerationMemo()
    computed = []

    def value(generation: int) -> str:
        return memo.get(generation, "key", lambda: computed.append(generation) or "v")

    value(7), value(7)
    value(8)
    clock[0] += settings.LANTERN_PAGE_CACHE_SECONDS
    value(8)

    assert computed == [7, 8, 8]
    assert memo.peek(8, "key") == "v"
    assert memo.peek(7, "key") is None
