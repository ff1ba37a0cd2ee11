"""What the public forms share: their problems, as the error summary lists them
(includes/error_summary.html, static/js/error-summary.js)."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms


def form_problems(form: forms.Form, fields: Iterable[str] | None = None) -> list[dict[str, str]]:
    """Each error of `form` (of `fields` only, if given) in the order of the form's fields:
    {"id": the field's id, "message": what to do}; errors of the form as a whole last,
    without an id."""
    if form.is_bound and not form.is_valid():
        names = list(form.fields) if fields is None else list(fields)
        problems = [
            {"id": form[name].id_for_label, "message": str(message)}
            for name in names
            for message in form.errors.get(name, [])
        ]
        if fields is None:
            problems += [{"id": "", "message": str(m)} for m in form.non_field_errors()]
        return problems
    return []
