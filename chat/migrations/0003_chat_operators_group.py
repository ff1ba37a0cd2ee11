"""The "Chat operators" group: NGO staff who answer the chat. They may open the operator
console (chat.operate_chat), use the Wagtail admin, and keep the canned responses up to date."""

from django.db import migrations

GROUP = "Chat operators"
CODENAMES = [
    "operate_chat",
    "add_cannedresponse",
    "change_cannedresponse",
    "delete_cannedresponse",
]


def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _created = group_model.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *permission_model.objects.filter(content_type__app_label="chat", codename__in=CODENAMES),
        permission_model.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ),
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("chat", "0002_canned_response_translations"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
