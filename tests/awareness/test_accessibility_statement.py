"""The accessibility statement (Directive (EU) 2016/2102): one page, in four languages, with
every part of the Commission's model, linked from every page's footer and listed in the
sitemap; and the plain-language summary block editors put at the top of a page."""

from django.core.exceptions import ValidationError
from django.utils import formats, translation
from django.utils.translation import gettext

import pytest

from awareness import blocks, models
from tests.awareness.factories import LANGUAGES
from tests.awareness.test_sitemap import path_of, sitemap_entries
from tests.html import parse

pytestmark = pytest.mark.django_db

PARTS = [
    "Compliance status",
    "Content that is not accessible",
    "Preparation of this statement",
    "Feedback and contact information",
    "Enforcement procedure",
]


def statement() -> models.AccessibilityStatementPage:
    return models.AccessibilityStatementPage.objects.live().get()


def url_in(page, language: str) -> str:
    with translation.override(language):
        return page.get_url()


@pytest.mark.parametrize("language", ["lv", "uk"])
def test_the_statement_has_every_part_in_the_visitors_language(client, tree, language):
    page = statement()
    html = parse(client.get(url_in(page, language)))
    assert html.find("html")["lang"] == language
    main = html.find("main")
    with translation.override(language):
        headings = [h2.get_text(strip=True) for h2 in main.select("article > h2")]
        assert headings == [gettext(part) for part in PARTS]
        prepared = formats.date_format(page.prepared_on, "DATE_FORMAT")
    text = main.get_text(" ", strip=True)
    assert "2016/2102" in text and "EN 301 549" in text
    assert prepared in text
    assert "pieklustamiba@lantern.example" in text  # the demo's way to report a problem
    assert getattr(page, f"title_{language}") == html.find("h1").get_text(strip=True)
    # Translated into the visitor's language: no "not yet translated" note.
    assert html.select(".notice--translation") == []


def test_what_the_editor_chooses_changes_the_status_and_the_parts(client, tree):
    page = statement()
    page.compliance = models.AccessibilityStatementPage.Compliance.FULL
    page.not_accessible_en = page.not_accessible_lv = ""
    page.assessment = models.AccessibilityStatementPage.Assessment.THIRD_PARTY
    page.reviewed_on = None
    page.save_revision().publish()
    text = parse(client.get(url_in(page, "en"))).find("main").get_text(" ", strip=True)
    assert "This website is fully compliant" in text
    assert "Content that is not accessible" not in text
    assert "from an assessment by a third party" in text
    assert "last reviewed" not in text


@pytest.mark.parametrize("language", ["lv", "en", "ru"])
def test_every_footer_links_to_the_statement(client, tree, language):
    target = url_in(statement(), language)
    for page in (tree.home, tree.campaign, tree.safety):
        footer = parse(client.get(url_in(page, language))).find("footer", class_="site-footer")
        links = [a for a in footer.find_all("a") if a.get("href") == target]
        assert len(links) == 1, (page, language)
        assert links[0].get_text(strip=True) == getattr(statement(), f"title_{language}")


def test_no_footer_link_once_the_statement_is_unpublished(client, tree):
    statement().unpublish()
    footer = parse(client.get(url_in(tree.home, "en"))).find("footer", class_="site-footer")
    assert "Accessibility statement" not in footer.get_text()


def test_the_statement_is_in_the_sitemap_in_every_language(client, tree):
    paths = {path_of(location) for location in sitemap_entries(client)}
    for language in LANGUAGES:
        assert url_in(statement(), language) in paths, language


@pytest.mark.parametrize("language", ["lv", "uk"])
def test_a_campaign_can_open_with_a_plain_language_summary(client, tree, language):
    campaign = models.CampaignPage.objects.live().get(slug_lv="darbs-arzemes")
    html = parse(client.get(url_in(campaign, language)))
    first = html.select_one(".streamfield > *")  # the first block (Wagtail's wrapper)
    assert first is not None
    first = first.select_one(".plain-summary")
    assert first is not None
    assert first.find("h2").get_text(strip=True) == {"lv": "Īsumā", "uk": "Коротко"}[language]
    points = [li.get_text(strip=True) for li in first.find_all("li")]
    assert len(points) == 4
    assert all("112" not in point for point in points[:3]) and "112" in points[3]


def test_a_summary_is_short():
    block = blocks.PlainSummaryBlock()
    block.clean(block.to_python({"heading": "In short", "points": ["One.", "Two."]}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"heading": "In short", "points": ["A point."] * 6}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"heading": "In short", "points": ["x" * 161]}))


def test_the_sites_own_words_keep_the_visitors_language_on_a_fallback(client, tree):
    page = statement()
    for name in ("title", "introduction", "not_accessible", "feedback", "enforcement"):
        setattr(page, f"{name}_ru", "")
    page.save_revision().publish()
    html = parse(client.get(url_in(page, "ru")))
    assert html.find("main")["lang"] == "lv"  # the editor's text falls back to Latvian
    headings = html.select("article > h2")
    assert headings and all(h2.get("lang") == "ru" for h2 in headings)
