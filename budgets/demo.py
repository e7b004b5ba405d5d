"""Demo of the budgets app: budgets, realisation, benefit parameters and alerts.

The trajectories demo inserts its rows in bulk, past the services that keep
commitments current, so they are derived here first in one rebuild (the same
as the nightly job; idempotent). Then, once, for the previous and the current
year and every demo municipality:

- realisation for every closed month (the previous year's twelve, this year's
  up to and including last month): the previous year arrives as one export of
  the financial system per municipality through the realisation import (so the
  import list shows files), this year's months are entered in bulk.
  Re-integration streams follow their commitments (what was committed is
  spent, a little less); the benefits (BUIG), the Wsw and beschut werk also
  pay monthly amounts that never were commitments here (the benefits, the
  wages paid through the sheltered-work company);
- budgets per stream: BUIG at the scale of the domain guide's 2024 figures,
  indexed; Wsw and beschut werk in proportion to it; the participation budget
  and "overig" sized on the demo's own commitments, so their exhaustion lands
  between about 45 and 85 % (the demo's population is a slice of the real
  caseload). The participation budget is split into lines per instrument
  category. One municipality's participation budget of this year heads past
  90 %, so the overview shows a warning and the managers get the alert;
- one amendment (the previous year's provisional BUIG budget of Velsen made
  definitive) through ``budget_update``, so the audit trail shows one;
- the average monthly benefit per municipality for both years.

Deterministic for a seed and a day; when budgets exist nothing is added.
Budgets, the amendment, the benefit parameters and the import go through the
services (audit trail, checks); the by-hand realisation is inserted in bulk.
"""

from __future__ import annotations

import calendar
import csv
import io
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from budgets.alerts import exhaustion_alerts_send
from budgets.commitments import commitments_rebuild
from budgets.imports import realisation_import
from budgets.models import Budget, Commitment, Realisation
from budgets.selectors import cutoff_month, figures
from budgets.services import benefit_parameter_create, budget_create, budget_update
from ijmondwerkt.accounts.demo import BEVERWIJK, HEEMSKERK, REGION, VELSEN
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.demo import weekday_on_or_before, words
from trajectories.models import InstrumentCategory
from trajectories.models.choices import FundingStream

__all__ = ["csv_export", "load"]

CENT = Decimal("0.01")
THOUSAND = Decimal("1000")
# Benefits budget (BUIG) 2024 per municipality (domain guide §8), indexed yearly.
BUIG_2024 = {
    VELSEN: Decimal("26571184"),
    BEVERWIJK: Decimal("17284702"),
    HEEMSKERK: Decimal("12832290"),
}
BUIG_INDEX = Decimal("1.035")
# Streams paid monthly outside the commitments, as a share of the BUIG budget.
WSW_SHARE = Decimal("0.31")
BESCHUT_SHARE = Decimal("0.035")
# Average monthly benefit (Participatiewet, all household types) in 2024.
BENEFIT_2024 = {
    VELSEN: Decimal("1512.40"),
    BEVERWIJK: Decimal("1486.75"),
    HEEMSKERK: Decimal("1463.20"),
}
# This year's participation budget of Heemskerk heads past 90 % (the warning).
WARNING_STREAM = (HEEMSKERK, FundingStream.PARTICIPATION.value)
WARNING_TARGET = Decimal("0.94")
# The amendment: Velsen's provisional BUIG budget of last year made definitive.
AMENDED = (VELSEN, FundingStream.BENEFITS.value)
PROVISIONAL_SHARE = Decimal("0.972")
MONTH_NAMES = words(
    "januari februari maart april mei juni juli augustus september oktober "
    "november december"
)
STREAM_CODES = {
    FundingStream.PARTICIPATION.value: "W",
    FundingStream.BENEFITS.value: "I",
    FundingStream.BESCHUT.value: "B",
    FundingStream.WSW.value: "S",
    FundingStream.OTHER.value: "O",
}
COMMITMENT_TEXT = {
    FundingStream.PARTICIPATION.value: "Re-integratievoorzieningen",
    FundingStream.BENEFITS.value: "Loonkostensubsidie",
    FundingStream.BESCHUT.value: "Begeleiding beschut werk",
    FundingStream.WSW.value: "Wsw-voorzieningen",
    FundingStream.OTHER.value: "Overige voorzieningen",
}


@dataclass
class Booking:
    municipality: Municipality
    stream: str
    year: int
    month: int
    booked_on: date
    amount: Decimal
    reference: str
    description: str


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _thousands_up(value: Decimal) -> Decimal:
    return (value / THOUSAND).quantize(Decimal("1"), rounding=ROUND_CEILING) * THOUSAND


def _thousands_down(value: Decimal) -> Decimal:
    return (value / THOUSAND).quantize(Decimal("1"), rounding=ROUND_DOWN) * THOUSAND


