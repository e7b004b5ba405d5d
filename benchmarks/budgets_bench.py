"""Benchmark of the budget overview at scale (see benchmarks/README.md).

For one municipality (Velsen) with N running deployments and N running
wage-cost-subsidy placements (default 10,000; the other two municipalities a
quarter of that each, so the municipality filter does real work), generated
with ``bulk_create`` on client files made as ``clients_bench.py`` makes them,
plus budgets, 1,200 realisation bookings a year, benefit parameters and
outflows to work. Measures

- ``commitments_rebuild()`` (the nightly job): seconds and queries;
- the selectors of the overview: ``figures``, ``budget_months``,
  ``commitment_sources`` and ``benefit_savings``: queries and wall time;
- the pages ``budgets:overview`` and ``budgets:stream`` as a manager of Velsen
  (Django test client, second factor verified), when they exist.

    .venv/bin/python benchmarks/budgets_bench.py                  # 10,000 + 10,000
    .venv/bin/python benchmarks/budgets_bench.py --size 1000 --database ijmondwerkt_bench_budgets_small
    .venv/bin/python benchmarks/budgets_bench.py --measure-only   # reuse the data
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clients_bench import configure, measure  # noqa: E402 - benchmarks/ is on sys.path
from trajectories_bench import (  # noqa: E402
    PASSWORD,
    _browser,
    _timed,
    _werkmakelaars,
    generate_clients,
)

EMPLOYERS = 500
PROVIDERS = 20
VELSEN = "0453"


def _manager() -> Any:
    from ijmondwerkt.accounts.models import Municipality, User
    from ijmondwerkt.accounts.roles import Role
    from ijmondwerkt.accounts.services import staff_user_save

    existing = User.objects.filter(username="mgr00").first()
    if existing is not None:
        return existing
    return staff_user_save(
        username="mgr00",
        password=PASSWORD,
        roles=[Role.MANAGER],
        municipalities=Municipality.objects.filter(cbs_code=VELSEN),
    )


def generate(size: int) -> dict[str, float]:
    """Clients, then deployments, placements, budgets and realisation in bulk."""
    from django.db import connection
    from django.utils import timezone

    from budgets.models import BenefitParameter, Budget, Realisation
    from clients.models import Client, Outflow, OutflowReason
    from employers.models import Employer
    from ijmondwerkt.accounts.models import Municipality
    from trajectories.models import (
        AssessmentMethod,
        CostUnit,
        Deployment,
        DeploymentStatus,
        FundingStream,
        Instrument,
        Placement,
        PlacementKind,
        Provider,
        ProviderKind,
        WageValueAssessment,
    )

    today = timezone.localdate()
    year = today.year
    # About a third of the generated files are Velsen's (clients_bench's spread).
    timings = generate_clients(int(size * 3.3))
    if Deployment.objects.exists():
        return timings
    werkmakelaars = _werkmakelaars()
    manager = _manager()
    velsen = Municipality.objects.get(cbs_code=VELSEN)
    wanted = {velsen.pk: size}
    for other in Municipality.objects.exclude(pk=velsen.pk):
        wanted[other.pk] = size // 4
    clients: list[int] = []
    for municipality_id, n in wanted.items():
        clients += list(
            Client.objects.filter(municipality_id=municipality_id)
            .order_by("pk")
            .values_list("pk", flat=True)[:n]
        )
    _timed(
        "providers",
        timings,
        [
            Provider(name=f"Re-integratiebureau {i}", kind=ProviderKind.REINTEGRATION)
            for i in range(PROVIDERS)
        ],
    )
    providers = list(Provider.objects.order_by("pk"))
    _timed(
        "employers",
        timings,
        [
            Employer(name=f"Werkgever {i} B.V.", kvk_number=f"{81_000_000 + i:08d}")
            for i in range(EMPLOYERS)
        ],
    )
    employers = list(Employer.objects.order_by("pk").values_list("pk", flat=True))

    # Running deployments, started in the last 18 months, running into next
    # year for some: half per month, half per trajectory; four instruments.
    instruments = list(
        Instrument.objects.filter(
            requires_trajectory=False, funding_stream=FundingStream.PARTICIPATION
        ).order_by("pk")[:4]
    )
    deployments = []
    for i, pk in enumerate(clients):
        start = today - timedelta(days=30 + (i * 17) % 520)
        end = start + timedelta(days=200 + (i * 31) % 500)
        if end < today:
            end = today + timedelta(days=30 + i % 200)
        per_month = i % 2 == 0
        months = Decimal(max(1, round((end - start).days / 30.4)))
        rate = Decimal("450.00") if per_month else Decimal("2500.00")
        units = months if per_month else Decimal("1")
        deployments.append(
            Deployment(
                client_id=pk,
                instrument=instruments[i % len(instruments)],
                provider=providers[i % PROVIDERS],
                start_date=start,
                end_date=end,
                cost_unit=CostUnit.PER_MONTH if per_month else CostUnit.PER_TRAJECTORY,
                rate=rate,
                units=units,
                total_cost=rate * units,
                status=DeploymentStatus.RUNNING,
            )
        )
    _timed("deployments", timings, deployments)

    # Running subsidy placements (garantiebanen), each with an assessment.
    kind = PlacementKind.objects.get(code="garantiebaan")
    placements = [
        Placement(
            client_id=pk,
            employer_id=employers[i % EMPLOYERS],
            kind=kind,
            job_title="Productiemedewerker",
            start_date=today - timedelta(days=20 + (i * 13) % 700),
            hours_per_week=Decimal((24, 32, 36)[i % 3]),
            wage_per_hour=Decimal("15.00"),
            wage_cost_subsidy=True,
            registered_by=werkmakelaars[i % len(werkmakelaars)],
        )
        for i, pk in enumerate(clients)
    ]
    _timed("placements", timings, placements)
    method = AssessmentMethod.objects.get(code="werkplekmethode")
    _timed(
        "assessments",
        timings,
        [
            WageValueAssessment(
                client_id=p.client_id,
                placement=p,
                assessed_on=p.start_date,
                method=method,
                assessor="Arbeidsdeskundige",
                wage_value=40 + i % 50,
                next_due_date=WageValueAssessment.default_next_due(p.start_date),
            )
            for i, p in enumerate(placements)
        ],
    )

    # Budgets, realisation (20 bookings per month and stream in the closed
    # months), benefit parameters, and outflows to work for a tenth of Velsen.
    municipalities = list(Municipality.objects.order_by("pk"))
    _timed(
        "budgets",
        timings,
        [
            Budget(
                municipality=m,
                year=year,
                funding_stream=stream,
                amount=Decimal(size) * Decimal("900"),
            )
            for m in municipalities
            for stream in FundingStream.values
        ],
    )
    _timed(
        "realisation",
        timings,
        [
            Realisation(
                municipality=m,
                funding_stream=stream,
                year=year,
                month=month,
                booked_on=date(year, month, 20),
                amount=Decimal(size) * Decimal("1.50") + n,
                reference=f"BENCH-{m.cbs_code}-{stream}-{month:02d}-{n:02d}",
                source=Realisation.Source.MANUAL,
                created_by=manager,
            )
            for m in municipalities
            for stream in FundingStream.values
            for month in range(1, today.month)
            for n in range(20)
        ],
    )
    _timed(
        "benefit parameters",
        timings,
        [
            BenefitParameter(
                municipality=m, year=year, average_monthly_benefit=Decimal("1450.00")
            )
            for m in municipalities
        ],
    )
    reason = OutflowReason.objects.get(code="werk-loondienst")
    velsen_clients = clients[:size]
    _timed(
        "outflows",
        timings,
        [
            Outflow(
                client_id=pk,
                date=date(year, 1, 1)
                + timedelta(days=i % max(1, today.timetuple().tm_yday - 1)),
                reason=reason,
                recorded_by=manager,
            )
            for i, pk in enumerate(velsen_clients[::10])
        ],
    )
    with connection.cursor() as cursor:
        t0 = time.monotonic()
        cursor.execute("ANALYZE")
        timings["analyze"] = time.monotonic() - t0
    return timings


def run_measurements(pages: bool) -> list[dict[str, Any]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from budgets import selectors
    from budgets.commitments import commitments_rebuild
    from budgets.models import Commitment, Realisation
    from ijmondwerkt.accounts.models import Municipality
    from trajectories.models import Deployment, FundingStream, Placement

    setup_test_environment()
    today = timezone.localdate()
    year = today.year
    manager = _manager()
    velsen = Municipality.objects.get(cbs_code=VELSEN)
    rows = []
    with CaptureQueriesContext(connection) as captured:
        t0 = time.perf_counter()
        derived = commitments_rebuild()
        rebuild_s = time.perf_counter() - t0
    print(
        f"  commitments_rebuild: {derived:,} rows in {rebuild_s:.2f} s, "
        f"{len(captured)} queries",
        flush=True,
    )
    rows.append(
        {
            "label": "commitments_rebuild (all municipalities)",
            "queries": len(captured),
            "first_ms": rebuild_s * 1000,
            "median_ms": rebuild_s * 1000,
        }
    )
    print(
        "  data (Velsen): "
        f"{Deployment.objects.filter(client__municipality=velsen).count():,} deployments, "
        f"{Placement.objects.filter(client__municipality=velsen).count():,} placements, "
        f"{Commitment.objects.filter(municipality=velsen).count():,} commitments, "
        f"{Realisation.objects.filter(municipality=velsen).count():,} bookings; "
        f"all: {Commitment.objects.count():,} commitments",
        flush=True,
    )
    stream = FundingStream.PARTICIPATION.value
    rows += [
        measure(
            "figures (one municipality, five streams)",
            lambda: selectors.figures([velsen.pk], year=year),
            repeat=5,
        ),
        measure(
            "budget_months (all streams)",
            lambda: selectors.budget_months(manager, municipality=velsen, year=year),
            repeat=5,
        ),
        measure(
            "budget_months (participatiebudget)",
            lambda: selectors.budget_months(
                manager, municipality=velsen, year=year, funding_stream=stream
            ),
            repeat=5,
        ),
        measure(
            "commitment_sources (participatiebudget)",
            lambda: selectors.commitment_sources(
                manager, municipality=velsen, year=year, funding_stream=stream
            ),
            repeat=5,
        ),
        measure(
            "commitment_sources (buig: subsidy placements)",
            lambda: selectors.commitment_sources(
                manager, municipality=velsen, year=year, funding_stream="buig"
            ),
            repeat=5,
        ),
        measure(
            "benefit_savings",
            lambda: selectors.benefit_savings(
                manager, year=year, municipalities=[velsen]
            ),
            repeat=5,
        ),
    ]
    if pages:
        browser = _browser("mgr00")
        try:
            overview = reverse("budgets:overview") + f"?jaar={year}&gemeente={VELSEN}"
            drill_down = reverse(
                "budgets:stream",
                kwargs={"cbs": VELSEN, "jaar": year, "stroom": stream},
            )
        except NoReverseMatch:
            print(
                "  pages: budgets:overview / budgets:stream not there yet", flush=True
            )
        else:
            rows += [
                measure("page budgets:overview", lambda: browser.get(overview)),
                measure("page budgets:stream", lambda: browser.get(drill_down)),
            ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--size",
        type=int,
        default=10_000,
        help="Running deployments and running subsidy placements in Velsen (each).",
    )
    parser.add_argument("--database", default="ijmondwerkt_bench_budgets")
    parser.add_argument(
        "--server",
        default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
    )
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="Measure the data set generated by an earlier run.",
    )
    parser.add_argument(
        "--no-pages", action="store_true", help="Only the job and the selectors."
    )
    args = parser.parse_args()
    configure(args.database, args.server, fresh=not args.measure_only)
    if not args.measure_only:
        print(
            f"Generating {args.size:,} + {args.size:,} in {args.database} ...",
            flush=True,
        )
        t0 = time.monotonic()
        generate(args.size)
        print(f"  generation took {time.monotonic() - t0:.1f} s", flush=True)
    print("Measuring ...", flush=True)
    run_measurements(pages=not args.no_pages)


if __name__ == "__main__":
    main()
