"""X-Forwarded-* headers count only from the proxies named in LANTERN_TRUSTED_PROXIES
(lantern.proxies): for HTTP (`request.is_secure()`, SECURE_PROXY_SSL_HEADER) and for the
chat's websockets (the origin check's scheme)."""

from django.core.exceptions import ImproperlyConfigured
from django.http import JsonResponse
from django.test import override_settings
from django.urls import path, re_path

import pytest
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.testing import WebsocketCommunicator

from lantern import proxies
from lantern import urls as site_urls
from lantern.asgi import application_for
from lantern.serve import PROXY_HEADERS_REFUSED, AnonymousCommandLineInterface, AnonymousServer

# Documentation addresses (RFC 5737).
PROXY = "192.0.2.10"
STRANGER = "203.0.113.99"
FORGED = {
    "HTTP_X_FORWARDED_PROTO": "https",
    "HTTP_X_FORWARDED_FOR": "198.51.100.1",
    "HTTP_X_FORWARDED_HOST": "evil.example",
    "HTTP_X_FORWARDED_PORT": "443",
}


def probe(request):
    return JsonResponse(
        {
            "secure": request.is_secure(),
            "forwarded": sorted(name for name in request.META if "FORWARDED" in name),
        }
    )


urlpatterns = [path("probe/", probe), *site_urls.urlpatterns]


@pytest.fixture
def behind_tls(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    with override_settings(ROOT_URLCONF=__name__):
        yield settings


def test_forwarded_headers_from_an_unnamed_peer_are_ignored(client, behind_tls):
    behind_tls.LANTERN_TRUSTED_PROXIES = [PROXY]

    answer = client.get("/probe/", REMOTE_ADDR=STRANGER, **FORGED).json()

    assert answer == {"secure": False, "forwarded": []}


def test_by_default_nobody_is_believed(client, behind_tls):
    assert behind_tls.LANTERN_TRUSTED_PROXIES == []

    answer = client.get("/probe/", REMOTE_ADDR="127.0.0.1", **FORGED).json()

    assert answer == {"secure": False, "forwarded": []}


@pytest.mark.parametrize(
    ("trusted", "peer"),
    [
        ([PROXY], PROXY),
        (["10.1.0.0/16", "192.0.2.0/24"], PROXY),
        ([PROXY], f"::ffff:{PROXY}"),
        (["2001:db8::/32"], "2001:db8::5"),
    ],
)
def test_forwarded_headers_from_a_named_proxy_count(client, behind_tls, trusted, peer):
    behind_tls.LANTERN_TRUSTED_PROXIES = trusted

    answer = client.get("/probe/", REMOTE_ADDR=peer, **FORGED).json()

    assert answer == {"secure": True, "forwarded": sorted(FORGED)}


def test_a_forged_https_does_not_escape_the_https_redirect(client, behind_tls, tree):
    behind_tls.SECURE_SSL_REDIRECT = True
    page = tree.path("home", "en")

    forged = client.get(page, REMOTE_ADDR=STRANGER, HTTP_X_FORWARDED_PROTO="https")
    assert forged.status_code == 301
    assert forged["Location"].startswith("https://")

    behind_tls.LANTERN_TRUSTED_PROXIES = [PROXY]
    proxied = client.get(page, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="https")
    assert proxied.status_code == 200


def test_a_setting_that_is_no_address_is_refused(settings):
    settings.LANTERN_TRUSTED_PROXIES = ["proxy.example"]
    with pytest.raises(ImproperlyConfigured):
        proxies.is_trusted(PROXY)


# --- Websockets -------------------------------------------------------------------------------


class Accept(AsyncWebsocketConsumer):
    async def connect(self):
        await self.accept()


def socket(peer: str, origin: bytes, *forwarded: tuple[bytes, bytes]) -> WebsocketCommunicator:
    """A socket through the site's ASGI stack (lantern.asgi.application_for) to a route that
    accepts whoever the stack lets through, from `peer`, on a page of `origin`."""
    application = application_for([re_path(r"^probe/$", Accept.as_asgi())])
    headers = [(b"host", b"localhost:8443"), (b"origin", origin), *forwarded]
    communicator = WebsocketCommunicator(application, "/probe/", headers=headers)
    communicator.scope["client"] = [peer, 50000]
    return communicator


async def opens(communicator: WebsocketCommunicator) -> bool:
    connected, _code = await communicator.connect()
    await communicator.disconnect()
    return connected


@pytest.mark.django_db
async def test_a_socket_with_a_forged_scheme_from_an_unnamed_peer_is_refused(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.LANTERN_TRUSTED_PROXIES = [PROXY]
    forged = (b"x-forwarded-proto", b"https")

    # The page is https only if a named proxy says so; from anybody else the origin check
    # sees the scheme the connection really has (http here).
    assert await opens(socket(STRANGER, b"https://localhost:8443", forged)) is False
    assert await opens(socket(STRANGER, b"http://localhost:8443", forged)) is True
    assert await opens(socket(PROXY, b"https://localhost:8443", forged)) is True
    assert await opens(socket(PROXY, b"http://localhost:8443", forged)) is False


async def test_the_asgi_middleware_strips_only_for_unnamed_peers(settings):
    settings.LANTERN_TRUSTED_PROXIES = ["192.0.2.0/24"]
    seen = []

    async def application(scope, receive, send):
        seen.append([name for name, _value in scope["headers"]])

    middleware = proxies.TrustedProxyHeaders(application)
    headers = [(b"host", b"x"), *((name, b"v") for name in proxies.FORWARDED_HEADERS)]
    for peer in (STRANGER, PROXY):
        await middleware({"type": "http", "client": [peer, 1], "headers": headers}, None, None)
    await middleware({"type": "websocket", "client": None, "headers": headers}, None, None)

    assert seen == [[b"host"], [b"host", *proxies.FORWARDED_HEADERS], [b"host"]]


# --- Daphne -----------------------------------------------------------------------------------


def test_daphnes_proxy_headers_are_refused(capsys):
    with pytest.raises(SystemExit):
        AnonymousCommandLineInterface().run(["--proxy-headers", "lantern.asgi:application"])
    assert PROXY_HEADERS_REFUSED in capsys.readouterr().err


def test_the_server_never_takes_the_address_or_scheme_from_a_header():
    server = AnonymousServer(
        application=None,
        endpoints=["tcp:port=0:interface=127.0.0.1"],
        proxy_forwarded_address_header="X-Forwarded-For",
        proxy_forwarded_port_header="X-Forwarded-Port",
        proxy_forwarded_proto_header="X-Forwarded-Proto",
    )
    assert server.proxy_forwarded_address_header is None
    assert server.proxy_forwarded_port_header is None
    assert server.proxy_forwarded_proto_header is None
