"""Forms of the referral queue. They render the choices and read the input; the rules (which
move is possible, who may be assigned, what may be kept) are checked in actions.py."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.utils import get_user_display_name

from .actions import EDITABLE_FIELDS, NOTE_MAX_CHARS, REFERRED_TO_DETAIL_MAX_CHARS, covers
from .models import Lead
from .permissions import caseworkers
from .thread import MAX_CHARS as THREAD_MAX_CHARS
from .thread import check_text


class ReferForm(forms.Form):
    prefix = "refer"
    referred_to = forms.ChoiceField(
        label=_("Referred to"),
        choices=[("", "---------"), *Lead.ReferralTarget.choices],
    )
    referred_to_detail = forms.CharField(
        label=_("Name of the organisation or office"),
        max_length=REFERRED_TO_DETAIL_MAX_CHARS,
        required=False,
        help_text=_("Needed for “Another organisation”; optional otherwise."),
    )


class CloseForm(forms.Form):
    prefix = "close"
    closing_reason = forms.ChoiceField(
        label=_("Closing reason"),
        choices=[("", "---------"), *Lead.ClosingReason.choices],
    )


class CaseworkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return get_user_display_name(obj)


class AssignForm(forms.Form):
    assigned_to = CaseworkerChoiceField(
        label=_("Caseworker"),
        queryset=caseworkers(),
        required=False,
        empty_label=_("Nobody"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(CaseworkerChoiceField, self.fields["assigned_to"]).queryset = caseworkers()


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("New note"),
        max_length=NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ThreadAnswerForm(forms.Form):
    """Staff's answer in a lead's thread (chat.referrals.thread), read by the person when they
    come back with their return code. Prefixed: the lead's page has a note form too, whose
    field must never be taken for this one."""

    prefix = "answer"

    # The last message staff saw when they wrote (a message the person wrote after it keeps
    # the thread waiting).
    seen = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Answer to the person"),
        max_length=THREAD_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The person reads it when they come back with their return code: write as in the "
            "chat, in their language, and never anything that would harm them if someone else "
            "read it."
        ),
        error_messages={"required": _("Write the answer first.")},
    )

    def clean_text(self) -> str:
        try:
            return check_text(self.cleaned_data["text"])
        except ValueError as error:
            if str(error) == "too_long":
                raise forms.ValidationError(
                    _("Write at most %(limit)d characters.") % {"limit": THREAD_MAX_CHARS}
                ) from None
            raise forms.ValidationError(_("Write the answer first.")) from None


class LeadEditForm(WagtailAdminModelForm):
    """The lead's details. Contact details only where the visitor's consent covers them."""

    class Meta:
        model = Lead
        fields = list(EDITABLE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "safe_contact" in self.fields and not covers(self.instance, "contact"):
            field = self.fields["safe_contact"]
            field.disabled = True
            field.help_text = _(
                "The visitor did not consent to contact details being kept: do not contact."
            )
