"""One response of every kind the site sends, for the header and privacy tests."""

from django.urls import reverse

PUBLIC_KINDS = [
    "page",
    "campaign",
    "untranslated",
    "cached_page",
    "listing_page_2",
    "search",
    "empty_search",
    "robots",
    "sitemap",
    "not_found",
    "language_redirect",
]


def fetch(client, tree, kind: str):
    """GET the response of `kind` as an anonymous visitor."""
    if kind == "page":
        response = client.get(tree.path("home", "en"))
    elif kind == "campaign":
        response = client.get(tree.path("campaign", "ru"))
    elif kind == "untranslated":
        response = client.get(tree.path("untranslated", "uk"))
    elif kind == "cached_page":
        client.get(tree.path("help", "lv"))
        response = client.get(tree.path("help", "lv"))
        assert response["X-Cache"] == "hit"
    elif kind == "listing_page_2":
        response = client.get(tree.path("article_index", "en"), {"page": "2"})
    elif kind == "search":
        response = client.get("/en/search/", {"q": "tcp"})
    elif kind == "empty_search":
        response = client.get("/uk/search/")
    elif kind == "robots":
        response = client.get("/robots.txt")
    elif kind == "sitemap":
        response = client.get("/sitemap.xml")
    elif kind == "not_found":
        response = client.get("/en/no-such-page/")
        assert response.status_code == 404
        return response
    elif kind == "language_redirect":
        # A visitor who types the bare host is sent to a language, without a cookie.
        response = client.get("/")
        assert response.status_code == 302
        return response
    elif kind == "admin_login":
        response = client.get(reverse("wagtailadmin_login"))
    else:  # pragma: no cover - a typo in a test
        raise ValueError(kind)
    assert response.status_code == 200, (kind, response.status_code)
    return response
