"""Message text sealed with its conversation's key (chat/crypto.py, chat/keyring.py): the
messages of conversations still open are sealed in place (those of closed ones are deleted at
close)."""

from django.db import migrations

import chat.crypto


def seal_messages(apps, schema_editor):
    from chat import keyring  # noqa: F401 - the conversations' keys, for sealing

    Message = apps.get_model("chat", "Message")
    for message in Message.objects.exclude(text="").iterator():
        if not message.text.startswith(chat.crypto.PREFIX):
            message.save(update_fields=["text"])


class Migration(migrations.Migration):
    dependencies = [
        ("chat", "0004_conversation_visitor_burst"),
    ]

    operations = [
        migrations.AlterField(
            model_name="message",
            name="text",
            field=chat.crypto.SealedTextField(owner="conversation"),
        ),
        migrations.RunPython(seal_messages, migrations.RunPython.noop),
    ]
