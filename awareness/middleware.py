"""The page cache's two middleware (awareness/cache.py)."""

from django.conf import settings

from . import cache


class PageCacheStoreMiddleware:
    """First in MIDDLEWARE: stores the page that `PageCacheMiddleware` captured, once every
    other middleware has had the response, so that a page whose rendering made any of them
    set a cookie (the session, the CSRF token) or use the CSP nonce is never stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        cache.store(request, response)
        return response


class PageCacheMiddleware:
    """Last in MIDDLEWARE: serves a cached public page before Wagtail routes the request, and
    captures what a page offered after it rendered.

    Every other middleware runs on a hit exactly as on a miss (security headers, the CSP, the
    language from the URL's prefix, the session only read to find that the visitor is
    anonymous), and what is kept is the page as the view returned it, before any of them
    added headers. A hit makes no query and one cache round trip.

    On a miss (and for pages never cached: signed-in visitors, other query strings) Wagtail
    is handed the site this host led to and the page this path led to earlier in the same
    generation (`cache.prefill_site`, `cache.prefill_route`).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # Public pages live under a language prefix (site/urls.py): nothing else is looked up.
        self.prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or not request.path.startswith(self.prefixes)
            or getattr(request, "is_dummy", False)  # Wagtail's previews: never routed
        ):
            return self.get_response(request)
        if cache.is_cacheable_request(request):
            hit = cache.lookup(request)
            if hit is not None:
                return hit
        cache.prefill_site(request)
        cache.prefill_route(request)
        response = self.get_response(request)
        cache.remember_route(request)
        cache.capture(request, response)
        return response
