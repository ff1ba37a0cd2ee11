"""The bare Channels baseline: a group chat with nothing of Lantern's in it.

receive → group_send → deliver. No storage, no sequence numbers, no checks beyond reading the
room number. Mounted at /ws/bench/chat/ by the benchmark's ASGI application only
(chat/bench/asgi.py, routing.py); the load generator drives it with the same clients and load
as the real chat.

Frames: `{"type": "join", "room": <int>}` → `{"type": "joined", "room": <int>}`;
`{"type": "message", "room": <int>, ...}` → that frame, as it came, to every member of the
room (the sender too, as Lantern echoes a sender's own messages).
"""

import json

from channels.generic.websocket import AsyncWebsocketConsumer


def room_group(room: int) -> str:
    return f"bench.room.{room}"


class BareChatConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        self.rooms: set[str] = set()
        await self.accept()

    async def disconnect(self, code) -> None:
        for group in self.rooms:
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None) -> None:
        try:
            frame = json.loads(text_data or "")
            room = int(frame["room"])
        except (ValueError, TypeError, KeyError):
            return
        group = room_group(room)
        if frame.get("type") == "join":
            await self.channel_layer.group_add(group, self.channel_name)
            self.rooms.add(group)
            await self.send(text_data=json.dumps({"type": "joined", "room": room}))
        elif frame.get("type") == "message":
            await self.channel_layer.group_send(
                group, {"type": "bench.message", "frame": text_data}
            )

    async def bench_message(self, event: dict) -> None:
        await self.send(text_data=event["frame"])
