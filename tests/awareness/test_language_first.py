"""Pages written in any of the four languages (issue 19): every language's slug is in Latin
letters, made from that language's title."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page, WorkflowState

import pytest

from awareness import models
from awareness.slugs import latin_slug
from tests.awareness.admin_forms import add_form_data, add_url
from tests.html import parse

pytestmark = pytest.mark.django_db

LATIN = re.compile(r"^[a-z0-9-]+$")
TITLE_UK = "Робота в Польщі: що перевірити до від’їзду"
INTRO_UK = "Пам’ятка для тих, хто їде на сезонну роботу."


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_slugs_are_latin_letters_in_every_language():
    assert latin_slug(TITLE_UK, "uk") == "robota-v-polshchi-shcho-pereviryty-do-vidizdu"
    assert latin_slug("Работа в Польше: что проверить", "ru") == "rabota-v-polshe-chto-proverit"
    assert latin_slug("Darbs ārzemēs: vispirms pārbaudiet") == "darbs-arzemes-vispirms-parbaudiet"
    assert latin_slug("Їжак і ґанок, щастя") == "yizhak-i-ganok-shchastia"
    assert latin_slug("Ёлка и юг", "ru") == "elka-i-yug"
    assert latin_slug("  ??? ") == ""


def test_an_editors_page_gets_latin_slugs_in_every_language(tree, editor):
    """Titles in Latvian, Russian and Ukrainian, slugs left empty (or one typed in Cyrillic):
    every slug is made, in Latin letters, from its own language's title."""
    client = signed_in(editor)
    parent = tree.campaign_index
    values = {f"slug_{code}": "" for code in ("lv", "en", "ru", "uk")}
    values.update(
        title_lv="Darbs Polijā: kas jāpārbauda",
        title_en="Work in Poland: what to check",
        title_ru="Работа в Польше: что проверить",
        title_uk=TITLE_UK,
        slug_ru="работа-в-польше",
        introduction_uk=INTRO_UK,
        audience="labour_migrants",
        **{"action-submit": "action-submit"},
    )
    data = add_form_data(client, models.CampaignPage, parent, **values)
    response = client.post(add_url(models.CampaignPage, parent), data)
    assert response.status_code == 302, parse(response).select(".w-field__errors")
    page = models.CampaignPage.objects.get(title_uk=TITLE_UK)
    assert (page.slug_lv, page.slug_en, page.slug_ru, page.slug_uk) == (
        "darbs-polija-kas-japarbauda",
        "work-in-poland-what-to-check",
        "rabota-v-polshe",
        "robota-v-polshchi-shcho-pereviryty-do-vidizdu",
    )
    # The admin's own slug fields romanise as the editor types (no Unicode slugs).
    form = parse(client.get(add_url(models.CampaignPage, parent)))
    for code in ("lv", "uk"):
        field = form.find("input", attrs={"name": f"slug_{code}"})
        assert not field.has_attr("data-w-slug-allow-unicode-value"), code


# --- A page in Ukrainian only, through moderation ----------------------------------------------


def submit_ukrainian_page(tree, editor) -> Page:
    client = signed_in(editor)
    parent = tree.campaign_index
    values = {
        f"{field}_{code}": ""
        for field in ("title", "slug", "introduction")
        for code in ("lv", "en", "ru", "uk")
    }
    values.update(
        title_uk=TITLE_UK,
        introduction_uk=INTRO_UK,
        audience="labour_migrants",
        **{"action-submit": "action-submit"},
    )
    data = add_form_data(client, models.CampaignPage, parent, **values)
    response = client.post(add_url(models.CampaignPage, parent), data)
    assert response.status_code == 302, [
        e.get_text(" ", strip=True)
        for e in parse(response).select(".w-field__errors, .help-critical, .messages")
    ]
    return models.CampaignPage.objects.get(title_uk=TITLE_UK)


def approve(page, moderator) -> None:
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )
    assert signed_in(moderator).post(url, {"comment": ""}).status_code in (200, 302)


def test_an_editor_writes_a_page_in_ukrainian_first_and_a_moderator_publishes_it(
    tree, editor, moderator, client
):
    page = submit_ukrainian_page(tree, editor)
    assert not page.live
    assert not page.title_lv, "after submit"
    assert not page.get_latest_revision_as_object().title_lv, "in the revision"
    # Latvian's slug (Wagtail's own: the other languages fall back to it) and Ukrainian's, in
    # Latin letters, from the Ukrainian title.
    assert page.slug_lv == page.slug_uk == latin_slug(TITLE_UK, "uk")
    assert not page.slug_en and not page.slug_ru
    approve(page, moderator)
    page.refresh_from_db()
    assert page.live and page.title_uk == TITLE_UK and not page.title_lv

    # Shown in Ukrainian, without a note.
    with translation.override("uk"):
        uk_url = page.get_url()
    html = parse(client.get(uk_url))
    assert html.find("h1").get_text(strip=True) == TITLE_UK
    assert html.select(".notice--translation") == []
    offered = {a["hreflang"] for a in html.select(".language-switcher a")}
    assert offered == {"lv", "uk"}

    # Latvian, the default: it says the page is not yet translated; the text is marked Ukrainian.
    with translation.override("lv"):
        lv_url = page.get_url()
    html = parse(client.get(lv_url))
    assert html.select(".notice--translation")
    assert html.find("main")["lang"] == "uk"
    assert html.find("h1").get_text(strip=True) == TITLE_UK

    # Neither shown nor listed in the languages it does not have.
    for code in ("en", "ru"):
        with translation.override(code):
            url = page.get_url()
        assert client.get(url).status_code == 404, code
    listed = {}
    for code in ("lv", "en", "ru", "uk"):
        with translation.override(code):
            index_url = tree.campaign_index.get_url()
            home_url = tree.home.get_url()
        listed[code] = (
            TITLE_UK in client.get(index_url).content.decode(),
            TITLE_UK in client.get(home_url).content.decode(),
        )
    assert listed == {
        "lv": (False, False),
        "en": (False, False),
        "ru": (False, False),
        "uk": (True, True),
    }
    # Found by the search in Ukrainian only.
    for code, found in (("uk", True), ("ru", False), ("en", False), ("lv", False)):
        html = client.get(f"/{code}/search/", {"q": "Польщі"}).content.decode()
        assert (TITLE_UK in html) is found, code
