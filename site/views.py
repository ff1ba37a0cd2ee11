"""Site-wide views."""

from django.conf import settings
from django.http import HttpRequest, HttpResponseServerError
from django.template import loader


def server_error(request: HttpRequest) -> HttpResponseServerError:
    """A 500 page that still offers quick exit and the emergency number. It reads nothing
    from the database, which may be what failed."""
    template = loader.get_template("500.html")
    context = {"quick_exit_url": settings.LANTERN_DEFAULT_QUICK_EXIT_URL}
    return HttpResponseServerError(template.render(context))
