"""Websocket routes that only the benchmark mounts (chat/routing.py adds them when
`LANTERN_BENCHMARK` is on)."""

from django.urls import path

from .consumers import BareChatConsumer

BARE_CHAT_PATH = "ws/bench/chat/"

websocket_urlpatterns = [path(BARE_CHAT_PATH, BareChatConsumer.as_asgi())]
