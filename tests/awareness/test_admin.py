"""The Wagtail admin for the awareness content: every page type's edit, add and preview views,
the hotline snippet, the safety settings, scheduled publishing. These catch breakage between
Wagtail and wagtail-modeltranslation (both patch the same forms) on upgrades."""

import datetime
from unittest import mock

from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, Site

import pytest

from awareness import models
from tests.awareness.admin_forms import (
    add_form_data,
    add_url,
    assert_refused,
    assert_sent_to_login,
    edit_form_data,
    edit_url,
    read_form,
)
from tests.awareness.factories import (
    LANGUAGES,
    PAGE_NAMES,
    make_hotline,
    make_page,
    make_user,
    title_of,
)
from tests.html import parse

pytestmark = pytest.mark.django_db

ADD_CASES = [
    ("home", models.CampaignIndexPage),
    ("home", models.ArticleIndexPage),
    ("home", models.HelpPage),
    ("home", models.SafetyPage),
    ("campaign_index", models.CampaignPage),
    ("article_index", models.ArticlePage),
]


def translated_inputs(html, field: str) -> set[str]:
    return {
        element["name"]
        for element in html.find_all(["input", "textarea"])
        if element.get("name", "").startswith(f"{field}_")
    }


def grant(user, app_label: str, *codenames: str):
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames),
    )
    return user


def site_settings_url() -> str:
    site = Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=["awareness", "safetysettings", site.pk])


def safety_settings_url() -> str:
    """Where the stock settings view sends the safety settings: their proposal form."""
    site = Site.objects.get(is_default_site=True)
    return reverse("awareness_safety:settings", args=[site.pk])


# --- Page edit and add views ----------------------------------------------------------------


@pytest.mark.parametrize("name", [*PAGE_NAMES, "untranslated"])
def test_edit_view_renders_for_every_page_type(admin_client, tree, name):
    response = admin_client.get(edit_url(tree.page(name)))

    html = parse(response)
    # wagtail-modeltranslation's columns are all on the form, one per language.
    assert translated_inputs(html, "title") == {f"title_{code}" for code in LANGUAGES}
    assert translated_inputs(html, "slug") == {f"slug_{code}" for code in LANGUAGES}
    assert translated_inputs(html, "introduction") == {f"introduction_{c}" for c in LANGUAGES}
    title_lv = html.find("input", attrs={"name": "title_lv"})
    assert title_lv["value"] == tree.page(name).title_lv


@pytest.mark.parametrize(("parent", "model"), ADD_CASES)
def test_add_view_renders_for_every_page_type(admin_client, tree, parent, model):
    html = parse(admin_client.get(add_url(model, tree.page(parent))))

    assert translated_inputs(html, "title") == {f"title_{code}" for code in LANGUAGES}
    assert translated_inputs(html, "slug") == {f"slug_{code}" for code in LANGUAGES}


def test_there_is_only_ever_one_home_page(admin_client, tree):
    root = Page.get_first_root_node()

    assert not models.HomePage.can_create_at(root)
    assert_refused(admin_client.get(add_url(models.HomePage, root)))


def test_page_added_in_the_admin_is_served_in_every_language(admin_client, tree):
    values = {}
    for code in LANGUAGES:
        values[f"title_{code}"] = f"Admin-made {code}"
        values[f"slug_{code}"] = f"admin-made-{code}"
    data = add_form_data(
        admin_client,
        models.CampaignPage,
        tree.campaign_index,
        body={code: f"Admin body {code}" for code in LANGUAGES},
        audience="young_people",
        forms_of_exploitation=["sexual", "marriage"],
        **values,
        **{"action-publish": "action-publish"},
    )

    response = admin_client.post(add_url(models.CampaignPage, tree.campaign_index), data)

    assert response.status_code == 302, parse(response).select(".error-message")
    page = models.CampaignPage.objects.get(slug_lv="admin-made-lv")
    assert page.live
    assert page.forms_of_exploitation == ["sexual", "marriage"]
    admin_client.logout()
    for code in LANGUAGES:
        public = admin_client.get(f"/{code}/tci-{code}/admin-made-{code}/")
        main = parse(public).find("main")
        assert main.find("h1").get_text(strip=True) == f"Admin-made {code}"
        assert f"Admin body {code}" in main.get_text()


