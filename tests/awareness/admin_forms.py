"""Submitting Wagtail admin forms from tests as a browser would.

The edit and add views are fetched and their form read back from the HTML, so the tests send
what the real form holds (every translated column wagtail-modeltranslation adds). StreamFields
are the exception: the admin builds their inputs in JavaScript, so their data is given here.
"""

from __future__ import annotations

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from tests.awareness.factories import LANGUAGES, has_body


def read_form(response, form_id: str = "page-edit-form") -> dict[str, object]:
    assert response.status_code == 200, response.status_code
    query = querydict_from_html(response.content.decode(), form_id=form_id)
    data: dict[str, object] = {}
    for name in query:
        # Django writes a newline after <textarea>, which browsers drop.
        values = [value.removeprefix("\n") for value in query.getlist(name)]
        data[name] = values if len(values) > 1 else values[0]
    return data


def body_data(texts: dict[str, str]) -> dict[str, str]:
    """Body StreamField data for every language: one paragraph where `texts` has one, empty
    otherwise."""
    data: dict[str, str] = {}
    for language in LANGUAGES:
        blocks = []
        if language in texts:
            blocks.append(("paragraph", rich_text(f"<p>{texts[language]}</p>")))
        data.update(nested_form_data({f"body_{language}": streamfield(blocks)}))
    return data


def edit_form_data(client, page: Page, body: dict[str, str] | None = None, **changes) -> dict:
    """The page's edit form as the admin shows it, with `changes` applied."""
    data = read_form(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    if has_body(type(page.specific)):
        data.update(body_data(body or {}))
    data.update(changes)
    return data


def add_form_data(
    client, model: type[Page], parent: Page, body: dict[str, str] | None = None, **values
) -> dict:
    """The page's add form as the admin shows it, filled with `values`."""
    url = add_url(model, parent)
    data = read_form(client.get(url))
    if has_body(model):
        data.update(body_data(body or {}))
    data.update(values)
    return data


def add_url(model: type[Page], parent: Page) -> str:
    return reverse(
        "wagtailadmin_pages:add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )


def edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def assert_sent_to_login(response) -> None:
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def assert_refused(response) -> None:
    """Wagtail refuses a signed-in user without the permission with 403, or by sending them
    back to the dashboard with a message; never to the login page, never with the content."""
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    else:
        assert response.status_code == 403
