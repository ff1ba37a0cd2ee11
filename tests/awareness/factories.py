"""Builders for awareness content used by the tests.

Tests never rely on the demo site's wording (it is edited independently): they build the pages
and hotlines whose text they assert on. Every text is derived from a short key and the language,
e.g. the page with key "tcp" has the Russian title "tcp RU title" and the Russian slug
"tcp-ru", so a test can say exactly what it expects to see in each language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation

from wagtail.models import Page

from awareness import models

LANGUAGES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


def title_of(key: str, language: str) -> str:
    return f"{key} {language.upper()} title"


def slug_of(key: str, language: str) -> str:
    return f"{key}-{language}"


def introduction_of(key: str, language: str) -> str:
    return f"{key} {language.upper()} introduction"


def body_text_of(key: str, language: str) -> str:
    return f"{key} {language.upper()} body text"


def paragraph(text: str) -> list[dict]:
    """Raw StreamField data: one paragraph block."""
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def has_body(model: type[Page]) -> bool:
    return any(f.name == "body" for f in model._meta.get_fields())


def translated_fields(
    model: type[Page], key: str, languages: tuple[str, ...] = LANGUAGES
) -> dict[str, object]:
    """Title, slug, introduction and (where the model has one) body in `languages`; the other
    languages are left empty, as an editor who has not translated the page yet leaves them."""
    with_body = has_body(model)
    values: dict[str, object] = {}
    for language in languages:
        values[f"title_{language}"] = title_of(key, language)
        values[f"slug_{language}"] = slug_of(key, language)
        values[f"introduction_{language}"] = introduction_of(key, language)
        if with_body:
            values[f"body_{language}"] = paragraph(body_text_of(key, language))
    return values


def make_page(
    parent: Page,
    model: type[Page],
    key: str,
    *,
    languages: tuple[str, ...] = LANGUAGES,
    publish: bool = True,
    **fields,
) -> Page:
    """Create a `model` page under `parent`, translated into `languages`, and publish it (which
    also puts it in the search index)."""
    fields.setdefault("live", publish)  # a new page is live unless told otherwise
    with translation.override(DEFAULT_LANGUAGE):
        page = model(**{**translated_fields(model, key, languages), **fields})
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        page.refresh_from_db()
    return page


def get_home() -> models.HomePage:
    """The site's home page (the demo loader creates exactly one; it is the site root)."""
    return models.HomePage.objects.get()


def retitle_home(key: str = "thome") -> models.HomePage:
    """Give the demo home page the test's own text in every language (its slugs stay: the home
    page is the site root, so its URL is /<language>/ whatever its slug)."""
    home = get_home()
    with translation.override(DEFAULT_LANGUAGE):
        for language in LANGUAGES:
            setattr(home, f"title_{language}", title_of(key, language))
            setattr(home, f"introduction_{language}", introduction_of(key, language))
            setattr(home, f"body_{language}", paragraph(body_text_of(key, language)))
        home.save_revision().publish()
        home.refresh_from_db()
    return home


@dataclass
class Tree:
    """One page of every type, all translated into every language, plus one campaign that
    exists only in Latvian."""

    home: models.HomePage
    campaign_index: models.CampaignIndexPage
    campaign: models.CampaignPage
    untranslated: models.CampaignPage
    article_index: models.ArticleIndexPage
    article: models.ArticlePage
    help: models.HelpPage
    safety: models.SafetyPage
    keys: dict[str, str] = field(default_factory=dict)

    def page(self, name: str) -> Page:
        return getattr(self, name)

    def pks(self) -> set[int]:
        """The pages the tests added (not the home page, which the demo loader made)."""
        return {self.page(name).pk for name in self.keys if name != "home"}

    def chain(self, name: str) -> list[Page]:
        """The page and its ancestors below the home page, top first."""
        page = self.page(name)
        ancestors = page.get_ancestors(inclusive=True).filter(depth__gt=self.home.depth)
        return [p.specific for p in ancestors]

    def path(self, name: str, language: str) -> str:
        """The URL the page must have in `language`: built from each page's own slug in that
        language, falling back to the Latvian one where the page has no translation."""
        if name == "home":
            return f"/{language}/"
        slugs = [
            getattr(p, f"slug_{language}") or getattr(p, f"slug_{DEFAULT_LANGUAGE}")
            for p in self.chain(name)
        ]
        return f"/{language}/" + "".join(f"{slug}/" for slug in slugs)


