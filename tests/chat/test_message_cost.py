"""What one chat message costs the database, and what its announcement carries: the chat's
throughput rests on these (docs/performance.md). Counts, never timings."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from chat import announce
from chat.actions.messages import do_operator_post, do_post_message
from chat.announce import conversation_group, deferring
from chat.models import Conversation, Message
from chat.protocol import ChatError

from .conftest import make_user

pytestmark = pytest.mark.django_db


def statements(context) -> list[str]:
    """The queries, without the savepoints of the test's own transaction."""
    return [q["sql"] for q in context.captured_queries if "SAVEPOINT" not in q["sql"]]


@pytest.fixture
def active():
    operator = make_user()
    conversation = Conversation.objects.create(
        language="lv", status=Conversation.Status.ACTIVE, operator=operator
    )
    return operator, conversation


def update_and_insert(sql: list[str]) -> str:
    """The UPDATE that takes the number, then the INSERT: on PostgreSQL one statement (the
    UPDATE in a WITH), on SQLite, which allows no UPDATE there, two."""
    if connection.vendor == "postgresql":
        assert len(sql) == 1, sql
        assert sql[0].startswith("WITH n AS (UPDATE") and "INSERT INTO" in sql[0]
        return sql[0]
    assert len(sql) == 2, sql
    assert sql[0].startswith("UPDATE") and "RETURNING" in sql[0]
    assert sql[1].startswith("INSERT")
    return sql[0]


def test_a_visitors_message_is_one_update_and_one_insert(active):
    _operator, conversation = active
    with CaptureQueriesContext(connection) as context:
        message, created = do_post_message(conversation.pk, Message.Sender.VISITOR, "hello", "c1")
    assert created and message.seq == 1
    update_and_insert(statements(context))
    stored = Message.objects.get(pk=message.pk)
    assert (stored.seq, stored.text, stored.client_id) == (1, "hello", "c1")
    assert Conversation.objects.get(pk=conversation.pk).last_seq == 1


def test_an_operators_message_checks_permission_and_conversation_in_its_update(active):
    operator, conversation = active
    with CaptureQueriesContext(connection) as context:
        message = do_operator_post(operator.pk, conversation.pk, "c1", "hello", note=False)
    assert message.author_id == operator.pk and message.pk is not None
    update = update_and_insert(statements(context))
    assert "operator_id" in update and "EXISTS" in update
    assert Message.objects.get(pk=message.pk).text == "hello"


@pytest.mark.parametrize("through", ["group", "superuser"])
def test_an_operators_message_is_stored_whichever_way_the_permission_is_held(active, through):
    operator, conversation = active
    permission = Permission.objects.get(codename="operate_chat", content_type__app_label="chat")
    operator.user_permissions.clear()
    if through == "group":
        group = Group.objects.create(name="Advisers")
        group.permissions.add(permission)
        operator.groups.add(group)
    else:
        type(operator).objects.filter(pk=operator.pk).update(is_superuser=True)
    message = do_operator_post(operator.pk, conversation.pk, "c1", "hello", note=False)
    assert message.seq == 1


@pytest.mark.parametrize("refusal", ["not_theirs", "no_permission", "inactive", "closed"])
def test_an_operators_refused_message_stores_nothing_and_says_why(active, refusal):
    operator, conversation = active
    expected = {"not_theirs": "forbidden", "no_permission": "forbidden", "inactive": "forbidden"}
    if refusal == "not_theirs":
        Conversation.objects.filter(pk=conversation.pk).update(operator=make_user())
    elif refusal == "no_permission":
        operator.groups.clear()
        operator.user_permissions.clear()
    elif refusal == "inactive":
        type(operator).objects.filter(pk=operator.pk).update(is_active=False)
    else:
        Conversation.objects.filter(pk=conversation.pk).update(status=Conversation.Status.CLOSED)
    with pytest.raises(ChatError) as refused:
        do_operator_post(operator.pk, conversation.pk, "c1", "hello", note=False)
    assert refused.value.code == expected.get(refusal, "closed")
    assert not Message.objects.filter(conversation=conversation).exists()
    assert Conversation.objects.get(pk=conversation.pk).last_seq == 0


# Announcements are collected when the action's own transaction commits: a real commit.
@pytest.mark.django_db(transaction=True)
def test_the_announcement_carries_the_message_and_the_delivered_marks(active):
    _operator, conversation = active
    outcome = deferring(do_post_message)(
        conversation.pk, Message.Sender.VISITOR, "<b>as typed</b>", "c1"
    )
    [(group, event)] = outcome.announcements
    assert group == conversation_group(conversation.pk)
    assert event["message"]["seq"] == 1
    assert event["message"]["text"] == "<b>as typed</b>"
    assert (event["visitor_delivered_seq"], event["operator_delivered_seq"]) == (0, 0)


# A resend in its own transaction (no test transaction around it): the earlier message answers,
# the number is given back, and the connection goes on working.
@pytest.mark.django_db(transaction=True)
def test_a_resent_client_id_stores_nothing_and_answers_with_the_earlier_message(active):
    _operator, conversation = active
    first, created = do_post_message(conversation.pk, Message.Sender.VISITOR, "hi", "c1")
    assert created
    again, created = do_post_message(conversation.pk, Message.Sender.VISITOR, "hi", "c1")
    assert not created and again.pk == first.pk and again.seq == first.seq
    with pytest.raises(ChatError) as refused:
        do_post_message(conversation.pk, Message.Sender.VISITOR, "other", "c1")
    assert refused.value.code == "invalid"
    assert Conversation.objects.get(pk=conversation.pk).last_seq == 1
    after, created = do_post_message(conversation.pk, Message.Sender.VISITOR, "x", "c2")
    assert created and after.seq == 2


@pytest.mark.django_db(transaction=True)
def test_an_action_run_deferring_sends_nothing_itself(active, monkeypatch):
    _operator, conversation = active
    sent = []
    monkeypatch.setattr(announce, "_group_send", lambda group, event: sent.append(group))
    outcome = deferring(do_post_message)(conversation.pk, Message.Sender.VISITOR, "x", "c2")
    assert outcome.error is None and len(outcome.announcements) == 1 and sent == []
    do_post_message(conversation.pk, Message.Sender.VISITOR, "y", "c3")
    assert sent == [conversation_group(conversation.pk)]  # outside `deferring`: sent on commit


def test_an_action_that_fails_returns_its_error(active):
    _operator, conversation = active
    Conversation.objects.filter(pk=conversation.pk).update(status=Conversation.Status.CLOSED)
    outcome = deferring(do_post_message)(conversation.pk, Message.Sender.VISITOR, "x", "c4")
    assert outcome.error is not None and outcome.error.code == "closed"
    assert outcome.result is None and outcome.announcements == []
