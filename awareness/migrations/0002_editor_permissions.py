"""Editors and Moderators (created by Wagtail's own migrations) manage the hotlines that pages
show; Moderators also change the site's safety settings (emergency number, quick-exit
destination, chat hours)."""

from django.db import migrations

GRANTS = {
    "Editors": ["add_hotline", "change_hotline", "delete_hotline"],
    "Moderators": ["add_hotline", "change_hotline", "delete_hotline", "change_safetysettings"],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = group_model.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(
            *permission_model.objects.filter(
                content_type__app_label="awareness", codename__in=codenames
            )
        )


def revoke(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = group_model.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(
                *permission_model.objects.filter(
                    content_type__app_label="awareness", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("awareness", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
