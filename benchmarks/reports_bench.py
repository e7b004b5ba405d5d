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
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clients_bench import configure  # noqa: E402 - benchmarks/ is on sys.path
from clients_bench import generate as generate_clients  # noqa: E402

WERKMAKELAARS = 5
BATCH = 5_000
PASSWORD = "benchmark-password-not-secret"  # noqa: S105
REPEAT = 5


# --- data ----------------------------------------------------------------------


def _timed(name: str, timings: dict[str, float], rows: list[Any]) -> None:
    t0 = time.monotonic()
    if rows:
        type(rows[0]).objects.bulk_create(rows, batch_size=BATCH)
    timings[name] = time.monotonic() - t0
    print(
        f"  generated {name}: {len(rows):,} rows in {timings[name]:.1f} s", flush=True
    )


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


# --- measuring -----------------------------------------------------------------


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def timed(
    label: str, action: Callable[[], Any], repeat: int = REPEAT
) -> tuple[dict[str, Any], Any]:
    """Runs ``action`` ``repeat`` times: queries, first run and median of the others."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    durations, queries = [], []
    result = None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            t0 = time.perf_counter()
            result = action()
            durations.append(time.perf_counter() - t0)
        queries.append(len(captured))
    row = {
        "label": label,
        "queries": queries[-1],
        "first_ms": durations[0] * 1000,
        "median_ms": statistics.median(durations[1:] or durations) * 1000,
    }
    print(
        f"  {label:<46} {row['queries']:>4} queries  first {row['first_ms']:9.1f} ms"
        f"  median {row['median_ms']:9.1f} ms",
        flush=True,
    )
    return row, result


# --- the same aggregates by hand -------------------------------------------------
#
# Each function returns, per municipality id, the numbers the module's section
# gives (codes, not labels), so the two can be compared.

CaseloadNumbers = dict[int, dict[str, Any]]


def _tables() -> dict[str, str]:
    from clients.models import (
        BenefitKind,
        Client,
        InflowReason,
        Intake,
        LadderMeasurement,
        Outflow,
        OutflowReason,
    )
    from ijmondwerkt.accounts.models import User

    models = {
        "client": Client,
        "outflow": Outflow,
        "outflowreason": OutflowReason,
        "inflowreason": InflowReason,
        "benefitkind": BenefitKind,
        "intake": Intake,
        "measurement": LadderMeasurement,
        "user": User,
    }
    return {name: model._meta.db_table for name, model in models.items()}


# The client's current registration and the day it ended (its latest outflow
# when the file is closed), for the report's municipalities.
EPISODES = """
    SELECT c.id, c.municipality_id AS m, c.registration_date AS registered,
        c.benefit_kind_id, c.target_group, c.klantmanager_id,
        CASE WHEN c.status = 'uitgestroomd' THEN o.last END AS ended
    FROM {client} c
    LEFT JOIN (SELECT client_id, max(date) AS last FROM {outflow} GROUP BY client_id) o
        ON o.client_id = c.id
    WHERE c.municipality_id = ANY(%(ids)s)
