"""The chat rules (issue 19): before a visitor writes, the widget says in their language what
staff will and will not do with what they write; moderators write the rules as versions in
four languages; the consent step shows them again, and the consent records the version shown."""

from __future__ import annotations

import importlib
import json

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import translation

import pytest
from asgiref.sync import sync_to_async

from chat.models import ChatRules
from chat.referrals.models import Lead
from tests.awareness.factories import make_user
from tests.html import parse
from tests.referrals.queue.factories import client_for, make_lead, user_in

from .conftest import CHAT_DB, db_counts

LANGUAGES = ["lv", "en", "ru", "uk"]


def write_rules(marker: str, user=None) -> ChatRules:
    """A version whose every paragraph names its language and `marker`."""
    texts = {
        code: f"{marker} {code}: we read what you write only to help you.\n\n"
        f"{marker} {code}: a child in immediate danger is the exception."
        for code in LANGUAGES
    }
    return ChatRules.objects.create(
        text=texts["lv"], created_by=user, **{f"text_{code}": text for code, text in texts.items()}
    )


def rules_url(name: str, *args) -> str:
    return reverse(f"wagtailsnippets_chat_chatrules:{name}", args=args)


# --- What the product starts with ------------------------------------------------------------


@pytest.mark.django_db
def test_the_product_starts_with_rules_in_four_languages_that_moderators_may_renew():
    migration = importlib.import_module("chat.migrations.0007_first_chat_rules")
    ChatRules.objects.all().delete()
    # Run as the migration runs: with the models as they were then.
    state = MigrationLoader(connection).project_state(("chat", "0007_first_chat_rules"))
    migration.first_version(state.apps, None)
    first = ChatRules.objects.current()
    assert first is not None and first.version == first.pk
    for code in LANGUAGES:
        paragraphs = first.paragraphs(code)
        assert len(paragraphs) == 2, code
        assert "112" in paragraphs[1]
    assert "без вашої згоди" in " ".join(first.paragraphs("uk"))
    assert "bez jūsu piekrišanas" in " ".join(first.paragraphs("lv"))
    moderator = make_user("t-rules-moderator", groups=("Moderators",))
    assert moderator.has_perm("chat.add_chatrules") and moderator.has_perm("chat.view_chatrules")
    editor = make_user("t-rules-editor", groups=("Editors",))
    assert not editor.has_perm("chat.add_chatrules")


# --- Before the first word ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["lv", "uk"])
def test_the_widget_says_the_rules_before_the_first_word(client, tree, language):
    rules = write_rules("RULES-1")
    html = parse(client.get(f"/{language}/"))
    for view in ("intro", "leave"):
        block = html.select_one(f"[data-view={view}] [data-chat-rules]")
        assert block is not None, view
        paragraphs = [p.get_text(strip=True) for p in block.find_all("p")]
        assert paragraphs == rules.paragraphs(language)
        assert paragraphs[0].startswith(f"RULES-1 {language}:")
        assert block.find("h3").get_text(strip=True)
    # In the start view, the rules come before anything the visitor fills in.
    intro = html.select_one("[data-view=intro]")
    first = intro.find(lambda tag: tag.has_attr("data-chat-rules") or tag.name == "form")
    assert first.has_attr("data-chat-rules")
    config = json.loads(html.find(id="lantern-chat-config").string)
    assert config["rulesVersion"] == rules.version


@pytest.mark.django_db
def test_a_new_version_reaches_cached_pages_at_once(client, tree):
    write_rules("RULES-OLD")
    assert "RULES-OLD uk" in client.get("/uk/").content.decode()
    assert "RULES-OLD uk" in client.get("/uk/").content.decode()  # served from the cache
    newer = write_rules("RULES-NEW")
    html = client.get("/uk/").content.decode()
    assert "RULES-NEW uk" in html and "RULES-OLD" not in html
    assert f'"rulesVersion": {newer.version}' in html


# --- Moderators write them ---------------------------------------------------------------------


@pytest.fixture
def current_rules(db) -> ChatRules:
    return write_rules("RULES-NOW")


def form_data(marker: str, *, skip: str | None = None) -> dict:
    return {
        f"text_{code}": f"{marker} {code}: nobody is contacted without your consent."
        for code in LANGUAGES
        if code != skip
    }


def test_a_moderator_writes_a_new_version_from_the_current_one(current_rules):
    moderator = user_in("moderator")
    client = client_for(moderator)
    form = parse(client.get(rules_url("add")))
    for code in LANGUAGES:
        field = form.find("textarea", attrs={"name": f"text_{code}"})
        assert field.get_text().strip() == getattr(current_rules, f"text_{code}")
    response = client.post(rules_url("add"), form_data("RULES-MOD"))
    assert response.status_code == 302
    newest = ChatRules.objects.current()
    assert newest.pk > current_rules.pk and newest.created_by == moderator
    assert newest.paragraphs("ru") == ["RULES-MOD ru: nobody is contacted without your consent."]
    # The version before stays as it was.
    current_rules.refresh_from_db()
    assert current_rules.text_uk.startswith("RULES-NOW uk")
    # The list shows every version; the settings menu leads to it.
    listing = client.get(rules_url("list")).content.decode()
    with translation.override("en"):  # the moderator's admin speaks English
        assert str(newest) in listing and str(current_rules) in listing
    assert rules_url("list") in client.get(reverse("wagtailadmin_home")).content.decode()


