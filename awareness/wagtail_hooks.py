"""Admin registration for the awareness app: the hotline snippet that pages and the safety
settings point to, the help services the help directory lists, and the safety changes that
a second person approves (awareness/safety.py): their views, menu item, dashboard panel, log
actions and permission, and the hooks that keep every other route from changing a hotline or
the safety settings directly."""

from django.contrib.auth.models import Permission
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import safety
from .models import HelpService, Hotline, SafetyChange, SafetySettings
from .safety_views import (
    NAMESPACE,
    DecideView,
    HotlineChooserViewSet,
    HotlineCreateView,
    HotlineDeleteView,
    HotlineEditView,
    SafetyChangeIndexView,
    SafetyChangeView,
    SafetySettingsProposeView,
)


class HotlineViewSet(SnippetViewSet):
    model = Hotline
    icon = "mobile-alt"
    menu_label = gettext_lazy("Hotlines")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "number", "hours", "is_free"]
    # Adding, changing and deleting a hotline each make a proposal (awareness/safety.py);
    # copying would be one more way to add one, so there is none.
    add_view_class = HotlineCreateView
    edit_view_class = HotlineEditView
    delete_view_class = HotlineDeleteView
    copy_view_enabled = False
    chooser_viewset_class = HotlineChooserViewSet


register_snippet(HotlineViewSet)


class HelpServiceViewSet(SnippetViewSet):
    model = HelpService
    icon = "site"
    menu_label = gettext_lazy("Help directory")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "kind", "area_label", "phone", "anonymous"]
    list_filter = ["kind", "area"]


register_snippet(HelpServiceViewSet)


# --- Safety changes -------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_safety_urls():
    urls = [
        path("settings/<int:pk>/", SafetySettingsProposeView.as_view(), name="settings"),
        path("changes/", SafetyChangeIndexView.as_view(), name="index"),
        path("changes/<int:pk>/", SafetyChangeView.as_view(), name="change"),
        path("changes/<int:pk>/approve/", DecideView.as_view(approve=True), name="approve"),
        path("changes/<int:pk>/reject/", DecideView.as_view(approve=False), name="reject"),
    ]
    return [path("safety/", include((urls, NAMESPACE), namespace=NAMESPACE))]


@hooks.register("before_edit_setting")
def propose_safety_settings(request, instance):
    """Wagtail's own settings view never saves the safety settings: it sends the user (and a
    form posted to it, unsaved) to the view that proposes a change."""
    if isinstance(instance, SafetySettings):
        return redirect(f"{NAMESPACE}:settings", instance.site_id)
    return None


def refuse_hotline_change(request):
    messages.error(
        request,
        _("Hotlines are changed through a proposal that another person approves."),
    )
    return redirect("wagtailsnippets_awareness_hotline:list")


# The hotline's own add, edit and delete views propose instead of saving and skip these hooks;
# any other route that would change a hotline (the snippets' bulk deletion) is refused.
@hooks.register("before_create_snippet")
def refuse_hotline_creation(request, model):
    if model is Hotline:
        return refuse_hotline_change(request)
    return None


@hooks.register("before_edit_snippet")
def refuse_hotline_edit(request, instance):
    if isinstance(instance, Hotline):
        return refuse_hotline_change(request)
    return None


@hooks.register("before_delete_snippet")
def refuse_hotline_deletion(request, instances):
    if any(isinstance(instance, Hotline) for instance in instances):
        return refuse_hotline_change(request)
    return None


class SafetyChangesMenuItem(MenuItem):
    """ "Safety changes (2)": the number awaiting approval."""

    def is_shown(self, request):
        return safety.can_see_changes(request.user)

    def render_component(self, request):
        count = SafetyChange.objects.pending().count()
        label = _("Safety changes (%(count)s)") % {"count": count} if count else self.label
        return LinkMenuItem(
            self.name, label, self.url, icon_name=self.icon_name, classname=self.classname
        )


@hooks.register("register_admin_menu_item")
def register_safety_changes_menu_item():
    return SafetyChangesMenuItem(
        gettext_lazy("Safety changes"),
        reverse(f"{NAMESPACE}:index"),
        name="safety-changes",
        icon_name="warning",
        order=305,
    )


class SafetyChangesPanel(Component):
    """On the dashboard of those who may approve, while any change awaits approval."""

    name = "safety_changes"
    template_name = "awareness/safety/home_panel.html"
    order = 40

    def __init__(self, changes):
        self.changes = changes

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(changes=self.changes, index_url=reverse(f"{NAMESPACE}:index"))
        return context


@hooks.register("construct_homepage_panels")
def add_safety_changes_panel(request, panels):
    if safety.can_approve(request.user):
        changes = list(SafetyChange.objects.pending().select_related("proposed_by"))
        if changes:
            panels.append(SafetyChangesPanel(changes))


@hooks.register("register_log_actions")
def register_safety_log_actions(actions):
    safety.register_log_actions(actions)


@hooks.register("register_permissions")
def register_safety_permissions():
    return Permission.objects.filter(
        content_type__app_label="awareness", codename="approve_safety_change"
    )
