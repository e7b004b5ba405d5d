"""Demo data: about 3,000 werkzoekenden over the three municipalities (§12).

Histories (intakes, ladder measurements, contacts, goals, outflows, handovers)
are spread over the last 24 months. Everything derives from ``seed``; rows are
written with ``bulk_create`` so a SQLite database fills in seconds. Idempotent:
when the demo clients exist, nothing is added.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from clients.models import (
    BarrierCategory,
    BenefitKind,
    Client,
    ClientChange,
    Contact,
    ContactChannel,
    EducationLevel,
    Goal,
    Handover,
    InflowReason,
    Intake,
    LadderMeasurement,
    Outflow,
    OutflowReason,
    Plan,
    RegistrationChannel,
    Status,
)
from clients.reminders import reminders_generate
from clients.validators import make_bsn
from ijmondwerkt.accounts.models import Municipality, User

TOTAL = 3000
BSN_BASE = 700_000  # demo BSNs are make_bsn(BSN_BASE + i)
# Participatiewet caseload end 2023 (domain guide §12).
SHARES = {"0453": 1312, "0375": 877, "0396": 729}
POSTCODES = {
    "0453": ["1971", "1972", "1973", "1974", "1975", "1976", "1981", "1985", "1991"],
    "0375": ["1941", "1942", "1943", "1944", "1945", "1946", "1947"],
    "0396": ["1961", "1962", "1963", "1964", "1965", "1966", "1967", "1968"],
}
CITIES = {"0453": "IJmuiden", "0375": "Beverwijk", "0396": "Heemskerk"}
KLANTMANAGERS = {
    "0453": "klantmanager",
    "0375": "klantmanager2",
    "0396": "klantmanager2",
}
FIRST_NAMES = [
    "Anna",
    "Bram",
    "Daan",
    "Emma",
    "Fatima",
    "Gert",
    "Hanneke",
    "Ibrahim",
    "Jan",
    "Karin",
    "Lotte",
    "Mohamed",
    "Noor",
    "Olga",
    "Pieter",
    "Quinten",
    "Rachid",
    "Sanne",
    "Tom",
    "Umut",
    "Vera",
    "Wim",
    "Yara",
    "Zeynep",
    "Kees",
    "Marieke",
    "Sven",
    "Ayoub",
    "Linda",
    "Ricardo",
    "Joyce",
    "Dirk",
    "Esra",
    "Marco",
    "Naima",
    "Patrick",
    "Sophie",
    "Tim",
]
LAST_NAMES = [
    ("", "Jansen"),
    ("de", "Vries"),
    ("van den", "Berg"),
    ("", "Bakker"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("van", "Dijk"),
    ("", "Yilmaz"),
    ("", "El Amrani"),
    ("", "Kaya"),
    ("", "Kramer"),
    ("van der", "Meer"),
    ("", "Koster"),
    ("", "Prins"),
    ("van", "Leeuwen"),
    ("", "Dekker"),
    ("", "Brouwer"),
    ("de", "Wit"),
    ("", "Dijkstra"),
    ("", "Smits"),
    ("", "Janssen"),
    ("", "Schouten"),
    ("", "Postma"),
    ("", "Kuipers"),
    ("", "Bouzid"),
    ("", "Öztürk"),
]
# Work wishes (sector word, occupations), in the words the regional vacancies use.
WORK_WISHES: list[tuple[str, tuple[str, ...]]] = [
    ("techniek", ("Productiemedewerker", "Operator", "Lasser", "Monteur")),
    ("zorg", ("Helpende zorg", "Medewerker huishouding", "Pedagogisch medewerker")),
    (
        "logistiek",
        ("Orderpicker", "Chauffeur", "Heftruckchauffeur", "Magazijnmedewerker"),
    ),
    ("detailhandel", ("Vakkenvuller", "Kassamedewerker", "Verkoopmedewerker")),
    ("bouw", ("Bouwplaatsmedewerker", "Schilder", "Stratenmaker")),
    ("horeca", ("Afwasser", "Bediening", "Keukenhulp")),
    ("overheid", ("Baliemedewerker", "Conciërge")),
    ("zakelijke dienstverlening", ("Klantenservicemedewerker", "Receptionist")),
    ("schoonmaak", ("Schoonmaker", "Glazenwasser", "Beveiliger")),
    ("groen", ("Hovenier", "Kwekerijmedewerker")),
]

STREETS = [
    "Kennemerlaan",
    "Zeeweg",
    "Velserduinweg",
    "Breestraat",
    "Wijkermeerweg",
    "Maerelaan",
    "Rijksweg",
    "Plesmanweg",
    "Lange",
    "Nieuwstraat",
    "Hoflaan",
]
BENEFITS = [
    ("pw-bijstand", 70),
    ("ww", 12),
    ("nug", 7),
    ("ioaw", 4),
    ("wajong", 3),
    ("bbz", 2),
    ("anw", 2),
]
SUBJECTS = [
    "Voortgangsgesprek",
    "Sollicitaties besproken",
    "Afspraak werkfit-traject",
    "Terugkoppeling werkgever",
    "Schuldhulp besproken",
    "Taalcursus aangemeld",
    "Cv bijgewerkt",
    "Vacature doorgestuurd",
    "Huisbezoek: thuissituatie",
]
GOALS = [
    "Cv en motivatiebrief op orde",
    "Starten met taalcursus Nederlands",
    "Wekelijks vijf sollicitaties",
    "Vrijwilligerswerk twee dagdelen per week",
    "Schuldhulpverlening opstarten",
    "Proefplaatsing logistiek",
    "Rijbewijs B halen",
    "Werkfit-traject afronden",
    "Aanmelden mbo-opleiding",
]


@dataclass
class Batch:
    clients: list[Client] = field(default_factory=list)
    barriers: list[tuple[uuid.UUID, int]] = field(default_factory=list)
    intakes: list[Intake] = field(default_factory=list)
    plans: list[tuple[uuid.UUID, Plan, list[Goal]]] = field(default_factory=list)
    ladder: list[LadderMeasurement] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    outflows: list[Outflow] = field(default_factory=list)
    handovers: list[Handover] = field(default_factory=list)
    changes: list[ClientChange] = field(default_factory=list)


def _aware(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _weighted(rng: random.Random, options: list[tuple[str, int]]) -> str:
    return rng.choices([o for o, _w in options], weights=[w for _o, w in options])[0]


class Builder:
    def __init__(self, seed: int, today: date) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.today = today
        self.batch = Batch()
        self.codes: dict[str, dict[str, Any]] = {
            model.__name__: {c.code: c for c in model.objects.all()}
            for model in (
                BenefitKind,
                EducationLevel,
                RegistrationChannel,
                InflowReason,
                OutflowReason,
                ContactChannel,
                BarrierCategory,
            )
        }

    def code(self, model: str, code: str | None = None) -> Any:
        options = self.codes[model]
        return options[code] if code else options[self.rng.choice(sorted(options))]

    def change(
        self,
        client: Client,
        at: datetime,
        user: User | None,
        action: str,
        summary: str,
        changes: dict[str, Any] | None = None,
    ) -> None:
        self.batch.changes.append(
            ClientChange(
                client=client,
                at=at,
                user=user,
                action=action,
                summary=summary,
                changes=changes or {},
            )
        )

    def client(self, i: int, municipality: Municipality, km: User | None) -> None:
        rng, today = self.rng, self.today
        cbs = municipality.cbs_code
        registered = today - timedelta(days=int(rng.triangular(0, 730, 200)))
        age = int(rng.triangular(18, 66, 32))
        born = registered - timedelta(days=age * 365 + rng.randint(0, 364))
        prefix, last = rng.choice(LAST_NAMES)
        search_end = registered + timedelta(weeks=4) if age < 27 else None
        client = Client(
            uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
            bsn=make_bsn(BSN_BASE + i),
            first_name=rng.choice(FIRST_NAMES),
            name_prefix=prefix,
            last_name=last,
            date_of_birth=born,
            gender=rng.choice("vmvmx"),
            street=rng.choice(STREETS),
            house_number=str(rng.randint(1, 220)),
            postcode=f"{rng.choice(POSTCODES[cbs])} {rng.choice('ABCDEGHJKLMNPRTVWXZ')}{rng.choice('ABCDEGHJKLMNPRTVWXZ')}",
            city=CITIES[cbs],
            phone=f"06{rng.randint(10_000_000, 99_999_999)}",
            municipality=municipality,
            benefit_kind=self.code("BenefitKind", _weighted(rng, BENEFITS)),
            benefit_start_date=registered + timedelta(days=rng.randint(0, 30)),
            registration_date=registered,
            registration_channel=self.code("RegistrationChannel"),
            inflow_reason=self.code("InflowReason"),
            search_period_end=search_end,
            education_level=self.code("EducationLevel"),
            driving_licence=rng.random() < 0.45,
            languages=[
                {
                    "language": "Nederlands",
                    "level": rng.choice(["moedertaal", "B1", "A2", "B2"]),
                }
            ],
            wish_hours_per_week=rng.choice([None, 16, 24, 32, 36, 40]),
            **self.work_wishes(i),
            klantmanager=km if rng.random() > 0.05 else None,
            status=Status.REGISTERED,
        )
        self.batch.clients.append(client)
        if rng.random() < 0.4:
            self.batch.barriers.append((client.uuid, self.code("BarrierCategory").pk))
        self.change(client, _aware(registered, 9), km, "registered", "Aangemeld")
        self.history(client, km, registered, search_end)

    def work_wishes(self, i: int) -> dict[str, str]:
        """Sector and occupation wishes, from their own random stream so adding
        them left every other demo value as it was."""
        rng = random.Random(f"{self.seed}-wishes-{i}")
        if rng.random() < 0.15:
            return {"wish_sectors": "", "wish_occupations": ""}
        chosen = rng.sample(WORK_WISHES, k=rng.choice([1, 1, 2]))
        occupations = [rng.choice(jobs) for _sector, jobs in chosen]
        return {
            "wish_sectors": ", ".join(sector for sector, _jobs in chosen),
            "wish_occupations": ", ".join(occupations),
        }

    def history(
        self, client: Client, km: User | None, registered: date, search_end: date | None
    ) -> None:
        rng, today = self.rng, self.today
        deadline = (search_end or registered) + timedelta(days=14)
        held = registered + timedelta(days=rng.randint(5, 30))
        intake = Intake(client=client, deadline=deadline)
        self.batch.intakes.append(intake)
        if held >= today or rng.random() < 0.03:
            client.status = Status.INTAKE if rng.random() < 0.5 else Status.REGISTERED
            if client.status == Status.INTAKE:
                intake.planned_date = min(
                    deadline, today + timedelta(days=rng.randint(0, 10))
                )
            return
        measurer = km or self.fallback
        group = _weighted(rng, [("1", 25), ("2", 45), ("3", 18), ("4", 12)])
        intake.held_date, intake.held_by, intake.target_group = held, km, int(group)
        intake.route = rng.choice(["werk", "traject", "activering", "zorg"])
        client.target_group, client.target_group_date = int(group), held
        client.status = Status.ACTIVE
        self.change(
            client,
            _aware(held, 10),
            km,
            "intake_recorded",
            f"Intake gehouden; doelgroep {group}",
        )
        step = {"1": 4, "2": 3, "3": 2, "4": 1}[group] + rng.choice([0, 0, 1])
        day = held
        while day < today:
            self.batch.ladder.append(
                LadderMeasurement(
                    client=client,
                    measured_on=day,
                    step=min(step, 6),
                    measured_by=measurer,
                )
            )
            self.change(
                client,
                _aware(day, 11),
                measurer,
                "ladder_measured",
                f"Participatieladder: trede {min(step, 6)}",
            )
            day += timedelta(days=rng.randint(150, 200))
            step += rng.choice([-1, 0, 1, 1])
            step = max(1, step)
        end = today
        if rng.random() < 0.25:
            end = held + timedelta(days=rng.randint(30, max(31, (today - held).days)))
            end = min(end, today)
        gap = rng.choice([20, 35, 50, 60, 140])
        day = held + timedelta(days=rng.randint(7, 30))
        while day <= end:
            no_show = rng.random() < 0.08
            channel = self.code("ContactChannel")
            subject = rng.choice(SUBJECTS)
            self.batch.contacts.append(
                Contact(
                    client=client,
                    occurred_at=_aware(day, 14),
                    channel=channel,
                    subject=subject,
                    no_show=no_show,
                    recorded_by=measurer,
                )
            )
            self.change(
                client,
                _aware(day, 14),
                measurer,
                "contact_no_show" if no_show else "contact_recorded",
                f"{'Niet verschenen' if no_show else 'Contact'} ({channel.label}): {subject}",
            )
            day += timedelta(days=rng.randint(gap // 2, gap))
        plan = Plan(client=client, established_on=held)
        goals = [
            Goal(
                plan=plan,
                description=rng.choice(GOALS),
                owner=rng.choice(["werkzoekende", "klantmanager"]),
                due_date=held + timedelta(days=rng.randint(30, 400)),
            )
            for _n in range(rng.randint(1, 3))
        ]
        for goal in goals:
            if goal.due_date < today - timedelta(days=20):
                goal.status = rng.choice(["behaald", "behaald", "niet_behaald"])
                goal.closed_on = goal.due_date
        self.batch.plans.append((client.uuid, plan, goals))
        if end < today:
            reason = self.code(
                "OutflowReason",
                _weighted(
                    rng,
                    [
                        ("werk-loondienst", 45),
                        ("werk-zelfstandige", 5),
                        ("opleiding", 10),
                        ("andere-uitkering", 12),
                        ("verhuizing", 10),
                        ("relatie-samenwonen", 6),
                        ("onbekend", 12),
                    ],
                ),
            )
            self.batch.outflows.append(
                Outflow(client=client, date=end, reason=reason, recorded_by=measurer)
            )
            for goal in goals:
                if goal.status == "open":
                    goal.status, goal.closed_on = "vervallen", end
            client.status = Status.OUTFLOWED
            self.change(
                client,
                _aware(end, 16),
                measurer,
                "outflow",
                f"Uitgestroomd: {reason.label}",
            )
        elif group == "4" and rng.random() < 0.3:
            started = held + timedelta(days=rng.randint(20, 60))
            if started < today:
                self.batch.handovers.append(
                    Handover(
                        client=client,
                        organisation=rng.choice(
                            [
                                "Sociaal wijkteam",
                                "GGZ Noord-Holland-Noord",
                                "Schuldhulp IJmond",
                            ]
                        ),
                        started_on=started,
                        reason="Werk is meer dan twee jaar weg; eerst zorg.",
                        started_by=measurer,
                        previous_status=Status.ACTIVE,
                    )
                )
                client.status = Status.HANDED_OVER
                self.change(
                    client,
                    _aware(started, 12),
                    measurer,
                    "handover_started",
                    "Warm overgedragen aan zorg",
                )

    fallback: User


def _attach(objects: list[Any], clients: dict[uuid.UUID, int]) -> list[Any]:
    for obj in objects:
        obj.client_id = clients[obj.client.uuid]
    return objects


@transaction.atomic
def load(*, seed: int, total: int = TOTAL) -> str:
    """Load the demo caseload; returns a one-line summary."""
    if Client.objects.filter(bsn=make_bsn(BSN_BASE)).exists():
        return f"{Client.objects.count()} werkzoekenden (al aanwezig)"
    today = timezone.localdate()
    municipalities = {
        m.cbs_code: m for m in Municipality.objects.filter(cbs_code__in=SHARES)
    }
    users = {
        u.username: u
        for u in User.objects.filter(username__in=set(KLANTMANAGERS.values()))
    }
    builder = Builder(seed, today)
    fallback = (
        next(iter(users.values()), None) or User.objects.filter(is_active=True).first()
    )
    if fallback is None or not municipalities:
        return "overgeslagen: eerst gemeenten en gebruikers nodig"
    builder.fallback = fallback
    weights = [SHARES[c] for c in municipalities]
    codes = list(municipalities)
    for i in range(total):
        cbs = builder.rng.choices(codes, weights=weights)[0]
        builder.client(i, municipalities[cbs], users.get(KLANTMANAGERS[cbs]))
    _save(builder.batch)
    created = reminders_generate(today=today)
    b = builder.batch
    return (
        f"{len(b.clients)} werkzoekenden, {len(b.contacts)} contacten, "
        f"{len(b.ladder)} metingen, {len(b.outflows)} uitstroom, "
        f"{len(b.changes)} historieregels, {sum(created.values())} taken"
    )


def _save(b: Batch) -> None:
    size = 1000
    Client.objects.bulk_create(b.clients, batch_size=size)
    ids = dict(
        Client.objects.filter(uuid__in=[c.uuid for c in b.clients]).values_list(
            "uuid", "pk"
        )
    )
    for client in b.clients:
        client.pk = ids[client.uuid]
    Client.barrier_categories.through.objects.bulk_create(
        [
            Client.barrier_categories.through(client_id=ids[u], barriercategory_id=pk)
            for u, pk in b.barriers
        ],
        batch_size=size,
    )
    for model_objects in (
        b.intakes,
        b.ladder,
        b.contacts,
        b.outflows,
        b.handovers,
        b.changes,
    ):
        type(model_objects[0]).objects.bulk_create(
            _attach(model_objects, ids), batch_size=size
        ) if model_objects else None
    plans = [plan for _u, plan, _g in b.plans]
    Plan.objects.bulk_create(_attach(plans, ids), batch_size=size)
    plan_ids = dict(
        Plan.objects.filter(client_id__in=[p.client_id for p in plans]).values_list(
            "client_id", "pk"
        )
    )
    goals = []
    for _u, plan, plan_goals in b.plans:
        for goal in plan_goals:
            goal.plan_id = plan_ids[plan.client_id]
            goals.append(goal)
    Goal.objects.bulk_create(goals, batch_size=size)
