"""ASGI entry point: HTTP through Django, websockets through Channels.

Django's ASGI application is built first so that apps are loaded before any consumer (and so
any model) is imported.
"""

import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantern.settings.production")
django_asgi_app = get_asgi_application()

from django.urls import re_path  # noqa: E402

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from chat.access import SameOriginOnly, refuse_socket  # noqa: E402
from chat.consumers.base import OutageGuard  # noqa: E402
from chat.routing import websocket_urlpatterns  # noqa: E402
from lantern.proxies import TrustedProxyHeaders  # noqa: E402

# After every route: a path none of them matches is refused at the handshake (HTTP 403), not
# a server error whose log line would quote the path (a token put into the URL, say). Channels'
# routes take ASGI applications; django-stubs knows only views.
UNKNOWN_PATH = re_path(r"", refuse_socket)  # type: ignore[arg-type]


def application_for(routes: list) -> ProtocolTypeRouter:
    """HTTP through Django; websockets on `routes` (any other path refused), from this site's
    own pages only (`SameOriginOnly`), with the session, and answered in the protocol's terms
    when a dependency is down (`OutageGuard`). Either way, X-Forwarded-* headers reach the
    application only from the proxies named in LANTERN_TRUSTED_PROXIES (`TrustedProxyHeaders`;
    for HTTP, Django's middleware does the same for any server)."""
    return ProtocolTypeRouter(
        {
            "http": TrustedProxyHeaders(django_asgi_app),
            "websocket": TrustedProxyHeaders(
                SameOriginOnly(OutageGuard(AuthMiddlewareStack(URLRouter([*routes, UNKNOWN_PATH]))))
            ),
        }
    )


application = application_for(websocket_urlpatterns)

# What was loaded so far (Django, Wagtail, the apps: some 200,000 objects) lives as long as the
# process. Left to the collector, every full collection walked all of it again: a pause of
# 150-190 ms every few seconds under load, for every socket and request of the process
# (docs/performance.md). Frozen, it is skipped; the garbage of loading is collected first.
gc.collect()
gc.freeze()
