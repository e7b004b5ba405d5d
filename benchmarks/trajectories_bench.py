"""Benchmark of the trajectories app at scale (see benchmarks/README.md).

Generates N clients (default 100,000) as ``clients_bench.py`` does, then, with
``bulk_create``, a trajectory with one deployment for every second client and
a wage-cost-subsidy placement (four follow-up moments, one or two wage-value
assessments) for every tenth: 10,000 placements at 100,000 clients. Measures

- the subsidy of every subsidy placement running in the year, for its 12
  months, with ``trajectories.subsidy.subsidies_for``: queries and seconds;
- the trajectory list, the trajectory page and the placement page (as a
  klantmanager and as a werkmakelaar): queries and wall time;
- the daily reminder job of the trajectories app, first and repeat run.

    .venv/bin/python benchmarks/trajectories_bench.py                  # 100,000 clients
    .venv/bin/python benchmarks/trajectories_bench.py --clients 1000 --database ijmondwerkt_bench_traj_small
    .venv/bin/python benchmarks/trajectories_bench.py --measure-only   # reuse the data
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clients_bench import (  # noqa: E402 - benchmarks/ is on sys.path
    BSN_PARTS,
    CLIENT_INSERT,
    KLANTMANAGERS,
    configure,
    measure,
)

YEAR = 2026
WERKMAKELAARS = 5
EMPLOYERS = 1_000
PROVIDERS = 20
BATCH = 5_000
PASSWORD = "benchmark-password-not-secret"  # noqa: S105


def _werkmakelaars() -> list[Any]:
    from ijmondwerkt.accounts.models import Municipality, User
    from ijmondwerkt.accounts.roles import Role
    from ijmondwerkt.accounts.services import staff_user_save

    existing = list(User.objects.filter(username__startswith="wm").order_by("pk"))
    if existing:
        return existing
    municipalities = list(Municipality.objects.all())
    return [
        staff_user_save(
            username=f"wm{i:02d}",
            password=PASSWORD,
            roles=[Role.WERKMAKELAAR],
            municipalities=municipalities,
        )
        for i in range(WERKMAKELAARS)
    ]


def generate_clients(n: int) -> dict[str, float]:
    """N client files over 50 klantmanagers, as clients_bench.py generates them.

    Only the files themselves: the pages measured here read no client history.
    """
    from django.core.management import call_command
    from django.db import connection

    from clients.models import Client
    from ijmondwerkt.accounts.models import Municipality
    from ijmondwerkt.accounts.roles import Role
    from ijmondwerkt.accounts.services import staff_user_save

    timings: dict[str, float] = {}
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    timings["migrate"] = time.monotonic() - started
    if Client.objects.count() >= n:
        return timings
    municipalities = list(Municipality.objects.order_by("cbs_code"))
    users = [
        staff_user_save(
            username=f"km{i:02d}",
            password=PASSWORD,
            roles=[Role.KLANTMANAGER],
            municipalities=[municipalities[i % len(municipalities)]],
        )
        for i in range(KLANTMANAGERS)
    ]
    km_ids = ",".join(str(u.pk) for u in users)
    mun_ids = ",".join(
        str(municipalities[i % len(municipalities)].pk) for i in range(KLANTMANAGERS)
    )
    codes = {
        table: f"(SELECT array_agg(id ORDER BY id) FROM clients_{table})"  # noqa: S608 - table names fixed here
        for table in (
            "benefitkind",
            "registrationchannel",
            "inflowreason",
            "educationlevel",
        )
    }
    sql = f"""
        {CLIENT_INSERT}
            '', 'Achternaam' || g, DATE '1960-01-01' + (g * 7919 % 16000), 'x', 'Zeeweg',
            (g % 200 + 1)::text, (1940 + g % 50)::text || ' AB', 'IJmuiden', '', '',
            (ARRAY[{mun_ids}])[(g / 10) % {KLANTMANAGERS} + 1],
            b.codes_benefit[g % 9 + 1], NULL, CURRENT_DATE - (g % 730),
            b.codes_channel[g % 5 + 1], b.codes_inflow[g % 8 + 1], NULL,
            b.codes_education[g % 10 + 1], g % 2 = 0, '[]'::jsonb, '', '', '', NULL, '',
            CASE WHEN g % 10 >= 4 THEN g % 4 + 1 END,
            CASE WHEN g % 10 >= 4 THEN CURRENT_DATE - (g % 730) + 10 END, '',
            (ARRAY[{km_ids}])[(g / 10) % {KLANTMANAGERS} + 1],
            CASE WHEN g % 10 < 2 THEN 'uitgestroomd' WHEN g % 10 = 2 THEN 'aangemeld'
                 WHEN g % 10 = 3 THEN 'intake' ELSE 'actief' END,
            1, now(), now()
        FROM generate_series(1, {n}) g
        CROSS JOIN LATERAL (
            SELECT {BSN_PARTS},
                   {codes["benefitkind"]} AS codes_benefit,
                   {codes["registrationchannel"]} AS codes_channel,
                   {codes["inflowreason"]} AS codes_inflow,
                   {codes["educationlevel"]} AS codes_education
        ) b
    """  # noqa: S608 - integers and ids computed here
    with connection.cursor() as cursor:
        t0 = time.monotonic()
        cursor.execute(sql)
        timings["clients"] = time.monotonic() - t0
        print(
            f"  generated clients: {cursor.rowcount:,} rows in {timings['clients']:.1f} s",
            flush=True,
        )
    return timings


def _timed(name: str, timings: dict[str, float], rows: list[Any]) -> None:
    model = type(rows[0]) if rows else None
    t0 = time.monotonic()
    if model is not None:
        model.objects.bulk_create(rows, batch_size=BATCH)
    timings[name] = time.monotonic() - t0
    print(
        f"  generated {name}: {len(rows):,} rows in {timings[name]:.1f} s", flush=True
    )


def generate(n: int) -> dict[str, float]:
    """Clients (as clients_bench), then the trajectories data with bulk_create."""
    from django.db import connection
    from django.utils import timezone

    from clients.models import Client
    from employers.models import Employer
    from trajectories.models import (
        AssessmentMethod,
        CostUnit,
        Deployment,
        DeploymentStatus,
        FollowUp,
        Instrument,
        Placement,
        PlacementEndReason,
        PlacementKind,
        Provider,
        ProviderKind,
        Trajectory,
        TrajectoryEndReason,
        TrajectoryKind,
        WageValueAssessment,
        placement_follow_up_dates,
    )

    timings = generate_clients(n)
    if Placement.objects.exists():
        return timings
    werkmakelaars = _werkmakelaars()
    t0 = time.monotonic()
    clients = list(
        Client.objects.order_by("pk").values_list("pk", "klantmanager_id", "status")
    )
    timings["read clients"] = time.monotonic() - t0

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
            Employer(name=f"Werkgever {i} B.V.", kvk_number=f"{80_000_000 + i:08d}")
            for i in range(EMPLOYERS)
        ],
    )
    employers = list(Employer.objects.order_by("pk").values_list("pk", flat=True))

    # Trajectories: every second client; the closed files' ones ended, and a
    # tenth of the others past their planned end without an end registered.
    others = [k for k in TrajectoryKind.values if k != TrajectoryKind.REINTEGRATION]
    reason = TrajectoryEndReason.objects.get(code="plaatsing-regulier-werk")
    start_base = date(YEAR - 2, 1, 1)
    trajectories = []
    for i, (pk, km, status) in enumerate(clients[::2]):
        start = start_base + timedelta(days=(i * 7) % 900)
        ended = status == "uitgestroomd"
        trajectories.append(
            Trajectory(
                client_id=pk,
                # three quarters individual guidance (re-integratie)
                kind=TrajectoryKind.REINTEGRATION if i % 4 else others[i // 4 % 4],
                provider=providers[i % PROVIDERS],
                start_date=start,
                planned_end_date=start + timedelta(days=365 if i % 10 else 200),
                end_date=start + timedelta(days=300) if ended else None,
                end_reason=reason if ended else None,
                goals="Werkfit worden en uitstromen naar werk.",
                klantmanager_id=km,
            )
        )
    _timed("trajectories", timings, trajectories)

    instrument = Instrument.objects.filter(requires_trajectory=False).order_by("pk")[0]
    deployments = [
        Deployment(
            client_id=t.client_id,
            trajectory=t,
            instrument=instrument,
            provider=t.provider,
            start_date=t.start_date,
            end_date=t.start_date + timedelta(days=90),
            cost_unit=CostUnit.PER_TRAJECTORY,
            rate=Decimal("1500.00"),
            units=Decimal("1"),
            total_cost=Decimal("1500.00"),
            status=DeploymentStatus.ENDED if t.end_date else DeploymentStatus.RUNNING,
        )
        for t in trajectories
    ]
    _timed("deployments", timings, deployments)

    # Subsidy placements: every tenth client (an active file), starting from mid-2024 to mid-2026;
    # a fifth end during the year (a pro rata last month).
    kind = PlacementKind.objects.get(code="garantiebaan")
    end_reason = PlacementEndReason.objects.get(code="einde-contract")
    placements = []
    for i, (pk, _km, _status) in enumerate(clients[5::10]):
        start = date(YEAR - 2, 7, 1) + timedelta(days=(i * 13) % 730)
        end = None
        if i % 5 == 3:
            end = max(date(YEAR, 3, 1), start) + timedelta(days=30 + (i * 7) % 240)
        placements.append(
            Placement(
                client_id=pk,
                employer_id=employers[i % EMPLOYERS],
                kind=kind,
                job_title="Productiemedewerker",
                start_date=start,
                end_date=end,
                end_reason=end_reason if end else None,
                hours_per_week=Decimal((24, 32, 36)[i % 3]),
                wage_per_hour=Decimal("15.00"),
                wage_cost_subsidy=True,
                registered_by=werkmakelaars[i % WERKMAKELAARS],
            )
        )
    # Trial placements and secondments (no subsidy) ending around today, for
    # the reminder job: every twentieth client.
    today = timezone.localdate()
    trial = PlacementKind.objects.get(code="proefplaatsing")
    secondment = PlacementKind.objects.get(code="detachering")
    for i, (pk, _km, _status) in enumerate(clients[7::20]):
        is_trial = i % 2 == 0
        end = None if is_trial else today + timedelta(days=i % 90)
        placements.append(
            Placement(
                client_id=pk,
                employer_id=employers[(i * 7) % EMPLOYERS],
                kind=trial if is_trial else secondment,
                job_title="Magazijnmedewerker",
                start_date=today - timedelta(days=30 + i % 20),
                end_date=end,
                end_reason=end_reason if end else None,
                trial_end_date=today + timedelta(days=i % 30) if is_trial else None,
                hours_per_week=Decimal("32"),
                registered_by=werkmakelaars[i % WERKMAKELAARS],
            )
        )
    _timed("placements", timings, placements)
    _timed(
        "follow-ups",
        timings,
        [
            FollowUp(
                placement=p,
                months=months,
                due_date=due,
                held_on=due if due < date(YEAR, 9, 1) and i % 4 else None,
                outcome="werkt" if due < date(YEAR, 9, 1) and i % 4 else "",
            )
            for i, p in enumerate(placements)
            for months, due in placement_follow_up_dates(p.start_date)
        ],
    )
    # An assessment at the start; a reassessment a year later for nine in ten
    # (the tenth runs without a valid assessment once the first expires).
    method = AssessmentMethod.objects.get(code="werkplekmethode")
    assessments = []
    for i, p in enumerate(q for q in placements if q.wage_cost_subsidy):
        day = p.start_date
        for round_ in range(2):
            if round_ and (i % 10 == 0 or day > date(YEAR, 11, 1)):
                break
            assessments.append(
                WageValueAssessment(
                    client_id=p.client_id,
                    placement=p,
                    assessed_on=day,
                    method=method,
                    assessor="Arbeidsdeskundige",
                    wage_value=40 + i % 50,
                    next_due_date=WageValueAssessment.default_next_due(day),
                )
            )
            day = WageValueAssessment.default_next_due(day)
    _timed("assessments", timings, assessments)
    with connection.cursor() as cursor:
        t0 = time.monotonic()
        cursor.execute("ANALYZE")
        timings["analyze"] = time.monotonic() - t0
    return timings


def measure_subsidy(repeat: int = 3) -> dict[str, Any]:
    """Every subsidy placement running in YEAR, for its 12 months."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from trajectories.models import Placement
    from trajectories.subsidy import subsidies_for

    first, last = date(YEAR, 1, 1), date(YEAR, 12, 1)
    running = (
        Placement.objects.with_subsidy()
        .filter(start_date__lte=date(YEAR, 12, 31))
        .exclude(end_date__lt=first)
    )
    durations, queries = [], []
    result: dict[int, Any] = {}
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            t0 = time.perf_counter()
            result = subsidies_for(running.all(), first, last)  # a fresh queryset
            durations.append(time.perf_counter() - t0)
        queries.append(len(captured))
    months = [m for rows in result.values() for m in rows]
    paid = [m.amount for m in months if m.amount]
    unpaid = sum(1 for m in months if m.amount is None)
    row = {
        "placements": len(result),
        "months": len(months),
        "queries": queries[-1],
        "queries_each_run": queries,
        "first_s": durations[0],
        "median_s": statistics.median(durations[1:] or durations),
        "total": sum(paid, Decimal("0")),
        "paid": len(paid),
        "unpaid": unpaid,
    }
    print(
        f"  subsidy {row['placements']:,} placements × 12 months = {row['months']:,}: "
        f"{row['queries_each_run']} queries, first {row['first_s']:.2f} s, "
        f"median {row['median_s']:.2f} s; {row['paid']:,} months paid, "
        f"{row['unpaid']:,} without a valid assessment; total € {row['total']:,.2f}",
        flush=True,
    )
    return row


