"""The manager's budget overview, the drill-down per stream and the savings view.

For managers and functioneel beheerders (``BUDGET_ROLES``) serving a
municipality; other staff get 403. A municipality the user does not serve,
an unknown one or an unknown stream is a 404. The pages show amounts and
counts per municipality, stream, month and instrument, never a client.

Every page costs a fixed number of queries whatever the number of budgets,
commitments or bookings: the selectors aggregate in the database (a few
queries per municipality shown, and a region has three).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from budgets import selectors
from budgets.models import BUDGET_ROLES, FIRST_YEAR, LAST_YEAR, Budget
from ijmondwerkt import charts
from ijmondwerkt.access import role_required
from ijmondwerkt.accounts.models import Municipality
from trajectories.models.choices import FundingStream

reads_budgets = role_required(*BUDGET_ROLES, serves_municipality=True)
# Years offered around the current one when no budget lies further off.
YEARS_BACK = 2
YEARS_AHEAD = 1
MONTHS_IN_YEAR = 12


# --- what a page shows ---------------------------------------------------------------


@dataclass
class MonthsChart:
    """A chart with the same numbers as a table (rows: ``MonthFigures``)."""

    svg: str
    rows: list[selectors.MonthFigures]
    caption: str

    @property
    def named_rows(self) -> list[tuple[str, selectors.MonthFigures]]:
        return [(str(MONTHS[row.month]), row) for row in self.rows]

    @property
    def committed(self) -> Decimal:
        return sum((row.committed for row in self.rows), selectors.ZERO)

    @property
    def realised(self) -> Decimal:
        return sum((row.realised for row in self.rows), selectors.ZERO)


@dataclass
class MunicipalitySection:
    """One municipality's streams for one year, with its months chart."""

    municipality: Municipality
    year: int
    streams: list[selectors.StreamFigures] = field(default_factory=list)
    empty: list[selectors.StreamFigures] = field(default_factory=list)
    months: MonthsChart | None = None

    @property
    def signals(self) -> list[selectors.StreamFigures]:
        return [row for row in self.streams if row.level]


def months_chart(
    user: Any,
    municipality: Municipality,
    year: int,
    *,
    stream: selectors.StreamFigures | None = None,
    budget: Decimal | None = None,
) -> MonthsChart:
    """Committed and realised per month (two queries), as a chart and rows."""
    rows = selectors.budget_months(
        user,
        municipality=municipality,
        year=year,
        funding_stream=stream.funding_stream if stream else None,
    )
    what = stream.stream_label if stream else _("alle financieringsstromen")
    suffix = stream.funding_stream if stream else "alle"
    title = _("Verplicht en gerealiseerd per maand: %(what)s, %(name)s %(year)s") % {
        "what": what,
        "name": municipality.name,
        "year": year,
    }
    reference = None
    description = _(
        "Staafdiagram met per maand twee staven: verplicht (gearceerd) en "
        "gerealiseerd (effen). De bedragen staan in de tabel naast de grafiek."
    )
    if budget:
        reference = charts.Reference(
            _("Budget per maand (een twaalfde)"), budget / MONTHS_IN_YEAR
        )
        description += " " + _(
            "Een stippellijn geeft het budget per maand aan: een twaalfde van het "
            "jaarbudget."
        )
    svg = charts.month_bar_chart(
        rows,
        title=title,
        description=description,
        reference=reference,
        chart_id=f"grafiek-maanden-{municipality.cbs_code}-{suffix}",
    )
    return MonthsChart(svg=svg, rows=rows, caption=title)


def sections(
    user: Any, year: int, municipalities: list[Municipality], *, today: Any = None
) -> list[MunicipalitySection]:
    """The overview of these (served) municipalities: four queries, plus two for
    the months of each municipality with figures."""
    rows = selectors.budget_overview(
        user, year=year, municipalities=municipalities, today=today
    )
    by_pk = {m.pk: MunicipalitySection(m, year) for m in municipalities}
    for row in rows:
        section = by_pk[row.municipality_id]
        (section.streams if row.has_figures else section.empty).append(row)
    result = [by_pk[m.pk] for m in municipalities]
    for section in (s for s in result if s.streams):  # no chart of nothing
        total = sum(
            (row.budget or selectors.ZERO for row in section.streams), Decimal(0)
        )
        section.months = months_chart(user, section.municipality, year, budget=total)
    return result


# --- reading the request ---------------------------------------------------------------


def served_municipalities(user: Any) -> list[Municipality]:
    """The municipalities the user keeps budgets for, by name (one query)."""
    return list(
        Municipality.objects.filter(pk__in=selectors.served(user)).order_by("name")
    )


def year_param(request: HttpRequest) -> int:
    """``jaar`` from the query string; the current year without it, 404 when wrong."""
    value = request.GET.get("jaar", "").strip()
    if not value:
        return timezone.localdate().year
    return year_value(value)


def year_value(value: str | int) -> int:
    try:
        year = int(value)
    except ValueError as exc:
        raise Http404 from exc
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year


