"""Visitors seen while the database could not be told.

A visitor's "last seen" (`Conversation.visitor_seen_at`) decides how long they may come back
(the resume period) and when the sweep closes their conversation as left. While the database
is down, what shows that a visitor is still there (their socket's pings, its disconnect, their
attempts to resume) cannot be written; without more, a visitor who kept trying through an
outage would find their conversation swept when the database came back. Those sightings are
kept here, in this process's memory, and written as soon as the database answers again, with
the moment the visitor was seen (a sighting never moves `visitor_seen_at` back). A visitor
known only by a token (a resume that failed before the conversation was found) is kept by the
token's hash, as the database keeps it.

The sweep and a resume write this process's sightings first (`flush`); the rest are written
every RETRY_SECONDS until the database takes them.
"""

from __future__ import annotations

import asyncio
import datetime

from django.utils import timezone

from ..access import hash_token
from ..actions.conversations import do_visitors_seen
from ..db import db
from .base import log_failure

RETRY_SECONDS = 1.0


class Sightings:
    def __init__(self) -> None:
        self.conversations: dict[int, datetime.datetime] = {}
        self.tokens: dict[str, datetime.datetime] = {}
        self.task: asyncio.Task | None = None

    def __bool__(self) -> bool:
        return bool(self.conversations or self.tokens)

    def conversation(self, conversation_id: int) -> None:
        self.conversations[conversation_id] = timezone.now()
        self._retry()

    def token(self, token: object) -> None:
        if isinstance(token, str) and token:
            self.tokens[hash_token(token)] = timezone.now()
            self._retry()

    async def flush(self) -> None:
        """Write what is kept (raises if the database still fails; nothing is lost then)."""
        conversations, tokens = dict(self.conversations), dict(self.tokens)
        if not conversations and not tokens:
            return
        await db(do_visitors_seen)(conversations, tokens)
        _forget(self.conversations, conversations)
        _forget(self.tokens, tokens)

    def _retry(self) -> None:
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._until_written())

    async def _until_written(self) -> None:
        while self:
            await asyncio.sleep(RETRY_SECONDS)
            try:
                await self.flush()
            except Exception as error:  # still down: the next round tries again
                log_failure("record of", "visitors seen", error)


def _forget(kept: dict, written: dict) -> None:
    for key, when in written.items():
        if kept.get(key) == when:  # not seen again meanwhile
            del kept[key]


sightings = Sightings()
