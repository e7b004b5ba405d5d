"""The measuring half of benchmarks/reports_bench.py: timing, and the heavy
sections of the monthly report written by hand in SQL to compare the module with.

Each ``sql_*`` function returns, per municipality id, the numbers the module's
section gives (codes, not labels); ``compare_sections`` asserts that both agree
and prints the ratio of their times.
"""

from __future__ import annotations

import os
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

REPEAT = 5

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
