"""Build (or bring up to date) the demo site in all four languages.

Idempotent: each object is found by a stable key (a page by its Latvian slug under its parent,
a hotline or help service by its number, a user by username); it is created when missing and
saved, with a new published revision for pages, only when its content differs. A second run
changes nothing. What someone changed in the admin (Wagtail's history names a person for it) is
left as they left it, so `make run` can be run again at any time.

Demo staff accounts are made only where the settings allow them (LANTERN_DEMO_ACCOUNTS: the
development and test settings), and only when missing: an existing account, its password
above all, is never changed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from wagtail.log_actions import registry as log_registry
from wagtail.models import Page, Site

from awareness import models
from awareness.demo import content
from chat.referrals import demo as demo_figures

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def translated(field: str, values: dict[str, Any]) -> dict[str, Any]:
    """{"lv": a, "en": b} -> {"field_lv": a, "field_en": b} (languages left out stay empty)."""
    return {
        f"{field}_{code}": values.get(code, "" if field != "body" else []) for code in LANGUAGES
    }


class Loader:
    def __init__(self, stdout):
        self.stdout = stdout
        self.changes = 0
        self.hotlines: dict[str, models.Hotline] = {}

    # --- helpers ------------------------------------------------------------------------------

    def note(self, action: str, label: str) -> None:
        self.changes += 1
        self.stdout.write(f"  {action}: {label}")

    def edited_in_admin(self, instance, label: str) -> bool:
        """Whether a person changed `instance` in the admin: then it is left alone (and said)."""
        if not log_registry.get_logs_for_instance(instance).filter(user__isnull=False).exists():
            return False
        self.stdout.write(f"  left as edited in the admin: {label}")
        return True

    def resolve(self, value: Any) -> Any:
        """Replace symbolic references in stream data: {"hotline": "<key>"} -> the hotline's id."""
        if isinstance(value, dict):
            return {
                key: (
                    self.hotlines[item].pk
                    if key == "hotline" and isinstance(item, str)
                    else self.resolve(item)
                )
                for key, item in value.items()
            }
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        return value

    @staticmethod
    def stream_data(page: Page, field: str) -> list:
        raw = getattr(page, field).get_prep_value()
        # Block ids are random; compare content only.
        return Loader.without_ids([{"type": b["type"], "value": b["value"]} for b in raw])

    @staticmethod
    def without_ids(value: Any) -> Any:
        """Stream data with list items' ids dropped: once a page is saved in the admin, each
        ListBlock item is stored as {"type": "item", "value": …, "id": …}."""
        if isinstance(value, list):
            return [Loader.without_ids(item) for item in value]
        if isinstance(value, dict):
            if set(value) == {"type", "value", "id"} and value["type"] == "item":
                return Loader.without_ids(value["value"])
            return {key: Loader.without_ids(item) for key, item in value.items()}
        return json.loads(json.dumps(value))

    def page_fields(self, spec: dict) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        for name in ("title", "slug", "introduction", "search_description"):
            if name in spec:
                fields.update(translated(name, spec[name]))
        for name, values in spec.get("texts", {}).items():
            fields.update(translated(name, values))
        if "body" in spec:
            fields.update(
                {f"body_{code}": self.resolve(spec["body"].get(code, [])) for code in LANGUAGES}
            )
        fields.update(spec.get("fields", {}))
        return fields

    @staticmethod
    def question_fields(spec: dict) -> dict[str, Any]:
        return {
            **translated("question", spec["question"]),
            **translated("yes_means", spec["yes_means"]),
        }

    @staticmethod
    def current_questions(page: Page) -> list[dict[str, Any]]:
        names = [f"{field}_{code}" for field in ("question", "yes_means") for code in LANGUAGES]
        return [
            {name: getattr(question, name) for name in names} for question in page.questions.all()
        ]

    @staticmethod
    def set_questions(page: Page, questions: list[dict[str, Any]]) -> None:
        """A self-check page's questions, in order (saved with the page's next revision)."""
        page.questions = [
            models.SelfCheckQuestion(sort_order=n, **q) for n, q in enumerate(questions)
        ]

    def differs(self, page: Page, fields: dict[str, Any]) -> bool:
        for name, wanted in fields.items():
            if name.startswith("body_"):
                if self.stream_data(page, name) != self.without_ids(wanted):
                    return True
            elif getattr(page, name) != wanted:
                return True
        return False

    # --- content ------------------------------------------------------------------------------

    def ensure_row(self, model, key: dict[str, Any], values: dict[str, Any], what: str, label: str):
        """The row with `key` (e.g. a hotline's number), created or brought up to date."""
        row = model.objects.filter(**key).first()
        if row is None:
            row = model(**key)
            self.note(f"created {what}", label)
        elif any(getattr(row, k) != v for k, v in values.items()) and not self.edited_in_admin(
            row, label
        ):
            self.note(f"updated {what}", label)
        else:
            return row
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
        return row

    def load_hotlines(self) -> None:
        """Hotlines are life-safety settings, changed only with a second person's approval
        (awareness/safety.py): a demo hotline is created when missing, never changed."""
        for key, spec in content.HOTLINES.items():
            # Found by its number, or by its English name once its number was changed.
            row = (
                models.Hotline.objects.filter(number=spec["number"]).first()
                or models.Hotline.objects.filter(name_en=spec["name"]["en"]).first()
            )
            if row is None:
                values: dict[str, Any] = {}
                for name in ("name", "hours", "languages", "description"):
                    values.update(translated(name, spec[name]))
                values.update(
                    is_free=spec["is_free"],
                    sort_order=spec["sort_order"],
                    schedule=spec["schedule"],
                )
                row = self.ensure_row(
                    models.Hotline,
                    {"number": spec["number"]},
                    values,
                    "hotline",
                    spec["name"]["en"],
                )
            self.hotlines[key] = row

    def load_help_services(self) -> None:
        for spec in content.HELP_SERVICES:
            values: dict[str, Any] = translated("address", {"lv": spec["address"]})
            for name in ("name", "hours", "languages", "description"):
                values.update(translated(name, spec[name]))
            values.update(
                kind=spec["kind"],
                area=spec["area"],
                anonymous=spec["anonymous"],
                schedule=spec["schedule"],
            )
            self.ensure_row(
                models.HelpService,
                {"phone": spec["phone"]},
                values,
                "help service",
                spec["name"]["en"],
            )

    def ensure_page(
        self, parent: Page, model: type[Page], spec: dict, existing: Page | None = None
    ) -> Page:
        """The page under `parent` with the spec's Latvian slug (or `existing`), created or
        brought up to date."""
        fields = self.page_fields(spec)
        questions = [self.question_fields(item) for item in spec.get("questions", [])]
        slug = spec["slug"]["lv"]
        if existing is None:
            existing = parent.get_children().filter(slug_lv=slug).first()
        if existing is None:
            page = model(**fields)
            page.slug = slug
            if questions:
                self.set_questions(page, questions)
            parent.add_child(instance=page)
            page.save_revision().publish()
            self.note("created page", spec["title"]["en"])
            return page
        page = existing.specific
        if self.edited_in_admin(page, spec["title"]["en"]):
            return page
        questions_differ = bool(questions) and self.current_questions(page) != questions
        if self.differs(page, fields) or questions_differ:
            for name, value in fields.items():
                setattr(page, name, value)
            if questions_differ:
                self.set_questions(page, questions)
            page.save_revision().publish()
            self.note("updated page", spec["title"]["en"])
        elif not page.live:
            page.save_revision().publish()
            self.note("published page", spec["title"]["en"])
        return page

    def load_pages(self) -> models.HomePage:
        root = Page.get_first_root_node()
        # There is one home page: found by type, so a changed slug updates it.
        home = self.ensure_page(
            root, models.HomePage, content.HOME, existing=models.HomePage.objects.first()
        )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Lantern",
            )
            self.note("created site", "default")
        elif site.root_page_id != home.pk or site.site_name != "Lantern":
            site.root_page, site.site_name = home, "Lantern"
            site.save()
            self.note("updated site", "default")
        # Wagtail's own "Welcome to your new Wagtail site!" page is replaced by ours.
        for welcome in (
            root.get_children()
            .exclude(pk=home.pk)
            .filter(content_type__model="page", content_type__app_label="wagtailcore")
        ):
            welcome.delete()
            self.note("deleted page", "Wagtail welcome page")

        campaigns = self.ensure_page(home, models.CampaignIndexPage, content.CAMPAIGN_INDEX)
        for spec in content.CAMPAIGNS:
            self.ensure_page(campaigns, models.CampaignPage, spec)
        self.ensure_page(home, models.HelpPage, content.HELP)
        self.ensure_page(home, models.SafetyPage, content.SAFETY)
        self.ensure_page(home, models.HelpDirectoryPage, content.DIRECTORY)
        self.ensure_page(home, models.SelfCheckPage, content.SELF_CHECK)
        self.ensure_page(home, models.AccessibilityStatementPage, content.ACCESSIBILITY)
        news = self.ensure_page(home, models.ArticleIndexPage, content.NEWS_INDEX)
        for spec in content.ARTICLES:
            self.ensure_page(news, models.ArticlePage, spec)
        return home

    def load_settings(self) -> None:
        site = Site.objects.get(is_default_site=True)
        safety = models.SafetySettings.for_site(site)
        wanted = {
            "emergency_number": "112",
            "main_hotline": self.hotlines[content.MAIN_HOTLINE],
            "quick_exit_url": content.QUICK_EXIT_URL,
        }
        # Life-safety settings, changed only with a second person's approval
        # (awareness/safety.py): the demo fills what is still empty and changes nothing else.
        empty = {"emergency_number": "", "main_hotline": None, "quick_exit_url": ""}
        filled = [
            name
            for name, value in wanted.items()
            if getattr(safety, name) in (empty[name], None) and value != getattr(safety, name)
        ]
        if filled:
            for name in filled:
                setattr(safety, name, wanted[name])
            safety.save()
            self.note("updated", "safety settings")
        if not safety.chat_hours.exists():
            for order, (weekday, opens, closes) in enumerate(content.CHAT_HOURS):
                models.ChatOpeningHours.objects.create(
                    settings=safety, weekday=weekday, opens=opens, closes=closes, sort_order=order
                )
            self.note("updated", "chat opening hours")

    def load_canned_responses(self) -> None:
        from chat.models import CannedResponse

        for spec in content.CANNED_RESPONSES:
            values = {**translated("title", spec["title"]), **translated("text", spec["text"])}
            canned = CannedResponse.objects.filter(title_lv=spec["title"]["lv"]).first()
            if canned is None:
                CannedResponse.objects.create(**values)
                self.note("created canned response", spec["title"]["en"])
            elif any(
                getattr(canned, name) != value for name, value in values.items()
            ) and not self.edited_in_admin(canned, spec["title"]["en"]):
                for name, value in values.items():
                    setattr(canned, name, value)
                canned.save()
                self.note("updated canned response", spec["title"]["en"])

    def load_staff(self) -> list[tuple[str, str, str]]:
        """Demo staff accounts, one per group, created when missing and never changed after:
        an account that exists keeps whatever password, rights and groups someone gave it.
        A new account's password derives from SECRET_KEY (the same from run to run on one
        machine, different between machines). Returns the logins whose demo password still
        works, to be shown."""
        user_model = get_user_model()
        logins = []
        for username, group_name, is_superuser in content.STAFF:
            password = hmac.new(
                settings.SECRET_KEY.encode(), f"demo:{username}".encode(), hashlib.sha256
            ).hexdigest()[:16]
            user = user_model.objects.filter(username=username).first()
            if user is None:
                user = user_model(
                    username=username,
                    email=f"{username}@example.invalid",
                    is_staff=is_superuser,
                    is_superuser=is_superuser,
                )
                user.set_password(password)
                user.save()
                if group_name:
                    user.groups.add(Group.objects.get(name=group_name))
                self.note("created user", username)
            elif not check_password(password, user.password):
                # Changed since (checked without the user's setter: nothing is saved).
                continue
            logins.append((username, password, group_name or "superuser"))
        return logins


