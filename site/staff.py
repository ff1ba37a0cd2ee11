"""Staff, where there is no request to ask: who holds a permission, which language they read.

`holders("app.codename")` is `User.objects.with_perm(…)`: active users who hold the permission
directly or through one of their groups, and active superusers unless left out. Every list of
"the people who may do X" (operators, caseworkers) is built from it, so that it always agrees
with `user.has_perm`, which decides what each of them may do.

`staff_language(user)` is the language a member of staff reads the chat console, the chat's
texts for staff and Lantern's emails in; `email_configured()` whether emails to staff go out
at all.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet


def holders(permission: str, *, include_superusers: bool = True) -> QuerySet:
    """Active users with `permission` ("app_label.codename"), as a query (not yet run)."""
    return get_user_model().objects.with_perm(
        permission, is_active=True, include_superusers=include_superusers
    )


def staff_language(user) -> str:
    """Their Wagtail admin preference, if it is one of the site's languages; otherwise the
    site's own language. Never the language active at the moment, which may be a visitor's."""
    profile = getattr(user, "wagtail_userprofile", None)
    preferred = profile.preferred_language if profile is not None else ""
    if preferred in dict(settings.LANGUAGES):
        return preferred
    return settings.LANGUAGE_CODE


def email_configured() -> bool:
    """Whether this site was given a way to send mail: an email backend or an SMTP host set
    in its settings. Django's default (SMTP on localhost:25) is not taken as one."""
    # `is_overridden` is missing from django-stubs' Settings (it is Django's public API).
    overridden = settings.is_overridden  # type: ignore[misc]
    return overridden("EMAIL_BACKEND") or overridden("EMAIL_HOST")
