"""Each lead's free text sealed with a key of its own, kept wrapped in the key table
(chat/referrals/keys.py): existing leads get their key and are sealed in place; anonymised ones
hold nothing to seal."""

import chat.crypto
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

SEALED = ["summary", "what_happened", "location", "safe_contact", "transcript"]


def seal_leads(apps, schema_editor):
    from chat.referrals.keys import lead_keys

    Lead = apps.get_model("referrals", "Lead")
    LeadNote = apps.get_model("referrals", "LeadNote")
    for lead in Lead.objects.filter(anonymised_at__isnull=True, key__isnull=True).iterator():
        lead.key_id = lead_keys.create().pk
        lead.save(update_fields=["key", *SEALED])
    for note in LeadNote.objects.select_related("lead").iterator():
        if not note.text.startswith(chat.crypto.PREFIX) and note.lead.key_id is not None:
            note.save(update_fields=["text"])


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0007_wrap_withdrawal_code_hashes"),
    ]

    operations = [
        migrations.CreateModel(
            name="LeadKey",
            fields=[
                ("id", models.UUIDField(editable=False, primary_key=True, serialize=False)),
                ("wrapped", models.BinaryField()),
                ("wrapped_with", models.CharField(db_index=True, max_length=16)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "verbose_name": "lead key",
                "verbose_name_plural": "lead keys",
            },
        ),
        migrations.AlterField(
            model_name="lead",
            name="location",
            field=chat.crypto.SealedLineField(
                blank=True, max_length=120, owner="lead", verbose_name="municipality or country"
            ),
        ),
        migrations.AlterField(
            model_name="lead",
            name="safe_contact",
            field=chat.crypto.SealedTextField(
                blank=True,
                help_text="How and when it is safe to contact the person. Empty: do not contact.",
                owner="lead",
                verbose_name="safe contact",
            ),
        ),
        migrations.AlterField(
            model_name="lead",
            name="summary",
            field=chat.crypto.SealedTextField(blank=True, owner="lead", verbose_name="summary"),
        ),
        migrations.AlterField(
            model_name="lead",
            name="transcript",
            field=chat.crypto.SealedJSONField(
                blank=True, default=list, owner="lead", verbose_name="transcript"
            ),
        ),
        migrations.AlterField(
            model_name="lead",
            name="what_happened",
            field=chat.crypto.SealedTextField(
                blank=True, owner="lead", verbose_name="what happened (in the visitor's words)"
            ),
        ),
        migrations.AlterField(
            model_name="leadnote",
            name="text",
            field=chat.crypto.SealedTextField(owner="lead", verbose_name="note"),
        ),
        migrations.AddField(
            model_name="lead",
            name="key",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="referrals.leadkey",
            ),
        ),
        migrations.RunPython(seal_leads, migrations.RunPython.noop),
    ]
