"""Conversations' keys with Redis (chat/keyring.py), on a redis-server of the test's own: two
keyrings are two daphne processes. A Redis restart loses no key of a live conversation (the
processes holding it publish it again), a crashed process loses nothing (the others read Redis),
and a key destroyed by one process is forgotten by the others."""

from __future__ import annotations

import socket
import time

import pytest

from chat import crypto
from chat.keyring import Keyring
from tests.faults.services import RedisServer, redis_server_path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_server(tmp_path):
    executable = redis_server_path()
    if executable is None:
        pytest.skip("redis-server is not installed")
    server = RedisServer(tmp_path / "redis", free_port(), executable)
    server.start()
    try:
        yield server
    finally:
        server.kill()


@pytest.fixture
def processes(redis_server, settings):
    settings.REDIS_URL = redis_server.url
    rings = [Keyring(), Keyring()]
    yield rings
    for ring in rings:
        ring._stopping.set()


CONVERSATION = 4242


def test_another_process_reads_the_key_from_redis(processes):
    first, second = processes
    ref, key = first.sealing_key(CONVERSATION)

    assert second.key(ref) == key
    assert second.sealing_key(CONVERSATION) == (ref, key)  # seals with the same one


def test_a_crashed_process_loses_no_key(processes):
    first, second = processes
    ref, key = first.sealing_key(CONVERSATION)
    first._stopping.set()
    first.forget_all()  # its memory is gone with it

    assert second.key(ref) == key


def test_redis_restarting_empty_gets_every_held_key_again(processes, redis_server):
    first, second = processes
    ref, key = first.sealing_key(CONVERSATION)
    redis_server.kill()
    redis_server.start()  # empty: it keeps nothing on disk

    first.watch_once()  # the watcher's round, which runs every WATCH_SECONDS

    assert second.key(ref) == key


def test_a_key_made_while_redis_is_away_is_published_when_it_returns(processes, redis_server):
    first, second = processes
    first.watch_once()
    redis_server.kill()
    ref, key = first.sealing_key(CONVERSATION)  # the visitor's message is stored meanwhile
    redis_server.start()

    first.watch_once()

    assert second.key(ref) == key


def test_a_process_waits_for_a_key_being_published_again(processes, redis_server):
    """The watcher runs in the background: a key asked for just after Redis returned arrives
    within its round, not an error."""
    first, second = processes
    ref, key = first.sealing_key(CONVERSATION)
    first.start_watching()
    redis_server.kill()
    redis_server.start()
    started = time.monotonic()

    assert second.key(ref) == key
    assert time.monotonic() - started < 10


def test_a_destroyed_key_is_forgotten_by_every_process(processes):
    first, second = processes
    ref, _key = first.sealing_key(CONVERSATION)
    second.key(ref)
    second.watch_once()

    first.destroy(CONVERSATION)
    second.watch_once()

    assert not second.held_key(CONVERSATION)
    with pytest.raises(crypto.KeyUnavailable):
        second.key(ref)


def test_redis_away_refuses_for_now_a_key_no_process_here_holds(processes, redis_server):
    first, second = processes
    ref, _key = first.sealing_key(CONVERSATION)
    redis_server.kill()

    with pytest.raises(crypto.KeyUnavailable):
        second.key(ref)
