"""Websocket routes. The chat consumers join here."""

websocket_urlpatterns: list = []
