"""Erasure that holds: message text is stored sealed with its conversation's key, which lives
in volatile memory only and is destroyed when the conversation closes (chat/crypto.py,
chat/keyring.py).

The finding: PostgreSQL kept 742 of 1,022 message texts of conversations that ended without
consent in the message table's files, and 1,010 in its write-ahead log, because deleting a row
does not overwrite it. Here: what the database holds is never the text, and once the key is
gone, nothing opens it (on disk: tests/faults/test_erasure_on_disk.py)."""

from __future__ import annotations

import uuid

from django.db import connection, transaction

import pytest

from chat import crypto
from chat.actions.conversations import do_close, do_start
from chat.actions.messages import do_post_message
from chat.keyring import Keyring, keyring
from chat.models import Conversation, Message

pytestmark = pytest.mark.django_db


def stored_text(message_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM chat_message WHERE id = %s", [message_id])
        return cursor.fetchone()[0]


def test_a_message_is_stored_sealed_and_read_in_the_clear():
    conversation, _token = do_start("lv", "work")
    marker = f"Heron-{uuid.uuid4().hex}"

    message, _created = do_post_message(conversation.pk, "visitor", marker, "v-1")

    stored = stored_text(message.pk)
    assert marker not in stored
    assert stored.startswith(f"{crypto.PREFIX}c{conversation.pk}.")
    assert Message.objects.get(pk=message.pk).text == marker


def test_closing_destroys_the_key_so_a_copy_of_the_row_opens_no_more():
    conversation, _token = do_start("en", "work")
    message, _created = do_post_message(conversation.pk, "visitor", "Heron in the reeds", "v-1")
    copy = stored_text(message.pk)  # what a backup taken now would hold
    assert keyring.held_key(conversation.pk)

    # Ends without consent. (Django's test transaction: the after-commit destruction runs now.)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda func, *a, **k: func())
        do_close(conversation.pk, Conversation.Outcome.VISITOR_ENDED)

    assert not keyring.held_key(conversation.pk)
    assert not Message.objects.filter(conversation=conversation).exists()
    with pytest.raises(crypto.KeyUnavailable):
        crypto.open_value("chat.message.text", copy)


def test_a_closed_conversation_keeps_its_key_until_the_close_commits(
    django_capture_on_commit_callbacks,
):
    """Destroyed after the commit: a close rolled back leaves the conversation open and its
    messages readable."""
    conversation, _token = do_start("en", "work")
    do_post_message(conversation.pk, "visitor", "still here", "v-1")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        do_close(conversation.pk, Conversation.Outcome.VISITOR_ENDED)
    assert keyring.held_key(conversation.pk)
    for callback in callbacks:
        callback()
    assert not keyring.held_key(conversation.pk)


def test_plain_text_is_refused_rather_than_stored_in_the_clear():
    conversation, _token = do_start("lv", "work")
    message, _created = do_post_message(conversation.pk, "visitor", "hello", "v-1")

    with pytest.raises(ValueError, match="sealed"), transaction.atomic():
        Message.objects.filter(pk=message.pk).update(text="in the clear")
    assert Message.objects.get(pk=message.pk).text == "hello"


def test_a_sealed_value_opens_only_in_its_own_column():
    """The column is bound to the value: a sealed message moved into another column of the
    same key does not open."""
    conversation, _token = do_start("lv", "work")
    message, _created = do_post_message(conversation.pk, "visitor", "hello", "v-1")
    sealed = stored_text(message.pk)

    assert crypto.open_value("chat.message.text", sealed) == "hello"
    with pytest.raises(crypto.KeyUnavailable):
        crypto.open_value("referrals.lead.summary", sealed)
    tampered = sealed[:-4] + ("AAAA" if not sealed.endswith("AAAA") else "BBBB")
    with pytest.raises(crypto.KeyUnavailable):
        crypto.open_value("chat.message.text", tampered)


def test_each_conversation_has_a_key_of_its_own():
    first, _token = do_start("lv", "work")
    second, _token = do_start("lv", "work")
    one, _created = do_post_message(first.pk, "visitor", "same words", "v-1")
    two, _created = do_post_message(second.pk, "visitor", "same words", "v-1")

    assert keyring.sealing_key(first.pk)[1] != keyring.sealing_key(second.pk)[1]
    assert stored_text(one.pk) != stored_text(two.pk)


def test_the_key_lives_in_memory_only_never_in_the_database():
    conversation, _token = do_start("lv", "work")
    do_post_message(conversation.pk, "visitor", "hello", "v-1")
    _ref, key = keyring.sealing_key(conversation.pk)

    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        assert key not in bytes(value), table
                    else:
                        assert key.hex() not in str(value), table


def test_a_process_without_redis_makes_its_own_keys():
    """The embedded default: no Redis, the keys in the one process's memory."""
    ring = Keyring()
    ref, key = ring.sealing_key(10**9)
    assert ring.key(ref) == key
    ring.destroy(10**9)
    with pytest.raises(crypto.KeyUnavailable):
        ring.key(ref)
