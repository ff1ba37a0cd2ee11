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

from lantern.asgi import application_for  # noqa: E402

from .routing import websocket_urlpatterns  # noqa: E402

application = application_for(websocket_urlpatterns)

gc.collect()
gc.freeze()
