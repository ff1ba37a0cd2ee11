"""The CSP nonce goes to the inline scripts written in templates (and by Wagtail's code), never
to a `<script>` that arrives inside rendered data (lantern.script_nonce)."""

import re

from django.shortcuts import render
from django.test import override_settings
from django.urls import path
from django.utils.safestring import mark_safe

import pytest
from bs4 import BeautifulSoup

from lantern import script_nonce
from lantern import urls as site_urls
from tests.lantern.test_headers import csp_directives

pytestmark = pytest.mark.django_db

INJECTED = "<script>window.__injected = 1</script>"
PROBE_TEMPLATE = (
    "<h1>{{ title }}</h1><div>{{ body }}</div>"
    "<script>window.own = 1;</script>"
    '<script type="application/json" id="data">{}</script>'
    '<script src="/static/x.js"></script>'
)


def probe(request):
    # Data that reached the page marked safe: rendered markup, a field someone forgot to
    # escape. Its script must not run.
    return render(request, "probe.html", {"title": INJECTED, "body": mark_safe(INJECTED)})  # noqa: S308


urlpatterns = [path("admin/probe/", probe), *site_urls.urlpatterns]


@pytest.fixture
def probe_templates(tmp_path, settings):
    (tmp_path / "probe.html").write_text(PROBE_TEMPLATE)
    templates = [dict(settings.TEMPLATES[0])]
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    with override_settings(TEMPLATES=templates, ROOT_URLCONF=__name__):
        yield


def policy_nonce(response) -> str:
    nonces = [
        source.removeprefix("'nonce-").removesuffix("'")
        for source in csp_directives(response)["script-src"]
        if source.startswith("'nonce-")
    ]
    assert len(nonces) == 1, nonces
    return nonces[0]


def executable_inline_scripts(response) -> list:
    html = BeautifulSoup(response.content.decode(), "html.parser")
    return [
        script
        for script in html.find_all("script")
        if not script.get("src") and script.get("type") != "application/json"
    ]


def test_a_script_inside_rendered_data_gets_no_nonce_while_the_templates_own_does(
    client, superuser, probe_templates
):
    client.force_login(superuser)
    response = client.get("/admin/probe/")

    assert response.status_code == 200
    nonce = policy_nonce(response)
    scripts = {
        script.get_text(): script.get("nonce") for script in executable_inline_scripts(response)
    }
    assert scripts == {"window.own = 1;": nonce, "window.__injected = 1": None}
    # Escaped data stays text, as before.
    assert "&lt;script&gt;window.__injected" in response.content.decode()
    html = BeautifulSoup(response.content.decode(), "html.parser")
    assert html.find("script", id="data").get("nonce") is None
    assert html.find("script", src="/static/x.js").get("nonce") is None


def test_template_source_is_rewritten_for_inline_scripts_only():
    source = (
        '<script>a()</script><SCRIPT type="module">b()</SCRIPT>'
        '<script src="{% static "x.js" %}"></script>'
        '<script nonce="{{ n }}">c()</script>'
        '<script type="application/json">{}</script>'
        "<script{% if x > 1 %} defer{% endif %}>d()</script>"
        "<scripts></scripts>"
        "{% hook_output 'insert_editor_js' %}{% hook_output 'insert_global_admin_css' %}"
    )
    rewritten = script_nonce.add_nonce_tags(source)

    tag = script_nonce.NONCE_ATTRIBUTE
    assert rewritten == (
        f'<script {tag}>a()</script><script {tag} type="module">b()</SCRIPT>'
        '<script src="{% static "x.js" %}"></script>'
        '<script nonce="{{ n }}">c()</script>'
        '<script type="application/json">{}</script>'
        f"<script {tag}{{% if x > 1 %}} defer{{% endif %}}>d()</script>"
        "<scripts></scripts>"
        "{% lantern_script_hook_output 'insert_editor_js' %}"
        "{% hook_output 'insert_global_admin_css' %}"
    )


def test_admin_inline_scripts_carry_the_policys_nonce(client, tree, superuser):
    """Wagtail's admin writes inline scripts: templates' own (date choosers), its chooser
    widgets' (Python), and the editor hooks' (wagtail-modeltranslation's settings). Each
    carries the response's nonce; without it a browser would refuse them under this policy."""
    client.force_login(superuser)
    response = client.get(f"/admin/pages/{tree.campaign.pk}/edit/")

    nonce = policy_nonce(response)
    scripts = executable_inline_scripts(response)
    texts = " ".join(script.get_text() for script in scripts)
    for expected in ("initDateTimeChooser(", "Chooser(", "wagtailModelTranslations"):
        assert expected in texts, expected
    for script in scripts:
        assert script.get("nonce") == nonce, script.get_text()[:80]


def test_public_pages_never_use_the_nonce(client, tree):
    response = client.get(tree.path("campaign", "en"))

    assert response.status_code == 200
    assert "nonce-" not in response["Content-Security-Policy"]
    assert not re.search(rb"<script[^>]*nonce=", response.content)


def test_outside_a_request_the_tag_writes_an_empty_nonce():
    assert script_nonce.request_nonce() == ""
    assert str(script_nonce.nonce_scripts("<script>x()</script>")) == "<script>x()</script>"