def _browser(username: str) -> Any:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from django.test import Client as Browser

    from ijmondwerkt.accounts.models import User

    user = User.objects.get(username=username)
    browser = Browser()
    browser.force_login(user)
    # Pages sit behind the second factor: an enrolled user's verified session.
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="benchmark", confirmed=True)
    session = browser.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return browser


def run_measurements(pages: bool) -> list[dict[str, Any]]:
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from clients.models import Client
    from ijmondwerkt.accounts.models import User
    from ijmondwerkt.inbox.models import Task
    from trajectories import reminders, selectors
    from trajectories.models import (
        Deployment,
        FollowUp,
        Placement,
        Trajectory,
        WageValueAssessment,
    )

    setup_test_environment()
    km = User.objects.get(username="km00")
    print(
        f"  data: {Client.objects.count():,} clients, "
        f"{Trajectory.objects.count():,} trajectories, "
        f"{Deployment.objects.count():,} deployments, "
        f"{Placement.objects.count():,} placements, "
        f"{FollowUp.objects.count():,} follow-ups, "
        f"{WageValueAssessment.objects.count():,} assessments; km00 sees "
        f"{Trajectory.objects.for_user(km).count():,} trajectories",
        flush=True,
    )
    rows = []
    subsidy = measure_subsidy()
    rows.append(
        {
            "label": f"subsidy, {subsidy['placements']:,} placements × 12 months",
            "queries": subsidy["queries"],
            "first_ms": subsidy["first_s"] * 1000,
            "median_ms": subsidy["median_s"] * 1000,
        }
    )
    if pages:
        browser = _browser("km00")
        werkmakelaar = _browser("wm00")
        trajectory = (
            Trajectory.objects.for_user(km)
            .filter(end_date__isnull=True, deployments__isnull=False)
            .order_by("pk")
            .first()
        )
        placement = (
            Placement.objects.filter(client__klantmanager=km, end_date__isnull=True)
            .order_by("pk")
            .first()
        )
        assert trajectory is not None and placement is not None
        rows += [
            measure("trajectory list, page 1", lambda: browser.get("/trajecten/")),
            measure(
                "trajectory list, page 20",
                lambda: browser.get("/trajecten/?pagina=20"),
            ),
            measure(
                "trajectory list, filters (soort + lopend=false)",
                lambda: browser.get("/trajecten/?soort=re-integratie&lopend=false"),
            ),
            measure(
                "trajectory page", lambda: browser.get(trajectory.get_absolute_url())
            ),
            measure(
                "placement page (klantmanager, subsidy this month)",
                lambda: browser.get(placement.get_absolute_url()),
            ),
            measure(
                "placement page (klantmanager, subsidy 2026-03)",
                lambda: browser.get(placement.get_absolute_url() + "?maand=2026-03"),
            ),
            measure(
                "placement page (werkmakelaar)",
                lambda: werkmakelaar.get(placement.get_absolute_url()),
            ),
        ]
    today = timezone.localdate()
    due = {
        "assessments due or overdue": selectors.assessments_due_or_overdue(today),
        "follow-ups due": selectors.follow_ups_due(today),
        "trajectories past planned end": selectors.trajectories_past_planned_end(today),
    }
    print(
        "  due: " + ", ".join(f"{k} {q.count():,}" for k, q in due.items()),
        flush=True,
    )
    Task.objects.filter(kind__in=list(reminders.SOURCES)).delete()
    rows += [
        measure(
            "reminder job, first run (creates tasks)",
            lambda: reminders.reminders_generate(today=today),
            repeat=1,
        ),
        measure(
            "reminder job, repeat run (nothing new)",
            lambda: reminders.reminders_generate(today=today),
        ),
    ]
    print(
        "  tasks created by the reminder job: "
        f"{Task.objects.filter(kind__in=list(reminders.SOURCES)).count():,}",
        flush=True,
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--database", default="ijmondwerkt_bench_trajectories")
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
        "--no-pages",
        action="store_true",
        help="Only the subsidy and the reminder job (no page requests).",
    )
    args = parser.parse_args()
    configure(args.database, args.server, fresh=not args.measure_only)
    if not args.measure_only:
        print(f"Generating {args.clients:,} clients in {args.database} ...", flush=True)
        t0 = time.monotonic()
        generate(args.clients)
        print(f"  generation took {time.monotonic() - t0:.1f} s", flush=True)
    print("Measuring ...", flush=True)
    run_measurements(pages=not args.no_pages)


if __name__ == "__main__":
    main()
