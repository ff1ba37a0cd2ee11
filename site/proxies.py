"""Which peers may speak for the browser through X-Forwarded-* headers.

A TLS-terminating reverse proxy tells the site the scheme the browser used
(`X-Forwarded-Proto`, read through production's SECURE_PROXY_SSL_HEADER, and by the chat's
origin check, `chat.access.socket_origin`). Anybody can send that header, though: only the
proxies named in LANTERN_TRUSTED_PROXIES (addresses or networks, e.g. `127.0.0.1,10.0.0.0/24`;
none by default) are believed. From any other peer the headers are removed before anything
reads them: for HTTP by `lantern.middleware.TrustedProxyHeadersMiddleware`, for websockets by
`TrustedProxyHeaders` in `lantern.asgi`.

The peer's address is only compared with the list: never kept, never logged. Daphne's own
`--proxy-headers` would replace that address with whatever `X-Forwarded-For` says, from
anybody; `lantern.serve` refuses it.
"""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

# The headers removed, as Django's request.META names them and as ASGI scopes hold them.
FORWARDED_HEADERS = (
    b"x-forwarded-proto",
    b"x-forwarded-for",
    b"x-forwarded-host",
    b"x-forwarded-port",
)
FORWARDED_META = tuple(
    "HTTP_" + name.decode().upper().replace("-", "_") for name in FORWARDED_HEADERS
)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.lru_cache(maxsize=8)
def networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """The networks that LANTERN_TRUSTED_PROXIES names (an address is a network of one)."""
    parsed = []
    for entry in entries:
        try:
            parsed.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"LANTERN_TRUSTED_PROXIES: {entry!r} is not an IP address or network"
            ) from error
    return tuple(parsed)


def is_trusted(address: str | None) -> bool:
    """Whether the peer at `address` is one of the proxies named in LANTERN_TRUSTED_PROXIES."""
    trusted = networks(tuple(getattr(settings, "LANTERN_TRUSTED_PROXIES", ())))
    if not address or not trusted:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip in network for network in trusted)


def scope_is_trusted(scope) -> bool:
    client = scope.get("client")
    return bool(client) and is_trusted(str(client[0]))


class TrustedProxyHeaders:
    """ASGI middleware: a connection (HTTP or websocket) from a peer that is not a named proxy
    reaches the application without X-Forwarded-* headers."""

    def __init__(self, application) -> None:
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] in ("http", "websocket") and not scope_is_trusted(scope):
            headers = scope.get("headers") or ()
            if any(name.lower() in FORWARDED_HEADERS for name, _value in headers):
                scope = dict(
                    scope,
                    headers=[
                        (name, value)
                        for name, value in headers
                        if name.lower() not in FORWARDED_HEADERS
                    ],
                )
        return await self.application(scope, receive, send)


@checks.register(checks.Tags.security, deploy=True)
def check_proxies_named(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Behind a TLS-terminating proxy (production's SECURE_PROXY_SSL_HEADER with
    SECURE_SSL_REDIRECT), a site that names no proxy never sees https and redirects forever."""
    if (
        getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
        and getattr(settings, "SECURE_SSL_REDIRECT", False)
        and not getattr(settings, "LANTERN_TRUSTED_PROXIES", ())
    ):
        return [
            checks.Warning(
                "LANTERN_TRUSTED_PROXIES names no proxy, so X-Forwarded-Proto is ignored and "
                "every request behind a TLS-terminating proxy is redirected to https again.",
                hint="Set LANTERN_TRUSTED_PROXIES to the proxy's address (e.g. 127.0.0.1), or "
                "SECURE_SSL_REDIRECT=0 when daphne terminates TLS itself.",
                id="lantern.W001",
            )
        ]
    return []
