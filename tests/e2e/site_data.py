"""What the e2e tests need to know about the demo site, read from its database.

Run inside the server's environment by the `e2e_site` fixture:
`manage.py shell -c "from tests.e2e.site_data import dump; dump()"`. It prints one JSON
document between two marker lines: every live public page with its type, its URL and its own
title (empty when not translated) in each language, and the site-wide safety settings. Nothing
here depends on the demo's wording, so the demo text can change freely.
"""

import json

BEGIN = "----- lantern e2e site data -----"
END = "----- end of lantern e2e site data -----"


def dump() -> None:
    from django.conf import settings
    from django.utils import translation

    from wagtail.models import Page, Site

    from awareness.models import SafetySettings

    site = Site.objects.get(is_default_site=True)
    languages = [code for code, _name in settings.LANGUAGES]
    pages = []
    for page in Page.objects.live().public().specific().exclude(depth__lte=1).order_by("path"):
        urls = {}
        for code in languages:
            with translation.override(code):
                urls[code] = page.relative_url(site)
        pages.append(
            {
                "id": page.pk,
                "type": page._meta.model_name,
                "urls": urls,
                "titles": {code: getattr(page, f"title_{code}", "") or "" for code in languages},
            }
        )
    safety = SafetySettings.for_site(site)
    hotline = safety.main_hotline
    data = {
        "languages": languages,
        "default_language": settings.LANGUAGE_CODE,
        "fallback_languages": list(settings.LANTERN_PAGE_FALLBACK_LANGUAGES),
        "pages": pages,
        "emergency_number": safety.emergency_number,
        "hotline_number": hotline.number if hotline else "",
        "hotline_tel": hotline.tel_href if hotline else "",
        "quick_exit_url": safety.quick_exit_destination,
    }
    print(BEGIN)  # noqa: T201
    print(json.dumps(data, ensure_ascii=False))  # noqa: T201
    print(END)  # noqa: T201
