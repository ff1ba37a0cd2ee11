"""Translated fields of the chat app (django-modeltranslation): one column per language."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import CannedResponse, ChatRules


@register(CannedResponse)
class CannedResponseTR(TranslationOptions):
    fields = ("title", "text")


@register(ChatRules)
class ChatRulesTR(TranslationOptions):
    fields = ("text",)
    # Every version is written in all four languages (chat/wagtail_hooks.py): shown before the
    # first word, the rules must be read in the visitor's own language.
    required_languages = ("lv", "en", "ru", "uk")
