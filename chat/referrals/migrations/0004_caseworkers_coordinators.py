"""The "Caseworkers" and "Coordinators" groups.

- Caseworkers work the referral queue (referrals.work_lead).
- Coordinators see the statistics and the queue's audit log (referrals.view_statistics), but
  no lead's personal data.

Both may use the Wagtail admin (wagtailadmin.access_admin), like every staff group."""

from django.db import migrations

GROUPS = {
    "Caseworkers": ["work_lead"],
    "Coordinators": ["view_statistics"],
}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    access_admin = permission_model.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for name, codenames in GROUPS.items():
        group, _created = group_model.objects.get_or_create(name=name)
        group.permissions.add(
            access_admin,
            *permission_model.objects.filter(
                content_type__app_label="referrals", codename__in=codenames
            ),
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0003_withdrawal"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        # After Wagtail's one-off grants of "choose" permissions to every group that may use
        # the admin: these groups get only what is listed above.
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
