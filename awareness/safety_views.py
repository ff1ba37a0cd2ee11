"""The admin views of safety changes (awareness/safety.py): the forms that propose instead of
saving (the safety settings; a hotline's add, edit and delete views), the list of changes
awaiting approval, one change, and approving or rejecting it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.contrib.settings import views as settings_views
from wagtail.snippets.views import chooser as snippet_chooser_views
from wagtail.snippets.views import snippets as snippet_views

from . import safety
from .models import SafetyChange

NAMESPACE = "awareness_safety"
SENT_FOR_APPROVAL = gettext_lazy(
    "Your change was sent for approval. It is not live until another person approves it."
)


def change_url(change: SafetyChange) -> str:
    return reverse(f"{NAMESPACE}:change", args=[change.pk])


def index_url() -> str:
    return reverse(f"{NAMESPACE}:index")


# --- Proposing instead of saving ------------------------------------------------------------


class SafetySettingsProposeView(settings_views.EditView):
    """Wagtail's settings form for the safety settings, whose "Save" records a proposal.
    The stock route redirects here (wagtail_hooks.py)."""

    submit_button_label = gettext_lazy("Propose change")
    submit_button_active_label = gettext_lazy("Proposing…")

    def setup(self, request, *args, **kwargs):
        super().setup(request, "awareness", "safetysettings", *args, **kwargs)

    def run_before_hook(self):
        # Not the `before_edit_setting` hooks: one of them sends the stock view here.
        return None

    def get_edit_url(self):
        return reverse(f"{NAMESPACE}:settings", args=[self.pk])

    def form_valid(self, form):
        self.form = form
        try:
            change = safety.do_propose_settings(
                self.request.user, self.site, form.save(commit=False)
            )
        except ValidationError as error:
            messages.warning(self.request, " ".join(error.messages))
            return redirect(self.get_edit_url())
        messages.success(self.request, SENT_FOR_APPROVAL)
        return redirect(change_url(change))


class ProposeHotlineMixin:
    """A hotline's add and edit views: a valid form becomes a proposal (the row is untouched)."""

    def run_before_hook(self):
        # Not the `before_create_snippet` / `before_edit_snippet` hooks, which refuse every
        # other route to a hotline's change (wagtail_hooks.py).
        return None

    def form_valid(self, form):
        self.form = form
        try:
            change = safety.do_propose_hotline(self.request.user, form.instance)
        except ValidationError as error:
            messages.warning(self.request, " ".join(error.messages))
            return redirect(self.request.path)
        messages.success(self.request, SENT_FOR_APPROVAL)
        return redirect(change_url(change))


class HotlineCreateView(ProposeHotlineMixin, snippet_views.CreateView):
    pass


class HotlineEditView(ProposeHotlineMixin, snippet_views.EditView):
    pass


class HotlineDeleteView(snippet_views.DeleteView):
    """Confirming a hotline's deletion proposes it."""

    def run_before_hook(self):
        return None

    @property
    def confirmation_message(self):
        return _("Propose deleting this hotline? It is deleted only when another person approves.")

    def form_valid(self, form):
        try:
            change = safety.do_propose_hotline_deletion(self.request.user, self.object)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(self.get_success_url())
        messages.success(self.request, SENT_FOR_APPROVAL)
        return HttpResponseRedirect(change_url(change))


class HotlineChooserCreateView(snippet_chooser_views.SnippetCreateView):
    """The chooser modal offers no "create" tab for hotlines (no creation form); its route
    refuses outright rather than fail on a form it does not have."""

    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied


class HotlineChooserViewSet(snippet_chooser_views.SnippetChooserViewSet):
    create_view_class = HotlineChooserCreateView


# --- The changes ----------------------------------------------------------------------------


class SafetyChangesAccessMixin:
    """For whoever may propose or approve safety changes; others get 403 (and the admin's own
    wrapper sends the signed-out to the sign-in page)."""

    def dispatch(self, request, *args, **kwargs):
        if not safety.can_see_changes(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def with_differences(changes) -> list[SafetyChange]:
    changes = list(changes)
    for change in changes:
        change.differences = safety.differences(change)
    return changes


class SafetyChangeIndexView(SafetyChangesAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Safety changes")
    header_icon = "warning"
    template_name = "awareness/safety/index.html"
    recent = 20

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        related = ("proposed_by", "decided_by")
        context.update(
            pending=with_differences(SafetyChange.objects.pending().select_related(*related)),
            decided=with_differences(
                SafetyChange.objects.exclude(status=SafetyChange.Status.PENDING)
                .select_related(*related)
                .order_by("-decided_at", "-pk")[: self.recent]
            ),
            can_approve=safety.can_approve(self.request.user),
        )
        return context


class SafetyChangeView(SafetyChangesAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "warning"
    template_name = "awareness/safety/change.html"

    def get(self, request, *args, **kwargs):
        self.change = get_object_or_404(SafetyChange, pk=kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.change)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": index_url(), "label": _("Safety changes")},
            {"url": "", "label": str(self.change)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            change=self.change,
            differences=safety.differences(self.change),
            may_decide=safety.may_decide(user, self.change),
            is_proposer=self.change.proposed_by_id == user.pk,
            can_approve=safety.can_approve(user),
            approve_url=reverse(f"{NAMESPACE}:approve", args=[self.change.pk]),
            reject_url=reverse(f"{NAMESPACE}:reject", args=[self.change.pk]),
        )
        return context


class DecideView(View):
    """POST only: approve or reject one change (`approve` given to as_view)."""

    approve = False
    http_method_names = ["post"]

    def post(self, request, pk):
        change = get_object_or_404(SafetyChange, pk=pk)
        safety.check_decide(request.user, change)
        if not change.is_pending:
            messages.warning(request, _("This change was already decided."))
            return redirect(change_url(change))
        if not self.approve:
            safety.do_reject(request.user, change)
            messages.success(request, _("The change was rejected; nothing was changed."))
            return redirect(index_url())
        try:
            safety.do_approve(request.user, change)
        except safety.StaleChange:
            messages.error(
                request,
                _(
                    "The live values changed after this was proposed, so it was not applied "
                    "and is closed as out of date. Propose the change again if it is still "
                    "needed."
                ),
            )
            return redirect(change_url(change))
        messages.success(request, _("The change was approved and is live on every page."))
        return redirect(index_url())