def _dutch_amount(amount: Decimal) -> str:
    """1234.5 as 1.234,50 (the notation of a Dutch spreadsheet)."""
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def csv_export(bookings: list[Booking]) -> bytes:
    """The bookings as the financial system exports them (docs/budgets.md)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        ["gemeente", "stroom", "datum", "bedrag", "boekingskenmerk", "omschrijving"]
    )
    for b in bookings:
        writer.writerow(
            [
                b.municipality.cbs_code,
                b.stream,
                f"{b.booked_on:%d-%m-%Y}",
                _dutch_amount(b.amount),
                b.reference,
                b.description,
            ]
        )
    return out.getvalue().encode("utf-8")


class Plan:
    """The demo's money for one municipality: bookings and budget targets."""

    def __init__(
        self,
        rng: random.Random,
        municipality: Municipality,
        today: date,
        committed: dict[tuple[str, int, int], Decimal],
    ) -> None:
        self.rng = rng
        self.municipality = municipality
        self.today = today
        self.committed = committed
        self.bookings: dict[int, list[Booking]] = defaultdict(list)
        self.counter = 0

    def buig(self, year: int) -> Decimal:
        code = self.municipality.cbs_code
        return _thousands_down(BUIG_2024[code] * BUIG_INDEX ** (year - 2024))

    def scaled(self, year: int, stream: str) -> Decimal | None:
        """A budget set from the municipality's scale, or None (set from commitments)."""
        if stream == FundingStream.BENEFITS.value:
            return self.buig(year)
        if stream == FundingStream.WSW.value:
            return _thousands_down(self.buig(year) * WSW_SHARE)
        if stream == FundingStream.BESCHUT.value:
            return _thousands_down(self.buig(year) * BESCHUT_SHARE)
        return None

    def _book(
        self, year: int, month: int, stream: str, amount: Decimal, text: str
    ) -> None:
        if amount <= 0:
            return
        self.counter += 1
        last = calendar.monthrange(year, month)[1]
        day = weekday_on_or_before(date(year, month, self.rng.randint(18, last)))
        self.bookings[year].append(
            Booking(
                self.municipality,
                stream,
                year,
                month,
                day,
                _money(amount),
                f"FIN-{year}-{self.municipality.cbs_code}-"
                f"{STREAM_CODES[stream]}{self.counter:05d}",
                f"{text} {MONTH_NAMES[month - 1]} {year}",
            )
        )

    def spend(self, year: int) -> None:
        """Bookings for every closed month of ``year``."""
        rate = {  # the share of a monthly paid budget spent each month
            FundingStream.BENEFITS.value: Decimal(self.rng.uniform(0.70, 0.80)),
            FundingStream.WSW.value: Decimal(self.rng.uniform(0.72, 0.84)),
            FundingStream.BESCHUT.value: Decimal(self.rng.uniform(0.55, 0.75)),
        }
        for month in range(1, cutoff_month(year, self.today)):
            for stream in FundingStream.values:
                committed = self.committed.get((stream, year, month), Decimal("0"))
                spent = committed * Decimal(self.rng.uniform(0.86, 1.0))
                self._book(year, month, stream, spent, COMMITMENT_TEXT[stream])
                scaled = self.scaled(year, stream)
                if scaled is None:
                    continue
                monthly = scaled * rate[stream] / 12
                monthly *= Decimal(self.rng.uniform(0.97, 1.03))
                if stream == FundingStream.BENEFITS.value:
                    self._book(
                        year,
                        month,
                        stream,
                        monthly * Decimal("0.93"),
                        "Uitkeringen levensonderhoud Participatiewet",
                    )
                    self._book(
                        year,
                        month,
                        stream,
                        monthly * Decimal("0.07"),
                        "Uitkeringen IOAW en IOAZ",
                    )
                elif stream == FundingStream.WSW.value:
                    self._book(
                        year, month, stream, monthly, "Loonkosten Wsw-medewerkers"
                    )
                else:
                    self._book(year, month, stream, monthly, "Loonkosten beschut werk")

    def target(self, year: int, stream: str) -> Decimal:
        if (self.municipality.cbs_code, stream) == WARNING_STREAM and (
            year == self.today.year
        ):
            return WARNING_TARGET
        return Decimal(self.rng.uniform(0.48, 0.84)).quantize(Decimal("0.001"))


def _commitments(
    ids: list[int], years: tuple[int, ...]
) -> tuple[
    dict[int, dict[tuple[str, int, int], Decimal]],
    dict[tuple[int, int], dict[int, Decimal]],
]:
    """Committed per municipality (stream, year, month), and per category (one query)."""
    by_month: dict[int, dict[tuple[str, int, int], Decimal]] = defaultdict(dict)
    by_category: dict[tuple[int, int], dict[int, Decimal]] = defaultdict(
        lambda: defaultdict(Decimal)
    )
    for row in Commitment.objects.filter(
        municipality_id__in=ids, year__in=years
    ).values_list(
        "municipality_id", "funding_stream", "year", "month", "category_id", "amount"
    ):
        municipality_id, stream, year, month, category_id, amount = row
        key = (stream, year, month)
        by_month[municipality_id][key] = (
            by_month[municipality_id].get(key, Decimal("0")) + amount
        )
        if stream == FundingStream.PARTICIPATION.value and category_id:
            by_category[(municipality_id, year)][category_id] += amount
    return by_month, by_category


