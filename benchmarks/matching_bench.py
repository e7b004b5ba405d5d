"""Benchmark of matching: one vacancy against N clients (default 100,000).

Generates clients with work profiles (wishes, hours, education, driving
licence, Dutch level) and two ladder measurements each in a SEPARATE
PostgreSQL database with INSERT ... SELECT generate_series, then times
``employers.matching.candidates_for_vacancy`` for a werkmakelaar who serves
every municipality (median of several runs) and counts its queries.

    .venv/bin/python benchmarks/matching_bench.py                  # 100,000 clients
    .venv/bin/python benchmarks/matching_bench.py --clients 5000 --database ijmondwerkt_bench_matching_small
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clients_bench import BSN_PARTS, CLIENT_INSERT, configure  # noqa: E402 - benchmarks/ is on sys.path

SECTORS = (
    "'techniek','zorg','logistiek','detailhandel','bouw','horeca','schoonmaak','groen'"
)
OCCUPATIONS = "'lasser','verzorgende','chauffeur','verkoper','timmerman','kok','schoonmaker','hovenier'"


def generate(n: int) -> dict[str, float]:
    from django.core.management import call_command
    from django.db import connection

    from clients.models import Client
    from ijmondwerkt.accounts.models import Municipality

    timings: dict[str, float] = {}
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    timings["migrate"] = time.monotonic() - started
    if Client.objects.count() >= n:
        return timings
    bench_user()
    mun_ids = ",".join(str(m.pk) for m in Municipality.objects.order_by("pk"))
    education = "(SELECT array_agg(id ORDER BY id) FROM clients_educationlevel)"
    clients_sql = f"""
        {CLIENT_INSERT}
            '', 'Achternaam' || g, DATE '1960-01-01' + (g * 7919 % 16000), 'x', '', '', '',
            'IJmuiden', '', '', (ARRAY[{mun_ids}])[g % 3 + 1], NULL, NULL, CURRENT_DATE - (g % 730),
            NULL, NULL, NULL, b.edu[g % 10 + 1], g % 2 = 0,
            jsonb_build_array(jsonb_build_object('language', 'Nederlands', 'level',
                (ARRAY['A1','A2','B1','B2','C1','moedertaal'])[g % 6 + 1])),
            '', (ARRAY[{SECTORS}])[g % 8 + 1] || ', ' || (ARRAY[{SECTORS}])[(g / 8) % 8 + 1],
            (ARRAY[{OCCUPATIONS}])[(g / 3) % 8 + 1], (ARRAY[16,20,24,32,36,40])[g % 6 + 1],
            'vertrouwelijk', g % 4 + 1, CURRENT_DATE - 100, '', NULL,
            CASE WHEN g % 10 < 2 THEN 'uitgestroomd' ELSE 'actief' END, 1, now(), now()
        FROM generate_series(1, {n}) g
        CROSS JOIN LATERAL (
            SELECT {BSN_PARTS}, {education} AS edu
        ) b
    """  # noqa: S608 - integers and ids computed here
    ladder_sql = """
        INSERT INTO clients_laddermeasurement (uuid, client_id, measured_on, step, note,
            measured_by_id)
        SELECT gen_random_uuid(), c.id, CURRENT_DATE - 200 + k * 100,
            (c.id + k) % 6 + 1, '', (SELECT min(id) FROM accounts_user)
        FROM clients_client c CROSS JOIN generate_series(0, 1) k
    """
    # The stored current step, as the ladder service keeps it (latest measurement).
    current_step_sql = """
        UPDATE clients_client c SET ladder_step = m.step
        FROM (SELECT DISTINCT ON (client_id) client_id, step FROM clients_laddermeasurement
              ORDER BY client_id, measured_on DESC, id DESC) m
        WHERE m.client_id = c.id
    """
    steps = (
        ("clients", clients_sql),
        ("ladder", ladder_sql),
        ("current step", current_step_sql),
    )
    with connection.cursor() as cursor:
        for label, sql in steps:
            started = time.monotonic()
            cursor.execute(sql)
            timings[label] = time.monotonic() - started
        cursor.execute("ANALYZE")
    return timings


def bench_user() -> Any:
    from ijmondwerkt.accounts.models import Municipality, User
    from ijmondwerkt.accounts.roles import Role
    from ijmondwerkt.accounts.services import staff_user_save

    return User.objects.filter(username="wm_bench").first() or staff_user_save(
        username="wm_bench",
        password="benchmark-password-not-secret",  # noqa: S106
        roles=[Role.WERKMAKELAAR],
        municipalities=list(Municipality.objects.all()),
    )


def proposals(vacancy: Any, user: Any) -> None:
    """Proposals as a busy region has them: 1 in 40 clients already proposed for
    this vacancy, 1 in 25 hired elsewhere (both criteria are then real work)."""
    from django.db import connection

    from employers.models import Proposal
    from tests.employers.factories import VacancyFactory

    if Proposal.objects.exists():
        return
    other = VacancyFactory.create(employer=vacancy.employer, title="Elders (benchmark)")
    sql = """
        INSERT INTO employers_proposal (uuid, vacancy_id, client_id, proposed_by_id,
            status, proposed_on, decided_on, rejection_reason, note, version,
            created_at, updated_at)
        SELECT gen_random_uuid(), %s, id, %s, %s, CURRENT_DATE - 30, %s, '', '', 1,
            now(), now()
        FROM clients_client WHERE id %% %s = 0
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [vacancy.pk, user.pk, "voorgesteld", None, 40])
        cursor.execute(sql, [other.pk, user.pk, "aangenomen", "2026-01-01", 25])
        cursor.execute("ANALYZE employers_proposal")


