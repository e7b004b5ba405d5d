"""What every section shares: the period, percentages, rows grouped per municipality.

Every section runs a fixed number of ``GROUP BY`` queries over all the
report's municipalities at once, grouped by municipality. A row of such a
query is an exact count of records of one municipality; each record belongs to
exactly one municipality, so the total column adds these exact counts, which
is the same as counting the records of all municipalities together. Figures
derived from counts (percentages, averages) are then computed again from the
total's own counts, never from the municipalities' rounded figures. Counts
that are not additive (distinct clients over several years) get a query of
their own.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from dateutil.relativedelta import relativedelta

from django.db.models import (
    Case,
    DateField,
    Func,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)

from clients.models import Client, Outflow, Status
from reports.figures.types import CountRow

# The key of the total column in a section's result: municipality ids are ints.
TOTAL = 0

T = TypeVar("T")


@dataclass(frozen=True)
class Period:
    """The month a report is about, and the days its figures are taken on."""

    start: date  # first day of the month
    end: date  # last day of the month
    as_of: date  # ``end``, or today while the month runs

    @classmethod
    def of(cls, month: date, today: date) -> Period:
        start = month.replace(day=1)
        if start > today:
            raise ValueError(f"{start:%Y-%m} has not started yet.")
        end = last_day(start)
        return cls(start, end, min(end, today))

    @property
    def year_start(self) -> date:
        return self.start.replace(month=1)

    @property
    def previous_end(self) -> date:
        return self.start - relativedelta(days=1)

    def trend(self) -> list[tuple[date, date]]:
        """The 12 months ending with this one: (first day, day the figures are taken)."""
        firsts = [self.start - relativedelta(months=n) for n in range(11, -1, -1)]
        return [(m, min(last_day(m), self.as_of)) for m in firsts]


def last_day(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def pct(part: int, whole: int) -> int | None:
    """``part`` of ``whole`` in whole percents, rounded half up; None when whole is 0."""
    if not whole:
        return None
    value = Decimal(part) * 100 / Decimal(whole)
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def average(total: int | Decimal, n: int, places: str = "0.1") -> Decimal | None:
    if not n:
        return None
    return (Decimal(total) / Decimal(n)).quantize(Decimal(places), ROUND_HALF_UP)


def columns(ids: Iterable[int], make: Callable[[], T]) -> dict[int, T]:
    """One empty section per municipality and one for the total (``TOTAL``)."""
    return {pk: make() for pk in [*ids, TOTAL]}


def add_counts(target: Any, row: Mapping[str, Any], *names: str) -> None:
    """Add the counts ``names`` of a query row to ``target``'s attributes."""
    for name in names:
        setattr(target, name, getattr(target, name) + (row[name] or 0))


def merge_rows(
    rows: list[T], key: Callable[[T], Any], make: Callable[[T], T], *names: str
) -> Callable[[T], None]:
    """Adds a row into ``rows`` by ``key``: the total's breakdown from exact counts."""
    index = {key(r): r for r in rows}

    def add(row: T) -> None:
        target = index.get(key(row))
        if target is None:
            target = index[key(row)] = make(row)
            rows.append(target)
        for name in names:
            setattr(target, name, getattr(target, name) + getattr(row, name))

    return add


def _order(row: Mapping[str, Any]) -> tuple[Any, ...]:
    # Code-list order (sort_order, label); rows without a code ("unknown") last.
    missing = row["code"] is None
    return (
        missing,
        row.get("sort") or 0,
        str(row.get("label") or ""),
        str(row["code"]),
    )


def count_rows(
    rows: Iterable[Mapping[str, Any]],
    ids: Iterable[int],
    *,
    unknown: str,
    label: Callable[[Mapping[str, Any]], str] | None = None,
) -> dict[int, list[CountRow]]:
    """A breakdown per municipality and for the total, from rows (m, code, label, n).

    ``code`` None (no benefit kind, no klantmanager...) becomes code "" with
    the label ``unknown``.
    """
    result: dict[int, list[CountRow]] = columns(ids, list)
    totals: dict[str, CountRow] = {}
    for row in sorted(rows, key=_order):
        code = "" if row["code"] is None else str(row["code"])
        text = (
            unknown
            if row["code"] is None
            else (label(row) if label else str(row["label"]))
        )
        result[row["m"]].append(CountRow(code, text, row["n"]))
        if code not in totals:
            totals[code] = CountRow(code, text, 0)
            result[TOTAL].append(totals[code])
        totals[code].count += row["n"]
    return result


def by_municipality(
    rows: Iterable[dict[str, Any]], key: str = "m"
) -> dict[int, list[dict[str, Any]]]:
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


# --- the caseload rule ---------------------------------------------------------


def episode_end(client_ref: str = "pk", status_path: str = "status") -> Case:
    """The date the client's current registration ended (its outflow), or NULL.

    A file is reopened on re-registration (``registration_date`` moves to the
    new date), so only an outflowed file's latest outflow ends the current
    registration; the outflows of earlier registrations lie before it.
    """
    latest = (
        Outflow.objects.filter(client_id=OuterRef(client_ref))
        .order_by("-date", "-pk")
        .values("date")[:1]
    )
    return Case(
        When(**{status_path: Status.OUTFLOWED}, then=Subquery(latest)),
        default=None,
        output_field=DateField(),
    )


def episode_ends(ids: Iterable[int]) -> QuerySet[Client]:
    """The clients of ``ids`` with ``episode_end``, one row per client.

    The same value as ``episode_end()``, but from the latest outflow joined and
    grouped per client (``max(date)``) instead of a correlated subquery, so an
    ``aggregate()`` over it reads a derived table computed once per client.
    """
    return (
        Client.objects.filter(municipality_id__in=ids)
        .annotate(
            episode_end=Case(
                When(status=Status.OUTFLOWED, then=Max("outflows__date")),
                default=None,
                output_field=DateField(),
            )
        )
        .order_by()
    )


def in_caseload(day: date, prefix: str = "") -> Q:
    """Registered on or before ``day`` and without an outflow on or before it.

    Needs the ``episode_end`` annotation (``episode_end()``) on the queryset.
    """
    return Q(**{f"{prefix}registration_date__lte": day}) & (
        Q(episode_end__isnull=True) | Q(episode_end__gt=day)
    )


class AddMonths(Func):
    """``date + n months`` in the database, the end of a month clipped (31 Jan + 1 = 28/29 Feb)."""

    template = "((%(expressions)s) + make_interval(months => %(months)d))::date"
    output_field = DateField()

    def __init__(self, expression: Any, months: int) -> None:
        super().__init__(expression, months=int(months))

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        template = "date(%(expressions)s, '+%(months)d months')"
        return self.as_sql(compiler, connection, template=template, **extra_context)
