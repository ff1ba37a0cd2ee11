"""Reporting a concern for someone else: a friend, relative, colleague, employer or
professional who suspects trafficking tells us what they saw (`views.report_concern`).

The report becomes a lead with source "third-party report" and a consent record of its own
(the report form's wording, and how the reporter's details may be used: shared with the
institutions we involve, kept within the organisation, or not given at all). It is protected
as a left message is: a proof of work whose cost rises with the messages and reports of the
last minute together (`chat.actions.conversations.challenge_load`). The reporter gets a
withdrawal code and a return code, as anyone who consents does (`thread`).
"""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from chat.actions.conversations import challenge_load
from chat.sanitize import clean_text
from lantern import challenge
from lantern.challenge import ChallengeField
from lantern.choices import ExploitationForm

from . import actions
from .models import ConsentRecord, Lead

CHALLENGE_PURPOSE = "report"
WHAT_MAX_CHARS = 4000
PLACE_MAX_CHARS = 120
CONTACT_MAX_CHARS = 500


def challenge_work() -> int:
    return challenge.work_for(challenge_load(CHALLENGE_PURPOSE))


class ReportForm(forms.Form):
    """The report form. Every field says what to do when it is wrong (the error summary lists
    them); the reporter's contact details are asked for only if they choose to give them."""

    relation = forms.ChoiceField(
        label=_("Who are you to the person you are worried about?"),
        choices=Lead.Relation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who you are to the person.")},
    )
    form_of_exploitation = forms.ChoiceField(
        label=_("What do you think is happening?"),
        choices=ExploitationForm.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what you think is happening, or “Other or not sure”.")
        },
    )
    what_happened = forms.CharField(
        label=_("What did you see or hear?"),
        help_text=_(
            "For example: who is involved, what makes you worried, whether someone is in danger "
            "now. Write only what you know."
        ),
        max_length=WHAT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Write what you saw or heard, in a few words."),
            "max_length": _("Write at most %(limit_value)d characters."),
        },
    )
    place = forms.CharField(
        label=_("Where? (a municipality or a country)"),
        help_text=_("Not an address: the municipality, city or country is enough."),
        max_length=PLACE_MAX_CHARS,
        error_messages={
            "required": _("Write the municipality or country where it happens."),
            "max_length": _("Write at most %(limit_value)d characters."),
        },
    )
    seen_when = forms.ChoiceField(
        label=_("When did you last see or hear it?"),
        choices=Lead.SeenWhen.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose when you last saw or heard it.")},
    )
    sharing = forms.ChoiceField(
        label=_("Your own details"),
        choices=ConsentRecord.Sharing.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what may happen to your own details.")},
    )
    contact = forms.CharField(
        label=_("Your name and how to reach you"),
        help_text=_("Only if you chose to share your details or to keep them confidential."),
        required=False,
        max_length=CONTACT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("Write at most %(limit_value)d characters.")},
    )
    consent = forms.BooleanField(
        label=_("I agree that my report is passed on as described above."),
        error_messages={
            "required": _(
                "Tick the box if you agree that your report is passed on: without it, "
                "we cannot pass it on."
            )
        },
    )
    proof = ChallengeField(CHALLENGE_PURPOSE, work=challenge_work)

    def _required_text(self, name: str) -> str:
        """The field's text, cleaned; nothing but signs that are no text counts as empty."""
        text = clean_text(self.cleaned_data[name]).strip()
        if not text:
            raise forms.ValidationError(self.fields[name].error_messages["required"])
        return text

    def clean_what_happened(self) -> str:
        return self._required_text("what_happened")

    def clean_place(self) -> str:
        return self._required_text("place")

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        sharing = cleaned.get("sharing")
        contact = clean_text(cleaned.get("contact") or "").strip()
        if sharing == ConsentRecord.Sharing.ANONYMOUS:
            contact = ""  # anonymous: nothing of the reporter is kept, whatever was typed
        elif sharing and not contact:
            self.add_error(
                "contact",
                _("Write how we can reach you, or choose “Anonymous” if we must not."),
            )
        cleaned["contact"] = contact
        return cleaned


def do_report(form: ReportForm, language: str) -> actions.Consented:
    """The lead a valid report makes (with its consent record), and its codes."""
    data = form.cleaned_data
    with transaction.atomic():
        return actions.do_create_from_consent(
            source=Lead.Source.THIRD_PARTY,
            method=ConsentRecord.Method.REPORT,
            language=language,
            topic="",
            transcript=False,
            contact=data["contact"],
            sharing=data["sharing"],
            form_of_exploitation=data["form_of_exploitation"],
            what_happened=data["what_happened"],
            location=data["place"],
            reporter_relation=data["relation"],
            seen_when=data["seen_when"],
        )
