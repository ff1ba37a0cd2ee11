"""Every public page type in every language: its translated URL, the language frame (html lang,
switcher, hreflang alternates) and the fallback note for pages not yet translated."""

from urllib.parse import urlsplit

import pytest

from awareness import models
from tests.awareness.factories import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    PAGE_MODELS,
    PAGE_NAMES,
    body_text_of,
    has_body,
    introduction_of,
    make_page,
    title_of,
)
from tests.html import parse

pytestmark = pytest.mark.django_db

OTHER_LANGUAGES = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]
NON_ENGLISH = [code for code in LANGUAGES if code != "en"]


def test_the_tree_has_one_page_of_every_type(tree):
    """Guards the parametrisation below: every page type is covered."""
    covered = {type(tree.page(name)) for name in PAGE_NAMES}
    page_types = {
        models.HomePage,
        models.CampaignIndexPage,
        models.CampaignPage,
        models.ArticleIndexPage,
        models.ArticlePage,
        models.HelpPage,
        models.SafetyPage,
    }
    assert covered == page_types
    assert {PAGE_MODELS[name] for name in PAGE_NAMES} == page_types


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_renders_in_its_language_at_its_translated_url(client, tree, name, language):
    path = tree.path(name, language)
    if name != "home":
        # The path is built from this language's own slug, not the Latvian one.
        assert f"{tree.keys[name]}-{language}/" in path

    response = client.get(path)

    assert response.status_code == 200
    html = parse(response)
    assert html.find("html")["lang"] == language
    assert html.find("h1").get_text(strip=True) == title_of(tree.keys[name], language)
    assert introduction_of(tree.keys[name], language) in html.get_text()
    # A translated page carries no "not yet translated" note and no language switch on <main>.
    assert html.select(".notice--translation") == []
    assert html.find("main").get("lang", language) == language
    if has_body(PAGE_MODELS[name]):
        text = html.find("main").get_text()
        assert body_text_of(tree.keys[name], language) in text
        for other in LANGUAGES:
            if other != language:
                assert body_text_of(tree.keys[name], other) not in text


@pytest.mark.parametrize("language", NON_ENGLISH)
def test_another_languages_slug_is_not_found_under_this_prefix(client, tree, language):
    # /ru/ routes by the Russian slugs: the English slug of the same page does not resolve there.
    english_path = tree.path("campaign_index", "en")
    assert client.get(english_path.replace("/en/", f"/{language}/", 1)).status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", [*PAGE_NAMES, "untranslated"])
def test_language_switcher_and_alternates_lead_to_the_same_page(client, tree, name, language):
    html = parse(client.get(tree.path(name, language)))

    # The switcher: the same page in each language, the current one marked.
    switcher = html.select_one("nav.language-switcher")
    links = {a["hreflang"]: a for a in switcher.find_all("a")}
    assert set(links) == set(LANGUAGES)
    for code, link in links.items():
        assert link["href"] == tree.path(name, code)
        assert link["lang"] == code
        assert (link.get("aria-current") == "true") == (code == language)

    # For search engines: absolute URLs of every language, Latvian as the default.
    alternates = {
        link["hreflang"]: link["href"] for link in html.select('head link[rel="alternate"]')
    }
    assert set(alternates) == {*LANGUAGES, "x-default"}
    for code in LANGUAGES:
        url = urlsplit(alternates[code])
        assert url.scheme in ("http", "https") and url.netloc, "hreflang URLs must be absolute"
        assert url.path == tree.path(name, code)
    assert alternates["x-default"] == alternates[DEFAULT_LANGUAGE]


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_untranslated_page_shows_latvian_text_with_a_note(client, tree, language):
    # The page has only Latvian text, so its URL in every language uses the Latvian slug.
    path = tree.path("untranslated", language)
    assert path.endswith("/tcu-lv/")

    response = client.get(path)

    assert response.status_code == 200
    html = parse(response)
    assert html.find("html")["lang"] == language
    main = html.find("main")
    assert main["lang"] == DEFAULT_LANGUAGE
    assert html.find("h1").get_text(strip=True) == title_of("tcu", DEFAULT_LANGUAGE)
    assert body_text_of("tcu", DEFAULT_LANGUAGE) in main.get_text()
    notes = main.select(".notice--translation")
    assert len(notes) == 1
    # The note itself speaks the visitor's language.
    assert notes[0]["lang"] == language


