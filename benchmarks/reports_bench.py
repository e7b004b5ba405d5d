"""Benchmark of the monthly report at scale (see benchmarks/README.md).

Generates N clients (default 100,000) with their histories as
``clients_bench.py`` does (intakes with deadlines, two ladder measurements,
contacts, plans, outflows), plus outflows of an earlier registration for a
fifth of the files; then, with ``bulk_create``, trajectories of every kind
(half the files; ended ones with every end reason), placements of every kind
(a tenth; a third with wage-cost subsidy and an assessment), employers in
every municipality and sector, employer contacts and vacancies over three
years. It measures, for last month:

- ``reports.figures.month_report_for`` for one municipality (Velsen) and for
  the region (every municipality): queries, first run and median;
- the renderings (PDF, CSV, XLSX) of both reports;
- the heavy sections (caseload with its month-end counts and breakdowns,
  inflow/outflow, intake timeliness, ladder movement) against the same
  aggregates written by hand in SQL (``connection.cursor()``): the numbers
  must agree (asserted), and the ratio of the times is printed.

    .venv/bin/python benchmarks/reports_bench.py                      # 100,000 clients
    .venv/bin/python benchmarks/reports_bench.py --clients 1000 --database ijmondwerkt_bench_reports_small
    .venv/bin/python benchmarks/reports_bench.py --measure-only       # reuse the data
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clients_bench import configure  # noqa: E402 - benchmarks/ is on sys.path
from clients_bench import generate as generate_clients  # noqa: E402
from reports_sql import compare_sections, load, timed  # noqa: E402
from trajectories_bench import (  # noqa: E402
    WERKMAKELAARS,
    _timed,
    _werkmakelaars,
)

# --- data ----------------------------------------------------------------------


def generate(n: int) -> dict[str, float]:
    """Clients with histories (clients_bench), then the rest of the report's data."""
    from django.db import connection
    from django.utils import timezone

    from clients.models import Client, Outflow, OutflowReason
    from employers.models import (
        Employer,
        EmployerContact,
        EmployerContactKind,
        SectorCluster,
        Vacancy,
    )
    from ijmondwerkt.accounts.models import Municipality
    from trajectories.models import (
        AssessmentMethod,
        Placement,
        PlacementEndReason,
        PlacementKind,
        Provider,
        ProviderKind,
        Trajectory,
        TrajectoryEndReason,
        TrajectoryKind,
        WageValueAssessment,
    )

    # No audit history: the report reads none.
    timings = generate_clients(n, history_per_client=0)
    if Trajectory.objects.exists():
        return timings
    today = timezone.localdate()
    werkmakelaars = _werkmakelaars()
    clients = list(
        Client.objects.order_by("pk").values_list(
            "pk", "klantmanager_id", "status", "registration_date"
        )
    )
    # An earlier registration for a fifth of the files still registered: its
    # outflow lies before the current registration (the caseload rule ignores it).
    reasons = list(OutflowReason.objects.order_by("pk"))
    _timed(
        "earlier outflows",
        timings,
        [
            Outflow(
                client_id=pk,
                date=registered - timedelta(days=100 + i % 400),
                reason=reasons[i % len(reasons)],
                recorded_by_id=km,
            )
            for i, (pk, km, status, registered) in enumerate(clients[::5])
            if status != "uitgestroomd"
        ],
    )
    providers = list(Provider.objects.order_by("pk"))
    if not providers:
        _timed(
            "providers",
            timings,
            [
                Provider(
                    name=f"Re-integratiebureau {i}", kind=ProviderKind.REINTEGRATION
                )
                for i in range(20)
            ],
        )
        providers = list(Provider.objects.order_by("pk"))
    municipalities = list(Municipality.objects.order_by("cbs_code"))
    sectors = list(SectorCluster.objects.order_by("pk"))
    employers = [
        Employer(
            name=f"Werkgever {i} B.V.",
            kvk_number=f"{80_000_000 + i:08d}",
            # one in ten outside the region
            municipality=municipalities[i % len(municipalities)] if i % 10 else None,
            sector_cluster=sectors[i % len(sectors)] if i % 7 else None,
        )
        for i in range(max(100, n // 100))
    ]
    _timed("employers", timings, employers)
    employer_ids = list(Employer.objects.order_by("pk").values_list("pk", flat=True))

    # Trajectories: every second client, every kind, starting over three years;
    # the outflowed files' trajectories and a third of the others ended.
    kinds = list(TrajectoryKind.values)
    end_reasons = list(TrajectoryEndReason.objects.order_by("pk"))
    trajectories = []
    for i, (pk, km, status, _registered) in enumerate(clients[::2]):
        start = today - timedelta(days=30 + (i * 7) % 1100)
        end = start + timedelta(days=60 + (i * 11) % 400)
        ended = end <= today and (status == "uitgestroomd" or i % 3 == 0)
        trajectories.append(
            Trajectory(
                client_id=pk,
                kind=kinds[i % len(kinds)],
                provider=providers[i % len(providers)],
                start_date=start,
                planned_end_date=start + timedelta(days=365),
                end_date=end if ended else None,
                end_reason=end_reasons[i % len(end_reasons)] if ended else None,
                goals="Werkfit worden en uitstromen naar werk.",
                klantmanager_id=km,
            )
        )
    _timed("trajectories", timings, trajectories)

    # Placements: every tenth client, every kind, over three years; a third
    # ended, a third with wage-cost subsidy (one assessment each).
    placement_kinds = list(PlacementKind.objects.order_by("pk"))
    placement_ends = list(PlacementEndReason.objects.order_by("pk"))
    placements = []
    for i, (pk, _km, _status, _registered) in enumerate(clients[3::10]):
        start = today - timedelta(days=20 + (i * 13) % 1100)
        end = start + timedelta(days=90 + (i * 17) % 500)
        ended = end <= today and i % 3 == 1
        placements.append(
            Placement(
                client_id=pk,
                employer_id=employer_ids[i % len(employer_ids)],
                kind=placement_kinds[i % len(placement_kinds)],
                job_title="Productiemedewerker",
                start_date=start,
                end_date=end if ended else None,
                end_reason=placement_ends[i % len(placement_ends)] if ended else None,
                hours_per_week=Decimal((24, 32, 36)[i % 3]),
                wage_per_hour=Decimal("15.00"),
                wage_cost_subsidy=i % 3 == 0,
                registered_by=werkmakelaars[i % WERKMAKELAARS],
            )
        )
    _timed("placements", timings, placements)
    method = AssessmentMethod.objects.order_by("pk")[0]
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
            if p.wage_cost_subsidy
        ],
    )
    contact_kinds = list(EmployerContactKind.objects.order_by("pk"))
    _timed(
        "employer contacts",
        timings,
        [
            EmployerContact(
                employer_id=employer_ids[(i * 7) % len(employer_ids)],
                contact_date=today - timedelta(days=1 + (i * 3) % 1100),
                kind=contact_kinds[i % len(contact_kinds)],
                werkmakelaar=werkmakelaars[i % WERKMAKELAARS],
                subject="Kennismaking",
            )
            for i in range(n * 3 // 10)
        ],
    )
    statuses = list(Vacancy.Status.values)
    vacancies = []
    for i in range(n * 6 // 100):
        opened = today - timedelta(days=1 + (i * 5) % 1100)
        status = statuses[i % len(statuses)]
        changed = opened + timedelta(days=14 + i % 60)
        vacancies.append(
            Vacancy(
                employer_id=employer_ids[(i * 3) % len(employer_ids)],
                title="Orderpicker",
                sector_cluster=sectors[i % len(sectors)] if i % 9 else None,
                hours_per_week=Decimal("32"),
                open_date=opened,
                status=status,
                status_changed_on=None
                if status == Vacancy.Status.OPEN
                else min(changed, today),
            )
        )
    _timed("vacancies", timings, vacancies)
    with connection.cursor() as cursor:
        t0 = time.monotonic()
        cursor.execute("ANALYZE")
        timings["analyze"] = time.monotonic() - t0
    return timings


def run_measurements(*, renderings: bool, compare: bool) -> None:
    from django.utils import timezone

    from clients.models import Client, LadderMeasurement, Outflow
    from employers.models import EmployerContact, Vacancy
    from ijmondwerkt.accounts.models import Municipality
    from reports.figures import month_report_for, previous_month
    from reports.figures.caseload import caseload, month_end_counts
    from reports.figures.common import Period
    from reports.rendering import render_month_csv, render_month_pdf, render_month_xlsx
    from trajectories.models import Placement, Trajectory

    print(
        f"  data: {Client.objects.count():,} clients, {Outflow.objects.count():,} outflows, "
        f"{LadderMeasurement.objects.count():,} ladder measurements, "
        f"{Trajectory.objects.count():,} trajectories, {Placement.objects.count():,} placements, "
        f"{EmployerContact.objects.count():,} employer contacts, "
        f"{Vacancy.objects.count():,} vacancies",
        flush=True,
    )
    month = previous_month(timezone.localdate())
    municipalities = list(Municipality.objects.order_by("name"))
    velsen = next((m for m in municipalities if m.name == "Velsen"), municipalities[0])
    region = [m.pk for m in municipalities]
    names = ", ".join(m.name for m in municipalities)
    print(f"  month {month:%Y-%m}; region: {names}; load {load()}", flush=True)
    period = Period.of(month, timezone.localdate())
    days = [period.previous_end, *(day for _m, day in period.trend())]
    ends = month_end_counts([velsen.pk], days)
    print(
        f"  {velsen.name}: caseload {caseload([velsen.pk], period, ends)[velsen.pk].total:,}"
        f" at {period.as_of}",
        flush=True,
    )
    reports = {}
    for label, ids in ((velsen.name, [velsen.pk]), ("region", region)):
        _row, reports[label] = timed(
            f"month_report_for {label}", partial(month_report_for, ids, month)
        )
    if renderings:
        for label, report in reports.items():
            title = f"Maandrapportage {label}"
            timed(
                f"PDF {label}", partial(render_month_pdf, report, title=title), repeat=3
            )
            timed(f"CSV {label}", partial(render_month_csv, report), repeat=3)
            timed(f"XLSX {label}", partial(render_month_xlsx, report), repeat=3)
        pdf = render_month_pdf(reports["region"], title="Maandrapportage regio")
        print(f"  region PDF: {len(pdf):,} bytes", flush=True)
    if compare:
        for label, ids in ((velsen.name, [velsen.pk]), ("region", region)):
            compare_sections(label, ids, month)
    print(f"  load after: {load()}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--database", default="ijmondwerkt_bench_reports")
    parser.add_argument(
        "--server",
        default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
    )
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="Measure the data set generated by an earlier run.",
    )
    parser.add_argument("--no-renderings", action="store_true")
    parser.add_argument("--no-compare", action="store_true")
    args = parser.parse_args()
    configure(args.database, args.server, fresh=not args.measure_only)
    if not args.measure_only:
        print(f"Generating {args.clients:,} clients in {args.database} ...", flush=True)
        t0 = time.monotonic()
        generate(args.clients)
        print(f"  generation took {time.monotonic() - t0:.1f} s", flush=True)
    print(f"Measuring (load {load()}) ...", flush=True)
    run_measurements(renderings=not args.no_renderings, compare=not args.no_compare)


if __name__ == "__main__":
    main()
