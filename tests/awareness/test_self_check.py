"""The self-check page as the server renders it, which is what a browser without JavaScript
shows: every question with what a "yes" may mean, in the visitor's language, nothing to submit,
and the ways to get help (112, the chat, the hotline, the help directory); quick exit and the
emergency number as on every page. The step-by-step version is tested in the browser
(tests/e2e/test_self_check.py)."""

from django.utils import translation

from wagtail.models import Site

import pytest

from awareness import models
from tests.awareness.factories import LANGUAGES, make_page, make_self_check
from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def self_check(tree):
    return make_self_check(tree.home)


def public(page, language: str) -> str:
    with translation.override(language):
        return page.url


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_question_with_what_yes_may_mean(client, self_check, language):
    html = parse(client.get(public(self_check, language)))

    main = html.find("main")
    items = main.select("[data-self-check-all] li[data-question]")
    assert [item.select_one("[data-question-text]").get_text(strip=True) for item in items] == [
        f"tsc {language.upper()} question 1",
        f"tsc {language.upper()} question 2",
    ]
    assert [item.select_one("[data-yes-means]").get_text(strip=True) for item in items] == [
        f"tsc {language.upper()} means 1",
        f"tsc {language.upper()} means 2",
    ]
    # The list is what shows without JavaScript: it is not hidden; the step-by-step part is.
    assert not main.select_one("[data-self-check-all]").has_attr("hidden")
    assert main.select_one("[data-self-check-app]").has_attr("hidden")
    # The editor's result texts are on the page, for the script to show.
    for field in ("result_signs", "result_unsure", "result_no_signs"):
        assert f"tsc {language.upper()} {field}" in main.get_text()


def test_nothing_to_submit(client, self_check):
    html = parse(client.get(public(self_check, "lv")))

    main = html.find("main")
    assert main.find("form") is None
    assert main.find("input") is None
    assert all(button["type"] == "button" for button in main.find_all("button"))
    script = html.find("script", src=lambda src: src and src.endswith("js/self-check.js"))
    assert script is not None and script.has_attr("defer")


def test_the_ways_to_get_help(client, self_check, tree):
    models.HelpDirectoryPage.objects.all().delete()  # the demo's
    directory_page = make_page(tree.home, models.HelpDirectoryPage, "tdir")
    safety = models.SafetySettings.for_site(Site.objects.get(is_default_site=True))

    html = parse(client.get(public(self_check, "ru")))

    help_links = html.select_one("main section.get-help")
    hrefs = [a["href"] for a in help_links.find_all("a")]
    assert "tel:112" in hrefs
    assert safety.main_hotline.tel_href in hrefs
    assert "#contact" in hrefs
    assert help_links.select_one("a[data-chat-open]") is not None
    assert public(directory_page, "ru") in hrefs
    # As on every page: quick exit and the emergency number in the safety bar.
    assert html.select_one(".safety-bar [data-quick-exit]") is not None
    assert html.select_one(".safety-bar a[href='tel:112']") is not None


def test_without_a_directory_page_the_other_ways_remain(client, self_check):
    models.HelpDirectoryPage.objects.all().delete()

    html = parse(client.get(public(self_check, "en")))

    hrefs = [a["href"] for a in html.select("main section.get-help a")]
    assert "tel:112" in hrefs and "#contact" in hrefs
    assert len(hrefs) == 3


def test_a_self_check_page_is_cached_like_the_others(client, self_check):
    path = public(self_check, "uk")

    assert client.get(path)["X-Cache"] == "miss"
    assert client.get(path)["X-Cache"] == "hit"
