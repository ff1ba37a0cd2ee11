"""axe-core finds no WCAG 2.2 A/AA violation (nor a best-practice one) on any page type, in
every language: home, campaign index, campaign, news index, article, help page, safety page,
search (with results, without results, empty form) and the "not found" page."""

from urllib.parse import quote

import pytest

from tests.e2e.conftest import PAGE_TYPES, axe_violations, describe_violations

pytestmark = pytest.mark.browser

LANGUAGES = ["lv", "en", "ru", "uk"]


def check_pages(page, axe, e2e_site, paths: list[str], language: str) -> None:
    failures = []
    for path in paths:
        response = page.goto(path)
        assert response is not None
        if response.status != 200:
            failures.append(f"{path}: HTTP {response.status}")
            continue
        assert page.locator("html").get_attribute("lang") == language, path
        violations = axe_violations(axe, page)
        if violations:
            failures.append(f"{path}:\n{describe_violations(violations)}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_has_no_axe_violations(page, axe, e2e_site, page_type, language):
    """Every live page of the type: the demo's pages of one type use different blocks."""
    pages = e2e_site.pages_of(page_type)
    assert pages, f"the demo content has no live {page_type}"
    check_pages(page, axe, e2e_site, [p["urls"][language] for p in pages], language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_pages_have_no_axe_violations(page, axe, e2e_site, language):
    term = e2e_site.search_term(language)
    paths = [
        f"/{language}/search/?q={quote(term)}",
        f"/{language}/search/?q=zzqqxxnothingmatches",
        f"/{language}/search/",
    ]
    check_pages(page, axe, e2e_site, paths, language)
    page.goto(paths[0])
    assert page.locator("main ul.article-list a").count() >= 1, f"no results for {term!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_not_found_page_has_no_axe_violations(page, axe, e2e_site, language):
    path = f"/{language}/no-such-page-e2e/"
    response = page.goto(path)
    assert response is not None and response.status == 404
    assert page.locator("html").get_attribute("lang") == language
    violations = axe_violations(axe, page)
    assert not violations, describe_violations(violations)