def measure(repeat: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from clients.models import EducationLevel
    from employers.matching import candidates_for_vacancy
    from employers.models import Vacancy
    from ijmondwerkt.accounts.models import User
    from tests.employers.factories import EmployerFactory, VacancyFactory, cluster

    user = bench_user()
    vacancy = Vacancy.objects.filter(title="Lasser (benchmark)").first()
    if vacancy is None:
        vacancy = VacancyFactory.create(
            employer=EmployerFactory.create(kvk_number="99999999"),
            title="Lasser (benchmark)",
            occupation="Lasser",
            sector_cluster=cluster("techniek-industrie"),
            education_level=EducationLevel.objects.get(code="mbo2"),
            driving_licence_required=True,
            language_level="B1",
            close_date=None,
        )
    vacancy = Vacancy.objects.select_related("sector_cluster", "education_level").get(
        pk=vacancy.pk
    )
    proposals(vacancy, user)
    timings, queries, result = [], 0, []
    for _ in range(repeat):
        fresh = User.objects.get(pk=user.pk)  # municipality ids not cached yet
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = candidates_for_vacancy(user=fresh, vacancy=vacancy, limit=50)
            timings.append(time.perf_counter() - started)
        queries = len(captured)
    return {
        "median_ms": statistics.median(timings) * 1000,
        "min_ms": min(timings) * 1000,
        "max_ms": max(timings) * 1000,
        "queries": queries,
        "returned": len(result),
        "already_proposed_in_top": sum(m.is_proposed for m in result),
        "top_score": result[0].score if result else None,
        "sums_add_up": all(
            sum(p.points for p in m.breakdown) == m.score for m in result
        ),
    }


def measure_client_side(repeat: int, vacancies: int) -> dict[str, Any]:
    """'Passende vacatures' for one client against ``vacancies`` open vacancies."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from clients.models import Client
    from employers.matching import vacancies_for_client
    from employers.models import Vacancy
    from ijmondwerkt.accounts.models import User
    from tests.employers.factories import VacancyFactory, cluster

    missing = vacancies - Vacancy.objects.open().count()
    if missing > 0:
        VacancyFactory.create_batch(
            missing, sector_cluster=cluster("techniek-industrie"), close_date=None
        )
    user = bench_user()
    client = Client.objects.open().select_related("education_level").order_by("pk")[0]
    timings, queries, result = [], 0, []
    for _ in range(repeat):
        fresh = User.objects.get(pk=user.pk)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = vacancies_for_client(user=fresh, client=client)
            timings.append(time.perf_counter() - started)
        queries = len(captured)
    return {
        "client_side_open_vacancies": Vacancy.objects.open().count(),
        "client_side_median_ms": statistics.median(timings) * 1000,
        "client_side_queries": queries,
        "client_side_returned": len(result),
    }


def loadavg() -> str:
    """The machine's 1-, 5- and 15-minute load averages (Linux), as ``uptime`` says them."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def rounds(count: int, repeat: int) -> None:
    """``count`` rounds of ``measure``, each with the load before and after it:
    the machine may be shared, so one round says little on its own."""
    medians = []
    for number in range(1, count + 1):
        before = loadavg()
        result = measure(repeat)
        medians.append(result["median_ms"])
        print(
            f"round {number}: median {result['median_ms']:.0f} ms"
            f" (min {result['min_ms']:.0f}, max {result['max_ms']:.0f}),"
            f" {result['queries']} queries; load {before} -> {loadavg()}"
        )
    print(
        f"median of round medians: {statistics.median(medians):.0f} ms"
        f" (lowest {min(medians):.0f}, highest {max(medians):.0f})"
    )


def explain() -> None:
    """The ranking query's plan as PostgreSQL ran it: the buffers it touched and
    the number of times each part ran do not depend on how busy the machine is."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from employers.matching import candidates_for_vacancy
    from employers.models import Vacancy

    vacancy = Vacancy.objects.get(title="Lasser (benchmark)")
    with CaptureQueriesContext(connection) as captured:
        candidates_for_vacancy(user=bench_user(), vacancy=vacancy, limit=50)
    ranking = max(captured.captured_queries, key=lambda q: len(q["sql"]))["sql"]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {ranking}")
        for (line,) in cursor.fetchall():
            print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--database", default="ijmondwerkt_bench_matching")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--vacancies", type=int, default=300)
    parser.add_argument(
        "--rounds",
        type=int,
        default=0,
        help="only measure the ranking, this many rounds, with the load of each",
    )
    parser.add_argument(
        "--explain", action="store_true", help="print the ranking query's plan"
    )
    args = parser.parse_args()
    configure(args.database, args.server, fresh=args.fresh)
    from clients.models import Client

    timings = generate(args.clients)
    open_clients = Client.objects.open().count()
    print(f"generation: {', '.join(f'{k} {v:.1f} s' for k, v in timings.items())}")
    print(f"clients: {Client.objects.count():,} ({open_clients:,} open)")
    if args.explain:
        explain()
        return
    if args.rounds:
        rounds(args.rounds, args.repeat)
        return
    results = {
        **measure(args.repeat),
        **measure_client_side(args.repeat, args.vacancies),
    }
    for key, value in results.items():
        print(f"{key}: {value:.1f}" if isinstance(value, float) else f"{key}: {value}")


if __name__ == "__main__":
    main()
