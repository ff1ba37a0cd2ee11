import re

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from wagtail.models import Page

SEARCH_QUERY_MAX_LENGTH = 200
SEARCH_RESULTS_PER_PAGE = 10


def search_terms(query: str) -> str:
    """The words of a query, lower case, joined by spaces: what is not a word (quotes,
    brackets, control characters) and the backends' own operators (AND, NOT, NEAR are
    operators only in capitals) never reach the search backend, whose syntax errors were
    server errors."""
    return " ".join(re.findall(r"\w+(?:-\w+)*", query)).lower()


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Search every live public page. The index holds each page's text in every language;
    results are shown in the visitor's language."""
    query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    results, problems = None, []
    if terms := search_terms(query):
        pages = Page.objects.live().public().specific().exclude(depth__lte=1)
        # Listed as the listings are: a page written in other languages only is found in those.
        language = translation.get_language() or settings.LANGUAGE_CODE
        found = [
            page
            for page in pages.search(terms)
            if getattr(page, "shown_language_in", None) is None or page.is_listed_in(language)
        ]
        results = Paginator(found, SEARCH_RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    elif "q" in request.GET:
        # Sent without a word to look for (empty, or only signs): said at the field.
        problems = [
            {"id": "search-q", "message": gettext("Enter one or more words to search for.")}
        ]
    context = {"query": query, "results": results, "problems": problems}
    return render(request, "awareness/search.html", context)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/search/",
        "Disallow: /*/withdraw/",
        "Disallow: /*/return/",
        "Disallow: /*/report/",
        "Disallow: /chat/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
