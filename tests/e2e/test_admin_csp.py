"""The admin's own scripts run under its Content-Security-Policy (no violation on its main
pages), and a script that reaches an admin page any other way does not (lantern.script_nonce:
the nonce goes to the scripts templates and Wagtail's code write, never to the response as a
whole)."""

import subprocess
import sys

import pytest

from tests.e2e.conftest import PAGE_TYPES, REPO, serve_site, sign_in

pytestmark = pytest.mark.browser

PASSWORD = "csp-admin-e2e-password"  # noqa: S105

ADMIN_PATHS = """
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site
from awareness.models import HelpService, Hotline
user, _created = get_user_model().objects.get_or_create(username="e2e-csp-admin")
user.is_superuser = True
user.set_password(password)
user.save()
finder = AdminURLFinder(user)
site = Site.objects.get(is_default_site=True)
paths = {
    "dashboard": reverse("wagtailadmin_home"),
    "settings": reverse("wagtailsettings:edit", args=["awareness", "safetysettings", site.pk]),
    "hotline": finder.get_edit_url(Hotline.objects.first()),
    "help service": finder.get_edit_url(HelpService.objects.first()),
    "images": reverse("wagtailimages:index"),
    "documents": reverse("wagtaildocs:index"),
    "users": reverse("wagtailusers_users:index"),
    "user": reverse("wagtailusers_users:edit", args=[user.pk]),
    "chat console": reverse("chat_console"),
    "referral queue": reverse("referral_queue:index"),
    "statistics": reverse("referrals_statistics"),
}
image = get_image_model().objects.first()
if image is not None:
    paths["image"] = finder.get_edit_url(image)
document = get_document_model().objects.first()
if document is not None:
    paths["document"] = finder.get_edit_url(document)
for page_id in page_ids:
    paths[f"page {page_id}"] = reverse("wagtailadmin_pages:edit", args=[page_id])
result = {"user": {"username": user.username, "password": password}, "paths": paths}
"""

REPORT_VIOLATIONS = (
    "document.addEventListener('securitypolicyviolation', event => console.error("
    "'CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI + ' ' + "
    "(event.sample || '')));"
)
# Chromium's own console message for a refused script. (Inline styles are another matter:
# Wagtail's scripts set some, which this policy refuses; they change no behaviour.)
SCRIPT_REFUSED = "Refused to execute"
INJECTED = "<script>window.__injected = 1</script>"


@pytest.fixture(scope="module")
def admin(e2e_site, e2e_db):
    page_ids = [e2e_site.first(page_type)["id"] for page_type in PAGE_TYPES]
    return e2e_db.run(ADMIN_PATHS, password=PASSWORD, page_ids=page_ids)


def signed_in_page(new_context, admin):
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and ("CSP violation: script-src" in message.text or SCRIPT_REFUSED in message.text)
            and problems.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.add_init_script(REPORT_VIOLATIONS)
    sign_in(page, admin["user"])
    page.wait_for_url("**/admin/")
    return page, problems


def test_the_admins_own_scripts_run_without_csp_violations(new_context, admin):
    page, problems = signed_in_page(new_context, admin)
    report = []
    for name, path in admin["paths"].items():
        response = page.goto(path)
        assert response is not None and response.status == 200, (name, path)
        page.wait_for_load_state("networkidle")
        if problems:
            report.append(f"{name} ({path}): " + "\n  ".join(problems))
            problems.clear()
        if name.startswith("page "):
            # wagtail-modeltranslation's settings, an inline script written by its editor
            # hook: proof that the admin's own inline scripts run.
            assert page.evaluate("typeof window.wagtailModelTranslations") == "object", path
    assert not report, "\n".join(report)


def inject_into_admin_html(route):
    response = route.fetch()
    if "text/html" not in (response.headers.get("content-type") or ""):
        return route.fulfill(response=response)
    body = response.text().replace("</body>", INJECTED + "</body>", 1)
    return route.fulfill(response=response, body=body)


@pytest.mark.parametrize("name", ["dashboard", "hotline", "page edit", "users"])
def test_a_script_injected_into_an_admin_page_does_not_run(new_context, admin, name):
    page, problems = signed_in_page(new_context, admin)
    paths = admin["paths"]
    path = (
        paths[name] if name in paths else next(p for n, p in paths.items() if n.startswith("page "))
    )
    page.route("**/admin/**", inject_into_admin_html)

    response = page.goto(path)

    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    assert INJECTED in page.content()
    assert page.evaluate("typeof window.__injected") == "undefined"
    assert any("script-src" in problem for problem in problems), problems


@pytest.fixture(scope="module")
def injected_site():
    """A server of its own whose URLs add an admin page with an injection bug (a value marked
    safe holding a script: tests/e2e/injected_urls.py)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LANTERN_E2E_SETTINGS", "tests.e2e.injected_settings")
        with serve_site() as site:
            yield site


def test_a_script_in_an_admin_pages_data_does_not_run_where_the_templates_own_does(
    browser, injected_site
):
    """The server itself writes the injected script into the page: a nonce given to every
    `<script>` of the response would have let it run; the template's own script still does."""
    password = injected_site_admin(injected_site)
    context = browser.new_context(base_url=injected_site.base_url)
    try:
        page = context.new_page()
        problems: list[str] = []
        page.on(
            "console", lambda message: message.type == "error" and problems.append(message.text)
        )
        page.add_init_script(REPORT_VIOLATIONS)
        sign_in(page, {"username": "e2e-injected-admin", "password": password})
        page.wait_for_url("**/admin/")

        response = page.goto("/admin/e2e-injected/")

        assert response is not None and response.status == 200
        page.wait_for_load_state("networkidle")
        assert INJECTED in page.content()
        assert page.evaluate("typeof window.__injected") == "undefined"
        assert page.evaluate("window.__own") == 1
        assert any("script-src" in problem for problem in problems), problems
    finally:
        context.close()


def injected_site_admin(site) -> str:
    password = "injected-admin-e2e-password"  # noqa: S105
    code = (
        "from django.contrib.auth import get_user_model\n"
        "get_user_model().objects.create_superuser("
        f"'e2e-injected-admin', 'injected@example.org', {password!r})\n"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        env=site.env,
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return password