def test_publishing_an_edit_in_the_admin_updates_the_public_page(admin_client, client, tree):
    # An anonymous visitor has the page in the cache before the edit.
    assert client.get(tree.path("help", "uk"))["X-Cache"] == "miss"
    assert client.get(tree.path("help", "uk"))["X-Cache"] == "hit"
    data = edit_form_data(
        admin_client,
        tree.help,
        title_uk="Edited in the admin",
        **{"action-publish": "action-publish"},
    )

    response = admin_client.post(edit_url(tree.help), data)

    assert response.status_code == 302
    html = parse(client.get(tree.path("help", "uk")))
    assert html.find("h1").get_text(strip=True) == "Edited in the admin"
    # The other languages keep their own titles.
    assert parse(client.get(tree.path("help", "ru"))).find("h1").get_text(strip=True) == title_of(
        "thp", "ru"
    )


def test_page_edit_permission_in_three_steps(client, tree, admin_only, editor):
    url = edit_url(tree.campaign)

    assert_sent_to_login(client.get(url))

    client.force_login(admin_only)
    assert_refused(client.get(url))

    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_user_without_admin_access_is_sent_to_login(client, tree, outsider):
    client.force_login(outsider)

    assert_sent_to_login(client.get(edit_url(tree.campaign)))


# --- Hotline snippet ------------------------------------------------------------------------


def test_hotline_snippet_views_render(admin_client):
    hotline = make_hotline("tadm", number="8000 0042")

    listing = admin_client.get(reverse("wagtailsnippets_awareness_hotline:list"))
    assert "tadm LV hotline" in listing.content.decode()
    edit = parse(
        admin_client.get(reverse("wagtailsnippets_awareness_hotline:edit", args=[hotline.pk]))
    )
    assert translated_inputs(edit, "name") == {f"name_{code}" for code in LANGUAGES}
    assert admin_client.get(reverse("wagtailsnippets_awareness_hotline:add")).status_code == 200


def test_hotline_edited_in_the_admin_is_proposed(admin_client):
    # Saved only once another person approves it: tests/awareness/test_safety_changes.py.
    hotline = make_hotline("tadm", number="8000 0042")
    url = reverse("wagtailsnippets_awareness_hotline:edit", args=[hotline.pk])
    data = read_form(admin_client.get(url), form_id="w-editor-form")
    data.update(number="8000 0043", name_ru="Изменено")

    response = admin_client.post(url, data)

    assert response.status_code == 302
    change = models.SafetyChange.objects.get(hotline=hotline)
    assert (change.after["number"], change.after["name_ru"], change.after["name_lv"]) == (
        "8000 0043",
        "Изменено",
        "tadm LV hotline",
    )
    hotline.refresh_from_db()
    assert (hotline.number, hotline.name_ru) == ("8000 0042", "tadm RU hotline")


def test_hotline_edit_permission_in_three_steps(client, editor, admin_only):
    hotline = make_hotline()
    url = reverse("wagtailsnippets_awareness_hotline:edit", args=[hotline.pk])

    assert_sent_to_login(client.get(url))

    client.force_login(admin_only)
    assert_refused(client.get(url))

    client.force_login(grant(make_user("t-hotlines"), "awareness", "change_hotline"))
    assert client.get(url).status_code == 200


# --- Safety settings ------------------------------------------------------------------------


def test_safety_settings_edit_view_renders(admin_client):
    html = parse(admin_client.get(site_settings_url(), follow=True))

    assert html.find("input", attrs={"name": "emergency_number"})["value"] == "112"
    # The chat opening hours are edited inline.
    assert html.find("input", attrs={"name": "chat_hours-TOTAL_FORMS"}) is not None


def test_safety_settings_changed_in_the_admin_are_proposed(admin_client):
    # Saved only once another person approves them: tests/awareness/test_safety_changes.py.
    url = safety_settings_url()
    data = read_form(admin_client.get(url), form_id="w-editor-form")
    data["quick_exit_url"] = "https://example.org/weather"

    response = admin_client.post(url, data)

    assert response.status_code == 302
    change = models.SafetyChange.objects.get()
    assert change.after["quick_exit_url"] == "https://example.org/weather"
    site = Site.objects.get(is_default_site=True)
    assert models.SafetySettings.for_site(site).quick_exit_url != "https://example.org/weather"


