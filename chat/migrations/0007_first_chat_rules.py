"""The first version of the chat rules (chat.models.ChatRules): the product's own wording, in
the four languages, until an organisation's moderators write theirs. Moderators may write new
versions (add) and see old ones (view); nobody edits or deletes one (chat/wagtail_hooks.py)."""

from django.db import migrations

FIRST = {
    "lv": (
        "Mēs lasām to, ko jūs rakstāt, tikai lai jums palīdzētu. Mēs neprasām jūsu vārdu, un "
        "bez jūsu piekrišanas mēs ne ar vienu nesazināmies: ne ar policiju, ne ar darba "
        "devēju, ne ar jūsu ģimeni.\n\n"
        "Viens izņēmums: ja jūs pastāstāt, ka bērna vai cita cilvēka dzīvība vai veselība ir "
        "tiešās briesmās, mēs varam zvanīt uz 112 arī bez jūsu piekrišanas. Ja tā darīsim, mēs "
        "jums to pateiksim."
    ),
    "en": (
        "We read what you write only to help you. We do not ask your name, and we contact no "
        "one without your consent: not the police, not an employer, not your family.\n\n"
        "One exception: if you tell us that a child's or another person's life or health is "
        "in immediate danger, we may call 112 even without your consent. If we do, we will "
        "tell you."
    ),
    "ru": (
        "Мы читаем то, что вы пишете, только чтобы помочь вам. Мы не спрашиваем ваше имя и без "
        "вашего согласия ни с кем не связываемся: ни с полицией, ни с работодателем, ни с "
        "вашей семьёй.\n\n"
        "Одно исключение: если вы сообщите, что жизни или здоровью ребёнка или другого человека "
        "грозит непосредственная опасность, мы можем позвонить по номеру 112 и без вашего "
        "согласия. Если мы это сделаем, мы вам скажем."
    ),
    "uk": (
        "Ми читаємо те, що ви пишете, лише щоб допомогти вам. Ми не питаємо вашого імені й без "
        "вашої згоди ні з ким не зв’язуємося: ні з поліцією, ні з роботодавцем, ні з вашою "
        "родиною.\n\n"
        "Один виняток: якщо ви повідомите, що життю чи здоров’ю дитини або іншої людини "
        "загрожує безпосередня небезпека, ми можемо зателефонувати за номером 112 і без вашої "
        "згоди. Якщо ми це зробимо, ми вам скажемо."
    ),
}
GROUP = "Moderators"
CODENAMES = ["add_chatrules", "view_chatrules"]


def first_version(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    rules_model = apps.get_model("chat", "ChatRules")
    if not rules_model.objects.exists():
        rules_model.objects.create(
            text=FIRST["lv"], **{f"text_{code}": text for code, text in FIRST.items()}
        )
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    permissions = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="chat", codename__in=CODENAMES
    )
    for group in apps.get_model("auth", "Group").objects.filter(name=GROUP):
        group.permissions.add(*permissions)


def remove(apps, schema_editor):
    permissions = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="chat", codename__in=CODENAMES
    )
    for group in apps.get_model("auth", "Group").objects.filter(name=GROUP):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("chat", "0006_chat_rules"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(first_version, remove)]
