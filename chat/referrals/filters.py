"""Filters of the referral queue and of its audit log."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, MultipleUserFilter, WagtailFilterSet
from wagtail.admin.utils import get_user_display_name
from wagtail.models import ModelLogEntry

import django_filters

from lantern.choices import ExploitationForm

from . import audit
from .models import Lead
from .permissions import caseworkers
from .queue import containing


class CaseworkerChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return get_user_display_name(obj)


class CaseworkerFilter(django_filters.ModelChoiceFilter):
    field_class = CaseworkerChoiceField


def _multiple(choices, label):
    return django_filters.MultipleChoiceFilter(
        choices=choices, label=label, widget=forms.CheckboxSelectMultiple
    )


def _single(choices, label):
    return django_filters.ChoiceFilter(
        choices=choices, label=label, widget=forms.RadioSelect, empty_label=_("All")
    )


class LeadFilterSet(WagtailFilterSet):
    status = _multiple(Lead.Status.choices, _("Status"))
    urgency = _multiple(Lead.Urgency.choices, _("Urgency"))
    form_of_exploitation = _multiple(ExploitationForm.choices, _("Form of exploitation"))
    language = _single(settings.LANGUAGES, _("Language"))
    location = django_filters.CharFilter(
        label=_("Municipality or country"), method="filter_location"
    )
    source = _single(Lead.Source.choices, _("Source"))
    assigned_to = CaseworkerFilter(
        label=_("Caseworker"),
        queryset=lambda request: caseworkers(),
        null_label=_("Nobody"),
        empty_label=_("Anyone"),
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Created"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Lead
        fields: list[str] = []

    def filter_location(self, queryset, name, value):
        # The place is sealed: compared once opened (queue.containing).
        return containing(queryset, value, "location")


def _audit_users(request):
    entries = ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Lead))
    return get_user_model().objects.filter(pk__in=entries.values("user_id")).order_by("username")


class AuditLogFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(
        label=_("Action"),
        choices=[(action, formatter.label) for action, formatter in audit.FORMATTERS.items()],
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )
    user = MultipleUserFilter(label=_("User"), queryset=_audit_users)
    object_id = django_filters.CharFilter(label=_("Lead number"), method="filter_lead")
    timestamp = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)

    class Meta:
        model = ModelLogEntry
        fields: list[str] = []

    def filter_lead(self, queryset, name, value):
        value = value.strip().lstrip("#")
        return queryset.filter(object_id=value) if value else queryset
