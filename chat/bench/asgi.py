"""The benchmark's ASGI application (`chat.bench.settings`' ASGI_APPLICATION, which
`python -m chat.bench.serve` serves): production's, with the websocket routes of
chat/bench/routing.py (the site's and the bare Channels chat).

`lantern.asgi` is imported first: it loads the apps and builds Django's ASGI application (which
serves `chat.bench.urls` under these settings) exactly as in production, and freezes what was
loaded. The websocket stack is production's (tests/bench/test_app.py compares them); what this
module loaded is frozen too.
"""

import gc
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chat.bench.settings")

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from lantern.asgi import django_asgi_app  # noqa: E402

from .routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)

gc.collect()
gc.freeze()
