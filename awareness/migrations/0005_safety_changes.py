"""Proposed changes to the hotlines and the safety settings, which a second person approves
(awareness/safety.py); Moderators (created by Wagtail's own migrations) may approve them."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


APPROVE = "approve_safety_change"


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    permission = permission_model.objects.get(content_type__app_label="awareness", codename=APPROVE)
    for group in group_model.objects.filter(name="Moderators"):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    permission_model = apps.get_model("auth", "Permission")
    permission_model.objects.filter(content_type__app_label="awareness", codename=APPROVE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("awareness", "0004_help_service_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SafetyChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "subject",
                    models.CharField(
                        choices=[("settings", "safety settings"), ("hotline", "hotline")],
                        max_length=16,
                        verbose_name="subject",
                    ),
                ),
                ("before", models.JSONField(blank=True, null=True, verbose_name="before")),
                ("after", models.JSONField(blank=True, null=True, verbose_name="after")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "awaiting approval"),
                            ("approved", "approved"),
                            ("rejected", "rejected"),
                            ("stale", "out of date"),
                        ],
                        default="pending",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "proposed_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="proposed at"
                    ),
                ),
                (
                    "decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="decided at"),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="decided by",
                    ),
                ),
                (
                    "hotline",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for a new hotline until it is approved.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="safety_changes",
                        to="awareness.hotline",
                        verbose_name="hotline",
                    ),
                ),
                (
                    "proposed_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="proposed by",
                    ),
                ),
                (
                    "site",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.site",
                        verbose_name="site",
                    ),
                ),
            ],
            options={
                "verbose_name": "safety change",
                "verbose_name_plural": "safety changes",
                "ordering": ["-proposed_at", "-pk"],
                "permissions": [
                    (
                        "approve_safety_change",
                        "Can approve changes to the hotlines and the safety settings",
                    )
                ],
                "default_permissions": (),
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
