"""The chat in the Wagtail admin: the operator console (menu item and URL), the canned
responses snippet, and the chat rules (written by moderators, one version after another)."""

from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from . import views
from .access import OPERATE_PERMISSION
from .models import CannedResponse, ChatRules


class OperatorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(OPERATE_PERMISSION)


@hooks.register("register_admin_urls")
def register_console_url():
    return [
        path("chat/console/", views.console, name="chat_console"),
        path("chat/replies/<int:pk>/", views.reply, name="chat_reply"),
    ]


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


class ChatRulesPermissionPolicy(ModelPermissionPolicy):
    """A version of the chat rules, once written, stays as it was: consent records name the
    version the visitor was shown. Moderators add versions and view old ones; nobody (not a
    superuser either) changes or deletes one."""

    FROZEN = ("change", "delete")

    def user_has_permission(self, user, action):
        return action not in self.FROZEN and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in self.FROZEN]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


register_permission_policy(ChatRules, ChatRulesPermissionPolicy(ChatRules), exact_class=True)


class ChatRulesCreateView(CreateView):
    """A new version starts from the current one's wording, and records who wrote it."""

    def get_initial_form_instance(self):
        current = ChatRules.objects.current()
        instance = ChatRules()
        if current is not None:
            for field in ("text", "text_lv", "text_en", "text_ru", "text_uk"):
                setattr(instance, field, getattr(current, field))
        return instance

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class ChatRulesViewSet(SnippetViewSet):
    model = ChatRules
    icon = "help"
    menu_label = _("Chat rules")
    add_to_settings_menu = True
    add_view_class = ChatRulesCreateView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["__str__", "created_by"]
    panels = [
        HelpPanel(
            content=_(
                "The chat widget shows these before a visitor writes (starting a chat or "
                "leaving a message), and again when it asks for their consent. Saving writes a "
                "new version: the one shown from then on. Earlier versions stay as they were, "
                "since each consent records the version the visitor was shown."
            )
        ),
        FieldPanel("text_lv"),
        FieldPanel("text_en"),
        FieldPanel("text_ru"),
        FieldPanel("text_uk"),
    ]


register_snippet(ChatRulesViewSet)