def _lines(
    amount: Decimal,
    shares: dict[int, Decimal],
    categories: dict[int, InstrumentCategory],
) -> dict[InstrumentCategory, Decimal]:
    """The participation budget per category, in proportion to its commitments.

    Together about 92 % of the budget; the rest is not yet assigned.
    """
    total = sum(shares.values(), Decimal("0"))
    if not total:
        return {}
    return {
        categories[pk]: _thousands_down(amount * Decimal("0.92") * part / total)
        for pk, part in sorted(shares.items())
        if part > 0
    }


@transaction.atomic
def load(*, seed: int) -> str:
    rows = commitments_rebuild()
    derived = f"{rows} verplichtingen afgeleid uit inzetten en plaatsingen"
    if Budget.objects.exists():
        return f"{derived}; {Budget.objects.count()} budgetten (al aanwezig)"
    municipalities = list(
        Municipality.objects.filter(cbs_code__in=REGION).order_by("cbs_code")
    )
    beheerder = User.objects.filter(username="beheerder").first()
    manager = User.objects.filter(username="manager").first()
    if not municipalities or beheerder is None or manager is None:
        return f"{derived}; budgetten overgeslagen: eerst gemeenten en gebruikers nodig"
    rng = random.Random(f"{seed}-budgets")
    today = timezone.localdate()
    years = (today.year - 1, today.year)
    ids = [m.pk for m in municipalities]
    by_month, by_category = _commitments(ids, years)
    plans = {m.pk: Plan(rng, m, today, by_month[m.pk]) for m in municipalities}
    for plan in plans.values():
        for year in years:
            plan.spend(year)

    # Last year: one export of the financial system per municipality.
    imports = 0
    for plan in plans.values():
        bookings = plan.bookings[years[0]]
        if bookings:
            name = plan.municipality.name.lower().replace(" ", "-")
            entry = realisation_import(
                user=beheerder,
                file=csv_export(bookings),
                year=years[0],
                file_name=f"realisatie_{name}_{years[0]}_jaarafsluiting.csv",
                today=today,
            )
            assert entry.accepted, entry.report  # noqa: S101 - the demo's own file
            imports += 1
    # This year's closed months: entered in bulk.
    manual = [
        Realisation(
            municipality=b.municipality,
            funding_stream=b.stream,
            year=b.year,
            month=b.month,
            booked_on=b.booked_on,
            amount=b.amount,
            description=b.description,
            reference=b.reference,
            source=Realisation.Source.MANUAL,
            created_by=beheerder,
        )
        for plan in plans.values()
        for b in plan.bookings[years[1]]
    ]
    Realisation.objects.bulk_create(manual, batch_size=1000)

    categories = InstrumentCategory.objects.in_bulk()
    budgets = 0
    for year in years:
        for row in figures(ids, year=year, today=today):
            plan = plans[row.municipality_id]
            stream = row.funding_stream
            target = plan.target(year, stream)
            amount = plan.scaled(year, stream)
            if amount is None:
                if row.forecast <= 0:
                    continue  # nothing committed nor spent: no budget needed
                amount = _thousands_up(row.forecast / target)
            lines = None
            if stream == FundingStream.PARTICIPATION.value:
                lines = _lines(
                    amount, by_category[(row.municipality_id, year)], categories
                )
            amended = (plan.municipality.cbs_code, stream) == AMENDED and (
                year == years[0]
            )
            budget = budget_create(
                user=beheerder,
                municipality=plan.municipality,
                year=year,
                funding_stream=stream,
                amount=(
                    _thousands_down(amount * PROVISIONAL_SHARE) if amended else amount
                ),
                note="Voorlopig budget (decembercirculaire)" if amended else "",
                lines=lines,
            )
            budgets += 1
            if amended:
                budget_update(
                    user=manager,
                    budget=budget,
                    expected_version=budget.version,
                    amount=amount,
                    note="Definitief budget na de septembercirculaire",
                )
    for plan in plans.values():
        code = plan.municipality.cbs_code
        for year in years:
            benefit_parameter_create(
                user=beheerder,
                municipality=plan.municipality,
                year=year,
                average_monthly_benefit=_money(
                    BENEFIT_2024[code] * Decimal("1.031") ** (year - 2024)
                ),
            )
    alerts = exhaustion_alerts_send(today)
    realised = sum(len(p.bookings[y]) for p in plans.values() for y in years)
    return (
        f"{derived}; {budgets} budgetten, {realised} realisatieboekingen "
        f"({imports} imports), {len(plans) * len(years)} gemiddelde uitkeringen, "
        f"{alerts} signalen uitputting"
    )
