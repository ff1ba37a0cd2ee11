"""Websocket routes (see chat/protocol.py and docs/chat-protocol.md).

With `LANTERN_BENCHMARK` on (benchmarks only, never in production) the bare Channels baseline
of docs/performance.md is mounted too.
"""

from django.conf import settings
from django.urls import path

from .consumers import OperatorConsumer, VisitorConsumer

websocket_urlpatterns = [
    path("ws/chat/visitor/", VisitorConsumer.as_asgi()),
    path("ws/chat/operator/", OperatorConsumer.as_asgi()),
]

if settings.LANTERN_BENCHMARK:
    from .bench.routing import websocket_urlpatterns as bench_urlpatterns

    websocket_urlpatterns += bench_urlpatterns
