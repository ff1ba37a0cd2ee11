"""The public withdrawal page, and the coordinators' statistics in the admin (registered in
`stats_hooks.py`). The referral queue's own admin views are in `queue_views.py`."""

from __future__ import annotations

import csv
import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from chat.consent import report_consent_text
from lantern.challenge import ChallengeField
from lantern.forms import form_problems

from . import report, stats, svg, thread, withdrawal
from .models import DemoFigures
from .withdrawal import do_withdraw, is_well_formed, register_attempt

STATISTICS_PERMISSION = "referrals.view_statistics"

# --- Withdrawal (public) --------------------------------------------------------------------


class WithdrawalForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Withdrawal code"), max_length=40, strip=True)
    # Not required: without JavaScript (or from the chat panel's short form) a code is still
    # checked while few attempts are made (withdrawal.register_attempt).
    proof = ChallengeField(
        withdrawal.CHALLENGE_PURPOSE, work=withdrawal.challenge_work, required=False
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if not is_well_formed(code):
            raise forms.ValidationError(
                gettext_lazy(
                    "This is not a withdrawal code. A withdrawal code has ten letters and "
                    "digits, in two groups of five, as it was shown to you."
                ),
                code="malformed",
            )
        return code


WITHDRAWAL_FIELD_IDS = "withdraw-%s"


def withdrawal_messages() -> dict[str, str]:
    """What the page tells the person after they sent a code, in the active language (the
    one in the page's address)."""
    years = max(1, round(settings.LANTERN_LEAD_RETENTION_DAYS / 365))
    return {
        "done": gettext(
            "Your consent is withdrawn. Everything we kept about you has been deleted: the "
            "summary, the conversation if it was kept, your contact details and the "
            "caseworkers' notes. Nobody can see it any more, and it cannot be restored."
        ),
        "not_found": ngettext(
            "We found nothing for this code, and nothing was deleted. Please check the code "
            "and try again. If your case was closed more than %(years)s year ago, what we "
            "kept has already been made anonymous, and nothing about you remains.",
            "We found nothing for this code, and nothing was deleted. Please check the code "
            "and try again. If your case was closed more than %(years)s years ago, what we "
            "kept has already been made anonymous, and nothing about you remains.",
            years,
        )
        % {"years": years},
        "limited": gettext(
            "Too many codes were tried in the last hour, so this one was not checked and "
            "nothing was deleted. Please try again later, or ask us in the chat or on the "
            "hotline."
        ),
        "needs_check": gettext(
            "Many codes have been tried in the last hour, so a code is now checked only "
            "together with an automatic check by your browser. Yours came without it, so it "
            "was not checked and nothing was deleted. Please press “Withdraw and delete” "
            "again: your browser does the check by itself."
        ),
        "check_failed": gettext(
            "Your browser's automatic check did not succeed or took too long, so your code "
            "was not checked and nothing was deleted. Please press “Withdraw and delete” again."
        ),
    }


# Why an attempt was not tried (withdrawal.register_attempt) -> what the page says.
_REFUSALS = {withdrawal.LIMITED_PREFIX: "limited", withdrawal.NEEDS_PROOF: "needs_check"}


# A public page sets no cookie (see base.py), and Django's CSRF protection needs one. It is
# safe to go without it here: CSRF abuses the authority a browser carries along (a session
# cookie), and this form relies on none. The code in the request is the only credential and
# the form changes only what that code itself unlocks, so a forged request can do nothing
# that the forger could not do by sending the code themselves.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest) -> HttpResponse:
    """Withdraw consent with the code given at consent. Works without JavaScript (within the
    attempts allowed without a proof of work, see withdrawal.py); stores nothing about the
    person asking, and nothing at all for a code that unlocks nothing."""
    result = ""
    status = 200
    if request.method == "POST":
        form = WithdrawalForm(request.POST, auto_id=WITHDRAWAL_FIELD_IDS)
        if not form.is_valid():
            status = 400
            if form.has_error("proof"):
                result = "check_failed"
        elif refusal := register_attempt(
            form.cleaned_data["code"], proven=bool(form.cleaned_data["proof"])
        ):
            result, status = _REFUSALS[refusal], 429
        elif do_withdraw(form.cleaned_data["code"]):
            result = "done"
            form = WithdrawalForm(auto_id=WITHDRAWAL_FIELD_IDS)
        else:
            result = "not_found"
    else:
        form = WithdrawalForm(auto_id=WITHDRAWAL_FIELD_IDS)
    message = withdrawal_messages().get(result, "")
    # The error summary: what is wrong with the code, or why it was not checked; a code that
    # unlocks nothing is a problem of the field, said there too.
    problems = form_problems(form, fields=["code"])
    if result == "not_found":
        problems.append({"id": form["code"].id_for_label, "message": message})
    elif result in ("limited", "needs_check", "check_failed"):
        problems.append({"id": "", "message": message})
    context = {
        "form": form,
        "result": result,
        "message": message,
        "problems": problems,
        "has_error": status != 200 or result == "not_found",
        # The code stays in the field when it was not checked for want of a proof: the person
        # only presses the button again.
        "keep_code": result in ("not_found", "needs_check", "check_failed"),
    }
    return render(request, "referrals/withdraw.html", context, status=status)


# --- Coming back with a return code (public) ---------------------------------------------------


class ComeBackForm(forms.Form):
    """The return code, and (once the thread is open) what the person writes. The code travels
    in the form each time: never in the address, never kept in the browser."""

    code = forms.CharField(label=gettext_lazy("Return code"), max_length=40, strip=True)
    text = forms.CharField(
        label=gettext_lazy("Your message"),
        required=False,
        strip=True,
        max_length=thread.MAX_CHARS,
        error_messages={
            "max_length": gettext_lazy(
                "Your message is too long: write at most %(limit_value)d characters."
            )
        },
    )
    # A one-time value of the write form: the same form sent again (a reload) keeps nothing twice.
    once = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    proof = ChallengeField(thread.CHALLENGE_PURPOSE, work=thread.challenge_work, required=False)

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if not text:
            return ""
        try:
            return thread.check_text(text)
        except ValueError as error:
            if str(error) == "too_long":
                raise forms.ValidationError(
                    gettext_lazy(
                        "Your message is too long: write at most %(limit_value)d characters."
                    )
                    % {"limit_value": thread.MAX_CHARS}
                ) from None
            return ""  # nothing but signs that are no text: as if empty

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if not thread.is_well_formed(code):
            raise forms.ValidationError(
                gettext_lazy(
                    "This is not a return code. A return code has twelve letters and digits, "
                    "in three groups of four, as it was shown to you."
                ),
                code="malformed",
            )
        return code


COME_BACK_FIELD_IDS = "return-%s"


def come_back_messages() -> dict[str, str]:
    years = max(1, round(settings.LANTERN_LEAD_RETENTION_DAYS / 365))
    return {
        "not_found": ngettext(
            "We found nothing for this code. Please check it and try again. If you withdrew "
            "your consent, or your case was closed more than %(years)s year ago, there is "
            "nothing left to open.",
            "We found nothing for this code. Please check it and try again. If you withdrew "
            "your consent, or your case was closed more than %(years)s years ago, there is "
            "nothing left to open.",
            years,
        )
        % {"years": years},
        "limited": gettext(
            "Too many codes were tried in the last hour, so this one was not checked. Please "
            "try again later, or contact us in the chat or on the hotline."
        ),
        "needs_check": gettext(
            "Many codes have been tried in the last hour, so a code is now checked only "
            "together with an automatic check by your browser. Yours came without it. Please "
            "press the button again: your browser does the check by itself."
        ),
        "check_failed": gettext(
            "Your browser's automatic check did not succeed or took too long, so your code "
            "was not checked. Please press the button again."
        ),
        "empty": gettext("Write your message before you send it."),
        "sent": gettext(
            "Your message has been sent. Come back with the same code to read the answer."
        ),
    }


@csrf_exempt  # as `withdraw`: the code in the form is the only credential (see above)
@never_cache
@require_http_methods(["GET", "POST"])
def come_back(request: HttpRequest) -> HttpResponse:
    """The return page: the code opens the person's thread; they read the answers and write
    again. Works without JavaScript (within the attempts allowed without a proof of work).
    What they wrote is never lost: a message refused for now stays in the form."""
    result, status, lead = "", 200, None
    writing = request.method == "POST" and "write" in request.POST
    if request.method == "POST":
        form = ComeBackForm(request.POST, auto_id=COME_BACK_FIELD_IDS)
        valid = form.is_valid()
        if form.has_error("code"):
            status = 400
        elif form.has_error("proof"):
            result, status = "check_failed", 400
        elif refusal := thread.register_attempt(
            form.cleaned_data["code"], proven=bool(form.cleaned_data.get("proof"))
        ):
            result, status = _REFUSALS[refusal], 429
        elif (lead := thread.lead_for(form.cleaned_data["code"])) is None:
            thread.register_failure(form.cleaned_data["code"])
            result = "not_found"
        elif writing and valid:
            if not form.cleaned_data["text"]:
                result, status = "empty", 400
            elif not thread.first_send(form.cleaned_data["once"]):
                result = "sent"  # sent before (a reload): kept once
            elif thread.do_person_writes(lead, form.cleaned_data["text"]) is None:
                lead, result = None, "not_found"  # withdrawn or anonymised meanwhile
            else:
                result = "sent"
        elif not valid:
            status = 400
    else:
        form = ComeBackForm(auto_id=COME_BACK_FIELD_IDS)
    message = come_back_messages().get(result, "")
    if lead is not None:
        problems = form_problems(form, fields=["text"])
        if result == "empty":
            problems.append({"id": form["text"].id_for_label, "message": message})
    else:
        problems = form_problems(form, fields=["code"])
        if result == "not_found":
            problems.append({"id": form["code"].id_for_label, "message": message})
        elif result in ("limited", "needs_check", "check_failed"):
            problems.append({"id": "", "message": message})
    refused_for_now = result in ("limited", "needs_check", "check_failed")
    context = {
        "form": form,
        "result": result,
        "message": message,
        "problems": problems,
        "has_error": bool(problems),
        "lead": lead,
        "entries": thread.entries(lead) if lead is not None else [],
        # What was written stays in the box when it was not sent.
        "keep_text": lead is not None and result != "sent",
        # A message not checked for now (too many tries, the browser's check): kept in the
        # code form, sent when the person presses again.
        "pending_text": request.POST.get("text", "") if writing and refused_for_now else "",
        "once": thread.new_once(),
    }
    return render(request, "referrals/come_back.html", context, status=status)


# --- Reporting a concern for someone else (public) -------------------------------------------


REPORT_FIELD_IDS = "report-%s"


@csrf_exempt  # as `withdraw`: nothing here relies on a cookie or a session
@never_cache
@require_http_methods(["GET", "POST"])
def report_concern(request: HttpRequest) -> HttpResponse:
    """A friend, relative, colleague, employer or professional reports what they saw
    (chat.referrals.report). Sets no cookie; keeps only what the report form asks for."""
    status, consented = 200, None
    if request.method == "POST":
        form = report.ReportForm(request.POST, auto_id=REPORT_FIELD_IDS)
        if form.is_valid():
            consented = report.do_report(form, get_language())
        else:
            status = 400
    else:
        form = report.ReportForm(auto_id=REPORT_FIELD_IDS)
    problems = form_problems(form)
    context = {
        "form": form,
        "problems": problems,
        "has_error": bool(problems),
        "consented": consented,
        "consent_paragraphs": report_consent_text(get_language()).split("\n\n"),
    }
    return render(request, "referrals/report.html", context, status=status)


# --- Statistics (admin) ---------------------------------------------------------------------


class StatisticsPeriodForm(forms.Form):
    MAX_DAYS = 366 * 5

    start = forms.DateField(
        label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("To (inclusive)"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if start > end:
                raise forms.ValidationError(gettext_lazy("The start is after the end."))
            if (end - start).days >= self.MAX_DAYS:
                raise forms.ValidationError(gettext_lazy("Choose at most five years."))
        return cleaned


def default_period(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The last 90 days, today included."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=stats.DEFAULT_PERIOD_DAYS - 1), today


def _period(request: HttpRequest) -> tuple[StatisticsPeriodForm, datetime.date, datetime.date]:
    """The period asked for, or the default one (also when the form is not valid, which the
    page then shows with its errors)."""
    start, end = default_period()
    if "start" in request.GET or "end" in request.GET:
        form = StatisticsPeriodForm(request.GET)
        if form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    else:
        form = StatisticsPeriodForm(initial={"start": start, "end": end})
    return form, start, end


def _check_statistics_permission(request: HttpRequest) -> None:
    # Registered under the admin's URLs: anonymous visitors are sent to the login page before
    # this runs, and Wagtail answers PermissionDenied with its "no permission" redirect.
    if not request.user.has_perm(STATISTICS_PERMISSION):
        raise PermissionDenied


@require_GET
@never_cache
def statistics(request: HttpRequest) -> HttpResponse:
    _check_statistics_permission(request)
    form, start, end = _period(request)
    report = stats.build_report(start, end)
    return render(
        request,
        "referrals/statistics.html",
        {
            "form": form,
            "report": report,
            "demo_figures": DemoFigures.objects.first(),
            "charts": [(breakdown, svg.bar_chart(breakdown)) for breakdown in report.breakdowns],
            "waiting_rows": [
                (key, label, stats.format_seconds(seconds))
                for key, label, seconds in report.waiting.rows
            ],
            "page_title": gettext("Statistics"),
            "header_title": gettext("Statistics"),
            "header_icon": "table",
        },
    )


@require_GET
@never_cache
def statistics_csv(request: HttpRequest) -> HttpResponse:
    """The page's aggregates as CSV: no ids, no personal text, small counts hidden as on the
    page."""
    _check_statistics_permission(request)
    _form, start, end = _period(request)
    report = stats.build_report(start, end)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="lantern-statistics-{start:%Y%m%d}-{end:%Y%m%d}.csv"'
    )
    rows = stats.csv_rows(report)
    if DemoFigures.objects.exists():
        # Marked as on the page: whoever opens the file sees it holds generated figures.
        rows.insert(1, ["note", "demo_data", gettext("Includes generated demo figures"), "1"])
    csv.writer(response).writerows(rows)
    return response
