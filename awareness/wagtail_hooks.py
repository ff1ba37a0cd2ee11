"""Admin registration for the awareness app: the hotline snippet that pages and the safety
settings point to, and the help services the help directory lists."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import HelpService, Hotline


class HotlineViewSet(SnippetViewSet):
    model = Hotline
    icon = "mobile-alt"
    menu_label = _("Hotlines")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "number", "hours", "is_free"]


register_snippet(HotlineViewSet)


class HelpServiceViewSet(SnippetViewSet):
    model = HelpService
    icon = "site"
    menu_label = _("Help directory")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "kind", "area_label", "phone", "anonymous"]
    list_filter = ["kind", "area"]


register_snippet(HelpServiceViewSet)
