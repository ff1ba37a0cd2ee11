"""Leads and conversations for the referral tests, made through the chat's own actions."""

from __future__ import annotations

import uuid

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection

from chat import crypto
from chat.actions.consent import do_answer_consent, do_update_lead
from chat.actions.conversations import do_close, do_start
from chat.actions.messages import do_post_message
from chat.actions.operators import do_accept
from chat.frames import ConsentAnswer
from chat.models import Conversation, Message
from chat.referrals.models import Lead, LeadNote


def make_operator():
    user = get_user_model().objects.create_user(
        username=f"op-{uuid.uuid4().hex[:8]}", password="x" * 16
    )
    user.user_permissions.add(
        Permission.objects.get(codename="operate_chat", content_type__app_label="chat")
    )
    return get_user_model().objects.get(pk=user.pk)  # fresh permission cache


def consented_lead(language: str = "lv", marker: str = "Heron") -> tuple[Lead, str, int]:
    """A lead as the chat makes it, closed, with transcript, contact, summary, place and a
    note, each carrying `marker`. Returns (lead, withdrawal code, conversation id)."""
    operator = make_operator()
    conversation, _token = do_start(language, "work")
    do_accept(operator, conversation.pk)
    do_post_message(
        conversation.pk, Message.Sender.VISITOR, f"{marker}-transcript", client_id="v-1"
    )
    code = do_answer_consent(
        conversation.pk,
        ConsentAnswer(grant=True, transcript=True, contact=f"{marker}-contact"),
    ).withdrawal_code
    conversation.refresh_from_db()
    do_update_lead(
        operator, conversation, {"summary": f"{marker}-summary", "location": f"{marker}-place"}
    )
    do_close(conversation.pk, Conversation.Outcome.OPERATOR_ENDED)
    lead = Lead.objects.get(conversation_id=conversation.pk)
    LeadNote.objects.create(lead=lead, author=operator, text=f"{marker}-note")
    return lead, code, conversation.pk


def tables_containing(needle: str) -> list[str]:
    """Every table with a value that contains `needle`, read with raw SQL: as it is stored, or,
    for a sealed value (chat/crypto.py), as it opens with the keys at hand (none, once they
    are destroyed)."""
    purposes = {
        (model._meta.db_table, field.column): f"{model._meta.label_lower}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, crypto.SealedTextField)
    }

    def readable(table: str, column: str, value) -> str:
        text = str(value)
        if (table, column) in purposes and crypto.key_ref(text):
            try:
                return crypto.open_value(purposes[table, column], text)
            except crypto.KeyUnavailable:
                return ""
        return text

    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            if any(
                needle in readable(table, column, value)
                for row in cursor.fetchall()
                for column, value in zip(columns, row, strict=True)
            ):
                found.append(table)
    return found
