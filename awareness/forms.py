"""Public forms of the awareness pages: the help directory's filter (a plain GET form)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import directory


class DirectoryFilterForm(forms.Form):
    """Where and what kind of help. Both optional; a value that is not in the list is reported
    on its field and left out of the filter, never an error page."""

    area = forms.ChoiceField(
        label=_("Where"),
        required=False,
        choices=lambda: [("", _("Anywhere in Latvia")), *directory.filter_choices()],
        error_messages={
            "invalid_choice": _("That place is not in the list. Showing help everywhere.")
        },
    )
    kind = forms.ChoiceField(
        label=_("Kind of help"),
        required=False,
        choices=lambda: [("", _("Any kind of help")), *directory.ServiceKind.choices],
        error_messages={
            "invalid_choice": _("That kind of help is not in the list. Showing every kind.")
        },
    )

    def __init__(self, data=None, **kwargs):
        kwargs.setdefault("auto_id", "directory-%s")
        super().__init__(data, **kwargs)

    def filters(self) -> tuple[str, str]:
        """(area, kind) to filter by; "" where none was given or the value was not valid."""
        if not self.is_valid():
            for name in self.errors:
                self.fields[name].widget.attrs["aria-describedby"] = f"directory-{name}-error"
                self.fields[name].widget.attrs["aria-invalid"] = "true"
        cleaned = getattr(self, "cleaned_data", {})
        return cleaned.get("area", ""), cleaned.get("kind", "")
