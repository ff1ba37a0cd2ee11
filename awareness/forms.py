"""Forms of the awareness pages: the help directory's filter (a plain GET form), and the page
form of the admin (every language's slug in Latin letters)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from . import directory
from .slugs import missing_slugs


class LanternPageForm(WagtailAdminPageForm):
    """Every page's admin form: a slug left empty is made from its language's title, one typed
    in Cyrillic is romanised (awareness/slugs.py), before the fields are checked. The admin's
    own script does the same as the editor types; this is for a browser without it."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            codes = [code for code, _name in settings.LANGUAGES]
            instance = kwargs.get("instance")
            changes = missing_slugs(
                {code: data.get(f"title_{code}", "") for code in codes},
                {code: data.get(f"slug_{code}", "") for code in codes},
                # A published page's address stays as it is, whatever its letters.
                {code: getattr(instance, f"slug_{code}", "") or "" for code in codes}
                if instance is not None and instance.pk
                else None,
            )
            if changes:
                data = data.copy()
                for code, slug in changes.items():
                    data[f"slug_{code}"] = slug
        super().__init__(data, *args, **kwargs)
        # A page may be written in any of the languages first: the default language's title
        # is not required, one title is (`clean`).
        default_title = f"title_{settings.LANGUAGE_CODE}"
        if default_title in self.fields:
            self.fields[default_title].required = False

    def clean(self):
        cleaned = super().clean()
        codes = [code for code, _name in settings.LANGUAGES]
        if not any((self.cleaned_data.get(f"title_{code}") or "").strip() for code in codes):
            self.add_error(
                f"title_{settings.LANGUAGE_CODE}",
                _("Give the page a title in at least one language."),
            )
        return cleaned


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