def test_untranslated_page_in_latvian_has_no_note(client, tree):
    html = parse(client.get(tree.path("untranslated", DEFAULT_LANGUAGE)))

    assert html.select(".notice--translation") == []
    assert html.find("h1").get_text(strip=True) == title_of("tcu", DEFAULT_LANGUAGE)


def test_partly_translated_page_has_the_note_only_where_missing(client, tree):
    translated = ("lv", "ru")
    make_page(tree.home, models.HelpPage, "tpart", languages=translated)

    for language in LANGUAGES:
        shown = language if language in translated else DEFAULT_LANGUAGE
        html = parse(client.get(f"/{language}/tpart-{shown}/"))
        assert html.find("h1").get_text(strip=True) == title_of("tpart", shown), language
        assert bool(html.select(".notice--translation")) == (shown != language), language


@pytest.mark.parametrize("language", LANGUAGES)
def test_listing_pages_list_their_children_in_the_visitors_language(client, tree, language):
    campaigns = parse(client.get(tree.path("campaign_index", language))).find("main")
    news = parse(client.get(tree.path("article_index", language))).find("main")
    home = parse(client.get(tree.path("home", language))).find("main")

    campaign_link = campaigns.find("a", href=tree.path("campaign", language))
    assert campaign_link is not None
    assert title_of("tcp", language) in campaigns.get_text()
    assert news.find("a", href=tree.path("article", language)) is not None
    assert title_of("tar", language) in news.get_text()
    assert home.find("a", href=tree.path("campaign", language)) is not None


def test_campaign_page_shows_its_audience_and_forms_of_exploitation(client, tree):
    text = parse(client.get(tree.path("campaign", "en"))).find("main").get_text(" ", strip=True)

    assert "Labour migrants" in text
    assert "Labour exploitation" in text
    assert "Forced begging" in text


def test_unpublished_page_is_not_public(client, tree):
    draft = make_page(tree.campaign_index, models.CampaignPage, "tdraft", publish=False)
    assert not draft.live

    assert client.get("/lv/tci-lv/tdraft-lv/").status_code == 404


@pytest.mark.parametrize("page_param", ["abc", "0", "-1", "999999", "1" * 30])
def test_article_index_with_a_bad_page_number_is_not_an_error(client, tree, page_param):
    response = client.get(tree.path("article_index", "en"), {"page": page_param})

    assert response.status_code == 200
    assert title_of("tar", "en") in parse(response).find("main").get_text()


def test_article_index_paginates(client, tree):
    for number in range(models.ArticleIndexPage.per_page + 1):
        make_page(tree.article_index, models.ArticlePage, f"tpag{number:02d}")

    first = parse(client.get(tree.path("article_index", "en"))).find("main")
    second = parse(client.get(tree.path("article_index", "en"), {"page": "2"})).find("main")

    first_links = {a["href"] for a in first.select(".article-list a")}
    second_links = {a["href"] for a in second.select(".article-list a")}
    assert len(first_links) == models.ArticleIndexPage.per_page
    assert second_links and not first_links & second_links
    assert second.select_one('.pagination a[rel="prev"]') is not None


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_untranslated_page_in_a_listing_is_marked_with_its_language(client, tree, language):
    main = parse(client.get(tree.path("campaign_index", language))).find("main")

    link = main.find("a", href=tree.path("untranslated", language))
    assert link.get_text(strip=True) == title_of("tcu", DEFAULT_LANGUAGE)
    assert link.find_parent(attrs={"lang": True})["lang"] == DEFAULT_LANGUAGE
    # A translated one inherits the document's language.
    translated = main.find("a", href=tree.path("campaign", language))
    assert translated.find_parent(attrs={"lang": True}).name == "html"
