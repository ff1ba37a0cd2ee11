"""Template tags for the site-wide frame: languages, the quick exit and the emergency bar."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The current page in each language: for a Wagtail page its translated URL, otherwise the
    same route under the other language prefix. No cookie is involved: the URL says it all."""
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        shown_in = getattr(page, "shown_language_in", None)
        if shown_in is not None and shown_in(code) is None:
            continue  # a page written in other languages only is not offered in this one
        if page is not None and hasattr(page, "get_url"):
            with translation.override(code):
                url = page.get_url(request)
                absolute = page.get_full_url(request)
        else:
            url = translate_url(request.get_full_path(), code)
            absolute = request.build_absolute_uri(url)
        links.append(
            {
                "code": code,
                "name": settings.LANGUAGE_NATIVE_NAMES[code],
                "url": url,
                "absolute_url": absolute,
                "is_current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def safety_frame(context) -> dict:
    """What every public page shows around its content: the emergency number, the main
    hotline, the quick-exit destination, the home page, the main menu and the pages the footer
    links to."""
    from wagtail.models import Site

    from awareness.models import AccessibilityStatementPage, SafetyPage, SafetySettings, listed_in

    request = context["request"]
    site = Site.find_for_request(request)
    safety = SafetySettings.for_request(request)
    home = site.root_page if site else None
    menu = list(listed_in(home.get_children().live().public().in_menu()).specific()) if home else []

    def first_live(model):
        return model.objects.live().public().descendant_of(home).first() if home else None

    return {
        "home": home,
        "menu": menu,
        "emergency_number": safety.emergency_number,
        "hotline": safety.main_hotline,
        "quick_exit_url": safety.quick_exit_destination,
        "safety_page": first_live(SafetyPage),
        "accessibility_page": first_live(AccessibilityStatementPage),
        "hotlines": safety.hotlines,
        "chat_hours": list(safety.chat_hours.all()),
    }