def chosen_municipality(value: str, served: list[Municipality]) -> Municipality | None:
    """The served municipality with this CBS code; an unknown or foreign one: 404."""
    if not value:
        return None
    for municipality in served:
        if municipality.cbs_code == value:
            return municipality
    raise Http404


def years_offered(served: list[Municipality], year: int) -> list[int]:
    """The years with a budget, around this year and the chosen one (one query)."""
    current = timezone.localdate().year
    years = set(range(current - YEARS_BACK, current + YEARS_AHEAD + 1)) | {year}
    years.update(
        Budget.objects.filter(municipality__in=served)
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(years, reverse=True)


def filter_context(request: HttpRequest) -> dict[str, Any]:
    served = served_municipalities(request.user)
    year = year_param(request)
    chosen = chosen_municipality(request.GET.get("gemeente", "").strip(), served)
    return {
        "year": year,
        "years": years_offered(served, year),
        "served": served,
        "chosen": chosen,
        "shown": [chosen] if chosen else served,
        "current_year": timezone.localdate().year,
    }


# --- the pages -------------------------------------------------------------------------------


@reads_budgets
def overview(request: HttpRequest) -> HttpResponse:
    context = filter_context(request)
    context["sections"] = sections(request.user, context["year"], context["shown"])
    return render(request, "budgets/overview.html", context)


@reads_budgets
def stream(request: HttpRequest, cbs: str, jaar: int, stroom: str) -> HttpResponse:
    user: Any = request.user
    year = year_value(jaar)
    if stroom not in FundingStream.values:
        raise Http404
    municipality = chosen_municipality(cbs, served_municipalities(request.user))
    assert municipality is not None  # a cbs code is always given here
    rows = selectors.budget_overview(
        request.user, year=year, municipalities=[municipality]
    )
    figures = next(row for row in rows if row.funding_stream == stroom)
    budget = (
        Budget.objects.for_user(user)
        .filter(municipality=municipality, year=year, funding_stream=stroom)
        .only("uuid", "amount", "version")
        .first()
    )
    sources = selectors.commitment_sources(
        request.user, municipality=municipality, year=year, funding_stream=stroom
    )
    context = {
        "municipality": municipality,
        "year": year,
        "figures": figures,
        "budget": budget,
        "sources": sources,
        "sources_total": sum((s.amount for s in sources), selectors.ZERO),
        "months": months_chart(
            request.user, municipality, year, stream=figures, budget=figures.budget
        ),
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year < LAST_YEAR else None,
    }
    return render(request, "budgets/stream.html", context)


@dataclass
class SavingsSection:
    municipality: Municipality
    months: list[selectors.SavingsMonth]
    svg: str = ""

    @property
    def named_months(self) -> list[tuple[str, selectors.SavingsMonth]]:
        return [(str(MONTHS[row.month]), row) for row in self.months]

    @property
    def has_parameter(self) -> bool:
        return any(m.average_benefit is not None for m in self.months)

    @property
    def last(self) -> selectors.SavingsMonth | None:
        return self.months[-1] if self.months else None

    @property
    def outflows(self) -> int:
        return sum(m.outflows for m in self.months)

    @property
    def cost_committed(self) -> Decimal:
        return sum((m.cost_committed for m in self.months), selectors.ZERO)

    @property
    def cost_realised(self) -> Decimal:
        return sum((m.cost_realised for m in self.months), selectors.ZERO)


def savings_chart(section: SavingsSection, year: int) -> str:
    months = section.months
    title = _("Geschatte besparing en kosten per maand: %(name)s %(year)s") % {
        "name": section.municipality.name,
        "year": year,
    }
    return charts.bar_chart(
        [charts.MONTHS_SHORT[m.month - 1] for m in months],
        [
            charts.Series(_("Besparing (schatting)"), [m.saving for m in months]),
            charts.Series(_("Kosten gerealiseerd"), [m.cost_realised for m in months]),
            charts.Series(_("Kosten verplicht"), [m.cost_committed for m in months]),
        ],
        title=title,
        description=_(
            "Staafdiagram met per maand drie staven: de geschatte besparing op "
            "uitkeringen (gearceerd), de gerealiseerde kosten (effen) en de "
            "verplichte kosten (gestippeld). De bedragen staan in de tabel."
        ),
        chart_id=f"grafiek-besparing-{section.municipality.cbs_code}",
    )


@reads_budgets
def savings(request: HttpRequest) -> HttpResponse:
    context = filter_context(request)
    year = context["year"]
    by_pk = selectors.benefit_savings(
        request.user, year=year, municipalities=context["shown"]
    )
    result = []
    for municipality in context["shown"]:
        section = SavingsSection(municipality, by_pk.get(municipality.pk, []))
        if section.months and section.has_parameter:
            section.svg = savings_chart(section, year)
        result.append(section)
    context["sections"] = result
    return render(request, "budgets/savings.html", context)


urlpatterns: list[URLPattern] = [
    path("", overview, name="overview"),
    path("besparingen/", savings, name="savings"),
    path("<str:cbs>/<int:jaar>/<slug:stroom>/", stream, name="stream"),
]
