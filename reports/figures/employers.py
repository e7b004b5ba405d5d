"""Employers: contacts, new and filled vacancies, placements, per sector. Four queries.

The employer pool is regional; a contact or vacancy counts for the
municipality where the employer is established (``Employer.municipality``),
a placement for the client's municipality. Contacts and placements are
grouped by the employer's sector cluster, vacancies by their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Count, F
from django.utils.translation import gettext as _

from employers.models import EmployerContact, Vacancy
from reports.figures.common import TOTAL, Period, columns
from reports.figures.types import Employers, SectorRow
from trajectories.models import Placement

FIGURES = ("contacts", "new_vacancies", "filled_vacancies", "placements")


def _by_sector(queryset: Any, municipality: str, sector: str) -> Any:
    return (
        queryset.order_by()
        .values(
            m=F(municipality),
            code=F(f"{sector}__code"),
            label=F(f"{sector}__label"),
            sort=F(f"{sector}__sort_order"),
        )
        .annotate(n=Count("pk"))
    )


def employers(ids: list[int], period: Period) -> dict[int, Employers]:
    month = (period.start, period.as_of)
    queries: dict[str, Iterable[Mapping[str, Any]]] = {
        "contacts": _by_sector(
            EmployerContact.objects.filter(
                employer__municipality_id__in=ids, contact_date__range=month
            ),
            "employer__municipality_id",
            "employer__sector_cluster",
        ),
        "new_vacancies": _by_sector(
            Vacancy.objects.filter(
                employer__municipality_id__in=ids, open_date__range=month
            ),
            "employer__municipality_id",
            "sector_cluster",
        ),
        "filled_vacancies": _by_sector(
            Vacancy.objects.filter(
                employer__municipality_id__in=ids,
                status=Vacancy.Status.FILLED,
                status_changed_on__range=month,
            ),
            "employer__municipality_id",
            "sector_cluster",
        ),
        "placements": _by_sector(
            Placement.objects.filter(
                client__municipality_id__in=ids, start_date__range=month
            ),
            "client__municipality_id",
            "employer__sector_cluster",
        ),
    }
    rows: list[tuple[str, Mapping[str, Any]]] = [
        (name, row) for name, query in queries.items() for row in query
    ]
    rows.sort(
        key=lambda r: (r[1]["code"] is None, r[1]["sort"] or 0, r[1]["label"] or "")
    )
    result = columns(ids, Employers)
    for name, row in rows:
        for pk in (row["m"], TOTAL):
            figures = result[pk]
            setattr(figures, name, getattr(figures, name) + row["n"])
            sector = _sector(figures.by_sector, row)
            setattr(sector, name, getattr(sector, name) + row["n"])
    return result


def _sector(rows: list[SectorRow], row: Mapping[str, Any]) -> SectorRow:
    code = row["code"] or ""
    for existing in rows:
        if existing.code == code:
            return existing
    label = row["label"] if row["code"] is not None else _("Geen branche vastgelegd")
    rows.append(SectorRow(code, label))
    return rows[-1]