"""


def sql_caseload(ids: list[int], days: list[date], day: date) -> CaseloadNumbers:
    """Caseload on every trend day, and four breakdowns on ``day``: two queries."""
    from django.db import connection

    t = _tables()
    counts = ",\n".join(
        f"count(*) FILTER (WHERE registered <= %(d{i})s "
        f"AND (ended IS NULL OR ended > %(d{i})s))"
        for i in range(len(days))
    )
    params: dict[str, Any] = {"ids": ids, "day": day}
    params.update({f"d{i}": d for i, d in enumerate(days)})
    result: CaseloadNumbers = defaultdict(
        lambda: {"days": [0] * len(days), **{k: {} for k in BREAKDOWNS}}
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH e AS ({EPISODES.format(**t)}) SELECT m, {counts} FROM e GROUP BY m",  # noqa: S608 - table names from the models
            params,
        )
        for m, *values in cursor.fetchall():
            result[m]["days"] = list(values)
        cursor.execute(
            f"""
            WITH e AS ({EPISODES.format(**t)}),
            c AS (SELECT * FROM e WHERE registered <= %(day)s
                  AND (ended IS NULL OR ended > %(day)s)),
            s AS (SELECT DISTINCT ON (lm.client_id) lm.client_id, lm.step
                  FROM {t["measurement"]} lm JOIN c ON c.id = lm.client_id
                  WHERE lm.measured_on <= %(day)s
                  ORDER BY lm.client_id, lm.measured_on DESC, lm.id DESC)
            SELECT GROUPING(bk.code, c.target_group, s.step, u.username), c.m,
                bk.code, c.target_group, s.step, u.username, count(*)
            FROM c
            LEFT JOIN {t["benefitkind"]} bk ON bk.id = c.benefit_kind_id
            LEFT JOIN s ON s.client_id = c.id
            LEFT JOIN {t["user"]} u ON u.id = c.klantmanager_id
            GROUP BY GROUPING SETS ((c.m, bk.code), (c.m, c.target_group),
                                    (c.m, s.step), (c.m, u.username))
            """,  # noqa: S608 - table names from the models
            params,
        )
        # GROUPING(a, b, c, d) has a bit set for every column not grouped on.
        sets = {0b0111: 0, 0b1011: 1, 0b1101: 2, 0b1110: 3}
        for grouping, m, *codes, n in cursor.fetchall():
            which = sets[grouping]
            code = codes[which]
            result[m][BREAKDOWNS[which]]["" if code is None else str(code)] = n
    return dict(result)


BREAKDOWNS = ("benefit", "group", "ladder", "klantmanager")


def orm_caseload_numbers(
    ids: list[int], month_ends: dict[int, list[int]], sections: dict[int, Any]
) -> CaseloadNumbers:
    return {
        m: {
            "days": month_ends[m],
            "benefit": {r.code: r.count for r in sections[m].by_benefit_kind},
            "group": {r.code: r.count for r in sections[m].by_target_group},
            "ladder": {r.code: r.count for r in sections[m].by_ladder_step},
            "klantmanager": {r.code: r.count for r in sections[m].by_klantmanager},
        }
        for m in ids
    }


def sql_flows(ids: list[int], period: Any) -> dict[int, dict[str, Any]]:
    """Inflow and outflow by reason in the month, per month over the trend: four queries."""
    from django.db import connection

    from budgets.selectors import OUTFLOW_TO_WORK_CODES

    t = _tables()
    first = period.trend()[0][0]
    params = {
        "ids": ids,
        "start": period.start,
        "end": period.as_of,
        "first": first,
        "work": list(OUTFLOW_TO_WORK_CODES),
    }
    result: dict[int, dict[str, Any]] = defaultdict(
        lambda: {"inflow_by_reason": {}, "outflow_by_reason": {}, "months": {}}
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT c.municipality_id, r.code, count(*) FROM {t["client"]} c
            LEFT JOIN {t["inflowreason"]} r ON r.id = c.inflow_reason_id
            WHERE c.municipality_id = ANY(%(ids)s)
              AND c.registration_date BETWEEN %(start)s AND %(end)s
            GROUP BY 1, 2""",  # noqa: S608 - table names from the models
            params,
        )
        for m, code, n in cursor.fetchall():
            result[m]["inflow_by_reason"][code or ""] = n
        cursor.execute(
            f"""SELECT c.municipality_id, r.code, count(*) FROM {t["outflow"]} o
            JOIN {t["client"]} c ON c.id = o.client_id
            LEFT JOIN {t["outflowreason"]} r ON r.id = o.reason_id
            WHERE c.municipality_id = ANY(%(ids)s) AND o.date BETWEEN %(start)s AND %(end)s
            GROUP BY 1, 2""",  # noqa: S608 - table names from the models
            params,
        )
        for m, code, n in cursor.fetchall():
            result[m]["outflow_by_reason"][code or ""] = n
        cursor.execute(
            f"""SELECT municipality_id, date_trunc('month', registration_date)::date, count(*)
            FROM {t["client"]} WHERE municipality_id = ANY(%(ids)s)
              AND registration_date BETWEEN %(first)s AND %(end)s
            GROUP BY 1, 2""",  # noqa: S608 - table names from the models
            params,
        )
        for m, month, n in cursor.fetchall():
            result[m]["months"].setdefault(month, [0, 0, 0])[0] = n
        cursor.execute(
            f"""SELECT c.municipality_id, date_trunc('month', o.date)::date, count(*),
                count(*) FILTER (WHERE r.code = ANY(%(work)s))
            FROM {t["outflow"]} o JOIN {t["client"]} c ON c.id = o.client_id
            LEFT JOIN {t["outflowreason"]} r ON r.id = o.reason_id
            WHERE c.municipality_id = ANY(%(ids)s) AND o.date BETWEEN %(first)s AND %(end)s
            GROUP BY 1, 2""",  # noqa: S608 - table names from the models
            params,
        )
        for m, month, n, to_work in cursor.fetchall():
            row = result[m]["months"].setdefault(month, [0, 0, 0])
            row[1], row[2] = n, to_work
    numbers = {}
    for m in ids:
        months = result[m]["months"]
        trend = [months.get(first, [0, 0, 0]) for first, _day in period.trend()]
        year = [
            months.get(first, [0, 0, 0])
            for first, _day in period.trend()
            if first.year == period.start.year
        ]
        numbers[m] = {
            "inflow_by_reason": result[m]["inflow_by_reason"],
            "outflow_by_reason": result[m]["outflow_by_reason"],
            "trend": [(row[0], row[1]) for row in trend],
            "outflow_to_work": trend[-1][2],
            "year_to_date": tuple(sum(row[i] for row in year) for i in range(3)),
        }
    return numbers


