"""A hotline's number changes on the public site only when a second person approves it
(issue 17), in a real browser: an editor proposes a new number in the admin, the bar at the
top of a public page keeps the old one, a moderator (signed in in another browser context)
approves it, and the bar shows the new one.

The test has a server of its own (`serve_site`, the demo content): it changes the main
hotline, which the other e2e tests read from the shared server's demo data."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.e2e.conftest import E2EDatabase, serve_site, sign_in

NEW_NUMBER = "8000 7777"
BAR_HOTLINE = ".safety-bar__item--hotline .safety-bar__number"

CREATE_STAFF = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Site
from awareness.models import SafetySettings
users = {}
for username, group in (("e2e-safety-editor", "Editors"), ("e2e-safety-moderator", "Moderators")):
    user, _created = get_user_model().objects.get_or_create(username=username)
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=group))
    users[group] = {"username": username, "password": password}
hotline = SafetySettings.for_site(Site.objects.get(is_default_site=True)).main_hotline
result = {"users": users, "hotline": {"id": hotline.pk, "number": hotline.number}}
"""


@pytest.fixture(scope="module")
def safety_site(chromium_executable):
    with serve_site() as site:
        workdir = Path(tempfile.mkdtemp(prefix="lantern-e2e-safety-"))
        database = E2EDatabase(site.env, workdir / "helper.log")
        try:
            yield site, database.run(CREATE_STAFF, password="safety-e2e-password")
        finally:
            database.close()
            shutil.rmtree(workdir, ignore_errors=True)


def local_context(browser, site):
    context = browser.new_context(base_url=site.base_url)
    context.set_default_timeout(15_000)
    context.route(lambda url: not site.is_local(url), lambda route: route.abort())
    return context


def test_a_new_hotline_number_goes_live_only_when_a_moderator_approves(browser, safety_site):
    from playwright.sync_api import expect

    site, data = safety_site
    hotline = data["hotline"]
    home = site.first("homepage")["urls"][site.data["default_language"]]
    visitor_context = local_context(browser, site)
    editor_context = local_context(browser, site)
    moderator_context = local_context(browser, site)
    try:
        visitor = visitor_context.new_page()
        visitor.goto(home)
        expect(visitor.locator(BAR_HOTLINE)).to_have_text(hotline["number"])

        # The editor proposes a new number.
        editor = editor_context.new_page()
        sign_in(editor, data["users"]["Editors"])
        editor.wait_for_url(site.url("/admin/"))
        editor.goto(f"/admin/snippets/awareness/hotline/edit/{hotline['id']}/")
        editor.locator("input[name=number]").fill(NEW_NUMBER)
        editor.get_by_role("button", name="Save", exact=True).click()
        editor.wait_for_url(re.compile(r"/admin/safety/changes/\d+/$"))
        change_path = editor.url.removeprefix(site.base_url)
        expect(editor.locator("[data-field=number] [data-after]")).to_have_text(NEW_NUMBER)
        # Not for the editor to approve.
        expect(editor.get_by_role("button", name="Approve and publish")).to_have_count(0)

        visitor.reload()
        expect(visitor.locator(BAR_HOTLINE)).to_have_text(hotline["number"])

        # A moderator, in a browser of their own, approves it.
        moderator = moderator_context.new_page()
        sign_in(moderator, data["users"]["Moderators"])
        moderator.wait_for_url(site.url("/admin/"))
        moderator.goto(change_path)
        moderator.get_by_role("button", name="Approve and publish").click()
        moderator.wait_for_url(site.url("/admin/safety/changes/"))

        visitor.reload()
        expect(visitor.locator(BAR_HOTLINE)).to_have_text(NEW_NUMBER)
    finally:
        for context in (visitor_context, editor_context, moderator_context):
            context.close()