def test_every_language_is_required(current_rules):
    moderator = user_in("moderator")
    client = client_for(moderator)
    response = client.post(rules_url("add"), form_data("RULES-HALF", skip="uk"))
    assert response.status_code == 200
    assert ChatRules.objects.current() == current_rules
    html = parse(response)
    assert html.select(".error-message, .w-field__errors")


@pytest.mark.parametrize("role", ["moderator", "superuser"])
def test_a_version_is_never_edited_or_deleted(current_rules, role):
    client = client_for(user_in(role))
    assert client.get(rules_url("inspect", current_rules.pk)).status_code == 200
    for name in ("edit", "delete"):
        response = client.get(rules_url(name, current_rules.pk))
        assert response.status_code in (302, 403), name
        response = client.post(rules_url(name, current_rules.pk), form_data("RULES-CHANGED"))
        assert response.status_code in (302, 403), name
    current_rules.refresh_from_db()
    assert current_rules.text_en.startswith("RULES-NOW en")
    assert ChatRules.objects.filter(pk=current_rules.pk).exists()


@pytest.mark.parametrize("who", ["anonymous", "editor", "operator"])
def test_only_moderators_write_the_rules(current_rules, who):
    client = client_for(None if who == "anonymous" else user_in(who))
    response = client.post(rules_url("add"), form_data("RULES-INTRUDER"))
    assert response.status_code in (302, 403)
    if who == "anonymous":
        assert "/login/" in response["Location"]
    assert ChatRules.objects.current() == current_rules


# --- The consent records the version shown ----------------------------------------------------


async def ask(v, op) -> dict:
    await op.send(type="request_consent", conversation=v.conversation_id)
    return await v.expect("consent_request")


@CHAT_DB
async def test_the_consent_step_shows_the_rules_again_and_records_that_version(chat_pair):
    shown = await sync_to_async(write_rules)("RULES-ASKED")
    v, op = await chat_pair(language="ru")
    frame = await ask(v, op)
    assert frame["rules"] == {"version": shown.version, "paragraphs": shown.paragraphs("ru")}
    # A moderator writes a newer version while the visitor reads: the answer names the one shown.
    await sync_to_async(write_rules)("RULES-LATER")
    await v.send(type="consent", grant=True, rules=shown.version)
    await v.expect("consent_recorded", granted=True)
    lead = await sync_to_async(
        lambda: Lead.objects.select_related("consent").get(conversation_id=v.conversation_id)
    )()
    assert lead.consent.rules_id == shown.version


@CHAT_DB
async def test_an_answer_naming_no_version_records_the_current_one(chat_pair):
    await sync_to_async(write_rules)("RULES-OLDER")
    current = await sync_to_async(write_rules)("RULES-CURRENT")
    v, op = await chat_pair(language="lv")
    await ask(v, op)
    await v.send(type="consent", grant=True)
    await v.expect("consent_recorded", granted=True)
    lead = await sync_to_async(
        lambda: Lead.objects.select_related("consent").get(conversation_id=v.conversation_id)
    )()
    assert lead.consent.rules_id == current.version


@CHAT_DB
async def test_a_version_that_is_not_one_is_refused_and_nothing_is_recorded(chat_pair):
    current = await sync_to_async(write_rules)("RULES-CURRENT")
    v, op = await chat_pair(language="uk")
    await ask(v, op)
    before = await db_counts()
    for bad in ["1", True, 0, -1, 1.5, 2**63, current.version + 1000]:
        await v.send(type="consent", grant=True, rules=bad)
        error = await v.expect("error")
        assert (error["code"], error.get("field")) == ("invalid", "rules"), bad
    assert await db_counts() == before
    await v.send(type="consent", grant=True, rules=current.version)
    await v.expect("consent_recorded", granted=True)


@CHAT_DB
async def test_a_left_message_records_the_version_its_form_showed(visitor):
    shown = await sync_to_async(write_rules)("RULES-LEFT")
    await sync_to_async(write_rules)("RULES-NEWER")
    v = await visitor()
    await v.send(
        type="leave_message",
        consent=True,
        language="uk",
        topic="work",
        text="They keep my passport",
        rules=shown.version,
        proof=await v.proof("leave_message"),
    )
    await v.expect("message_left")
    lead = await sync_to_async(lambda: Lead.objects.select_related("consent").get())()
    assert lead.consent.rules_id == shown.version


# --- The caseworker sees what the visitor was told --------------------------------------------


def test_the_lead_says_which_rules_the_visitor_was_shown(current_rules):
    lead = make_lead(language="uk")
    lead.consent.rules = current_rules
    lead.consent.save()
    html = parse(
        client_for(user_in("caseworker")).get(reverse("referral_queue:lead", args=[lead.pk]))
    )
    details = html.select_one("#lead-consent-section details.lead-rules")
    with translation.override("en"):  # the caseworker's admin speaks English
        assert details.find("summary").get_text(strip=True) == str(current_rules)
    assert [p.get_text(strip=True) for p in details.find_all("p")] == current_rules.paragraphs("uk")
    assert {p["lang"] for p in details.find_all("p")} == {"uk"}