def orm_flows_numbers(ids: list[int], sections: dict[int, Any]) -> dict[int, Any]:
    return {
        m: {
            "inflow_by_reason": {r.code: r.count for r in f.inflow_by_reason},
            "outflow_by_reason": {r.code: r.count for r in f.outflow_by_reason},
            "trend": [(row.inflow, row.outflow) for row in f.trend],
            "outflow_to_work": f.outflow_to_work,
            "year_to_date": (
                f.inflow_year_to_date,
                f.outflow_year_to_date,
                f.outflow_to_work_year_to_date,
            ),
        }
        for m, f in ((m, sections[m]) for m in ids)
    }


def sql_intake(ids: list[int], period: Any) -> dict[int, tuple[int, int, int]]:
    """Intakes held, held in time, open past the deadline: one query."""
    from django.db import connection

    t = _tables()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH e AS ({EPISODES.format(**t)})
            SELECT e.m,
                count(*) FILTER (WHERE i.held_date BETWEEN %(start)s AND %(day)s),
                count(*) FILTER (WHERE i.held_date BETWEEN %(start)s AND %(day)s
                                 AND i.held_date <= i.deadline),
                count(*) FILTER (WHERE i.deadline < %(day)s AND i.deadline >= e.registered
                                 AND (i.held_date IS NULL OR i.held_date > %(day)s)
                                 AND e.registered <= %(day)s
                                 AND (e.ended IS NULL OR e.ended > %(day)s))
            FROM {t["intake"]} i JOIN e ON e.id = i.client_id
            GROUP BY e.m
            """,  # noqa: S608 - table names from the models
            {"ids": ids, "start": period.start, "day": period.as_of},
        )
        rows = {m: (held, within, overdue) for m, held, within, overdue in cursor}
    return {m: rows.get(m, (0, 0, 0)) for m in ids}


def orm_intake_numbers(
    ids: list[int], sections: dict[int, Any]
) -> dict[int, tuple[int, int, int]]:
    return {
        m: (s.intakes_held, s.held_within_deadline, s.open_overdue)
        for m, s in ((m, sections[m]) for m in ids)
    }


def sql_ladder(ids: list[int], period: Any) -> dict[int, tuple[int, ...]]:
    """Up/down/same/first in the month and the year to date: one query."""
    from django.db import connection

    t = _tables()
    directions = ", ".join(
        f"count(*) FILTER (WHERE {measured} AND {test})"
        for measured, before in (("in_month", "month_before"), ("true", "year_before"))
        for test in (
            f"step_end > {before}",
            f"step_end < {before}",
            f"step_end = {before}",
            f"{before} IS NULL",
        )
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH per AS (
                SELECT c.municipality_id AS m,
                    bool_or(lm.measured_on >= %(start)s) AS in_month,
                    bool_or(lm.measured_on >= %(year)s) AS in_year,
                    (array_agg(lm.step ORDER BY lm.measured_on DESC, lm.id DESC))[1] AS step_end,
                    (array_agg(lm.step ORDER BY lm.measured_on DESC, lm.id DESC)
                        FILTER (WHERE lm.measured_on < %(start)s))[1] AS month_before,
                    (array_agg(lm.step ORDER BY lm.measured_on DESC, lm.id DESC)
                        FILTER (WHERE lm.measured_on < %(year)s))[1] AS year_before
                FROM {t["measurement"]} lm JOIN {t["client"]} c ON c.id = lm.client_id
                WHERE c.municipality_id = ANY(%(ids)s) AND lm.measured_on <= %(day)s
                GROUP BY lm.client_id, c.municipality_id
            )
            SELECT m, {directions} FROM per WHERE in_year GROUP BY m
            """,  # noqa: S608 - table names from the models
            {
                "ids": ids,
                "start": period.start,
                "year": period.year_start,
                "day": period.as_of,
            },
        )
        rows = {m: tuple(values) for m, *values in cursor}
    return {m: rows.get(m, (0,) * 8) for m in ids}


