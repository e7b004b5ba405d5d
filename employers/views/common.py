"""What the employer pages share."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, QueryDict

from employers.models import Employer, Proposal, Vacancy

PAGE_SIZE = 25


def with_default(data: QueryDict, **defaults: str) -> QueryDict:
    """A filter's default (e.g. only active employers) unless the user chose."""
    data = data.copy()
    for key, value in defaults.items():
        if key not in data:
            data[key] = value
    return data


def employers(request: HttpRequest) -> Any:
    return Employer.objects.for_user(request.user)


def vacancies(request: HttpRequest) -> Any:
    return Vacancy.objects.for_user(request.user)


def proposals(request: HttpRequest) -> Any:
    return Proposal.objects.for_user(request.user)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
