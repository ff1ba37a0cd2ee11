"""Translated fields of the chat app (django-modeltranslation): one column per language."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import CannedResponse


@register(CannedResponse)
class CannedResponseTR(TranslationOptions):
    fields = ("title", "text")
