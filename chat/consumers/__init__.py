"""The chat's websocket consumers: protocol handlers for the two sides.

- `base.ChatConsumer`: what both share: the frame's way in (size, rate, JSON, type), lanes
  that keep a socket's messages in order while it goes on reading, running an action and
  sending what it announced, error frames;
- `visitor.VisitorConsumer`: the anonymous visitor; `operator.OperatorConsumer`: the console.

Each frame handler checks the frame (chat/frames.py), calls one action (chat/actions/) and
answers; what a socket reads of its conversations is sent by its `Reader` (chat/delivery.py).
"""

from .operator import OperatorConsumer
from .visitor import VisitorConsumer

__all__ = ["OperatorConsumer", "VisitorConsumer"]
