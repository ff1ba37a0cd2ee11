"""An editor writes a page in Ukrainian first, in the Wagtail admin; a moderator approves it
(issue 19). Visitors find it in Ukrainian; Latvian says it is not yet translated; Russian and
English neither list nor show it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, describe_violations, sign_in

pytestmark = pytest.mark.browser

TITLE = "Сезонна робота в Латвії: ваші права"
INTRO = "Що має бути в договорі ще до від’їзду."

STAFF = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile
users = {}
for username, group in (("e2e-uk-editor", "Editors"), ("e2e-uk-moderator", "Moderators")):
    user, _created = get_user_model().objects.get_or_create(username=username)
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=group))
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    users[group] = {"username": username, "password": password}
result = users
"""


def test_a_page_written_in_ukrainian_first_goes_through_moderation(
    new_context, e2e_site, e2e_db, axe
):
    users = e2e_db.run(STAFF, password="language-first-e2e-password")
    index = e2e_site.first("campaignindexpage")

    editor = new_context().new_page()
    sign_in(editor, users["Editors"])
    editor.wait_for_url(e2e_site.url("/admin/"))
    editor.goto(f"/admin/pages/add/awareness/campaignpage/{index['id']}/")
    # The admin's language picker (wagtail-modeltranslation) shows the Latvian fields; the
    # editor shows the Ukrainian ones, and hides the Latvian.
    picker = editor.locator(".locale-picker button.locale-toggle")
    picker.filter(has_text=re.compile(r"^uk$")).click()
    picker.filter(has_text=re.compile(r"^lv$")).click()
    title = editor.locator("input[name=title_uk]")
    expect(title).to_be_visible()
    expect(editor.locator("input[name=title_lv]")).to_be_hidden()
    title.fill(TITLE)
    editor.locator("textarea[name=introduction_uk], input[name=introduction_uk]").fill(INTRO)
    editor.locator("select[name=audience]").select_option("labour_migrants")
    editor.get_by_role("button", name="More actions", exact=True).click()
    editor.get_by_role("button", name=re.compile("Submit to Moderators approval", re.I)).click()
    expect(editor.locator(".messages")).to_contain_text(re.compile("submitted", re.I))

    page_id = e2e_db.run(
        "from awareness.models import CampaignPage\n"
        "result = CampaignPage.objects.get(title_uk=title).pk",
        title=TITLE,
    )
    moderator = new_context().new_page()
    sign_in(moderator, users["Moderators"])
    moderator.wait_for_url(e2e_site.url("/admin/"))
    moderator.goto(f"/admin/pages/{page_id}/edit/")
    moderator.get_by_role("button", name="More actions", exact=True).click()
    moderator.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(moderator.locator(".messages")).to_contain_text(
        re.compile("approved|published|updated", re.I)
    )

    published = e2e_db.run(
        "from awareness.models import CampaignPage\n"
        "from django.utils import translation\n"
        "page = CampaignPage.objects.get(pk=pk)\n"
        "urls = {}\n"
        "for code in ('lv', 'en', 'ru', 'uk'):\n"
        "    with translation.override(code):\n"
        "        urls[code] = page.get_url()\n"
        "result = {'live': page.live, 'title_lv': page.title_lv or '', 'urls': urls}",
        pk=page_id,
    )
    assert published["live"] and published["title_lv"] == ""
    urls = published["urls"]
    assert re.fullmatch(r"/uk/[a-z0-9-]+/[a-z0-9-]+/", urls["uk"]), urls["uk"]

    visitor = new_context().new_page()
    # In Ukrainian: listed, shown, axe-clean, offered in Ukrainian and Latvian only.
    visitor.goto(e2e_site.first("campaignindexpage")["urls"]["uk"])
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.locator("h1")).to_have_text(TITLE)
    expect(visitor.locator(".notice--translation")).to_have_count(0)
    hreflangs = visitor.locator(".language-switcher a").evaluate_all(
        "links => links.map(link => link.hreflang)"
    )
    assert sorted(hreflangs) == ["lv", "uk"]
    violations = axe_violations(axe, visitor)
    assert not violations, describe_violations(violations)
    # In Latvian: the page says it is not yet translated, its text marked Ukrainian.
    visitor.goto(urls["lv"])
    expect(visitor.locator("h1")).to_have_text(TITLE)
    expect(visitor.locator(".notice--translation")).to_be_visible()
    expect(visitor.locator("main")).to_have_attribute("lang", "uk")
    violations = axe_violations(axe, visitor)
    assert not violations, describe_violations(violations)
    # In Russian: neither listed nor shown.
    visitor.goto(e2e_site.first("campaignindexpage")["urls"]["ru"])
    expect(visitor.get_by_role("link", name=TITLE)).to_have_count(0)
    assert visitor.goto(urls["ru"]).status == 404
