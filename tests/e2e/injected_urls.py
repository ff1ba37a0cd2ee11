"""The site's routes and one admin page with an injection bug: a value marked safe that holds
a script, as stored data reaching a template unescaped would (tests/e2e/test_admin_csp.py)."""

from django.template.response import TemplateResponse
from django.urls import path
from django.utils.safestring import mark_safe

from wagtail.admin.auth import require_admin_access

from lantern.urls import urlpatterns as site_urlpatterns

INJECTED = "<script>window.__injected = 1</script>"


@require_admin_access
def injected(request):
    # The bug under test: data marked safe (never do this with what anybody typed).
    note = mark_safe(f"<p>A note someone saved.</p>{INJECTED}")  # noqa: S308
    return TemplateResponse(request, "e2e/injected.html", {"note": note})


urlpatterns = [path("admin/e2e-injected/", injected), *site_urlpatterns]
