"""Site-wide response headers that Django's SecurityMiddleware does not set, and the proxy
headers a request may carry."""

import re

from django.conf import settings
from django.utils.cache import patch_cache_control

from csp.constants import SELF

from . import proxies


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy (no camera, microphone or location for any page) and
    Cross-Origin-Resource-Policy.

    Every HTML response is sent with `Cache-Control: no-store`: nothing of a visit stays in the
    disk cache of a shared device (or in the back-forward cache, for the back button after a
    quick exit). Static files keep their long cache (WhiteNoise's own headers); the server's
    page cache (awareness/cache.py) is not a browser's and is unaffected.

    Public pages send no Referer at all (Referrer-Policy: no-referrer, set by Django's
    SecurityMiddleware). Staff pages under the admin send it to their own origin only: with
    no-referrer, browsers send `Origin: null` on form posts, which Django's CSRF protection
    rightly refuses.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = settings.PERMISSIONS_POLICY
        self.staff_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if response.get("Content-Type", "").startswith("text/html"):
            patch_cache_control(response, no_store=True)
        if request.path.startswith(self.staff_prefix):
            response.headers.setdefault("Referrer-Policy", "same-origin")
        return response


class FrameAncestorsMiddleware:
    """Lets the admin frame the views Wagtail marks as framable by the same origin (the live
    preview panel, block previews), and nothing else.

    Those views set `X-Frame-Options: SAMEORIGIN` themselves; but the site-wide CSP says
    `frame-ancestors 'none'`, which browsers obey over X-Frame-Options, so the admin's preview
    panel would stay blank. Must sit after `csp.middleware.CSPMiddleware` in MIDDLEWARE, so that
    it has marked the response before the CSP header is built.
    """

    FRAME_ANCESTORS = re.compile(r"frame-ancestors[^;]*")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("X-Frame-Options", "").upper() != "SAMEORIGIN":
            return response
        if "Content-Security-Policy" in response:
            # A page preview has already been through the whole middleware stack once (Wagtail
            # renders it with a request of its own), which wrote a public page's policy; keep
            # that policy, nonce included, and only let the admin frame it.
            response["Content-Security-Policy"] = self.FRAME_ANCESTORS.sub(
                "frame-ancestors 'self'", response["Content-Security-Policy"]
            )
        else:
            replace = dict(getattr(response, "_csp_replace", None) or {})
            replace["frame-ancestors"] = [SELF]
            response._csp_replace = replace
        return response


class TrustedProxyHeadersMiddleware:
    """First in MIDDLEWARE: removes the X-Forwarded-* headers (proto, for, host, port) from a
    request that did not come from one of the proxies named in LANTERN_TRUSTED_PROXIES
    (`lantern.proxies`), so that SECURE_PROXY_SSL_HEADER and anything else that reads them
    count only what a named proxy said. Anybody else could claim `https` for a plain
    connection. The address is compared, never kept or logged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not proxies.is_trusted(request.META.get("REMOTE_ADDR")):
            for name in proxies.FORWARDED_META:
                request.META.pop(name, None)
        return self.get_response(request)
