"""The chat in the Wagtail admin: the operator console (menu item and URL) and the canned
responses snippet."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .access import OPERATE_PERMISSION
from .models import CannedResponse


class OperatorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(OPERATE_PERMISSION)


@hooks.register("register_admin_urls")
def register_console_url():
    return [path("chat/console/", views.console, name="chat_console")]


@hooks.register("register_admin_menu_item")
def register_console_menu_item():
    return OperatorMenuItem(
        _("Chat console"), reverse("chat_console"), icon_name="comment", order=150
    )


class CannedResponseViewSet(SnippetViewSet):
    model = CannedResponse
    icon = "openquote"
    menu_label = _("Canned responses")
    add_to_admin_menu = True
    menu_order = 160
    list_display = ["title"]


register_snippet(CannedResponseViewSet)
