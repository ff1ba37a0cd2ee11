"""Model fields shared across apps."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class MultipleChoiceField(models.JSONField):
    """A list of values from `choices`, stored as a JSON list, edited as checkboxes.

    JSON keeps it portable across SQLite and PostgreSQL, and Wagtail revisions serialise it
    without help.
    """

    def __init__(self, *args, item_choices=(), **kwargs):
        self.item_choices = list(item_choices)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {key for key, _label in self.item_choices}
        if not isinstance(value, list) or any(item not in allowed for item in value):
            raise ValidationError(_("Choose only from the listed values."), code="invalid_choice")

    def formfield(self, **kwargs):
        defaults: dict[str, Any] = {
            "form_class": forms.MultipleChoiceField,
            "choices": self.item_choices,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
        }
        defaults.update(kwargs)
        # JSONField.formfield would force its own form class; skip it.
        return models.Field.formfield(self, **defaults)

    def labels(self, value) -> list[str]:
        names = dict(self.item_choices)
        return [str(names[item]) for item in value or [] if item in names]
