"""Help directory entries in the operator console: the console receives every service, listed
under the places the public directory lists it, with its text in each conversation language;
that text is an ordinary message (it fits, it survives cleaning unchanged) and reaches the
visitor through the existing message frame. The console's script is driven in the browser in
tests/e2e/test_console_directory.py."""

import json

from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

import pytest
from asgiref.sync import sync_to_async

from awareness import directory
from awareness.models import HelpService
from chat import protocol
from chat.sanitize import clean_text
from tests.awareness.factories import LANGUAGES, make_service
from tests.chat.conftest import CHAT_DB, make_user
from tests.html import parse

CONSOLE = "/admin/chat/console/"


def console_config(client) -> dict:
    html = parse(client.get(CONSOLE))
    return json.loads(html.find("script", id="lantern-console-config").string)


@pytest.fixture
def operator_client(db):
    user = make_user("t-console-operator")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_console_receives_every_directory_entry(operator_client):
    tukums = make_service("ttuk", area="tukums", kind="shelter", phone="8000 0090")

    config = console_config(operator_client)

    entries = {entry["id"]: entry for entry in config["directory"]}
    assert set(entries) == set(HelpService.objects.values_list("pk", flat=True))
    entry = entries[tukums.pk]
    assert entry["places"] == ["tukums", "region-kurzeme"]
    assert set(entry["texts"]) == set(LANGUAGES)
    assert entry["label"].startswith("ttuk ")
    for service in HelpService.objects.filter(area=directory.COUNTRY):
        assert entries[service.pk]["places"] is None
    # The place filter: the public directory's regions and places.
    assert [group["label"] for group in config["directoryPlaces"]] == [
        str(region.label) for region in directory.Region
    ]
    values = {o["value"] for group in config["directoryPlaces"] for o in group["options"]}
    assert values == directory.FILTER_CODES


@pytest.mark.django_db
def test_the_directory_is_in_each_conversation_template(operator_client):
    html = parse(operator_client.get(CONSOLE))

    template = html.find("template", attrs={"data-conversation-template": True})
    composer = template.find("form", attrs={"data-composer": True})
    assert composer.find("select", attrs={"data-directory-place": True}) is not None
    assert composer.find("select", attrs={"data-directory": True}) is not None


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_an_entry_in_the_conversation_language(language):
    service = make_service(
        "tfmt",
        area="region-latgale",
        kind="legal_aid",
        phone="8000 0091",
        address_lv="Rēzekne, Izdomātā iela 2",
        anonymous=True,
        **{f"languages_{code}": f"tfmt {code} languages" for code in LANGUAGES},
    )

    text = service.chat_text(language)

    lines = text.split("\n")
    with translation.override(language):
        kind = str(directory.ServiceKind.LEGAL_AID.label)
        area = directory.area_label("region-latgale")
        assert lines == [
            f"tfmt {language.upper()} service ({kind}, {area})",
            gettext("Phone: %(phone)s") % {"phone": "8000 0091"},
            gettext("Opening hours: %(hours)s") % {"hours": f"tfmt {language.upper()} hours"},
            # Not translated: the Latvian address is shown in every language.
            gettext("Address: %(address)s") % {"address": "Rēzekne, Izdomātā iela 2"},
            gettext("Languages: %(languages)s") % {"languages": f"tfmt {language} languages"},
            gettext("You can contact them without giving your name."),
        ]


@pytest.mark.django_db
def test_every_entry_is_a_valid_message_in_every_language():
    services = list(HelpService.objects.all())
    assert services, "the demo content has no help services"
    for service in services:
        for language in LANGUAGES:
            text = service.chat_text(language)
            assert 0 < len(text) <= protocol.MAX_MESSAGE_CHARS
            assert clean_text(text) == text


@CHAT_DB
async def test_a_sent_entry_reaches_the_visitor_as_it_was(chat_pair):
    service = await sync_to_async(make_service)("tsend", area="riga", phone="8000 0092")
    text = await sync_to_async(service.chat_text)("uk")
    v, op = await chat_pair(language="uk")

    await op.say(v.conversation_id, text)

    received = await v.expect_message(sender="operator")
    assert received["text"] == text
    assert "tsend UK service" in received["text"] and "8000 0092" in received["text"]
