"""Lantern's own additions to every Wagtail admin page: the staff session's warning before it
ends for inactivity (lantern.sessions, static/js/staff-session.js)."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext

from wagtail import hooks

from .sessions import STATUS_URL_NAME


@hooks.register("insert_global_admin_js")
def staff_session_script() -> str:
    """The warning's script and its style, configured by data- attributes (no inline script).
    `%(when)s` becomes "in 2 minutes" in the page's language (the browser's own wording)."""
    return format_html(
        '<link rel="stylesheet" href="{css}">'
        '<script type="module" src="{js}" data-staff-session data-status-url="{status}" '
        'data-title="{title}" data-idle-message="{idle}" data-absolute-message="{absolute}" '
        'data-stay="{stay}" data-dismiss="{dismiss}"></script>',
        css=static("css/staff-session.css"),
        js=static("js/staff-session.js"),
        status=reverse(STATUS_URL_NAME),
        title=gettext("Are you still there?"),
        idle=gettext(
            "You will be signed out %(when)s because you have not been active. "
            "Anything you have not saved will be lost."
        ),
        absolute=gettext(
            "You will be signed out %(when)s: your session has reached its maximum length. "
            "Save your work now; then sign in again."
        ),
        stay=gettext("Stay signed in"),
        dismiss=gettext("OK"),
    )
