"""Awareness content: the page types editors build the public site from, the hotline and help
service snippets and the site-wide safety settings."""

from __future__ import annotations

import datetime
import json

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction, Site
from wagtail.search import index

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from modeltranslation.translator import translator

from lantern.choices import Audience, ExploitationForm
from lantern.fields import MultipleChoiceField

from . import blocks, cache, directory, opening_hours
from .forms import LanternPageForm
from .slugs import missing_slugs


class LanternPage(Page):
    """Behaviour every public page shares: an introduction, per-language caching, the note
    shown when a page is not yet translated, and sitemap entries for every language."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences shown under the title and in listings."),
    )

    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    base_form_class = LanternPageForm

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        """Every language's slug in Latin letters (awareness/slugs.py): an empty one is made
        from its title; one a saved page has is left as it is (its address is in use)."""
        codes = [code for code, _name in settings.LANGUAGES]
        slugs = {code: getattr(self, f"slug_{code}", "") or "" for code in codes}
        changes = missing_slugs(
            {code: getattr(self, f"title_{code}", "") or "" for code in codes},
            slugs,
            slugs if self.pk else None,
        )
        for code, slug in changes.items():
            setattr(self, f"slug_{code}", slug)
        self._in_own_language(super().full_clean, *args, **kwargs)

    @property
    def own_language(self) -> str | None:
        """The language a page written in Russian or Ukrainian first is saved in: the first it
        has a title in, when it has none in Latvian or English (None otherwise)."""
        if any(
            getattr(self, f"title_{code}", None)
            for code in settings.LANTERN_PAGE_FALLBACK_LANGUAGES
        ):
            return None
        for code, _name in settings.LANGUAGES:
            if getattr(self, f"title_{code}", None):
                return code
        return None

    def _in_own_language(self, method, *args, **kwargs):
        """Wagtail reads and writes `title` (through the translation: the active language's,
        or Latvian, then English) when it cleans, saves and keeps a revision; a page written
        in Ukrainian first is handled in Ukrainian, so that it keeps its title there and gets
        none in Latvian."""
        language = self.own_language
        if language is None:
            return method(*args, **kwargs)
        with translation.override(language):
            return method(*args, **kwargs)

    def minimal_clean(self):
        return self._in_own_language(super().minimal_clean)

    def save(self, *args, **kwargs):
        return self._in_own_language(super().save, *args, **kwargs)

    def save_revision(self, *args, **kwargs):
        return self._in_own_language(super().save_revision, *args, **kwargs)

    def clean_fields(self, exclude=None):
        """A language the page has no title in yet is not an error (one title is required:
        the page form, and `title` read in the page's own language)."""
        codes = [code for code, _name in settings.LANGUAGES]
        empty = {f"title_{code}" for code in codes if not getattr(self, f"title_{code}", None)}
        if empty and len(empty) < len(codes):
            exclude = {*(exclude or ()), *empty}
        self._in_own_language(super().clean_fields, exclude=exclude)

    def serve(self, request, *args, **kwargs):
        language = translation.get_language() or settings.LANGUAGE_CODE
        shown = self.shown_language_in(language)
        if shown is None:
            raise Http404  # written in other languages only: not in this one
        if shown not in (language, *settings.LANTERN_PAGE_FALLBACK_LANGUAGES):
            # Latvian, for a page written in Ukrainian first: its text, in this copy of the
            # page only (never saved), as the translation's fallback would show Latvian's.
            self._titles = self.titles()
            self._shown_from = shown
            for field in translator.get_options_for_model(type(self)).all_fields:
                setattr(self, f"{field}_{language}", getattr(self, f"{field}_{shown}", None))
        response = super().serve(request, *args, **kwargs)
        cache.offer(request, response, self)
        return response

    def get_view_restrictions(self):
        """Wagtail asks before serving every page (and the page cache before storing one);
        most sites have no restriction at all, which is known per generation without a
        query (awareness/cache.py)."""
        if not cache.restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def titles(self) -> dict[str, str]:
        """The page's title in each language ("" where it has none), as saved."""
        saved = getattr(self, "_titles", None)
        if saved is not None:
            return saved
        return {
            code: getattr(self, f"title_{code}", None) or "" for code, _name in settings.LANGUAGES
        }

    def shown_language_in(self, language: str) -> str | None:
        """The language the page's text is shown in to a visitor of `language`: theirs, or
        Latvian, then English, when the page is not translated yet (it says so). A page that
        has neither (written in Russian or Ukrainian first) is shown in Latvian, the default,
        in the first language it has (saying so), and not at all in the others (None)."""
        titles = self.titles()
        if titles.get(language):
            return language
        for fallback in settings.LANTERN_PAGE_FALLBACK_LANGUAGES:
            if titles.get(fallback):
                return fallback
        if language == settings.LANGUAGE_CODE:
            for code, title in titles.items():
                if title:
                    return code
        return None

    def is_listed_in(self, language: str) -> bool:
        """Whether listings show the page to a visitor of `language` (as `listed_in`)."""
        titles = self.titles()
        return any(
            titles.get(code) for code in (language, *settings.LANTERN_PAGE_FALLBACK_LANGUAGES)
        )

    @property
    def shown_language(self) -> str:
        """The language the page's text is shown in to this visitor (`shown_language_in`)."""
        language = translation.get_language() or settings.LANGUAGE_CODE
        return getattr(self, "_shown_from", None) or self.shown_language_in(language) or language

    @property
    def is_translation_missing(self) -> bool:
        return self.shown_language != (translation.get_language() or settings.LANGUAGE_CODE)

    def get_sitemap_urls(self, request=None):
        """One entry per language the page is shown in, each listing the others as alternates
        (hreflang)."""
        alternates = []
        for code, _name in settings.LANGUAGES:
            if self.shown_language_in(code) is None:
                continue
            with translation.override(code):
                url = self.get_full_url(request)
            if url:
                alternates.append({"lang_code": code, "location": url})
        # As in the page's <head>: visitors whose language is not offered get the Latvian page.
        default = [a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE]
        hreflangs = alternates + [
            {"lang_code": "x-default", "location": a["location"]} for a in default
        ]
        return [
            {
                "location": alternate["location"],
                "lastmod": self.last_published_at or self.latest_revision_created_at,
                "alternates": hreflangs,
            }
            for alternate in alternates
        ]


def listed_in(pages, language: str | None = None):
    """The pages listed to a visitor of `language` (the active one): those with a title in it,
    or in Latvian or English (shown with the note); a page written in other languages only is
    listed only in those (`LanternPage.shown_language_in`)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    condition = Q()
    for code in dict.fromkeys([language, *settings.LANTERN_PAGE_FALLBACK_LANGUAGES]):
        condition |= Q(**{f"title_{code}__gt": ""})
    return pages.filter(condition)


def group_by_audience(campaigns) -> list[tuple[str, list]]:
    """Campaigns, newest first, grouped under each audience that has any."""
    campaigns = list(campaigns.order_by("-first_published_at"))
    groups = [
        (label, [c for c in campaigns if c.audience == value]) for value, label in Audience.choices
    ]
    return [(label, items) for label, items in groups if items]


class HomePage(LanternPage):
    body = StreamField(blocks.BaseBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*LanternPage.search_fields, index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            cache.memo(
                request,
                ("home-listings", self.pk, translation.get_language()),
                lambda: self.listings(request),
            )
        )
        return context

    def listings(self, request) -> dict:
        def live(model):  # cards show titles and introductions, never a body
            pages = listed_in(model.objects.live().descendant_of(self).defer_streamfields())
            return cache.public(request, pages)

        return {
            "campaigns_by_audience": group_by_audience(live(CampaignPage)),
            "latest_articles": list(live(ArticlePage).order_by("-date")[:3]),
            "help_page": live(HelpPage).first(),
            "safety_page": live(SafetyPage).first(),
        }


class CampaignIndexPage(LanternPage):
    subpage_types = ["awareness.CampaignPage"]
    parent_page_types = ["awareness.HomePage"]
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = _("campaign index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campaigns_by_audience"] = cache.memo(
            request,
            ("campaign-index", self.pk, translation.get_language()),
            lambda: group_by_audience(
                cache.public(
                    request,
                    listed_in(CampaignPage.objects.live().child_of(self).defer_streamfields()),
                )
            ),
        )
        return context


class CampaignPage(LanternPage):
    audience = models.CharField(
        _("audience"),
        max_length=32,
        choices=Audience.choices,
        default=Audience.EVERYONE,
        help_text=_("Who the campaign speaks to."),
    )
    forms_of_exploitation = MultipleChoiceField(
        _("forms of exploitation"),
        item_choices=ExploitationForm.choices,
        help_text=_("The forms of exploitation this campaign is about."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(blocks.CampaignBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("forms_of_exploitation")], heading=_("Campaign")
        ),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [*LanternPage.search_fields, index.SearchField("body")]
    parent_page_types = ["awareness.CampaignIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("campaign")

    @property
    def form_labels(self) -> list[str]:
        return self._meta.get_field("forms_of_exploitation").labels(self.forms_of_exploitation)


class ArticleIndexPage(LanternPage):
    subpage_types = ["awareness.ArticlePage"]
    parent_page_types = ["awareness.HomePage"]
    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    per_page = 10

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = listed_in(ArticlePage.objects.live().public().child_of(self)).order_by(
            "-date", "-pk"
        )
        context["articles"] = Paginator(articles, self.per_page).get_page(request.GET.get("page"))
        return context


class ArticlePage(LanternPage):
    date = models.DateField(_("date"), default=datetime.date.today)
    body = StreamField(blocks.BaseBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [*LanternPage.search_fields, index.SearchField("body")]
    parent_page_types = ["awareness.ArticleIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("article")


class HelpPage(LanternPage):
    """How help works: the national referral mechanism and a victim's rights."""

    body = StreamField(blocks.HelpBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*LanternPage.search_fields, index.SearchField("body")]
    parent_page_types = ["awareness.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("how help works page")


class SafetyPage(LanternPage):
    """Cover your tracks: private browsing, clearing history, shared devices."""

    body = StreamField(blocks.SafetyBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*LanternPage.search_fields, index.SearchField("body")]
    parent_page_types = ["awareness.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("safety page")


class AccessibilityStatementPage(LanternPage):
    """The accessibility statement of Directive (EU) 2016/2102, in the parts of the
    Commission's model (Implementing Decision (EU) 2018/1523): compliance status, what is not
    accessible and why, how the statement was prepared, feedback, enforcement. The headings and
    the sentences about status and preparation are the site's own (translated with it), so
    that no part can be left out; editors write the rest. Linked from every page's footer."""

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    class Assessment(models.TextChoices):
        SELF = "self", _("our own assessment")
        THIRD_PARTY = "third_party", _("an assessment by a third party")

    compliance = models.CharField(
        _("compliance status"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
    )
    not_accessible = RichTextField(
        _("content that is not accessible"),
        blank=True,
        features=blocks.RICH_TEXT_FEATURES,
        help_text=_(
            "What is not accessible, and why: it does not comply yet, it would be a "
            "disproportionate burden, or it is outside the law's scope. Say what a reader can "
            "use instead."
        ),
    )
    feedback = RichTextField(
        _("feedback and contact information"),
        features=blocks.RICH_TEXT_FEATURES,
        help_text=_(
            "How to tell you about a problem or ask for content in another form, and how soon "
            "you answer."
        ),
    )
    enforcement = RichTextField(
        _("enforcement procedure"),
        features=blocks.RICH_TEXT_FEATURES,
        help_text=_(
            "Where a person who is not satisfied with your answer can turn: the authority "
            "that monitors accessibility, and how to reach it."
        ),
    )
    assessment = models.CharField(
        _("prepared from"),
        max_length=12,
        choices=Assessment.choices,
        default=Assessment.SELF,
    )
    prepared_on = models.DateField(_("statement prepared on"), default=timezone.localdate)
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("compliance"),
        FieldPanel("not_accessible"),
        FieldPanel("feedback"),
        FieldPanel("enforcement"),
        MultiFieldPanel(
            [FieldPanel("assessment"), FieldPanel("prepared_on"), FieldPanel("reviewed_on")],
            heading=_("Preparation of this statement"),
        ),
    ]
    search_fields = [*LanternPage.search_fields, index.SearchField("not_accessible")]
    parent_page_types = ["awareness.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("accessibility statement")


class HelpDirectoryPage(LanternPage):
    """Where to get help: the help services, filtered by place (planning region first, then
    local government) and by kind, with a plain GET form that works without JavaScript.

    Filtered listings are not cached (the page cache takes only `?page=N` query strings), so
    every filter is rendered fresh; the unfiltered listing is cached and cleared when a service
    changes (signals.py)."""

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["awareness.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("help directory page")

    def get_context(self, request, *args, **kwargs):
        from lantern.forms import form_problems

        from .forms import DirectoryFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = DirectoryFilterForm(request.GET or None)
        area, kind = form.filters()
        services = HelpService.objects.all()
        if area:
            services = services.shown_for(area)
        if kind:
            services = services.filter(kind=kind)
        context.update(
            filter_form=form,
            problems=form_problems(form),
            filtered=bool(area or kind),
            service_groups=group_services(list(services), area),
        )
        return context


def group_services(services: list[HelpService], place: str) -> list[tuple[str, list]]:
    """Services under headings, the most local first: for a local government, its own
    services, then its region's, then the whole country's; for a region or no place, each
    region's services (with their place on each card), then the whole country's."""
    groups: dict[str, list] = {}
    region = directory.region_of_area(place) if place else None
    for service in services:
        if service.area == directory.COUNTRY:
            key = directory.COUNTRY
        elif place and not place.startswith(directory.REGION_PREFIX):
            key = service.area if service.area == place else directory.region_area(region)
        else:
            key = directory.region_area(directory.region_of_area(service.area))
        groups.setdefault(key, []).append(service)

    def heading(key: str) -> str:
        if key == directory.COUNTRY:
            return str(_("Across Latvia"))
        if key.startswith(directory.REGION_PREFIX):
            return str(directory.Region(key.removeprefix(directory.REGION_PREFIX)).label)
        return directory.area_label(key)

    order = []
    if place and not place.startswith(directory.REGION_PREFIX):
        order.append(place)
    order += [directory.region_area(r) for r in directory.Region]
    order.append(directory.COUNTRY)
    return [(heading(key), groups[key]) for key in order if groups.get(key)]


class SelfCheckPage(LanternPage):
    """A private self-check: questions built from the indicators of trafficking and forced
    labour, answered one at a time in the browser (static/js/self-check.js). No answer leaves
    the browser or is kept in it; without JavaScript the page lists every question with what a
    "yes" may mean. Either way the ways to get help follow."""

    result_signs = models.TextField(
        _("result: one or more “yes”"),
        help_text=_("Shown when at least one answer is “yes”. Plain words; no blame."),
    )
    result_unsure = models.TextField(
        _("result: “not sure”, no “yes”"),
        help_text=_("Shown when no answer is “yes” but some are “not sure”."),
    )
    result_no_signs = models.TextField(
        _("result: all “no”"),
        help_text=_("Shown when every answer is “no”."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        InlinePanel(
            "questions",
            heading=_("Questions"),
            label=_("Question"),
            min_num=1,
            help_text=_("One indicator a question, answered “yes”, “no” or “not sure”."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("result_signs"),
                FieldPanel("result_unsure"),
                FieldPanel("result_no_signs"),
            ],
            heading=_("What the answers may mean"),
        ),
    ]
    search_fields = [*LanternPage.search_fields, index.SearchField("result_signs")]
    parent_page_types = ["awareness.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("self-check page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = self.get_parent()
        context["questions"] = list(self.questions.all())
        context["directory_page"] = (
            HelpDirectoryPage.objects.live().public().descendant_of(home).first()
        )
        return context


class SelfCheckQuestion(Orderable):
    page = ParentalKey(SelfCheckPage, related_name="questions", on_delete=models.CASCADE)
    question = models.CharField(
        _("question"),
        max_length=300,
        help_text=_(
            "Asked so that “yes” points to the indicator, e.g. 'Does someone else keep "
            "your passport?'"
        ),
    )
    yes_means = models.TextField(
        _("what a “yes” may mean"),
        help_text=_(
            "In plain words, without blame: what it may mean, and what the person's rights are."
        ),
    )

    panels = [FieldPanel("question"), FieldPanel("yes_means")]

    class Meta(Orderable.Meta):
        verbose_name = _("self-check question")
        verbose_name_plural = _("self-check questions")

    def __str__(self) -> str:
        return self.question


class OpeningSchedule(models.Model):
    """The hours something answers in the short form the site can read (opening_hours.py):
    every page that shows it says whether it is open now, computed in the browser."""

    schedule = models.CharField(
        _("hours for “open now”"),
        max_length=200,
        blank=True,
        validators=[opening_hours.parse],
        help_text=opening_hours.FORMAT_HELP,
    )

    class Meta:
        abstract = True

    @property
    def schedule_data(self) -> str:
        """[[weekday, opens, closes], ...] in minutes, as JSON for the page (data-open-hours)."""
        return json.dumps(opening_hours.as_data(self.schedule), separators=(",", ":"))


class Hotline(index.Indexed, OpeningSchedule):
    """A hotline, listed under "Talk to someone" on every page (the main one also in the bar at
    the top). Every change to a hotline, its creation and its deletion take effect only when a
    second person approves them (awareness/safety.py)."""

    name = models.CharField(_("name"), max_length=120)
    number = models.CharField(
        _("phone number"), max_length=32, help_text=_("As dialled, e.g. 8000 0000.")
    )
    hours = models.CharField(
        _("hours"), max_length=120, blank=True, help_text=_("e.g. 'Mon–Fri 9:00–17:00'.")
    )
    languages = models.CharField(
        _("languages"),
        max_length=200,
        blank=True,
        help_text=_("The languages answered, in words, e.g. 'Latvian, Russian, English'."),
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        HelpPanel(
            content=_(
                "Every hotline is listed on every page. A change here, a new hotline or a "
                "deletion is sent for approval: it goes live only when another person "
                "approves it (Safety changes)."
            )
        ),
        FieldPanel("name"),
        FieldPanel("number"),
        FieldPanel("hours"),
        FieldPanel("schedule"),
        FieldPanel("languages"),
        FieldPanel("is_free"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("hotline")
        verbose_name_plural = _("hotlines")

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"

    @property
    def tel_href(self) -> str:
        return "tel:" + "".join(ch for ch in self.number if ch.isdigit() or ch == "+")


class HelpServiceQuerySet(models.QuerySet):
    def shown_for(self, place: str) -> HelpServiceQuerySet:
        """The services a place's listing shows: its own, its region's as a whole and the
        whole country's (for a region: all of its local governments' too)."""
        return self.filter(area__in=directory.areas_shown_for(place))


class HelpService(index.Indexed, OpeningSchedule):
    """A place that helps: a shelter, a social service, legal aid, and so on, for one local
    government, a planning region or the whole country. Listed on the help directory page and
    sent into chats by operators."""

    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=32, choices=directory.ServiceKind.choices)
    area = models.CharField(
        _("municipality or region"),
        max_length=40,
        choices=directory.area_choices,
        default=directory.COUNTRY,
        help_text=_(
            "Where the service helps: one local government, a planning region, or "
            "the whole country (listed under every place)."
        ),
    )
    address = models.CharField(
        _("address"),
        max_length=200,
        blank=True,
        help_text=_("Street, town. Empty for a service reached by phone only."),
    )
    phone = models.CharField(
        _("phone number"), max_length=32, help_text=_("As dialled, e.g. 8000 0000.")
    )
    hours = models.CharField(
        _("opening hours"), max_length=160, help_text=_("e.g. 'Mon–Fri 9:00–17:00'.")
    )
    languages = models.CharField(
        _("languages spoken"),
        max_length=200,
        blank=True,
        help_text=_("In words, e.g. 'Latvian, Russian, English'."),
    )
    anonymous = models.BooleanField(
        _("anonymous contact possible"),
        default=False,
        help_text=_("A person may call or come without giving their name."),
    )
    description = models.TextField(
        _("short description"), blank=True, help_text=_("One or two sentences: who it helps, how.")
    )

    objects = HelpServiceQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("area"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("hours"),
        FieldPanel("schedule"),
        FieldPanel("languages"),
        FieldPanel("anonymous"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("area"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("help service")
        verbose_name_plural = _("help services")

    def __str__(self) -> str:
        return f"{self.name} ({self.area_label})"

    @property
    def tel_href(self) -> str:
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")

    @property
    def area_label(self) -> str:
        return directory.area_label(self.area)

    def chat_text(self, language: str) -> str:
        """The entry as an operator sends it into a chat, in the conversation's language:
        name, kind, phone, hours, address, languages, and whether it can be anonymous."""
        with translation.override(language):
            lines = [
                f"{self.name} ({self.get_kind_display()}, {self.area_label})",
                _("Phone: %(phone)s") % {"phone": self.phone},
                _("Opening hours: %(hours)s") % {"hours": self.hours},
            ]
            if self.address:
                lines.append(_("Address: %(address)s") % {"address": self.address})
            if self.languages:
                lines.append(_("Languages: %(languages)s") % {"languages": self.languages})
            if self.anonymous:
                lines.append(_("You can contact them without giving your name."))
            return "\n".join(str(line) for line in lines)


@register_setting(icon="warning")
class SafetySettings(ClusterableModel, BaseSiteSetting):
    """What every page shows for a person in danger. Changed only through a proposal that a
    second person approves (awareness/safety.py); the stock settings view only redirects."""

    emergency_number = models.CharField(
        _("emergency number"),
        max_length=16,
        default="112",
        help_text=_("Shown at the top of every page."),
    )
    main_hotline = models.ForeignKey(
        Hotline,
        verbose_name=_("main hotline"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of every page, next to the emergency number."),
    )
    quick_exit_url = models.URLField(
        _("quick-exit destination"),
        blank=True,
        help_text=_(
            "A neutral site that 'Quick exit' opens, such as a weather or news site. "
            "Empty: a web search for the weather."
        ),
    )

    panels = [
        HelpPanel(
            content=_(
                "These are shown on every page to people who may be in danger. A change is "
                "sent for approval: it goes live only when another person approves it "
                "(Safety changes)."
            )
        ),
        FieldPanel("emergency_number"),
        FieldPanel("main_hotline"),
        FieldPanel("quick_exit_url"),
        InlinePanel(
            "chat_hours",
            heading=_("Chat opening hours"),
            label=_("Opening hours"),
            help_text=_("When operators are expected to be online (Latvian time)."),
        ),
    ]

    class Meta:
        verbose_name = _("safety settings")

    @property
    def quick_exit_destination(self) -> str:
        return self.quick_exit_url or settings.LANTERN_DEFAULT_QUICK_EXIT_URL

    @cached_property
    def hotlines(self):
        return list(Hotline.objects.all())

    def chat_is_open(self, at: datetime.datetime | None = None) -> bool:
        local = timezone.localtime(at or timezone.now())
        return any(
            hours.weekday == local.weekday() and hours.opens <= local.time() < hours.closes
            for hours in self.chat_hours.all()
        )


class ChatOpeningHours(Orderable):
    WEEKDAYS = [
        (0, _("Monday")),
        (1, _("Tuesday")),
        (2, _("Wednesday")),
        (3, _("Thursday")),
        (4, _("Friday")),
        (5, _("Saturday")),
        (6, _("Sunday")),
    ]

    settings = ParentalKey(SafetySettings, related_name="chat_hours", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField(_("day"), choices=WEEKDAYS)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    panels = [FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class SafetyChangeQuerySet(models.QuerySet):
    def pending(self) -> SafetyChangeQuerySet:
        return self.filter(status=SafetyChange.Status.PENDING)


class SafetyChange(models.Model):
    """A proposed change to what every page shows a person in danger: the safety settings
    (emergency number, main hotline, quick-exit destination, chat opening hours) or a hotline
    (any field, its creation or its deletion). Nothing of it is live until another person
    approves it (awareness/safety.py)."""

    class Subject(models.TextChoices):
        SETTINGS = "settings", _("safety settings")
        HOTLINE = "hotline", _("hotline")

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        STALE = "stale", _("out of date")

    subject = models.CharField(_("subject"), max_length=16, choices=Subject.choices)
    site = models.ForeignKey(
        Site,
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    hotline = models.ForeignKey(
        Hotline,
        verbose_name=_("hotline"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="safety_changes",
        help_text=_("Empty for a new hotline until it is approved."),
    )
    # The values as they were when proposed, and as proposed. `before` is None for a new
    # hotline, `after` None for a hotline's deletion.
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = SafetyChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("safety change")
        verbose_name_plural = _("safety changes")
        default_permissions = ()
        permissions = [
            (
                "approve_safety_change",
                _("Can approve changes to the hotlines and the safety settings"),
            )
        ]

    def __str__(self) -> str:
        return _("Safety change #%(number)s: %(what)s") % {
            "number": self.pk,
            "what": self.describe(),
        }

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    def describe(self) -> str:
        """What the change is about, e.g. "hotline “Police” (new)"."""
        if self.subject == self.Subject.SETTINGS:
            return str(_("safety settings"))
        values = self.after or self.before or {}
        name = values.get(f"name_{settings.LANGUAGE_CODE}") or values.get("number", "")
        if self.before is None:
            return _("new hotline “%(name)s”") % {"name": name}
        if self.after is None:
            return _("deletion of hotline “%(name)s”") % {"name": name}
        return _("hotline “%(name)s”") % {"name": name}
