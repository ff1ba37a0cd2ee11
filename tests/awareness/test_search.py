"""The site search at /<language>/search/: every language's text is indexed, results are shown
in the visitor's language, and odd input is never an error."""

import pytest

from awareness import models
from awareness.views import SEARCH_QUERY_MAX_LENGTH, SEARCH_RESULTS_PER_PAGE
from tests.awareness.factories import LANGUAGES, introduction_of, make_page, paragraph, title_of
from tests.html import parse

pytestmark = pytest.mark.django_db

# A word that appears nowhere else on the site, only in the Russian body of the page below.
RUSSIAN_WORD = "кукушонок"


@pytest.fixture
def russian_page(tree):
    return make_page(
        tree.home,
        models.HelpPage,
        "tsearch",
        body_ru=paragraph(f"Только по-русски: {RUSSIAN_WORD} в тексте."),
    )


def results(response) -> list[tuple[str, str]]:
    """(link, title) of each result on the page."""
    html = parse(response)
    main = html.find("main")
    return [(a["href"], a.get_text(strip=True)) for a in main.select(".article-list h3 a")]


def search(client, language: str, **params):
    return client.get(f"/{language}/search/", params)


def test_finds_a_page_by_a_word_only_in_its_russian_body(client, russian_page):
    found = results(search(client, "ru", q=RUSSIAN_WORD))

    assert found == [("/ru/tsearch-ru/", title_of("tsearch", "ru"))]


@pytest.mark.parametrize("language", LANGUAGES)
def test_results_are_shown_in_the_visitors_language(client, russian_page, language):
    response = search(client, language, q=RUSSIAN_WORD)

    assert results(response) == [
        (f"/{language}/tsearch-{language}/", title_of("tsearch", language))
    ]
    html = parse(response)
    assert html.find("html")["lang"] == language
    assert introduction_of("tsearch", language) in html.find("main").get_text()


def test_finds_pages_by_their_title_in_any_language(client, tree):
    # The Ukrainian title, searched from the English site, finds the page and shows it in English.
    found = results(search(client, "en", q=title_of("tcp", "uk")))

    assert (tree.path("campaign", "en"), title_of("tcp", "en")) in found


def test_unpublished_pages_are_not_found(client, tree):
    make_page(
        tree.home,
        models.HelpPage,
        "tdraftsearch",
        publish=False,
        body_ru=paragraph(f"Черновик {RUSSIAN_WORD}"),
    )

    assert results(search(client, "ru", q=RUSSIAN_WORD)) == []


def test_a_word_that_is_nowhere_finds_nothing(client, tree):
    html = parse(search(client, "en", q="zzyzxnotawordanywhere"))

    assert html.select(".article-list li") == []
    assert html.main.find(attrs={"role": "status"}) is not None


@pytest.mark.parametrize("query", [None, "", "   "])
def test_empty_query_shows_no_results(client, tree, query):
    params = {} if query is None else {"q": query}

    html = parse(search(client, "lv", **params))

    assert html.select(".article-list") == []
    assert html.main.find(attrs={"role": "status"}) is None


def test_long_query_is_cut_not_refused(client, russian_page):
    query = RUSSIAN_WORD + " " + "я" * 1000

    response = search(client, "ru", q=query)

    assert response.status_code == 200
    field = parse(response).find("input", attrs={"name": "q", "id": "search-q"})
    assert field["value"] == query[:SEARCH_QUERY_MAX_LENGTH]


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1" * 40, "1.5", "%00"])
def test_garbage_page_number_is_not_an_error(client, russian_page, page):
    response = search(client, "ru", q=RUSSIAN_WORD, page=page)

    assert response.status_code == 200
    assert results(response) == [("/ru/tsearch-ru/", title_of("tsearch", "ru"))]


def test_results_are_paginated(client, tree):
    for number in range(SEARCH_RESULTS_PER_PAGE + 2):
        make_page(
            tree.article_index,
            models.ArticlePage,
            f"tmany{number:02d}",
            body_en=paragraph(f"Zebrafinch number {number}"),
        )

    first = results(search(client, "en", q="zebrafinch"))
    second = results(search(client, "en", q="zebrafinch", page="2"))

    assert len(first) == SEARCH_RESULTS_PER_PAGE
    assert len(second) == 2
    assert not set(first) & set(second)


def test_search_only_answers_get(client):
    assert client.post("/en/search/", {"q": "x"}).status_code == 405


@pytest.mark.parametrize(
    "query", ["\x00", "a\x00b", '"', '"unclosed', "'", "AND", "NOT", "(", "*", "^", "-", ":"]
)
def test_search_syntax_and_control_characters_are_never_an_error(client, russian_page, query):
    """Before: `?q=%00` was a server error on both databases, `?q="` on SQLite (the search
    backend's own query syntax). What is not a word is not searched for."""
    response = search(client, "en", q=query)
    assert response.status_code == 200
    found = results(search(client, "ru", q=f'"{RUSSIAN_WORD}\x00'))
    assert found == [("/ru/tsearch-ru/", title_of("tsearch", "ru"))]


QUERIES = [
    "a OR b",
    "and or not near",
    "NEAR(a b)",
    "a NEAR/2 b",
    "a AND NOT b",
    "+a -b",
    "*a a* ^a",
    '"a" "b"',
    "{a} [a] (a)",
    "a:b a|b a&b !a a<->b a:*",
    "e-mail a-b-c -abc- a--b",
    "'; DROP TABLE wagtailcore_page; --",
    "\\ % _ ~ ? # @",
    "\u202e\u200b\ufeff \U0001f642 ٣ 一二三",
    "\x01\x1a\x7f\t\n\r",
    '"' * 10_000,
    "NOT " * 2_500,
    "a-" * 5_000,
    "x" * 10_000,
    ("(" + '"' + "\x00") * 3_334,
]


@pytest.mark.parametrize("query", QUERIES, ids=[f"query{n}" for n in range(len(QUERIES))])
def test_any_query_string_is_an_answer_never_an_error(client, russian_page, query):
    """Issue 16: the search answers whatever it is asked (operators of either backend, SQL,
    10,000 characters), on SQLite and PostgreSQL alike."""
    response = search(client, "en", q=query)
    assert response.status_code == 200
    assert parse(response).find("input", attrs={"name": "q", "id": "search-q"}) is not None


@pytest.mark.parametrize("raw", ["%ED%A0%80", "%FF%FE", "%C0%AF", "%00%00", "%E2%80%AE"])
def test_a_query_string_that_is_no_utf_8_is_an_answer(client, russian_page, raw):
    response = client.get(f"/en/search/?q={raw}")
    assert response.status_code == 200
