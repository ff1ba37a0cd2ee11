"""The forms that take a code: friendly to pasting and to password managers (WCAG 2.2 SC
3.3.8): nothing blocks pasting, `autocomplete="one-time-code"`, a generous `maxlength`, and
spaces or dashes between the characters do not matter."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from . import recovery

_SEPARATORS = re.compile(r"[\s\-.]")
_MAX_TYPED = 64  # far more than a code: whatever a password manager pastes fits


def _code_widget(**attrs) -> forms.TextInput:
    return forms.TextInput(
        attrs={
            "autocomplete": "one-time-code",
            "autocapitalize": "none",
            "spellcheck": "false",
            **attrs,
        }
    )


class CodeForm(forms.Form):
    """A six-digit code from an authenticator app."""

    method = "authenticator"
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=_MAX_TYPED,
        error_messages={"required": _("Enter the six digits the app shows.")},
        widget=_code_widget(inputmode="numeric"),
    )

    def __init__(self, *args, autofocus: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if autofocus:
            self.fields["code"].widget.attrs["autofocus"] = ""

    def clean_code(self) -> str:
        digits = _SEPARATORS.sub("", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", digits):
            raise forms.ValidationError(
                _("The code is the six digits the app shows."), code="invalid"
            )
        return digits


class RecoveryCodeForm(forms.Form):
    """One of the recovery codes shown at set-up."""

    method = "recovery"
    recovery_code = forms.CharField(
        label=_("Recovery code"),
        help_text=_("12 letters and digits, for example abcd-efgh-2345."),
        max_length=_MAX_TYPED,
        error_messages={"required": _("Enter one of your recovery codes.")},
        widget=_code_widget(),
    )

    def clean_recovery_code(self) -> str:
        typed = self.cleaned_data["recovery_code"]
        if not recovery.looks_like_a_code(typed):
            raise forms.ValidationError(
                _("A recovery code has 12 letters and digits, for example abcd-efgh-2345."),
                code="invalid",
            )
        return typed