def orm_ladder_numbers(
    ids: list[int], sections: dict[int, Any]
) -> dict[int, tuple[int, ...]]:
    return {
        m: tuple(
            getattr(movement, d)
            for movement in (sections[m].month, sections[m].year_to_date)
            for d in ("up", "down", "same", "first")
        )
        for m in ids
    }


def compare_sections(label: str, ids: list[int], month: date) -> list[dict[str, Any]]:
    """Each heavy section by the module and by hand: same numbers, and the time ratio."""
    from django.utils import timezone

    from reports.figures.caseload import caseload, month_end_counts
    from reports.figures.common import Period
    from reports.figures.flows import flows
    from reports.figures.intake import intake
    from reports.figures.ladder import ladder

    period = Period.of(month, timezone.localdate())
    days = [period.previous_end, *(day for _m, day in period.trend())]
    month_ends = month_end_counts(ids, days)

    def orm_caseload() -> CaseloadNumbers:
        ends = month_end_counts(ids, days)
        return orm_caseload_numbers(ids, ends, caseload(ids, period, ends))

    pairs: list[tuple[str, Callable[[], Any], Callable[[], Any]]] = [
        (
            "caseload (13 month ends + 4 breakdowns)",
            orm_caseload,
            lambda: sql_caseload(ids, days, period.as_of),
        ),
        (
            "inflow/outflow (by reason, 12-month trend)",
            lambda: orm_flows_numbers(ids, flows(ids, period, month_ends)),
            lambda: sql_flows(ids, period),
        ),
        (
            "intake timeliness",
            lambda: orm_intake_numbers(ids, intake(ids, period)),
            lambda: sql_intake(ids, period),
        ),
        (
            "ladder movement (month, year to date)",
            lambda: orm_ladder_numbers(ids, ladder(ids, period)),
            lambda: sql_ladder(ids, period),
        ),
    ]
    rows = []
    for name, orm, raw in pairs:
        orm_row, orm_numbers = timed(f"{label}: {name}, module", orm)
        raw_row, raw_numbers = timed(f"{label}: {name}, SQL", raw)
        if orm_numbers != raw_numbers:
            raise SystemExit(
                f"{name}: the module and the SQL disagree\n{orm_numbers}\n{raw_numbers}"
            )
        ratio = orm_row["median_ms"] / raw_row["median_ms"]
        print(f"    same numbers; ratio module/SQL {ratio:.2f}", flush=True)
        rows.append({"section": name, "orm": orm_row, "sql": raw_row, "ratio": ratio})
    orm_total = sum(r["orm"]["median_ms"] for r in rows)
    sql_total = sum(r["sql"]["median_ms"] for r in rows)
    print(
        f"  {label}: the four sections, module {orm_total:.1f} ms, SQL {sql_total:.1f} ms,"
        f" ratio {orm_total / sql_total:.2f}",
        flush=True,
    )
    return rows


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
