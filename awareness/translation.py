"""Fields translated with django-modeltranslation: one column per language (lv, en, ru, uk).
Wagtail's own Page fields (title, slug, SEO title, search description) are registered by
wagtail-modeltranslation."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import (
    AccessibilityStatementPage,
    ArticleIndexPage,
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
    HelpDirectoryPage,
    HelpPage,
    HelpService,
    HomePage,
    Hotline,
    SafetyPage,
    SelfCheckPage,
    SelfCheckQuestion,
)


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("introduction", "body")


@register(CampaignIndexPage)
class CampaignIndexPageTR(TranslationOptions):
    fields = ("introduction",)


@register(CampaignPage)
class CampaignPageTR(TranslationOptions):
    fields = ("introduction", "body")


@register(ArticleIndexPage)
class ArticleIndexPageTR(TranslationOptions):
    fields = ("introduction",)


@register(ArticlePage)
class ArticlePageTR(TranslationOptions):
    fields = ("introduction", "body")


@register(HelpPage)
class HelpPageTR(TranslationOptions):
    fields = ("introduction", "body")


@register(SafetyPage)
class SafetyPageTR(TranslationOptions):
    fields = ("introduction", "body")


@register(AccessibilityStatementPage)
class AccessibilityStatementPageTR(TranslationOptions):
    fields = ("introduction", "not_accessible", "feedback", "enforcement")


@register(Hotline)
class HotlineTR(TranslationOptions):
    fields = ("name", "hours", "languages", "description")


@register(HelpDirectoryPage)
class HelpDirectoryPageTR(TranslationOptions):
    fields = ("introduction",)


@register(SelfCheckPage)
class SelfCheckPageTR(TranslationOptions):
    fields = ("introduction", "result_signs", "result_unsure", "result_no_signs")


@register(SelfCheckQuestion)
class SelfCheckQuestionTR(TranslationOptions):
    fields = ("question", "yes_means")


@register(HelpService)
class HelpServiceTR(TranslationOptions):
    fields = ("name", "address", "hours", "languages", "description")
