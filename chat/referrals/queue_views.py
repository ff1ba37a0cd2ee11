"""The referral queue in the Wagtail admin: the listing, a lead's page and the forms on it,
editing a lead's details, and the audit log for coordinators.

Views stay thin: they read the request, call one function of actions.py, and answer. A
refused change comes back as a message on the lead's page, never as an error page. Every
personal text is rendered by the templates as text (auto-escaped).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic import EditView, IndexView, PermissionCheckedMixin
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import ModelLogEntry

from chat.models import Message, Topic

from . import actions, audit, queue, thread
from .actions import LeadError, Transition, access_lead
from .filters import AuditLogFilterSet, LeadFilterSet
from .forms import AssignForm, CloseForm, NoteForm, ReferForm, ThreadAnswerForm
from .keys import lead_keys
from .models import Lead
from .permissions import can_read_audit_log, can_work_queue

NAMESPACE = "referral_queue"
SUMMARY_CHARS = 80


def lead_url(lead_id: int) -> str:
    return reverse(f"{NAMESPACE}:lead", args=[lead_id])


def _assignee_name(lead: Lead) -> str:
    return get_user_display_name(lead.assigned_to) if lead.assigned_to_id else ""


def _excerpt(lead: Lead) -> str:
    return Truncator(" ".join((lead.summary or lead.what_happened).split())).chars(SUMMARY_CHARS)


if TYPE_CHECKING:
    _MixinBase = View  # what the mixins below are mixed into
else:
    _MixinBase = object


class QueueAccessMixin(_MixinBase):
    """Refuse anyone who may not work the queue before a lead is looked up, so that they are
    not told whether it exists (Wagtail's generic views fetch the object first)."""

    def setup(self, request, *args, **kwargs):
        if not can_work_queue(request.user):
            raise PermissionDenied
        super().setup(request, *args, **kwargs)


class QueueBreadcrumbsMixin:
    breadcrumbs_items: list[dict[str, Any]]  # from Wagtail's admin views

    def queue_breadcrumbs(self, *items):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{NAMESPACE}:index"), "label": _("Referral queue")},
            *items,
        ]


# --- The listing ----------------------------------------------------------------------------


class LeadTitleColumn(TitleColumn):
    class Media:
        css = {"all": ["referrals/queue.css"]}


class LeadIndexView(IndexView):
    """Every lead, most urgent first, then the newest (closed ones last); filters by status,
    urgency, form, language, location, source, caseworker and date; search over the
    summary and the visitor's words (opened here: they are sealed) or a lead's number ("#12")."""

    page_title = gettext_lazy("Referral queue")
    any_permission_required = ["view"]
    filterset_class = LeadFilterSet
    search_fields = ["summary", "what_happened"]
    search_backend_name = None
    default_ordering = queue.DEFAULT_ORDERING

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # No spreadsheet export: personal data leaves the admin only through a caseworker's
        # own reading of a lead, which is logged.
        self.is_export = False

    def get_base_queryset(self):
        return queue.queue()

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def paginate_queryset(self, queryset, page_size):
        paginator, page, leads, is_paginated = super().paginate_queryset(queryset, page_size)
        # The page's summaries and places are sealed: their keys opened in one query.
        lead_keys.preload(leads)
        return paginator, page, leads, is_paginated

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        text = self.search_query.strip()
        if number := re.fullmatch(r"#?(\d{1,12})", text):
            return queryset.filter(pk=int(number[1])) | queue.containing(
                queryset, text, "summary", "what_happened"
            )
        # Sealed: searched once opened, within the listing as filtered (queue.containing).
        return queue.containing(queryset, text, "summary", "what_happened")

    @cached_property
    def columns(self):
        return [
            LeadTitleColumn(
                "lead",
                label=gettext_lazy("Lead"),
                accessor=str,
                get_url=lambda lead: lead_url(lead.pk),
                link_classname="referral-queue-lead",
            ),
            Column(
                "urgency",
                label=gettext_lazy("Urgency"),
                accessor="get_urgency_display",
                sort_key="urgency_rank",
            ),
            StatusTagColumn(
                "status",
                label=gettext_lazy("Status"),
                accessor="get_status_display",
                primary=lambda lead: lead.status == Lead.Status.NEW,
                sort_key="status",
            ),
            Column("summary", label=gettext_lazy("Summary"), accessor=_excerpt, width="22%"),
            Column(
                "form_of_exploitation",
                label=gettext_lazy("Form of exploitation"),
                accessor="get_form_of_exploitation_display",
            ),
            Column("language", label=gettext_lazy("Language"), accessor="get_language_display"),
            Column("location", label=gettext_lazy("Municipality or country")),
            Column("source", label=gettext_lazy("Source"), accessor="get_source_display"),
            Column("assigned_to", label=gettext_lazy("Caseworker"), accessor=_assignee_name),
            DateColumn("created_at", label=gettext_lazy("Created"), sort_key="created_at"),
        ]

    def get_list_more_buttons(self, instance):
        return []