class Command(BaseCommand):
    help = (
        "Load the demo site (pages in four languages, hotlines, help services, settings and, "
        "under the development and test settings only, staff accounts)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-staff", action="store_true", help="Do not create the demo staff accounts."
        )
        parser.add_argument(
            "--figures",
            action="store_true",
            help=(
                "Also generate a year of anonymous conversation and lead figures for the "
                "statistics page, once, where the settings allow demo accounts; the page says "
                "they are demo data."
            ),
        )

    def handle(self, *args, no_staff: bool = False, figures: bool = False, **options):
        # Accounts with passwords anyone running the command can know: only where the
        # settings say this is a development or test site.
        staff_allowed = getattr(settings, "LANTERN_DEMO_ACCOUNTS", False)
        staff = not no_staff and staff_allowed
        loader = Loader(self.stdout)
        # Assigning a translated field (`page.slug = ...`) writes the active language's column:
        # whatever language the caller has active, build in the default one.
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            loader.load_hotlines()
            loader.load_help_services()
            loader.load_pages()
            loader.load_settings()
            loader.load_canned_responses()
            logins = loader.load_staff() if staff else []
            # Invented rows in the real tables: only on a development or test site, as the
            # demo accounts.
            if figures and staff_allowed and (generated := demo_figures.generate()) is not None:
                loader.note(
                    "generated",
                    f"demo figures: {generated.conversations} conversations, "
                    f"{generated.leads} leads",
                )
        if loader.changes:
            self.stdout.write(self.style.SUCCESS(f"Demo content: {loader.changes} change(s)."))
        else:
            self.stdout.write("Demo content: already up to date, nothing changed.")
        if not no_staff and not staff:
            self.stdout.write(
                self.style.WARNING(
                    "Demo staff accounts: none created, these settings do not allow them "
                    "(LANTERN_DEMO_ACCOUNTS is on in the development and test settings only)."
                )
            )
        if figures and not staff_allowed:
            self.stdout.write(
                self.style.WARNING(
                    "Demo figures: none generated, these settings do not allow them "
                    "(LANTERN_DEMO_ACCOUNTS is on in the development and test settings only)."
                )
            )
        if logins and getattr(settings, "LANTERN_SHOW_DEMO_LOGINS", False):
            self.stdout.write("\nDemo staff logins (development only), at /admin/:")
            for username, password, role in logins:
                self.stdout.write(f"  {username:<12} {password}  ({role})")