PAGE_NAMES = [
    "home",
    "campaign_index",
    "campaign",
    "article_index",
    "article",
    "help",
    "safety",
]
PAGE_MODELS = {
    "home": models.HomePage,
    "campaign_index": models.CampaignIndexPage,
    "campaign": models.CampaignPage,
    "article_index": models.ArticleIndexPage,
    "article": models.ArticlePage,
    "help": models.HelpPage,
    "safety": models.SafetyPage,
}


TREE_KEYS = {
    "home": "thome",
    "campaign_index": "tci",
    "campaign": "tcp",
    "untranslated": "tcu",
    "article_index": "tai",
    "article": "tar",
    "help": "thp",
    "safety": "tsp",
}


def build_tree() -> None:
    """Create the test tree (once per test session, after the demo content: see conftest)."""
    home = retitle_home(TREE_KEYS["home"])
    campaign_index = make_page(home, models.CampaignIndexPage, TREE_KEYS["campaign_index"])
    make_page(
        campaign_index,
        models.CampaignPage,
        TREE_KEYS["campaign"],
        audience="labour_migrants",
        forms_of_exploitation=["labour", "begging"],
    )
    make_page(
        campaign_index,
        models.CampaignPage,
        TREE_KEYS["untranslated"],
        languages=(DEFAULT_LANGUAGE,),
        audience="young_people",
    )
    article_index = make_page(home, models.ArticleIndexPage, TREE_KEYS["article_index"])
    make_page(article_index, models.ArticlePage, TREE_KEYS["article"])
    make_page(home, models.HelpPage, TREE_KEYS["help"])
    make_page(home, models.SafetyPage, TREE_KEYS["safety"])


def load_tree() -> Tree:
    """The test tree's pages, fresh from the database."""

    def find(name: str) -> Page:
        slug = slug_of(TREE_KEYS[name], DEFAULT_LANGUAGE)
        return Page.objects.get(slug_lv=slug).specific

    return Tree(
        home=get_home(),
        campaign_index=find("campaign_index"),
        campaign=find("campaign"),
        untranslated=find("untranslated"),
        article_index=find("article_index"),
        article=find("article"),
        help=find("help"),
        safety=find("safety"),
        keys=dict(TREE_KEYS),
    )


def make_hotline(key: str = "thl", number: str = "8000 0099", **fields) -> models.Hotline:
    values = {}
    for language in LANGUAGES:
        values[f"name_{language}"] = f"{key} {language.upper()} hotline"
        values[f"hours_{language}"] = f"{key} {language.upper()} hours"
    values.update(fields)
    with translation.override(DEFAULT_LANGUAGE):
        return models.Hotline.objects.create(number=number, **values)


def make_user(username: str, *, groups: tuple[str, ...] = (), superuser: bool = False):
    user_model = get_user_model()
    if superuser:
        user = user_model.objects.create_superuser(
            username=username, email=f"{username}@example.invalid", password="x" * 16
        )
    else:
        user = user_model.objects.create_user(
            username=username, email=f"{username}@example.invalid", password="x" * 16
        )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def make_service(
    key: str = "tsv",
    *,
    area: str = "country",
    kind: str = "ngo",
    phone: str = "8000 0098",
    languages: tuple[str, ...] = LANGUAGES,
    **fields,
) -> models.HelpService:
    """A help service whose name and hours say its key and language, e.g. "tsv RU service"."""
    values: dict[str, object] = {}
    for language in languages:
        values[f"name_{language}"] = f"{key} {language.upper()} service"
        values[f"hours_{language}"] = f"{key} {language.upper()} hours"
    values.update(fields)
    with translation.override(DEFAULT_LANGUAGE):
        return models.HelpService.objects.create(area=area, kind=kind, phone=phone, **values)


def make_self_check(parent: Page, key: str = "tsc") -> models.SelfCheckPage:
    """A published self-check page with two questions and its result texts, in every
    language ("tsc RU question 2", "tsc RU means 2", "tsc RU result_signs")."""
    questions = [
        models.SelfCheckQuestion(
            sort_order=n,
            **{f"question_{code}": f"{key} {code.upper()} question {n}" for code in LANGUAGES},
            **{f"yes_means_{code}": f"{key} {code.upper()} means {n}" for code in LANGUAGES},
        )
        for n in (1, 2)
    ]
    results = {
        f"{field}_{code}": f"{key} {code.upper()} {field}"
        for field in ("result_signs", "result_unsure", "result_no_signs")
        for code in LANGUAGES
    }
    return make_page(parent, models.SelfCheckPage, key, questions=questions, **results)
