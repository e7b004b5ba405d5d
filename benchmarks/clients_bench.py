"""Benchmark of the clients app at scale (see benchmarks/README.md).

Generates N clients (default 100,000) with about 10 history rows each in a
SEPARATE PostgreSQL database with INSERT ... SELECT generate_series, then
measures query counts and wall time of the caseload dashboard, the client
list, the client file and the daily reminder job.

    .venv/bin/python benchmarks/clients_bench.py                    # 100,000 clients
    .venv/bin/python benchmarks/clients_bench.py --clients 1000 --database ijmondwerkt_bench_small
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KLANTMANAGERS = 50

# Shared with matching_bench.py: the client columns, an elfproef-valid BSN
# (b.p: 8 digits, b.s: their weighted sum; the check digit makes it valid)
# and a first name, for row number g of generate_series.
CLIENT_INSERT = """INSERT INTO clients_client (uuid, bsn, first_name, name_prefix, last_name,
    date_of_birth, gender, street, house_number, postcode, city, phone, email,
    municipality_id, benefit_kind_id, benefit_start_date, registration_date,
    registration_channel_id, inflow_reason_id, search_period_end, education_level_id,
    driving_licence, languages, work_experience, wish_sectors, wish_occupations,
    wish_hours_per_week, barriers_note, target_group, target_group_date,
    target_group_reason, klantmanager_id, status, version, created_at, updated_at)
SELECT gen_random_uuid(),
    CASE WHEN b.s % 11 = 10 THEN (b.p + 1)::text || '1' ELSE b.p::text || (b.s % 11)::text END,
    (ARRAY['Anna','Bram','Daan','Emma','Fatima','Gert','Ibrahim','Karin','Lotte','Noor'])[g % 10 + 1],"""
BSN_PARTS = """10000000 + g * 10 AS p,
    (SELECT sum(substr((10000000 + g * 10)::text, i, 1)::int * (10 - i))
     FROM generate_series(1, 8) i) AS s"""


def configure(database: str, server: str, *, fresh: bool) -> None:
    """Point Django at the benchmark database; ``fresh`` starts from an empty one."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{database}"')
    os.environ["DATABASE_URL"] = f"{server}/{database}"
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["API_THROTTLE_RATE"] = "1000000/minute"
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ijmondwerkt.settings")
    import django

    django.setup()


def generate(n: int, history_per_client: int) -> dict[str, float]:
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
            password="benchmark-password-not-secret",  # noqa: S106
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
        table: f"(SELECT array_agg(id ORDER BY id) FROM clients_{table})"  # noqa: S608 - integers and ids computed here
        for table in (
            "benefitkind",
            "registrationchannel",
            "inflowreason",
            "educationlevel",
            "contactchannel",
            "outflowreason",
        )
    }
    steps = [
        (
            "clients",
            f"""
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
            """,  # noqa: S608 - integers and ids computed here
        ),
        (
            "intakes",
            """
            INSERT INTO clients_intake (uuid, client_id, deadline, planned_date, held_date,
                possibilities, barriers_summary, distance_to_labour_market, preferred_sector,
                earning_capacity, target_group, route, agreements, lead_organisation)
            SELECT gen_random_uuid(), id, registration_date + 14, NULL,
                CASE WHEN status IN ('actief', 'uitgestroomd') THEN registration_date + 10 END,
                '', '', '', '', '', target_group, '', '', ''
            FROM clients_client
            """,
        ),
        (
            "ladder",
            """
            INSERT INTO clients_laddermeasurement (uuid, client_id, measured_on, step, measured_by_id, note)
            SELECT gen_random_uuid(), c.id, c.registration_date + 10 + k * 150, (c.id + k) % 6 + 1, c.klantmanager_id, ''
            FROM clients_client c CROSS JOIN generate_series(0, 1) k
            WHERE c.status IN ('actief', 'uitgestroomd')
            """,
        ),
        (
            "contacts",
            f"""
            INSERT INTO clients_contact (uuid, client_id, occurred_at, channel_id, subject, notes, no_show, recorded_by_id)
            SELECT gen_random_uuid(), c.id,
                (c.registration_date + ((CURRENT_DATE - c.registration_date) * k / 5))::timestamptz + interval '10 hours',
                ({codes["contactchannel"]})[k + 1], 'Voortgangsgesprek', '', (c.id + k) % 13 = 0, c.klantmanager_id
            FROM clients_client c CROSS JOIN generate_series(0, 4) k
            WHERE c.id % 7 <> 0
            """,  # noqa: S608 - integers and ids computed here
        ),
        (
            "plans",
            """
            INSERT INTO clients_plan (uuid, client_id, established_on, summary)
            SELECT gen_random_uuid(), id, registration_date + 10, '' FROM clients_client
            WHERE status IN ('actief', 'uitgestroomd')
            """,
        ),
        (
            "goals",
            """
            INSERT INTO clients_goal (uuid, plan_id, description, owner, due_date, status, target_ladder_step, closed_on)
            SELECT gen_random_uuid(), p.id, 'Doel ' || k, 'werkzoekende', p.established_on + 30 + ((p.id * 37 + k * 90) % 400)::int,
                CASE WHEN c.status = 'uitgestroomd' THEN 'vervallen' ELSE 'open' END, NULL, NULL
            FROM clients_plan p JOIN clients_client c ON c.id = p.client_id CROSS JOIN generate_series(1, 2) k
            """,
        ),
        (
            "outflows",
            f"""
            INSERT INTO clients_outflow (uuid, client_id, date, reason_id, note, recorded_by_id)
            SELECT gen_random_uuid(), id, registration_date + 60, ({codes["outflowreason"]})[id % 10 + 1], '', klantmanager_id
            FROM clients_client WHERE status = 'uitgestroomd'
            """,  # noqa: S608 - integers and ids computed here
        ),
        (
            "history",
            f"""
            INSERT INTO audit_auditevent (uuid, client_id, at, user_id, action, summary,
                changes, content_type_id, object_id, object_repr)
            SELECT gen_random_uuid(), c.id, c.registration_date::timestamptz + (k * interval '2 days'),
                c.klantmanager_id, 'updated', 'Gegevens gewijzigd',
                '{{"city": ["IJmuiden", "Velsen"]}}'::jsonb,
                (SELECT id FROM django_content_type
                 WHERE app_label = 'clients' AND model = 'client'),
                c.id::text, ''
            FROM clients_client c CROSS JOIN generate_series(1, {history_per_client}) k
            """,  # noqa: S608 - integers and ids computed here
        ),
    ]
    with connection.cursor() as cursor:
        for name, sql in steps:
            t0 = time.monotonic()
            cursor.execute(sql)
            timings[name] = time.monotonic() - t0
            print(
                f"  generated {name}: {cursor.rowcount:,} rows in {timings[name]:.1f} s",
                flush=True,
            )
        t0 = time.monotonic()
        cursor.execute("ANALYZE")
        timings["analyze"] = time.monotonic() - t0
    return timings