# --- A lead's page --------------------------------------------------------------------------


def transcript_rows(lead: Lead) -> list[dict]:
    """The stored transcript, for the template: who (a label), when, and the text as text."""
    senders = dict(Message.Sender.choices)
    rows = []
    for item in lead.transcript or []:
        if not isinstance(item, dict):
            continue
        try:
            sent_at = parse_datetime(str(item.get("sent_at") or ""))
        except ValueError:
            sent_at = None
        sender = item.get("sender", "")
        rows.append(
            {
                "sender": sender,
                "sender_label": senders.get(sender, sender),
                "sent_at": sent_at,
                "text": str(item.get("text", "")),
            }
        )
    return rows


class LeadView(
    QueueBreadcrumbsMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    """Everything a caseworker needs about one lead, and the forms to work it. Each time it is
    shown, the audit log records who saw it (and whether the transcript was on it)."""

    model = Lead
    permission_required = "view"
    template_name = "referrals/lead.html"
    header_icon = "folder-open-inverse"

    def get(self, request, *args, **kwargs):
        self.lead = access_lead(request.user, kwargs["pk"])
        self.show_transcript = actions.covers(self.lead, "transcript")
        context = self.get_context_data(**kwargs)
        actions.do_record_view(
            request.user,
            self.lead,
            transcript=self.show_transcript and bool(context["transcript"]),
        )
        return self.render_to_response(context)

    def get_page_title(self):
        return str(self.lead)

    def get_breadcrumbs_items(self):
        return self.queue_breadcrumbs({"url": "", "label": str(self.lead)})

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Edit details"),
                url=reverse(f"{NAMESPACE}:edit", args=[self.lead.pk]),
                icon_name="edit",
            ),
            HeaderButton(
                _("History"),
                url=reverse(f"{NAMESPACE}:history", args=[self.lead.pk]),
                icon_name="history",
            ),
        ]

    def moves(self) -> list[dict]:
        labels: dict[str, str] = {
            Lead.Status.ASSESSING: (
                _("Reopen: back to assessing")
                if self.lead.status == Lead.Status.CLOSED
                else _("Back to assessing")
                if self.lead.status == Lead.Status.REFERRED
                else _("Start assessing")
            ),
            Lead.Status.REFERRED: _("Mark as referred"),
            Lead.Status.CLOSED: _("Close the lead"),
        }
        forms: dict[str, ReferForm | CloseForm] = {
            Lead.Status.REFERRED: ReferForm(),
            Lead.Status.CLOSED: CloseForm(),
        }
        backwards = self.lead.status != Lead.Status.NEW
        return [
            {
                "to": to,
                "label": labels[to],
                "form": forms.get(to),
                "secondary": to == Lead.Status.ASSESSING and backwards,
            }
            for to in actions.allowed_moves(self.lead)
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lead = self.lead
        consent = getattr(lead, "consent", None)
        language = consent.language if consent is not None else lead.language
        rules = consent.rules if consent is not None else None
        context.update(
            lead=lead,
            consent=consent,
            # The chat rules the visitor was shown, as they read them.
            consent_rules_paragraphs=rules.paragraphs(language) if rules else [],
            topic=dict(Topic.choices).get(lead.topic, lead.topic),
            contact_covered=actions.covers(lead, "contact"),
            show_transcript=self.show_transcript,
            transcript=transcript_rows(lead) if self.show_transcript else [],
            notes=list(lead.notes.select_related("author")),
            moves=self.moves(),
            assign_form=AssignForm(initial={"assigned_to": lead.assigned_to_id}),
            note_form=NoteForm(),
            anonymised=lead.anonymised_at is not None,
            status_url=reverse(f"{NAMESPACE}:status", args=[lead.pk]),
            assign_url=reverse(f"{NAMESPACE}:assign", args=[lead.pk]),
            note_url=reverse(f"{NAMESPACE}:note", args=[lead.pk]),
            entries=(entries := thread.entries(lead)),
            answer_form=ThreadAnswerForm(initial={"seen": entries[-1].pk if entries else 0}),
            answer_url=reverse(f"{NAMESPACE}:answer", args=[lead.pk]),
        )
        return context


class LeadActionView(PermissionCheckedMixin, View):
    """A form on the lead's page: POST only; answers with the lead's page and a message."""

    model = Lead
    permission_required = "change"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        lead = access_lead(request.user, kwargs["pk"])
        try:
            message = self.act(request, lead)
        except LeadError as error:
            messages.error(request, error.message)
        else:
            if message:
                messages.success(request, message)
        return redirect(lead_url(lead.pk))

    def act(self, request, lead: Lead) -> str:
        raise NotImplementedError


class LeadStatusView(LeadActionView):
    def act(self, request, lead):
        data = request.POST
        transition = Transition(
            to=data.get("to", ""),
            referred_to=data.get(f"{ReferForm.prefix}-referred_to", ""),
            referred_to_detail=data.get(f"{ReferForm.prefix}-referred_to_detail", ""),
            closing_reason=data.get(f"{CloseForm.prefix}-closing_reason", ""),
        )
        lead = actions.do_transition(request.user, lead, transition)
        return _("The lead is now “%(status)s”.") % {"status": lead.get_status_display()}


class LeadAssignView(LeadActionView):
    def act(self, request, lead):
        assignee = actions.check_assignee(request.POST.get("assigned_to"))
        actions.do_assign(request.user, lead, assignee)
        if assignee is None:
            return _("The lead is not assigned to anyone.")
        return _("The lead is assigned to %(name)s.") % {"name": get_user_display_name(assignee)}


class LeadNoteView(LeadActionView):
    def act(self, request, lead):
        actions.do_add_note(request.user, lead, actions.check_note(request.POST.get("text")))
        return _("Note added.")


class LeadAnswerView(LeadActionView):
    """A caseworker answers in the lead's thread."""

    def act(self, request, lead):
        form = ThreadAnswerForm(request.POST)
        if not form.is_valid():
            problems = [str(error) for error in form.errors.get("text", [])]
            raise LeadError(" ".join(problems) or _("Write the answer first."), "invalid")
        try:
            thread.do_staff_answers(
                request.user, lead, form.cleaned_data["text"], form.cleaned_data["seen"]
            )
        except ValueError:
            raise LeadError(
                _("This lead is anonymised: its thread is closed."), "anonymised"
            ) from None
        return _("Your answer waits for the person: they read it when they come back.")


# --- Editing the details --------------------------------------------------------------------


class LeadEditView(QueueAccessMixin, QueueBreadcrumbsMixin, EditView):
    page_title = gettext_lazy("Edit details")
    success_message = gettext_lazy("The lead's details were saved.")

    def get_queryset(self):
        return Lead.objects.select_related("consent")

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        actions.do_record_view(request.user, self.object, page="edit")
        return response

    def get_breadcrumbs_items(self):
        return self.queue_breadcrumbs(
            {"url": lead_url(self.object.pk), "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        )

    def get_success_url(self):
        return lead_url(self.object.pk)

    def get_success_buttons(self):
        return []

    def get_last_updated_info(self):
        # The last change, not the last time someone looked at the lead.
        return (
            ModelLogEntry.objects.for_instance(self.object)
            .exclude(action=audit.VIEW)
            .select_related("user")
            .first()
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except LeadError as error:
            form.add_error(None, error.message)
            self.produced_error_message = error.message
            return self.form_invalid(form)

    def save_instance(self):
        values = {
            name: value
            for name, value in self.form.cleaned_data.items()
            if name in actions.EDITABLE_FIELDS and not self.form.fields[name].disabled
        }
        lead, _changed = actions.do_edit_lead(self.request.user, self.object, values)
        return lead


class LeadHistoryView(QueueAccessMixin, HistoryView):
    """Wagtail's history of the lead: the audit entries of this lead, for caseworkers."""


# --- The audit log --------------------------------------------------------------------------


class AuditLogView(ReportView):
    """Who read or changed which lead, and when: for coordinators (and superusers). The
    entries hold no personal data; the leads are named by number only, without links."""

    page_title = gettext_lazy("Referral queue audit log")
    header_icon = "history"
    filterset_class = AuditLogFilterSet
    index_url_name = f"{NAMESPACE}:audit"
    index_results_url_name = f"{NAMESPACE}:audit_results"
    paginate_by = 50
    verbose_name = gettext_lazy("audit entry")
    verbose_name_plural = gettext_lazy("audit entries")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.is_export = False

    def dispatch(self, request, *args, **kwargs):
        if not can_read_audit_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Lead))
            .select_related("user")
            .order_by("-timestamp", "-pk")
        )

    @cached_property
    def columns(self):
        return [
            DateColumn("timestamp", label=gettext_lazy("Date / Time")),
            Column("user", label=gettext_lazy("User"), accessor="user_display_name"),
            Column("label", label=gettext_lazy("Lead")),
            Column("message", label=gettext_lazy("Action")),
        ]
