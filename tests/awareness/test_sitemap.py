"""sitemap.xml lists every live page in every language with its alternates; robots.txt keeps
crawlers out of the admin and points them to the sitemap."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from django.utils import translation

from wagtail.models import Page

import pytest

from awareness import models
from tests.awareness.factories import DEFAULT_LANGUAGE, LANGUAGES, make_page

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap_entries(client) -> dict[str, dict[str, str]]:
    """{location: {hreflang: href}} for every <url> in the sitemap."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own sitemap, not untrusted input)
    entries = {}
    for url in root.findall("sm:url", NS):
        location = url.find("sm:loc", NS).text
        assert location not in entries, f"{location} listed twice"
        entries[location] = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
        }
    return entries


def path_of(url: str) -> str:
    parts = urlsplit(url)
    assert parts.scheme in ("http", "https") and parts.netloc, url
    return parts.path


def test_every_live_page_in_every_language_with_alternates(client, tree):
    entries = sitemap_entries(client)
    by_path = {path_of(location): alternates for location, alternates in entries.items()}

    live_pages = Page.objects.live().public().filter(depth__gt=1).specific()
    assert live_pages.count() >= len(tree.pks()) + 1
    for page in live_pages:
        urls = {}
        for code in LANGUAGES:
            with translation.override(code):
                urls[code] = page.get_url()
        for code in LANGUAGES:
            alternates = by_path.get(urls[code])
            assert alternates is not None, f"{page} in {code} missing from the sitemap"
            assert {key: path_of(href) for key, href in alternates.items()} == {
                **urls,
                "x-default": urls[DEFAULT_LANGUAGE],
            }
    assert len(entries) == live_pages.count() * len(LANGUAGES)


def test_translated_slugs_are_in_the_sitemap(client, tree):
    paths = {path_of(location) for location in sitemap_entries(client)}

    for code in LANGUAGES:
        assert tree.path("campaign", code) in paths
        assert tree.path("untranslated", code) in paths


def test_unpublished_pages_are_left_out(client, tree):
    make_page(tree.home, models.HelpPage, "tsmdraft", publish=False)

    paths = {path_of(location) for location in sitemap_entries(client)}

    assert not any("tsmdraft" in path for path in paths)


def test_sitemap_follows_publishing(client, tree):
    tree.article.unpublish()

    paths = {path_of(location) for location in sitemap_entries(client)}

    assert tree.path("article", "en") not in paths
    assert tree.path("article_index", "en") in paths


def test_robots_txt(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    sitemap_lines = [line for line in lines if line.startswith("Sitemap: ")]
    assert sitemap_lines == ["Sitemap: http://testserver/sitemap.xml"]
    # The sitemap it points to is there.
    assert client.get(path_of(sitemap_lines[0].removeprefix("Sitemap: "))).status_code == 200


def test_robots_txt_names_the_https_sitemap_behind_a_tls_proxy(client):
    response = client.get("/robots.txt", secure=True)

    assert "Sitemap: https://testserver/sitemap.xml" in response.content.decode().splitlines()