def measure(label: str, action: Callable[[], Any], repeat: int = 3) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    durations, queries = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            t0 = time.perf_counter()
            result = action()
            durations.append(time.perf_counter() - t0)
        queries.append(len(captured))
        status = getattr(result, "status_code", None)
        if status is not None and status != 200:
            raise SystemExit(f"{label}: HTTP {status}")
    row = {
        "label": label,
        "queries": queries[-1],
        "first_ms": durations[0] * 1000,
        "median_ms": statistics.median(durations[1:] or durations) * 1000,
    }
    print(
        f"  {label:<48} {row['queries']:>4} queries  first {row['first_ms']:8.1f} ms  median {row['median_ms']:8.1f} ms",
        flush=True,
    )
    return row


def run_measurements() -> list[dict[str, Any]]:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from django.test import Client as Browser
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from clients.models import Client, Contact
    from clients.reminders import reminders_generate
    from ijmondwerkt.accounts.models import User
    from ijmondwerkt.audit.models import AuditEvent
    from ijmondwerkt.inbox.models import Task

    setup_test_environment()
    user = User.objects.get(username="km00")
    browser = Browser()
    browser.force_login(user)
    # Pages sit behind the second factor: an enrolled user's verified session.
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="benchmark", confirmed=True)
    session = browser.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    client = (
        Client.objects.filter(klantmanager=user, status="actief").order_by("pk").first()
    )
    assert client is not None
    total = Client.objects.count()
    history = AuditEvent.objects.filter(client__isnull=False).count()
    contacts = Contact.objects.count()
    print(
        f"  data: {total:,} clients, {history:,} history rows, {contacts:,} contacts; "
        f"caseload of km00: {Client.objects.caseload(user).count():,}"
    )
    Task.objects.all().delete()
    rows = [
        measure("home page (caseload summary)", lambda: browser.get("/")),
        measure(
            "dashboard /werkzoekenden/werkvoorraad",
            lambda: browser.get("/werkzoekenden/werkvoorraad"),
        ),
        measure("client list, page 1", lambda: browser.get("/werkzoekenden/")),
        measure(
            "client list, page 40", lambda: browser.get("/werkzoekenden/?pagina=40")
        ),
        measure(
            "client list, name search",
            lambda: browser.get("/werkzoekenden/?zoek=achternaam12"),
        ),
        measure(
            "client list, filters (status+doelgroep+trede)",
            lambda: browser.get("/werkzoekenden/?status=actief&doelgroep=2&trede=3"),
        ),
        measure(
            "client list, signal 'geen contact'",
            lambda: browser.get(
                "/werkzoekenden/?signaal=geen-contact&klantmanager=km00"
            ),
        ),
        measure("client file", lambda: browser.get(client.get_absolute_url())),
        measure(
            "API /api/v1/werkzoekenden, page 1 (100 files)",
            lambda: browser.get("/api/v1/werkzoekenden"),
        ),
        measure(
            "API /api/v1/werkzoekenden, 500 files with filters",
            lambda: browser.get(
                "/api/v1/werkzoekenden?status=actief&doelgroep=2&pageSize=500"
            ),
        ),
        measure(
            "API /api/v1/werkzoekenden/{uuid}",
            lambda: browser.get(f"/api/v1/werkzoekenden/{client.uuid}"),
        ),
        measure(
            "reminder job, first run (creates tasks)",
            lambda: reminders_generate(today=timezone.localdate()),
            repeat=1,
        ),
        measure(
            "reminder job, repeat run (nothing new)",
            lambda: reminders_generate(today=timezone.localdate()),
        ),
    ]
    print(f"  tasks created by the reminder job: {Task.objects.count():,}")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--history-per-client", type=int, default=10)
    parser.add_argument("--database", default="ijmondwerkt_bench")
    parser.add_argument(
        "--server",
        default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
    )
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="Measure the data set generated by an earlier run.",
    )
    args = parser.parse_args()
    configure(args.database, args.server, fresh=not args.measure_only)
    if not args.measure_only:
        print(f"Generating {args.clients:,} clients in {args.database} ...", flush=True)
        t0 = time.monotonic()
        generate(args.clients, args.history_per_client)
        print(f"  generation took {time.monotonic() - t0:.1f} s", flush=True)
    print("Measuring ...", flush=True)
    run_measurements()


if __name__ == "__main__":
    main()
