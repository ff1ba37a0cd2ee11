"""Every public form shows what is wrong as the GOV.UK design system does: an error summary at
the top listing each problem as a link to its field, a message at the field saying what to do
(tied to it with aria-describedby), and "Error:" at the start of the page's title. Search and
the help directory here; withdrawal in tests/referrals/test_withdrawal.py, the chat's "leave a
message" and the focus in the browser in tests/e2e/test_error_summaries.py."""

from django.utils import translation
from django.utils.translation import gettext

import pytest

from awareness import models
from tests.html import parse

pytestmark = pytest.mark.django_db


def summary_of(html) -> list[tuple[str, str]]:
    summary = html.select_one(".error-summary")
    if summary is None:
        return []
    assert summary["tabindex"] == "-1" and summary.has_attr("data-error-summary")
    return [(a["href"], a.get_text(strip=True)) for a in summary.select("li a")]


@pytest.mark.parametrize("language", ["lv", "uk"])
@pytest.mark.parametrize("query", ["", "   ", "?!"])
def test_a_search_without_a_word_says_what_to_do(client, tree, language, query):
    html = parse(client.get(f"/{language}/search/", {"q": query}))
    with translation.override(language):
        message = gettext("Enter one or more words to search for.")
        error = gettext("Error:")
    assert summary_of(html) == [("#search-q", message)]
    field = html.select_one("#search-q")
    assert field["aria-invalid"] == "true" and field["aria-describedby"] == "search-q-error"
    assert html.select_one("#search-q-error").get_text(" ", strip=True) == f"{error} {message}"
    assert html.title.get_text().startswith(error)


def test_the_search_page_before_a_search_has_no_problem(client, tree):
    html = parse(client.get("/en/search/"))
    assert summary_of(html) == []
    assert not html.select_one("#search-q").has_attr("aria-invalid")
    assert not html.title.get_text().startswith("Error:")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_place_not_in_the_directorys_list_is_said_at_the_top_and_at_the_field(
    client, tree, language
):
    directory = models.HelpDirectoryPage.objects.live().first()
    with translation.override(language):
        path = directory.get_url()
    html = parse(client.get(path, {"area": "atlantis", "kind": ""}))
    [(href, message)] = summary_of(html)
    assert href == "#directory-area"
    field = html.select_one("#directory-area")
    assert field["aria-invalid"] == "true"
    assert field["aria-describedby"] == "directory-area-error"
    assert html.select_one("#directory-area-error").get_text(" ", strip=True).endswith(message)
    with translation.override(language):
        assert html.title.get_text().startswith(gettext("Error:"))
    # The page still shows help, everywhere.
    assert html.select(".service")


def test_a_valid_directory_filter_has_no_problem(client, tree):
    directory = models.HelpDirectoryPage.objects.live().first()
    with translation.override("en"):
        path = directory.get_url()
    assert summary_of(parse(client.get(path, {"area": "", "kind": ""}))) == []
