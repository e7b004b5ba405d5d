"""Form → service: one way for every page to call a service and show its errors.

Forms check input; services check the domain and raise ``ValidationError``
keyed by field. ``run_service`` puts those errors where the user looks for
them: on the field when the form shows it, otherwise in the form's error
summary (non-field errors), e.g. a stale ``version``. A page that shows a form
with errors answers 422 (``form_status``), in every app.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

T = TypeVar("T")

INVALID = 422


def posted(request: HttpRequest) -> Any:
    """The POST data to bind a form to, or None on GET.

    Not ``request.POST or None``: an empty POST is still a POST, and its form
    must show what is missing (422) instead of a fresh form.
    """
    return request.POST if request.method == "POST" else None


def add_service_error(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form, per visible field where possible."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        field = form.fields.get(name) if name != NON_FIELD_ERRORS else None
        visible = field is not None and not field.widget.is_hidden
        form.add_error(name if visible else None, errors)


def run_service(
    form: forms.BaseForm, service: Callable[[dict[str, Any]], T]
) -> T | None:
    """Validate ``form``, call ``service(cleaned_data)`` and return its result.

    None when the form is invalid or the service refused; its errors are then
    on the form. A service that returns nothing on success yields ``True``, so
    a caller can always test the result for success.
    """
    if not form.is_valid():
        return None
    try:
        result = service(form.cleaned_data)
    except ValidationError as exc:
        add_service_error(form, exc)
        return None
    return True if result is None else result  # type: ignore[return-value]


def form_status(*forms_shown: forms.BaseForm | None) -> int:
    """422 when a form on the page carries errors, else 200."""
    return INVALID if any(f is not None and f.errors for f in forms_shown) else 200


def render_form(
    request: HttpRequest,
    template: str,
    context: Mapping[str, Any],
    *,
    form: forms.BaseForm | None = None,
) -> HttpResponse:
    """Render a page with a form; 422 when it shows errors."""
    form = form if form is not None else context.get("form")
    return render(request, template, dict(context), status=form_status(form))
