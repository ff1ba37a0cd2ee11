"""Rendered public pages, cached per language, cleared when anything on the site is published.

A page is looked up by `awareness.middleware.PageCacheMiddleware`, before Wagtail routes the
request: a hit costs one cache round trip and no query. On a miss the page is rendered as
usual, `LanternPage.serve` offers the response (`offer`), the same middleware takes it as the
view returned it (`capture`), and `PageCacheStoreMiddleware`, around every other middleware,
stores it once it knows that nothing set a cookie or used the CSP nonce (`store`).

Clearing moves a *generation* number on (`clear_page_cache`). Every stored page carries the
generation that was current when it was looked up, and the lookup reads the current one with
the page in the same round trip (`get_many`), so publishing makes every cached page stale at
once, in every daphne process (the generation lives in the shared cache: Redis in
production), without knowing which keys exist.

What only changes when the generation moves on (the frame around every page and its markup,
a home page's listings, the page a path leads to, the site, which pages are restricted) is
also kept in this process for the current generation (`memo`), so that a page rendered after
a miss reads little more than its own row.
"""

from __future__ import annotations

import copy
import hashlib
import re
import secrets
import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from wagtail.models import PageViewRestriction, Site
from wagtail.url_routing import RouteResult

GENERATION_KEY = "lantern:pages:generation"
# Only listing pages take a query string worth caching; anything else would let a visitor fill
# the cache with junk keys.
CACHEABLE_QUERY = re.compile(r"^(page=\d{1,4})?$")
# Set by django-csp on a response that changes the page's policy; a stored copy would lose it.
CSP_RESPONSE_ATTRIBUTES = (
    "_csp_exempt",
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt_ro",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


def _new_generation() -> int:
    # Random, not 1: after the key is evicted or the cache flushed, pages stored under an old
    # generation must not become current again.
    return secrets.randbits(48)


def current_generation() -> int:
    return cache.get_or_set(GENERATION_KEY, _new_generation, timeout=None)


def clear_page_cache() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set (or evicted): any new value makes old keys unreachable
        cache.set(GENERATION_KEY, _new_generation(), timeout=None)


def request_generation(request: HttpRequest) -> int:
    """The generation this request renders for: read once per request (the middleware has
    already read it when it looked the page up)."""
    generation = getattr(request, "_lantern_generation", None)
    if generation is None:
        generation = current_generation()
        request._lantern_generation = generation
    return generation


# --- Looking up and storing pages (awareness.middleware.PageCacheMiddleware) ---------------


def is_cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        # Wagtail's previews go through the middleware with a made-up request for the page's
        # URL (`is_dummy`); `is_preview` is set later, when the page serves it.
        and not getattr(request, "is_dummy", False)
        and not getattr(request, "is_preview", False)
        and CACHEABLE_QUERY.match(request.META.get("QUERY_STRING", "")) is not None
        and not request.user.is_authenticated
    )


def page_key(request: HttpRequest) -> str:
    """Per host, language (LocaleMiddleware has activated the URL's) and path with query."""
    where = f"{request.get_host()}\n{translation.get_language()}\n{request.get_full_path()}"
    return "lantern:page:" + hashlib.sha256(where.encode()).hexdigest()


def lookup(request: HttpRequest) -> HttpResponse | None:
    """The cached copy of this page, or None; either way the request remembers what to store
    the page under and the current generation. One round trip to the cache."""
    key = page_key(request)
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = current_generation()
    request._lantern_generation = generation
    request._lantern_page_key = key
    entry = found.get(key)
    if entry is None or entry[0] != generation:
        return None
    _generation, content, headers = entry
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response["X-Cache"] = "hit"
    return response


def offer(request: HttpRequest, response: HttpResponse, page) -> None:
    """Called by a page's `serve`: lets the middleware store this response if it looked the
    page up (an anonymous, cacheable request) and the page is open to everybody."""
    if (
        getattr(request, "_lantern_page_key", None) is not None
        and not getattr(request, "is_preview", False)
        and not page.get_view_restrictions().exists()
    ):
        response._lantern_page = True


def capture(request: HttpRequest, response: HttpResponse) -> None:
    """Take the page as its view returned it, before the other middleware add headers (they
    add them again to a hit), if its page offered it and it is a plain 200 the same for
    everybody: no per-response policy. `store` decides once the response is complete."""
    if (
        getattr(request, "_lantern_page_key", None) is not None
        and getattr(response, "_lantern_page", False)
        and response.status_code == 200
        and not response.streaming
        and not any(hasattr(response, name) for name in CSP_RESPONSE_ATTRIBUTES)
    ):
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        request._lantern_page_entry = (response.content, list(response.items()))


