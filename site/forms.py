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
            {"id": field_id(form[name]), "message": str(message)}
            for name in names
            for message in form.errors.get(name, [])
        ]
        if fields is None:
            problems += [{"id": "", "message": str(m)} for m in form.non_field_errors()]
        return problems
    return []


def field_id(bound: forms.BoundField) -> str:
    """The id a problem's link leads to: the field's own, or for a group of radio buttons or
    checkboxes (which has none) its first option's, as GOV.UK's summary does; none for a
    hidden field (the browser's automatic check: nothing to go to)."""
    if bound.is_hidden:
        return ""
    if bound.id_for_label:
        return bound.id_for_label
    if bound.auto_id and isinstance(
        bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple
    ):
        return f"{bound.auto_id}_0"
    return ""
