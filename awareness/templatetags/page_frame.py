"""The frame around every public page (site/templatetags/lantern.py), kept per page-cache
generation: it only changes when something is published or saved, which clears the page
cache (awareness/cache.py), so a page rendered after a miss does not read it again."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.templatetags import lantern

from .. import cache

register = template.Library()


@register.simple_tag(takes_context=True)
def page_frame(context) -> dict:
    """`safety_frame`: the emergency number, hotlines, quick exit, home page and menu."""
    request = context["request"]
    key = ("frame", request.get_host(), translation.get_language())
    return cache.memo(request, key, lambda: lantern.safety_frame(context))


@register.simple_tag(takes_context=True)
def page_language_links(context) -> list[dict]:
    """`language_links`: this page in each language."""
    request = context["request"]
    page = context.get("page")
    if page is None or not hasattr(page, "get_url") or getattr(request, "is_preview", False):
        return lantern.language_links(context)
    key = (
        "language-links",
        page.pk,
        request.scheme,
        request.get_host(),
        translation.get_language(),
    )
    return cache.memo(request, key, lambda: lantern.language_links(context))


@register.tag
def frame_fragment(parser, token):
    """`{% frame_fragment "name" %}…{% endframe_fragment %}`: markup that is the same on every
    page in a language (it may use the frame, the language and URLs, never the page, the
    visitor or the request), rendered once per generation, language and host."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one quoted name")
    nodelist = parser.parse(("endframe_fragment",))
    parser.delete_first_token()
    return FrameFragmentNode(bits[1][1:-1], nodelist)


class FrameFragmentNode(template.Node):
    def __init__(self, name: str, nodelist) -> None:
        self.name, self.nodelist = name, nodelist

    def render(self, context) -> str:
        request = context.get("request")
        if request is None:
            return self.nodelist.render(context)
        key = ("fragment", self.name, request.get_host(), translation.get_language())
        return cache.memo(request, key, lambda: self.nodelist.render(context))


@register.simple_tag
def open_now(item) -> str:
    """Where a hotline or service with a schedule is shown: "Open now" or "Closed now" (Latvian
    time), filled in by the browser (static/js/open-now.js), so the cached page stays right."""
    if not getattr(item, "schedule", ""):
        return ""
    return format_html(
        '<span class="open-now" data-open-hours="{}" data-time-zone="{}" data-open="{}" '
        'data-closed="{}" hidden></span>',
        item.schedule_data,
        settings.TIME_ZONE,
        _("Open now"),
        _("Closed now"),
    )


# "In Latvian" and not "latviešu" or "Latvian": the language's name alone does not say it in
# every language (Russian: "на латышском").
SHOWN_IN = {
    "lv": gettext_lazy("In Latvian"),
    "en": gettext_lazy("In English"),
    "ru": gettext_lazy("In Russian"),
    "uk": gettext_lazy("In Ukrainian"),
}


@register.filter
def shown_in(language: str) -> str:
    """Where a listing shows an item in another language than the visitor's: which one."""
    if language in SHOWN_IN:
        return str(SHOWN_IN[language])
    return translation.get_language_info(language)["name_translated"]