def test_safety_settings_permission_in_three_steps(client, admin_only):
    url = site_settings_url()

    assert_sent_to_login(client.get(url))

    client.force_login(admin_only)
    assert_refused(client.get(url))

    client.force_login(grant(make_user("t-settings"), "awareness", "change_safetysettings"))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == safety_settings_url()
    assert client.get(safety_settings_url()).status_code == 200


# --- Preview --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_preview_shows_unsaved_changes_for_every_page_type(admin_client, client, tree, name):
    page = tree.page(name)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = edit_form_data(admin_client, page, body={"lv": "Preview body"}, title_lv="Preview title")

    posted = admin_client.post(url, data)
    assert posted.status_code == 200
    assert posted.json()["is_valid"] is True
    response = admin_client.get(url)

    html = parse(response)
    assert html.find("h1").get_text(strip=True) == "Preview title"
    if name != "campaign_index" and name != "article_index":
        assert "Preview body" in html.find("main").get_text()
    # A preview is never cached, and leaves the live page as it was.
    assert "X-Cache" not in response
    public = parse(client.get(tree.path(name, "lv")))
    assert public.find("h1").get_text(strip=True) == title_of(tree.keys[name], "lv")


def test_preview_may_be_framed_by_the_admin_only(admin_client, tree):
    """The admin shows previews in an iframe on its own origin; public pages may never be
    framed."""
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[tree.campaign.pk])
    admin_client.post(url, edit_form_data(admin_client, tree.campaign))

    response = admin_client.get(url)

    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in csp
    assert "frame-ancestors 'none'" not in csp
    assert "'unsafe-inline'" not in csp
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_preview_permission_in_three_steps(client, tree, admin_only, editor):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[tree.campaign.pk])

    assert_sent_to_login(client.get(url))

    client.force_login(admin_only)
    assert_refused(client.get(url))

    client.force_login(editor)
    posted = client.post(url, edit_form_data(client, tree.campaign, title_lv="Editor preview"))
    assert posted.json()["is_valid"] is True
    assert "Editor preview" in client.get(url).content.decode()


# --- Scheduled publishing -------------------------------------------------------------------


def later(**delta) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(**delta)


def run_publish_scheduled_at(moment: datetime.datetime) -> None:
    with mock.patch("django.utils.timezone.now", return_value=moment):
        call_command("publish_scheduled", verbosity=0)


def test_publishing_scheduled_in_the_admin_waits_for_its_time(admin_client, client, tree):
    draft = make_page(tree.campaign_index, models.CampaignPage, "tsched", publish=False)
    go_live = timezone.localtime(later(hours=1)).replace(second=0, microsecond=0)
    data = edit_form_data(
        admin_client,
        draft,
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
        **{"action-publish": "action-publish"},
    )

    assert admin_client.post(edit_url(draft), data).status_code == 302

    draft.refresh_from_db()
    assert not draft.live
    assert draft.go_live_at == go_live
    scheduled = draft.revisions.get(approved_go_live_at__isnull=False)
    assert scheduled.approved_go_live_at == go_live
    assert client.get("/lv/tci-lv/tsched-lv/").status_code == 404

    # Running the command before the time changes nothing.
    run_publish_scheduled_at(go_live - datetime.timedelta(minutes=1))
    draft.refresh_from_db()
    assert not draft.live

    run_publish_scheduled_at(go_live + datetime.timedelta(minutes=1))
    draft.refresh_from_db()
    assert draft.live
    response = client.get("/ru/tci-ru/tsched-ru/")
    assert parse(response).find("h1").get_text(strip=True) == title_of("tsched", "ru")


def test_scheduled_change_to_a_live_page_keeps_the_old_text_until_its_time(client, tree):
    page = tree.article
    page.title_en = "Scheduled title"
    page.go_live_at = later(days=1)
    page.save_revision().publish()

    assert parse(client.get(tree.path("article", "en"))).find("h1").get_text(
        strip=True
    ) == title_of("tar", "en")

    run_publish_scheduled_at(later(days=1, minutes=1))

    assert (
        parse(client.get(tree.path("article", "en"))).find("h1").get_text(strip=True)
        == "Scheduled title"
    )


@pytest.mark.parametrize("group_name", ["Editors", "Moderators"])
def test_editors_and_moderators_manage_hotlines(client, django_user_model, group_name):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(f"hotline-{group_name}", password="x")
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    hotline = models.Hotline.objects.first()
    response = client.get(f"/admin/snippets/awareness/hotline/edit/{hotline.pk}/")
    assert response.status_code == 200
