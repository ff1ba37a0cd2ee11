"""`load_demo_content` builds a real-looking site in four languages, and running it again
changes nothing.

The demo's wording is edited independently, so these tests assert on structure only. The test
database already holds the demo (loaded once for the session, without staff) and the tests' own
page tree, which is left out where it would count.
"""

import io
import re

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page, PageLogEntry, Revision, Site

import pytest

from awareness import models
from awareness.demo import content
from chat.models import CannedResponse
from tests.awareness.admin_forms import read_form
from tests.awareness.factories import LANGUAGES
from tests.html import parse
from tests.lantern.test_settings import GOOD_HOSTS, GOOD_KEY, run

pytestmark = pytest.mark.django_db

# Every demo number is fictitious: the unassigned 8000 00xx range, or one of the numbers the
# whole European Union keeps: the emergency number and the victims' support line.
FICTITIOUS_NUMBER = re.compile(r"8000 ?00\d\d")
FICTITIOUS_DIALLED = re.compile(r"800000\d\d")
EMERGENCY = "112"
VICTIM_SUPPORT = "116006"
EU_NUMBERS = {EMERGENCY, VICTIM_SUPPORT}


def load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo_content", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """Everything a run could create or change."""
    user_model = get_user_model()
    safety = models.SafetySettings.for_site(Site.objects.get(is_default_site=True))
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "page_log": PageLogEntry.objects.count(),
        "latest_revisions": dict(Page.objects.values_list("pk", "latest_revision_id")),
        "published_at": dict(Page.objects.values_list("pk", "last_published_at")),
        "hotlines": sorted(models.Hotline.objects.values_list("pk", "number", "name_lv")),
        "users": sorted(user_model.objects.values_list("pk", "username", "password")),
        "memberships": sorted(user_model.groups.through.objects.values_list("pk", flat=True)),
        "sites": list(Site.objects.values_list("pk", "root_page_id", "site_name")),
        "settings": (safety.emergency_number, safety.main_hotline_id, safety.quick_exit_url),
        "chat_hours": sorted(models.ChatOpeningHours.objects.values_list("pk", flat=True)),
        "canned": sorted(CannedResponse.objects.values_list("pk", "title_lv", "text_uk")),
        "help_services": sorted(
            models.HelpService.objects.values_list("pk", "phone", "name_uk", "area", "hours_ru")
        ),
        "questions": sorted(
            models.SelfCheckQuestion.objects.values_list("pk", "page_id", "question_ru")
        ),
    }


def demo_pages(tree):
    """The demo's pages, without the tests' own tree."""
    return Page.objects.filter(depth__gt=1).exclude(pk__in=tree.pks()).specific()


@pytest.mark.parametrize("args", [(), ("--no-staff",)], ids=["with-staff", "no-staff"])
def test_second_run_changes_nothing(tree, args):
    load(*args)  # brings the test database up to date (the tests' tree retitled the home page)
    before = snapshot()

    output = load(*args)

    assert "nothing changed" in output
    assert snapshot() == before


def test_runs_alike_whatever_language_is_active(tree):
    """A translated field assigned in the loader must land in its own language's column, not in
    whichever language the caller happened to have active."""
    slugs_before = {
        page.slug_lv: tuple(getattr(page, f"slug_{code}") for code in LANGUAGES)
        for page in demo_pages(tree).exclude(depth=2)
    }
    models.HomePage.objects.get().delete()  # the whole demo goes; it is rebuilt from scratch

    with translation.override("en"):
        load("--no-staff")

    rebuilt = {
        page.slug_lv: tuple(getattr(page, f"slug_{code}") for code in LANGUAGES)
        for page in Page.objects.filter(depth__gt=2).specific()
    }
    assert rebuilt == slugs_before


def test_builds_the_demo_site(tree):
    pages = list(demo_pages(tree).filter(live=True))
    by_type = {}
    for page in pages:
        by_type.setdefault(type(page), []).append(page)

    site = Site.objects.get(is_default_site=True)
    home = models.HomePage.objects.get()
    assert site.root_page_id == home.pk
    # Wagtail's welcome page is gone: the home page is the root's only child.
    assert list(Page.get_first_root_node().get_children()) == [home.page_ptr]

    campaigns = by_type.get(models.CampaignPage, [])
    audiences = [campaign.audience for campaign in campaigns]
    assert audiences.count("labour_migrants") >= 2
    assert audiences.count("young_people") >= 2
    assert all(campaign.forms_of_exploitation for campaign in campaigns)
    assert all(
        isinstance(campaign.get_parent().specific, models.CampaignIndexPage)
        for campaign in campaigns
    )
    assert len(by_type.get(models.HelpPage, [])) >= 1
    assert len(by_type.get(models.SafetyPage, [])) >= 1
    (news,) = by_type[models.ArticleIndexPage]
    assert models.ArticlePage.objects.live().child_of(news).exists()


def test_most_pages_are_in_all_four_languages(tree):
    pages = list(demo_pages(tree))
    complete = [p for p in pages if all(getattr(p, f"title_{code}") for code in LANGUAGES)]

    assert pages
    assert len(complete) >= 0.75 * len(pages), [p.title_lv for p in pages if p not in complete]
    for page in pages:
        assert page.title_lv, "Latvian is the fallback: every page has it"


def test_hotlines_and_settings():
    hotlines = list(models.Hotline.objects.all())
    safety = models.SafetySettings.for_site(Site.objects.get(is_default_site=True))

    assert len(hotlines) >= 1
    for hotline in hotlines:
        dialled = hotline.number.replace(" ", "")
        assert dialled in EU_NUMBERS or FICTITIOUS_NUMBER.fullmatch(hotline.number), hotline.number
        assert all(getattr(hotline, f"name_{code}") for code in LANGUAGES), hotline.number
        assert hotline.schedule, f"{hotline.number} has no hours for “open now”"
    assert VICTIM_SUPPORT in {hotline.number.replace(" ", "") for hotline in hotlines}
    assert safety.emergency_number == EMERGENCY
    assert safety.main_hotline in hotlines
    assert safety.chat_hours.exists()


def test_every_phone_number_on_the_demo_site_is_fictitious(client, tree):
    numbers = set()
    for page in demo_pages(tree).filter(live=True):
        for code in LANGUAGES:
            with translation.override(code):
                path = page.get_url()
            html = parse(client.get(path))
            for link in html.select('a[href^="tel:"]'):
                numbers.add(link["href"].removeprefix("tel:"))
            # Numbers written out in the text: toll-free 8xxx xxxx, or international +371 …
            # (not every 8-digit run: years such as "2021 2023" would match).
            numbers.update(
                match.replace(" ", "")
                for match in re.findall(r"\+\d[\d ]{7,}\d|\b8\d{3} ?\d{4}\b", html.get_text(" "))
            )

    assert numbers >= EU_NUMBERS
    for number in numbers:
        assert number in EU_NUMBERS or FICTITIOUS_DIALLED.fullmatch(number), number


def test_staff_accounts_join_their_groups():
    load()

    user_model = get_user_model()
    for username, group_name, is_superuser in content.STAFF:
        user = user_model.objects.get(username=username)
        assert user.is_superuser == is_superuser
        if group_name:
            assert user.groups.filter(name=group_name).exists()
        assert user.has_usable_password()


def demo_users():
    return get_user_model().objects.filter(username__in=[name for name, *_ in content.STAFF])


def test_no_staff_accounts_where_the_settings_do_not_allow_them(settings):
    settings.LANTERN_DEMO_ACCOUNTS = False
    assert not demo_users().exists()

    output = load()

    assert not demo_users().exists()
    assert "Demo staff accounts: none created" in output
    assert "LANTERN_DEMO_ACCOUNTS" in output


def test_no_staff_accounts_under_the_production_settings(tmp_path):
    """The real production settings, in a fresh interpreter: the content loads, no account."""
    code = """
        import django
        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from wagtail.models import Page
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_demo_content")
        print("USERS", get_user_model().objects.count(), "PAGES", Page.objects.count())
    """
    env = {
        "DJANGO_SETTINGS_MODULE": "lantern.settings.production",
        "SECRET_KEY": GOOD_KEY,
        "ALLOWED_HOSTS": GOOD_HOSTS,
    }

    result = run(code, env, tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "Demo staff accounts: none created" in result.stdout
    users, pages = re.search(r"USERS (\d+) PAGES (\d+)", result.stdout).groups()
    assert int(users) == 0
    assert int(pages) > 10


def test_development_and_test_settings_allow_the_demo_accounts(tmp_path):
    """...and only `make run`'s development settings open the chat whatever the hour: the
    tests keep the opening hours (a newcomer tries the chat at any hour; a site never)."""
    code = """
        import importlib
        for name in ("dev", "test", "production"):
            module = importlib.import_module(f"lantern.settings.{name}")
            print(name, module.LANTERN_DEMO_ACCOUNTS, module.LANTERN_CHAT_ALWAYS_OPEN)
    """
    result = run(code, {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": GOOD_HOSTS}, tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        *("dev", "True", "True"),
        *("test", "True", "False"),
        *("production", "False", "False"),
    ]


def test_a_second_run_keeps_what_was_changed_in_an_account(settings):
    settings.LANTERN_SHOW_DEMO_LOGINS = True
    first = load()
    admin = get_user_model().objects.get(username="admin")
    demo_password = re.search(r"admin\s+(\S+)\s+\(superuser\)", first).group(1)
    assert admin.check_password(demo_password)
    admin.set_password("changed-by-its-owner")
    admin.save()
    editor = get_user_model().objects.get(username="editor")
    editor.groups.clear()
    before = snapshot()

    output = load()

    admin.refresh_from_db()
    assert admin.check_password("changed-by-its-owner")
    assert not admin.check_password(demo_password)
    assert not editor.groups.exists()
    assert snapshot() == before
    # The changed password is no longer shown as a demo login; the others still are.
    assert demo_password not in output
    assert "admin " not in output
    assert re.search(r"editor\s+\S+\s+\(Editors\)", output)


def test_a_page_saved_again_in_the_admin_is_not_republished(tree):
    """Saving a page in the admin stores its list items with ids; that is not a change."""
    load("--no-staff")
    campaign = models.CampaignPage.objects.filter(body_lv__isnull=False).first()
    campaign.save_revision().publish()
    before = snapshot()

    output = load("--no-staff")

    assert "nothing changed" in output
    assert snapshot() == before


def test_a_changed_home_slug_updates_the_one_home_page(tree, monkeypatch):
    load("--no-staff")
    home = models.HomePage.objects.get()
    monkeypatch.setitem(content.HOME, "slug", {**content.HOME["slug"], "lv": "jauns-sakums"})

    load("--no-staff")

    assert models.HomePage.objects.get().pk == home.pk
    assert models.HomePage.objects.get().slug_lv == "jauns-sakums"


def test_an_operator_and_canned_responses_in_every_language():
    load()
    operator = get_user_model().objects.get(username="operator")
    assert operator.has_perm("chat.operate_chat")
    assert operator.has_perm("wagtailadmin.access_admin")
    assert CannedResponse.objects.count() >= 3
    for canned in CannedResponse.objects.all():
        assert all(getattr(canned, f"text_{code}") for code in LANGUAGES)


def test_help_directory_with_fictitious_services_across_the_regions():
    from awareness import directory

    services = list(models.HelpService.objects.all())

    assert len(services) >= 8
    for service in services:
        assert FICTITIOUS_NUMBER.fullmatch(service.phone), service.phone
        assert service.area in directory.AREA_CODES
        for field in ("name", "hours", "description"):
            assert all(getattr(service, f"{field}_{code}") for code in LANGUAGES), (field, service)
        assert "fictitious" in service.description_en
    municipalities = {s.area for s in services if s.area in directory.REGION_OF}
    assert len(municipalities) >= 4
    regions = {directory.region_of_area(s.area) for s in services} - {None}
    assert regions == {r.value for r in directory.Region}
    assert any(s.area == directory.COUNTRY for s in services)
    assert any(s.area.startswith(directory.REGION_PREFIX) for s in services)
    assert len({s.kind for s in services}) >= 6


def test_a_directory_page_and_a_self_check_page_under_home_in_four_languages():
    home = models.HomePage.objects.get()

    directory_page = models.HelpDirectoryPage.objects.live().child_of(home).get()
    self_check = models.SelfCheckPage.objects.live().child_of(home).get()

    for page in (directory_page, self_check):
        for code in LANGUAGES:
            assert getattr(page, f"title_{code}") and getattr(page, f"introduction_{code}")
    questions = list(self_check.questions.all())
    assert len(questions) >= 8
    for question in questions:
        for code in LANGUAGES:
            assert getattr(question, f"question_{code}") and getattr(question, f"yes_means_{code}")
    for field in ("result_signs", "result_unsure", "result_no_signs"):
        assert all(getattr(self_check, f"{field}_{code}") for code in LANGUAGES), field
    assert [q.sort_order for q in questions] == list(range(len(questions)))


def test_changed_questions_are_published_once(tree, monkeypatch):
    load("--no-staff")
    first = {**content.SELF_CHECK_QUESTIONS[0]}
    first["question"] = {**first["question"], "en": "A changed question?"}
    monkeypatch.setitem(content.SELF_CHECK, "questions", [first, *content.SELF_CHECK_QUESTIONS[1:]])

    assert "updated page" in load("--no-staff")
    assert "nothing changed" in load("--no-staff")

    page = models.SelfCheckPage.objects.get()
    assert page.questions.first().question_en == "A changed question?"
    assert page.live and not page.has_unpublished_changes


def test_a_second_run_changes_no_life_safety_setting():
    # Hotlines and the safety settings change only with a second person's approval
    # (awareness/safety.py); the demo loader, run again, must not put its values back.
    load("--no-staff")
    site = Site.objects.get(is_default_site=True)
    safety = models.SafetySettings.for_site(site)
    hotline = safety.main_hotline
    models.Hotline.objects.filter(pk=hotline.pk).update(number="8000 1234", hours_en="Always")
    other = models.Hotline.objects.create(name="Approved since", number="8000 4321")
    models.SafetySettings.objects.filter(pk=safety.pk).update(
        emergency_number="113", quick_exit_url="https://weather.example/", main_hotline=other
    )
    safety.chat_hours.all().delete()
    models.ChatOpeningHours.objects.create(
        settings=safety, weekday=6, opens="10:00", closes="11:00", sort_order=0
    )

    hotlines = models.Hotline.objects.count()

    load("--no-staff")

    assert models.Hotline.objects.count() == hotlines  # no demo hotline made again
    safety = models.SafetySettings.for_site(site)
    hotline.refresh_from_db()
    assert (hotline.number, hotline.hours_en) == ("8000 1234", "Always")
    assert (safety.emergency_number, safety.quick_exit_url) == ("113", "https://weather.example/")
    assert safety.main_hotline == other
    assert [(h.weekday, f"{h.opens:%H:%M}") for h in safety.chat_hours.all()] == [(6, "10:00")]


def test_what_was_edited_in_the_admin_is_never_put_back(admin_client, superuser, tree, monkeypatch):
    """`make run` again, after an editor changed a demo service in the admin and saved a demo
    page, and with a newer demo text for both: their edits stay; what nobody edited follows."""
    load("--no-staff")
    spec = content.HELP_SERVICES[0]
    service = models.HelpService.objects.get(phone=spec["phone"])
    url = reverse("wagtailsnippets_awareness_helpservice:edit", args=[service.pk])
    data = read_form(admin_client.get(url), form_id="w-editor-form")
    data["description_en"] = "Written by our own editor."
    assert admin_client.post(url, data).status_code == 302

    editor = superuser
    campaign = models.CampaignPage.objects.filter(slug_lv=content.CAMPAIGNS[0]["slug"]["lv"]).get()
    campaign.introduction_en = "Our own introduction."
    campaign.save_revision(user=editor, log_action=True).publish(user=editor)
    untouched = models.CampaignPage.objects.get(slug_lv=content.CAMPAIGNS[1]["slug"]["lv"])

    newer = {"en": "A newer demo text."}
    monkeypatch.setitem(spec, "description", {**spec["description"], **newer})
    for campaign_spec in content.CAMPAIGNS[:2]:
        intro = {**campaign_spec["introduction"], **newer}
        monkeypatch.setitem(campaign_spec, "introduction", intro)

    output = load("--no-staff")

    assert "left as edited in the admin" in output
    service.refresh_from_db()
    assert service.description_en == "Written by our own editor."
    assert (
        models.CampaignPage.objects.get(pk=campaign.pk).introduction_en == "Our own introduction."
    )
    assert models.CampaignPage.objects.get(pk=untouched.pk).introduction_en == "A newer demo text."
