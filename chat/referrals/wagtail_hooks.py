"""The referral queue in the Wagtail admin: the viewset (listing, lead page, editing,
history, audit log), the menu item with the number of new leads, the dashboard panel, the
audit log in the Reports menu, the log actions and the permission policy for leads."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from . import audit, queue
from .forms import LeadEditForm
from .models import Lead
from .panels import ReferralQueuePanel
from .permissions import (
    STATISTICS_PERMISSION,
    WORK_PERMISSION,
    LeadPermissionPolicy,
    can_read_audit_log,
    can_work_queue,
)
from .queue_views import (
    NAMESPACE,
    AuditLogView,
    LeadAnswerView,
    LeadAssignView,
    LeadEditView,
    LeadHistoryView,
    LeadIndexView,
    LeadNoteView,
    LeadStatusView,
    LeadView,
)

# Before the viewset is registered: otherwise Wagtail would make a default policy for leads.
register_permission_policy(Lead, LeadPermissionPolicy(Lead), exact_class=True)


class ReferralQueueMenuItem(MenuItem):
    """ "Referral queue (3)": the number of new leads, for those who work the queue."""

    def is_shown(self, request):
        return can_work_queue(request.user)

    def render_component(self, request):
        count = queue.count_new()
        label = _("Referral queue (%(count)s)") % {"count": count} if count else _("Referral queue")
        return LinkMenuItem(
            self.name,
            label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


class LeadViewSet(ModelViewSet):
    model = Lead
    name = NAMESPACE
    url_prefix = "referral-queue"
    icon = "folder-open-inverse"
    menu_label = _("Referral queue")
    menu_name = "referral-queue"
    menu_order = 155
    add_to_admin_menu = True
    menu_item_class = ReferralQueueMenuItem

    index_view_class = LeadIndexView
    edit_view_class = LeadEditView
    history_view_class = LeadHistoryView
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    search_fields = ["summary", "what_happened"]
    search_backend_name = None
    edit_handler = ObjectList(
        [FieldPanel(name) for name in LeadEditForm.Meta.fields],
        base_form_class=LeadEditForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        # Leads are neither added, copied nor deleted in the admin (see permissions.py).
        return super().get_common_view_kwargs(
            add_url_name=None,
            delete_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def get_history_view_kwargs(self, **kwargs):
        return super().get_history_view_kwargs(edit_url_name=self.get_url_name("lead"), **kwargs)

    @property
    def url_finder_class(self):
        # Links to a lead (e.g. from Wagtail's site history) open its page, not the edit form.
        finder = super().url_finder_class
        finder.edit_url_name = self.get_url_name("lead")
        return finder

    def get_permissions_to_register(self):
        # Only the two that mean something; leads have no add/change/delete in the admin.
        from django.contrib.auth.models import Permission

        return Permission.objects.filter(
            content_type__app_label="referrals",
            codename__in=[WORK_PERMISSION.split(".")[1], STATISTICS_PERMISSION.split(".")[1]],
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", LeadView.as_view(), name="lead"),
            path("<int:pk>/edit/", self.edit_view, name="edit"),
            path("<int:pk>/status/", LeadStatusView.as_view(), name="status"),
            path("<int:pk>/assign/", LeadAssignView.as_view(), name="assign"),
            path("<int:pk>/notes/", LeadNoteView.as_view(), name="note"),
            path("<int:pk>/answer/", LeadAnswerView.as_view(), name="answer"),
            path("<int:pk>/history/", self.history_view, name="history"),
            path("<int:pk>/history/results/", self.history_results_view, name="history_results"),
            path("audit/", AuditLogView.as_view(), name="audit"),
            path("audit/results/", AuditLogView.as_view(results_only=True), name="audit_results"),
        ]


@hooks.register("register_admin_viewset")
def register_lead_viewset():
    return LeadViewSet()


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_audit_log(request.user)


@hooks.register("register_reports_menu_item")
def register_audit_log_menu_item():
    return AuditLogMenuItem(
        _("Referral queue audit log"),
        reverse(f"{NAMESPACE}:audit"),
        name="referral-audit-log",
        icon_name="history",
        order=1100,
    )


@hooks.register("construct_homepage_panels")
def add_referral_queue_panel(request, panels):
    if can_work_queue(request.user):
        panels.append(ReferralQueuePanel(request))


@hooks.register("register_log_actions")
def register_lead_log_actions(actions):
    audit.register(actions)
