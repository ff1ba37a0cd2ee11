"""The benchmark's websocket routes: the site's (chat/routing.py), plus the bare Channels chat
the load generator compares the chat with. Only the benchmark's ASGI application
(`chat.bench.asgi`) routes them; production's (`lantern.asgi`) never has the bare chat
(tests/bench/test_loadtest.py checks)."""

from django.urls import path

from chat.routing import websocket_urlpatterns as site_urlpatterns

from .consumers import BareChatConsumer

BARE_CHAT_PATH = "ws/bench/chat/"

websocket_urlpatterns = [*site_urlpatterns, path(BARE_CHAT_PATH, BareChatConsumer.as_asgi())]
