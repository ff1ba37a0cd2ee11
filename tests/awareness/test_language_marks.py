"""An item shown in another language than the visitor's says which ("In Latvian") wherever it
is listed, in the visitor's language; a page's "not yet translated" note stands in the same
column as the text it describes."""

import datetime

from django.utils import translation

import pytest

from awareness import models
from tests.awareness.factories import make_page, title_of
from tests.html import parse

pytestmark = pytest.mark.django_db

IN_LATVIAN = {"en": "In Latvian", "ru": "На латышском", "uk": "Латиською"}


def path_of(page, language: str) -> str:
    with translation.override(language):
        return page.get_url()


def card_of(html, title: str):
    for card in html.select("li.card"):
        if card.find("a").get_text(strip=True) == title:
            return card
    raise AssertionError(f"no card titled {title!r}")


@pytest.mark.parametrize("language", ["en", "ru", "uk"])
def test_a_listed_campaign_shown_in_latvian_says_so(client, tree, language):
    html = parse(client.get(path_of(tree.campaign_index, language)))
    untranslated = card_of(html, title_of("tcu", "lv"))
    assert untranslated["lang"] == "lv"
    marks = untranslated.select(".shown-in")
    assert [mark.get_text(strip=True) for mark in marks] == [IN_LATVIAN[language]]
    assert marks[0]["lang"] == language  # read in the visitor's language, not the item's
    translated = card_of(html, title_of("tcp", language))
    assert translated.select(".shown-in") == []


def test_no_mark_where_the_item_is_in_the_visitors_language(client, tree):
    html = parse(client.get(path_of(tree.campaign_index, "lv")))
    assert html.select(".shown-in") == []


def test_a_listed_article_shown_in_latvian_says_so(client, tree):
    article = make_page(
        tree.article_index,
        models.ArticlePage,
        "tlo",
        languages=("lv",),
        date=datetime.date(2026, 11, 30),
    )
    html = parse(client.get(path_of(tree.article_index, "en")))
    items = [li for li in html.select(".article-list > li") if li.find("a")]
    marked = [li for li in items if li.select(".shown-in")]
    assert [li.find("a").get_text(strip=True) for li in marked] == [article.title_lv]
    assert marked[0].select_one(".shown-in").get_text(strip=True) == "In Latvian"


@pytest.mark.parametrize("name", ["untranslated"])
@pytest.mark.parametrize("language", ["en", "uk"])
def test_the_translation_note_stands_with_the_text_it_describes(client, tree, name, language):
    html = parse(client.get(path_of(getattr(tree, name), language)))
    note = html.select_one(".notice--translation")
    heading = html.find("h1")
    # In the page's own header, beside its title: the same column, whatever its width.
    assert note is not None
    assert note.find_parent("header") is heading.find_parent("header")
    assert note["lang"] == language
