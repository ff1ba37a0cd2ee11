"""Websocket routes (see chat/protocol.py and docs/chat-protocol.md)."""

from django.urls import path

from .consumers import OperatorConsumer, VisitorConsumer

websocket_urlpatterns = [
    path("ws/chat/visitor/", VisitorConsumer.as_asgi()),
    path("ws/chat/operator/", OperatorConsumer.as_asgi()),
]
