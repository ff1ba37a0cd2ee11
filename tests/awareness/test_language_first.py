"""Pages written in any of the four languages (issue 19): every language's slug is in Latin
letters, made from that language's title."""

from __future__ import annotations

import re

from django.test import Client

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
