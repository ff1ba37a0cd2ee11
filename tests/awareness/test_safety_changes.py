"""Life-safety settings change only with a second person's approval (issue 17).

A hotline (every field, its creation, its deletion) and the safety settings (emergency number,
main hotline, quick-exit destination, chat opening hours) are changed in the admin by a
proposal that another person with `awareness.approve_safety_change` approves; every step is
in the audit log with the values before and after, and the approvers are emailed."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from wagtail.models import ModelLogEntry, Site
from wagtail.users.models import UserProfile

import pytest

from awareness import models, safety
from tests.awareness.admin_forms import assert_refused, assert_sent_to_login, read_form
from tests.awareness.factories import make_hotline, make_user
from tests.html import parse

pytestmark = pytest.mark.django_db

NEW_NUMBER = "8000 7777"


def signed_in(user) -> Client:
    """A browser signed in as `user`, whose admin speaks English (the tests read its texts)."""
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    client = Client()
    client.force_login(user)
    return client


def site() -> Site:
    return Site.objects.get(is_default_site=True)


def live_settings() -> models.SafetySettings:
    return models.SafetySettings.objects.get(site=site())


def main_hotline() -> models.Hotline:
    return live_settings().main_hotline


def hotline_edit_url(hotline) -> str:
    return reverse("wagtailsnippets_awareness_hotline:edit", args=[hotline.pk])


def settings_url() -> str:
    return reverse("awareness_safety:settings", args=[site().pk])


def stock_settings_url() -> str:
    return reverse("wagtailsettings:edit", args=["awareness", "safetysettings", site().pk])


def approve_url(change) -> str:
    return reverse("awareness_safety:approve", args=[change.pk])


def reject_url(change) -> str:
    return reverse("awareness_safety:reject", args=[change.pk])


def bar_hotline_number(client: Client, tree) -> str:
    html = parse(client.get(tree.path("help", "en")))
    return html.select_one(".safety-bar__item--hotline .safety-bar__number").get_text(strip=True)


def propose_hotline(user, hotline, **changes) -> models.SafetyChange:
    client = signed_in(user)
    url = hotline_edit_url(hotline)
    data = read_form(client.get(url), form_id="w-editor-form")
    # A checked box without a value attribute is sent as "on" by browsers; the form reader
    # leaves it empty.
    data["is_free"] = "on" if hotline.is_free else ""
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, parse(response).select(".error-message")
    change = models.SafetyChange.objects.pending().get()
    assert response["Location"] == reverse("awareness_safety:change", args=[change.pk])
    return change


def propose_settings(user, **changes) -> models.SafetyChange:
    client = signed_in(user)
    data = read_form(client.get(settings_url()), form_id="w-editor-form")
    data.update(changes)
    response = client.post(settings_url(), data)
    assert response.status_code == 302, parse(response).select(".error-message")
    return models.SafetyChange.objects.pending().get()


def log_entries(change, action: str):
    return ModelLogEntry.objects.filter(
        content_type__app_label="awareness",
        content_type__model="safetychange",
        object_id=str(change.pk),
        action=action,
    )


@pytest.fixture
def email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    return mail.outbox


# --- A hotline's number -----------------------------------------------------------------------


def test_editors_hotline_number_change_does_not_go_live_and_is_proposed(client, tree, editor):
    hotline = main_hotline()
    old = hotline.number
    assert bar_hotline_number(client, tree) == old

    change = propose_hotline(editor, hotline, number=NEW_NUMBER)

    hotline.refresh_from_db()
    assert hotline.number == old
    assert bar_hotline_number(client, tree) == old
    assert change.subject == models.SafetyChange.Subject.HOTLINE
    assert change.hotline == hotline
    assert change.proposed_by == editor
    assert (change.before["number"], change.after["number"]) == (old, NEW_NUMBER)
    assert [row["field"] for row in safety.differences(change)] == ["number"]
    entry = log_entries(change, safety.PROPOSED).get()
    assert entry.user == editor
    assert (entry.data["before"]["number"], entry.data["after"]["number"]) == (old, NEW_NUMBER)


def test_the_proposer_cannot_approve_their_own_change(tree, moderator, superuser):
    hotline = main_hotline()
    for proposer in (moderator, superuser):
        change = propose_hotline(proposer, hotline, number=NEW_NUMBER)

        assert_refused(signed_in(proposer).post(approve_url(change)))

        change.refresh_from_db()
        assert change.is_pending
        hotline.refresh_from_db()
        assert hotline.number != NEW_NUMBER
        # The page offers them no button either.
        page = parse(signed_in(proposer).get(reverse("awareness_safety:change", args=[change.pk])))
        assert page.find("form", attrs={"action": approve_url(change)}) is None
        change.delete()


def test_an_editor_may_not_approve(tree, editor, superuser):
    change = propose_hotline(superuser, main_hotline(), number=NEW_NUMBER)

    assert_refused(signed_in(editor).post(approve_url(change)))
    change.refresh_from_db()
    assert change.is_pending


def test_a_moderator_approves_and_it_goes_live_with_an_audit_entry(client, tree, editor, moderator):
    hotline = main_hotline()
    old = hotline.number
    change = propose_hotline(editor, hotline, number=NEW_NUMBER)
    assert bar_hotline_number(client, tree) == old  # and now cached

    response = signed_in(moderator).post(approve_url(change))

    assert response.status_code == 302
    hotline.refresh_from_db()
    assert hotline.number == NEW_NUMBER
    assert bar_hotline_number(client, tree) == NEW_NUMBER
    change.refresh_from_db()
    assert change.status == models.SafetyChange.Status.APPROVED
    assert change.decided_by == moderator
    entry = log_entries(change, safety.APPROVED).get()
    assert entry.user == moderator
    assert entry.data["before"]["number"] == old
    assert entry.data["after"]["number"] == NEW_NUMBER


def test_rejection_leaves_the_hotline_unchanged(client, tree, editor, moderator):
    hotline = main_hotline()
    old = hotline.number
    change = propose_hotline(editor, hotline, number=NEW_NUMBER)

    response = signed_in(moderator).post(reject_url(change))

    assert response.status_code == 302
    hotline.refresh_from_db()
    assert hotline.number == old
    assert bar_hotline_number(client, tree) == old
    change.refresh_from_db()
    assert change.status == models.SafetyChange.Status.REJECTED
    assert log_entries(change, safety.REJECTED).get().user == moderator
    # Decided once: it cannot be approved afterwards.
    signed_in(moderator).post(approve_url(change))
    hotline.refresh_from_db()
    assert hotline.number == old


def test_a_stale_proposal_is_refused(tree, editor, moderator, superuser):
    hotline = main_hotline()
    first = propose_hotline(editor, hotline, number=NEW_NUMBER)
    first_pk = first.pk
    # Another change to the same hotline is proposed and approved in between.
    first.status = models.SafetyChange.Status.REJECTED  # out of the way for the helper
    first.save()
    second = propose_hotline(superuser, hotline, number="8000 5555")
    models.SafetyChange.objects.filter(pk=first_pk).update(
        status=models.SafetyChange.Status.PENDING
    )
    signed_in(moderator).post(approve_url(second))
    hotline.refresh_from_db()
    assert hotline.number == "8000 5555"

    response = signed_in(moderator).post(approve_url(first))

    assert response.status_code == 302
    hotline.refresh_from_db()
    assert hotline.number == "8000 5555"
    first.refresh_from_db()
    assert first.status == models.SafetyChange.Status.STALE
    assert log_entries(first, safety.STALE).exists()
    assert not log_entries(first, safety.APPROVED).exists()


def test_moderators_are_emailed_on_proposal_and_approval(
    tree, editor, moderator, email, django_capture_on_commit_callbacks
):
    other = make_user("t-moderator-2", groups=("Moderators",))
    hotline = main_hotline()

    with django_capture_on_commit_callbacks(execute=True):
        change = propose_hotline(editor, hotline, number=NEW_NUMBER)

    told = {address for message in email for address in message.to}
    assert {moderator.email, other.email} <= told
    assert editor.email not in told  # the proposer knows
    assert any(NEW_NUMBER in message.body for message in email)
    assert all(
        reverse("awareness_safety:change", args=[change.pk]) in message.body for message in email
    )

    email.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(moderator).post(approve_url(change))

    told = {address for message in email for address in message.to}
    assert {other.email, editor.email} <= told
    assert moderator.email not in told  # the approver knows


def test_email_is_in_each_recipients_admin_language(
    tree, editor, moderator, email, django_capture_on_commit_callbacks, monkeypatch
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "ru"
    profile.save()
    make_user("t-moderator-2", groups=("Moderators",))  # no preference: the site's language

    # The catalogues are compiled at release; the language each email is rendered in is
    # what counts here.
    rendered_in = []
    render = safety.render_to_string

    def recording(template, context):
        rendered_in.append((template, translation.get_language()))
        return render(template, context)

    monkeypatch.setattr(safety, "render_to_string", recording)
    with django_capture_on_commit_callbacks(execute=True):
        propose_hotline(editor, main_hotline(), number=NEW_NUMBER)

    recipients = [message.to[0] for message in email]
    bodies = [language for template, language in rendered_in if template.endswith("body.txt")]
    assert dict(zip(recipients, bodies, strict=True))[moderator.email] == "ru"
    assert {
        language
        for address, language in zip(recipients, bodies, strict=True)
        if address != moderator.email
    } == {"lv"}


# --- Creating and deleting a hotline --------------------------------------------------------


def test_a_new_hotline_is_proposed_and_created_on_approval(client, tree, editor, moderator):
    editor_client = signed_in(editor)
    url = reverse("wagtailsnippets_awareness_hotline:add")
    data = read_form(editor_client.get(url), form_id="w-editor-form")
    data.update(number="8000 4242", name_lv="Jauna līnija", name_en="New line")

    response = editor_client.post(url, data)

    assert response.status_code == 302
    assert not models.Hotline.objects.filter(number="8000 4242").exists()
    change = models.SafetyChange.objects.pending().get()
    assert change.before is None and change.after["number"] == "8000 4242"

    signed_in(moderator).post(approve_url(change))

    hotline = models.Hotline.objects.get(number="8000 4242")
    assert hotline.name_en == "New line"
    change.refresh_from_db()
    assert change.hotline == hotline
    assert "8000 4242" in client.get(tree.path("help", "en")).content.decode()


def test_deleting_a_hotline_is_proposed_and_done_on_approval(editor, moderator):
    hotline = make_hotline("tdel", number="8000 0404")
    url = reverse("wagtailsnippets_awareness_hotline:delete", args=[hotline.pk])

    response = signed_in(editor).post(url)

    assert response.status_code == 302
    assert models.Hotline.objects.filter(pk=hotline.pk).exists()
    change = models.SafetyChange.objects.pending().get()
    assert change.after is None

    signed_in(moderator).post(approve_url(change))

    assert not models.Hotline.objects.filter(pk=hotline.pk).exists()
    assert log_entries(change, safety.APPROVED).get().data["before"]["number"] == "8000 0404"


def test_the_main_hotline_cannot_be_proposed_for_deletion(editor):
    hotline = main_hotline()
    url = reverse("wagtailsnippets_awareness_hotline:delete", args=[hotline.pk])

    signed_in(editor).post(url)

    assert models.Hotline.objects.filter(pk=hotline.pk).exists()
    assert not models.SafetyChange.objects.exists()


def test_no_other_admin_route_changes_a_hotline(editor):
    hotline = make_hotline("tblk", number="8000 0505")
    client = signed_in(editor)
    # The snippets' bulk deletion.
    bulk = (
        reverse("wagtail_bulk_action", args=["awareness", "hotline", "delete"])
        + f"?id={hotline.pk}"
    )
    client.post(bulk)
    assert models.Hotline.objects.filter(pk=hotline.pk).exists()
    # Copying would add one: there is no copy view.
    with pytest.raises(NoReverseMatch):
        reverse("wagtailsnippets_awareness_hotline:copy", args=[hotline.pk])
    # The chooser modal (where the main hotline is chosen) creates none.
    chooser_create = reverse("wagtailsnippetchoosers_awareness_hotline:create")
    assert_refused(client.post(chooser_create, {"number": "8000 0606"}))
    assert not models.Hotline.objects.filter(number="8000 0606").exists()
    assert models.Hotline.objects.filter(pk=hotline.pk).exists()
    assert not models.SafetyChange.objects.exists()


# --- The safety settings --------------------------------------------------------------------


def opening_hours() -> list[tuple[int, datetime.time, datetime.time]]:
    return sorted((h.weekday, h.opens, h.closes) for h in live_settings().chat_hours.all())


SETTINGS_CASES = {
    "quick_exit_url": (
        {"quick_exit_url": "https://example.org/weather"},
        lambda: live_settings().quick_exit_url == "https://example.org/weather",
    ),
    "emergency_number": (
        {"emergency_number": "113"},
        lambda: live_settings().emergency_number == "113",
    ),
    "chat_hours": (
        {"chat_hours-0-opens": "06:30"},
        lambda: datetime.time(6, 30) in {opens for _day, opens, _closes in opening_hours()},
    ),
}


@pytest.mark.parametrize("case", SETTINGS_CASES)
def test_safety_settings_change_only_when_another_person_approves(tree, moderator, superuser, case):
    changes, is_live = SETTINGS_CASES[case]
    before = safety.settings_values(live_settings())

    change = propose_settings(moderator, **changes)

    assert safety.settings_values(live_settings()) == before
    assert not is_live()
    assert change.before == before
    assert change.after[case] != before[case]
    assert_refused(signed_in(moderator).post(approve_url(change)))
    assert not is_live()

    signed_in(superuser).post(approve_url(change))

    assert is_live()
    entry = log_entries(change, safety.APPROVED).get()
    assert entry.data["before"][case] == before[case]
    assert entry.data["after"][case] == change.after[case]


def test_new_quick_exit_destination_reaches_the_pages_on_approval(
    client, tree, moderator, superuser
):
    change = propose_settings(moderator, quick_exit_url="https://example.org/weather")
    quick_exit = ".safety-bar [data-quick-exit]"
    html = parse(client.get(tree.path("help", "en")))
    assert html.select_one(quick_exit)["href"] != "https://example.org/weather"

    signed_in(superuser).post(approve_url(change))

    html = parse(client.get(tree.path("help", "en")))
    assert html.select_one(quick_exit)["href"] == "https://example.org/weather"


def test_a_stale_settings_proposal_is_refused(moderator, superuser):
    change = propose_settings(moderator, emergency_number="113")
    models.SafetySettings.objects.filter(pk=live_settings().pk).update(quick_exit_url="")

    signed_in(superuser).post(approve_url(change))

    assert live_settings().emergency_number == "112"
    change.refresh_from_db()
    assert change.status == models.SafetyChange.Status.STALE


def test_rejected_settings_change_leaves_the_settings(moderator, superuser):
    change = propose_settings(moderator, emergency_number="113")

    signed_in(superuser).post(reject_url(change))

    assert live_settings().emergency_number == "112"


def test_the_stock_settings_route_no_longer_changes_the_settings(moderator):
    client = signed_in(moderator)
    response = client.get(stock_settings_url())
    assert response.status_code == 302
    assert response["Location"] == settings_url()
    data = read_form(client.get(settings_url()), form_id="w-editor-form")
    data["quick_exit_url"] = "https://example.org/weather"

    response = client.post(stock_settings_url(), data)

    assert response.status_code == 302
    assert live_settings().quick_exit_url != "https://example.org/weather"
    assert not models.SafetyChange.objects.exists()


def test_an_unchanged_form_proposes_nothing(moderator):
    client = signed_in(moderator)
    data = read_form(client.get(settings_url()), form_id="w-editor-form")

    client.post(settings_url(), data)

    assert not models.SafetyChange.objects.exists()


# --- Seeing the changes ---------------------------------------------------------------------


def test_changes_awaiting_approval_are_listed_counted_and_on_the_dashboard(editor, moderator):
    change = propose_hotline(editor, main_hotline(), number=NEW_NUMBER)
    client = signed_in(moderator)

    listing = parse(client.get(reverse("awareness_safety:index")))
    row = listing.select_one(f"[data-change='{change.pk}'] [data-field='number']")
    assert row.select_one("[data-after]").get_text(strip=True) == NEW_NUMBER
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Safety changes (1)" in dashboard
    assert "1 safety change awaits approval" in dashboard


def test_the_site_history_shows_a_readable_message(editor, moderator, superuser):
    change = propose_hotline(editor, main_hotline(), number=NEW_NUMBER)
    signed_in(moderator).post(approve_url(change))

    history = signed_in(superuser).get(reverse("wagtailadmin_reports:site_history"))

    text = parse(history).get_text(" ", strip=True)
    assert "Approved and applied" in text
    assert NEW_NUMBER in text


# --- Permissions, in three steps ------------------------------------------------------------


def grant(user, *codenames: str):
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="awareness", codename__in=codenames),
    )
    return user


def test_settings_proposal_view_in_three_steps(client, admin_only):
    assert_sent_to_login(client.get(settings_url()))

    client.force_login(admin_only)
    assert_refused(client.get(settings_url()))

    client.force_login(grant(make_user("t-settings"), "change_safetysettings"))
    assert client.get(settings_url()).status_code == 200


@pytest.mark.parametrize("name", ["index", "change"])
def test_change_views_in_three_steps(client, admin_only, editor, superuser, name):
    change = propose_hotline(superuser, main_hotline(), number=NEW_NUMBER)
    url = reverse(f"awareness_safety:{name}", args=[change.pk] if name == "change" else [])

    assert_sent_to_login(client.get(url))

    client.force_login(admin_only)
    assert_refused(client.get(url))

    client.force_login(editor)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_decision_views_in_three_steps(client, admin_only, editor, moderator, superuser, decision):
    hotline = main_hotline()
    change = propose_hotline(superuser, hotline, number=NEW_NUMBER)
    url = approve_url(change) if decision == "approve" else reject_url(change)

    assert_sent_to_login(client.post(url))

    for user in (admin_only, editor):
        client.force_login(user)
        assert_refused(client.post(url))
        change.refresh_from_db()
        assert change.is_pending

    client.force_login(moderator)
    assert client.post(url).status_code == 302
    change.refresh_from_db()
    assert change.status == (
        models.SafetyChange.Status.APPROVED
        if decision == "approve"
        else models.SafetyChange.Status.REJECTED
    )


def test_moderators_hold_the_approval_permission_and_editors_do_not(editor, moderator):
    assert moderator.has_perm(safety.APPROVE_PERMISSION)
    assert not editor.has_perm(safety.APPROVE_PERMISSION)


def test_the_approval_permission_can_be_given_in_the_group_editor(superuser):
    from django.contrib.auth.models import Group

    moderators = Group.objects.get(name="Moderators")
    permission = Permission.objects.get(codename="approve_safety_change")

    page = parse(
        signed_in(superuser).get(reverse("wagtailusers_groups:edit", args=[moderators.pk]))
    )

    box = page.find("input", attrs={"name": "permissions", "value": str(permission.pk)})
    assert box is not None and box.has_attr("checked")