def store(request: HttpRequest, response: HttpResponse) -> None:
    """Keep the captured page, now that every middleware has had the response: unless it
    sets a cookie (a session, a CSRF token: its body may carry one) or used the CSP nonce
    (the stored body would carry this response's nonce, and every later header another)."""
    entry = getattr(request, "_lantern_page_entry", None)
    if (
        entry is None
        or response.status_code != 200
        or response.cookies
        or getattr(request, "_csp_nonce", None) is not None
    ):
        return
    content, headers = entry
    cache.set(
        request._lantern_page_key,
        (request._lantern_generation, content, headers),
        timeout=settings.LANTERN_PAGE_CACHE_SECONDS,
    )
    response["X-Cache"] = "miss"


# --- What pages show, kept per generation -----------------------------------------------


class GenerationMemo:
    """Values computed from published content, kept in this process for one generation.

    A value is only ever used with the generation it was computed under, and that generation
    is read from the shared cache once per request, so publishing anywhere makes every
    process compute it again. Like a cached page, nothing is kept longer than
    LANTERN_PAGE_CACHE_SECONDS either, for changes made without signals (a bulk `update()`).
    Model instances kept here are shared by requests: only read them."""

    MAX_ENTRIES = 5000

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation: int | None = None
        self._values: dict[Hashable, Any] = {}
        self._expires = 0.0

    def get(self, generation: int, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            now = time.monotonic()
            if (
                generation != self._generation
                or now >= self._expires
                or len(self._values) >= self.MAX_ENTRIES
            ):
                self._generation, self._values = generation, {}
                self._expires = now + settings.LANTERN_PAGE_CACHE_SECONDS
            values = self._values
            if key in values:
                return values[key]
        value = compute()
        with self._lock:
            values[key] = value
        return value

    def peek(self, generation: int, key: Hashable) -> Any:
        with self._lock:
            if generation != self._generation or time.monotonic() >= self._expires:
                return None
            return self._values.get(key)

    def put(self, generation: int, key: Hashable, value: Any) -> None:
        self.get(generation, key, lambda: value)


_memo = GenerationMemo()


def memo(request: HttpRequest, key: Hashable, compute: Callable[[], Any]) -> Any:
    """`compute()`, or its value from an earlier request of this generation in this process.
    The key must hold everything the value depends on besides published content (the
    language, when the value holds translated text or is ordered by it)."""
    return _memo.get(request_generation(request), key, compute)


def prefill_site(request: HttpRequest) -> None:
    """Hand Wagtail the site for this host, as found earlier in this generation (a site's
    change clears the page cache, see below). `Site.find_for_request` keeps its result in
    `request._wagtail_site` and reads it from there (its docstring says so). Each request gets
    a copy of its own, without the root page, which is read again if anything asks for it."""
    if hasattr(request, "_wagtail_site"):
        return

    def find():
        site = Site.find_for_request(request)
        return _unshared(site) if site is not None else None

    site = memo(request, ("site", request.get_host(), request.get_port()), find)
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = _unshared(site) if site is not None else None


def _unshared(site: Site) -> Site:
    site = copy.copy(site)  # Model.__getstate__ copies the cache of related objects too
    site._state.fields_cache.clear()
    return site


def _route_key(request: HttpRequest) -> tuple:
    return ("route", request.get_host(), translation.get_language(), request.path_info)


def prefill_route(request: HttpRequest) -> None:
    """Hand Wagtail the page this path led to earlier in this generation, so that it does not
    walk the tree again: one query for the page instead of finding the site and, for each
    segment of the path, reading every child of a page (wagtail-modeltranslation's routing
    compares each child's slug in the visitor's language) and then the specific child.
    `Page.route_for_request` keeps its result in `request._wagtail_route_for_request` and
    reads it from there (its docstring, and Wagtail's own tests, say so)."""
    target = _memo.peek(request_generation(request), _route_key(request))
    if target is None:
        return
    model, pk = target
    page = model._default_manager.filter(pk=pk).first()
    if page is not None:
        request._wagtail_route_for_request = RouteResult(page)


def remember_route(request: HttpRequest) -> None:
    """Keep the page Wagtail routed this request to (a plain route, without arguments)."""
    result = getattr(request, "_wagtail_route_for_request", None)
    if result is None:
        return
    page, args, kwargs = result
    if not args and not kwargs:
        _memo.put(request_generation(request), _route_key(request), (type(page), page.pk))


def restricted_paths(request: HttpRequest | None = None) -> tuple[str, ...]:
    """Tree paths of the pages with a view restriction (password, sign-in, groups)."""
    generation = request_generation(request) if request is not None else current_generation()
    return _memo.get(
        generation,
        "restricted-paths",
        lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def public(request: HttpRequest, pages: QuerySet) -> QuerySet:
    """`pages.public()`, without its query for every view restriction when there is none."""
    return pages.public() if restricted_paths(request) else pages


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def clear_on_restriction_or_site_change(sender, **kwargs) -> None:
    """Cached pages are served before Wagtail finds the site or checks view restrictions: a
    page that becomes restricted, or a site that changes its host or root, must leave the
    cache at once (again on commit, as awareness.signals does for content)."""
    clear_page_cache()
    transaction.on_commit(clear_page_cache)
