"""Rendered public pages, cached per language, cleared when anything on the site is published.

The key holds a generation number; publishing bumps it, so every cached page goes stale at once
(in Redis too, for all daphne processes) without having to know which keys exist.
"""

import re
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation

GENERATION_KEY = "lantern:pages:generation"
# Only listing pages take a query string worth caching; anything else would let a visitor fill
# the cache with junk keys.
CACHEABLE_QUERY = re.compile(r"^(page=\d{1,4})?$")


def current_generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def clear_page_cache() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new value makes old keys unreachable
        cache.set(GENERATION_KEY, 2, timeout=None)


def _is_cacheable(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not getattr(request, "is_preview", False)
        and not request.user.is_authenticated
        and CACHEABLE_QUERY.match(request.META.get("QUERY_STRING", "")) is not None
    )


def cached_page_response(
    request: HttpRequest, page, render: Callable[[], HttpResponse]
) -> HttpResponse:
    if not _is_cacheable(request):
        return render()
    language = translation.get_language()
    key = f"lantern:page:{current_generation()}:{language}:{request.get_full_path()}"
    hit = cache.get(key)
    if hit is not None:
        content, content_type = hit
        response = HttpResponse(content, content_type=content_type)
        response["X-Cache"] = "hit"
        return response
    response = render()
    if hasattr(response, "render"):
        response.render()
    if response.status_code == 200 and not response.streaming and not response.cookies:
        cache.set(
            key,
            (response.content, response["Content-Type"]),
            timeout=settings.LANTERN_PAGE_CACHE_SECONDS,
        )
        response["X-Cache"] = "miss"
    return response
