"""The Wagtail admin for the help directory and the self-check: the help service snippet's
views (translated columns, saving, permissions in three steps, Editors and Moderators), and
the edit and add views of both page types, including the self-check's translated questions."""

from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation

import pytest

from awareness import models
from tests.awareness.admin_forms import (
    add_url,
    assert_refused,
    assert_sent_to_login,
    edit_url,
    read_form,
)
from tests.awareness.factories import (
    LANGUAGES,
    make_page,
    make_self_check,
    make_service,
    make_user,
)
from tests.html import parse

pytestmark = pytest.mark.django_db

TRANSLATED_SERVICE_FIELDS = ("name", "address", "hours", "languages", "description")


def inputs(html, prefix: str) -> set[str]:
    return {
        element["name"]
        for element in html.find_all(["input", "textarea", "select"])
        if element.get("name", "").startswith(prefix)
    }


def service_url(action: str, *args) -> str:
    return reverse(f"wagtailsnippets_awareness_helpservice:{action}", args=args)


# --- Help service snippet -------------------------------------------------------------------


def test_help_service_snippet_views_render(admin_client):
    service = make_service("tadm", area="cesis")

    listing = admin_client.get(service_url("list"))
    assert "tadm LV service" in listing.content.decode()
    edit = parse(admin_client.get(service_url("edit", service.pk)))
    for field in TRANSLATED_SERVICE_FIELDS:
        assert inputs(edit, f"{field}_") == {f"{field}_{code}" for code in LANGUAGES}, field
    area = edit.find("select", attrs={"name": "area"})
    assert area.find("option", selected=True)["value"] == "cesis"
    assert len(area.find_all("optgroup")) == 5
    assert edit.find("select", attrs={"name": "kind"}) is not None
    assert edit.find("input", attrs={"name": "anonymous"}) is not None
    assert admin_client.get(service_url("add")).status_code == 200


def test_help_service_edited_in_the_admin_is_saved_and_shown(admin_client, client, tree):
    models.HelpService.objects.all().delete()
    page = make_page(tree.home, models.HelpDirectoryPage, "tdir")
    with translation.override("uk"):
        public = page.url
    service = make_service("tadm", area="cesis")
    assert client.get(public)["X-Cache"] == "miss"
    assert client.get(public)["X-Cache"] == "hit"
    url = service_url("edit", service.pk)
    data = read_form(admin_client.get(url), form_id="w-editor-form")
    data.update(name_uk="Змінено", area="region-latgale", phone="8000 0088")

    response = admin_client.post(url, data)

    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.name_uk, service.name_lv, service.area, service.phone) == (
        "Змінено",
        "tadm LV service",
        "region-latgale",
        "8000 0088",
    )
    assert "Змінено" in parse(client.get(public)).select_one("main .services").get_text()


def test_a_help_service_needs_a_known_place_and_kind(admin_client):
    service = make_service("tadm")
    url = service_url("edit", service.pk)
    data = read_form(admin_client.get(url), form_id="w-editor-form")
    data.update(area="varaklani", kind="astrologer")

    response = admin_client.post(url, data)

    assert response.status_code == 200  # the form again, with its errors
    service.refresh_from_db()
    assert (service.area, service.kind) == ("country", "ngo")


def test_help_service_edit_permission_in_three_steps(client, admin_only):
    url = service_url("edit", make_service().pk)

    assert_sent_to_login(client.get(url))

    client.force_login(admin_only)
    assert_refused(client.get(url))

    user = make_user("t-services")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="awareness", codename="change_helpservice"),
    )
    client.force_login(user)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("group_name", ["Editors", "Moderators"])
def test_editors_and_moderators_manage_help_services(client, group_name):
    user = make_user(f"t-services-{group_name}", groups=(group_name,))
    client.force_login(user)
    service = make_service()

    assert client.get(service_url("edit", service.pk)).status_code == 200
    assert client.get(service_url("add")).status_code == 200
    for codename in ("add_helpservice", "change_helpservice", "delete_helpservice"):
        assert user.has_perm(f"awareness.{codename}")
    assert (
        not Group.objects.get(name="Chat operators")
        .permissions.filter(codename="change_helpservice")
        .exists()
    )


# --- The two page types ---------------------------------------------------------------------


def test_directory_page_edit_and_add_views_render(admin_client, tree):
    page = make_page(tree.home, models.HelpDirectoryPage, "tdir")

    html = parse(admin_client.get(edit_url(page)))
    for field in ("title", "slug", "introduction"):
        assert inputs(html, f"{field}_") == {f"{field}_{code}" for code in LANGUAGES}
    assert html.find("input", attrs={"name": "title_ru"})["value"] == "tdir RU title"
    add = parse(admin_client.get(add_url(models.HelpDirectoryPage, tree.home)))
    assert inputs(add, "title_") == {f"title_{code}" for code in LANGUAGES}


def test_self_check_edit_view_shows_translated_questions(admin_client, tree):
    page = make_self_check(tree.home)

    html = parse(admin_client.get(edit_url(page)))

    for field in ("title", "introduction", "result_signs", "result_unsure", "result_no_signs"):
        assert inputs(html, f"{field}_") == {f"{field}_{code}" for code in LANGUAGES}, field
    for field in ("question", "yes_means"):
        assert inputs(html, f"questions-0-{field}_") == {
            f"questions-0-{field}_{code}" for code in LANGUAGES
        }
    assert html.find("input", attrs={"name": "questions-TOTAL_FORMS"})["value"] == "2"
    assert html.find("input", attrs={"name": "questions-1-question_uk"})["value"] == (
        "tsc UK question 2"
    )
    add = parse(admin_client.get(add_url(models.SelfCheckPage, tree.home)))
    assert inputs(add, "result_signs_") == {f"result_signs_{code}" for code in LANGUAGES}


def test_a_question_edited_in_the_admin_is_published_in_its_language(admin_client, client, tree):
    page = make_self_check(tree.home)
    data = read_form(admin_client.get(edit_url(page)))
    data.update(
        {"questions-0-question_ru": "Изменённый вопрос", "action-publish": "action-publish"}
    )

    assert admin_client.post(edit_url(page), data).status_code == 302

    with translation.override("ru"):
        public = page.url
    questions = parse(client.get(public)).select("main [data-question-text]")
    assert [q.get_text(strip=True) for q in questions] == [
        "Изменённый вопрос",
        "tsc RU question 2",
    ]


def test_both_page_types_go_under_the_home_page_only(tree):
    for model in (models.HelpDirectoryPage, models.SelfCheckPage):
        assert model.can_create_at(tree.home)
        assert not model.can_create_at(tree.campaign_index)
        assert not model.can_create_at(tree.help)
