"""One demo file at a time: the person, then two years of ordinary casework.

The history is shaped so the files look like a team's ordinary working day
relative to "today": intakes are held within their deadline (a few run late
by days), goals past their date were closed at the time (a few of the last two
weeks are still open), every open file has had contact in the last two months
except a few that lapsed past the signal in recent weeks, ladder measurements
and target-group-3 reviews are kept up to date.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType

from clients.demo import data
from clients.models import (
    BarrierCategory,
    BenefitKind,
    Client,
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
from clients.validators import make_bsn
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.audit.models import AuditEvent
from ijmondwerkt.demo import (
    FIRST_NAMES,
    LAST_NAMES,
    add_months,
    aware,
    recent_days_ago,
    weekday_on_or_after,
    weekday_on_or_before,
    weighted,
)

INTAKE_DEADLINE_DAYS = 14  # the policy's default
NO_CONTACT_DAYS = 90  # the policy's default signal
LADDER_INTERVAL = (120, 175)  # days; measured at least every six months
CODE_LISTS = (
    BenefitKind,
    EducationLevel,
    RegistrationChannel,
    InflowReason,
    OutflowReason,
    ContactChannel,
    BarrierCategory,
)


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
    changes: list[AuditEvent] = field(default_factory=list)


class Caseloads:
    """Hands each new file to the klantmanager of its municipality with the
    lightest caseload for their hours, so caseloads stay within 80-150."""

    def __init__(self, rng: random.Random, teams: dict[str, list[User]]) -> None:
        self.teams = teams
        self.hours = {
            u.pk: rng.choice([1.0, 1.0, 0.9, 0.8]) for t in teams.values() for u in t
        }
        self.load = dict.fromkeys(self.hours, 0.0)

    def assign(self, cbs: str) -> User | None:
        team = self.teams.get(cbs)
        if not team:
            return None
        chosen = min(team, key=lambda u: (self.load[u.pk] / self.hours[u.pk], u.pk))
        self.load[chosen.pk] += 1
        return chosen


class Builder:
    def __init__(self, seed: int, today: date, fallback: User) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.today = today
        self.fallback = fallback
        self.batch = Batch()
        self.codes: dict[str, dict[str, Any]] = {
            model.__name__: {c.code: c for c in model.objects.all()}
            for model in CODE_LISTS
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
            AuditEvent(  # object_id is the client's pk, set when it is saved
                client=client,
                content_type=ContentType.objects.get_for_model(Client),
                object_repr=client.full_name[:200],
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
        # Steady inflow; the open caseload leans to recent registrations because
        # older files flowed out.
        ago = 1 + recent_days_ago(rng, data.DAYS - 1, skew=1.1)
        registered = weekday_on_or_before(today - timedelta(days=ago))
        age = int(rng.triangular(18, 66, 32))
        born = registered - timedelta(days=age * 365 + rng.randint(0, 364))
        prefix, last = rng.choice(LAST_NAMES)
        search_end = registered + timedelta(weeks=4) if age < 27 else None
        letters = data.POSTCODE_LETTERS
        if km is not None and (today - registered).days <= 7 and rng.random() < 0.3:
            km = None  # a new file not yet handed to a klantmanager
        client = Client(
            uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
            bsn=make_bsn(data.BSN_BASE + i),
            first_name=rng.choice(FIRST_NAMES),
            name_prefix=prefix,
            last_name=last,
            date_of_birth=born,
            gender=rng.choice("vmvmx"),
            street=rng.choice(data.STREETS),
            house_number=str(rng.randint(1, 220)),
            postcode=f"{rng.choice(data.POSTCODES[cbs])} {rng.choice(letters)}{rng.choice(letters)}",
            city=data.CITIES[cbs],
            phone=f"06{rng.randint(10_000_000, 99_999_999)}",
            municipality=municipality,
            benefit_kind=self.code("BenefitKind", weighted(rng, data.BENEFITS)),
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
            klantmanager=km,
            status=Status.REGISTERED,
        )
        self.batch.clients.append(client)
        if rng.random() < 0.4:
            self.batch.barriers.append((client.uuid, self.code("BarrierCategory").pk))
        self.change(client, aware(registered, 9), km, "registered", "Aangemeld")
        self.history(client, km, registered, search_end)

    def work_wishes(self, i: int) -> dict[str, str]:
        """Sector and occupation wishes, from their own random stream so adding
        them left every other demo value as it was."""
        rng = random.Random(f"{self.seed}-wishes-{i}")
        if rng.random() < 0.15:
            return {"wish_sectors": "", "wish_occupations": ""}
        chosen = rng.sample(data.WORK_WISHES, k=rng.choice([1, 1, 2]))
        occupations = [rng.choice(jobs) for _sector, jobs in chosen]
        return {
            "wish_sectors": ", ".join(sector for sector, _jobs in chosen),
            "wish_occupations": ", ".join(occupations),
        }

    def history(
        self, client: Client, km: User | None, registered: date, search_end: date | None
    ) -> None:
        rng, today = self.rng, self.today
        start = search_end or registered
        deadline = start + timedelta(days=INTAKE_DEADLINE_DAYS)
        held = weekday_on_or_after(start + timedelta(days=rng.randint(3, 11)))
        if rng.random() < 0.05:  # a few intakes run late, by days
            held = weekday_on_or_after(deadline + timedelta(days=rng.randint(1, 8)))
        intake = Intake(client=client, deadline=deadline)
        self.batch.intakes.append(intake)
        if held >= today or km is None:
            if rng.random() < 0.6 and (km is not None or held > today):
                client.status = Status.INTAKE
                intake.planned_date = held
            return
        worker = km
        group = weighted(rng, data.TARGET_GROUPS)
        intake.held_date, intake.held_by, intake.target_group = held, km, group
        intake.route = rng.choice(data.ROUTES)
        client.target_group, client.target_group_date = group, held
        client.status = Status.ACTIVE
        self.change(
            client,
            aware(held, 10),
            km,
            "intake_recorded",
            f"Intake gehouden; doelgroep {group}",
        )
        end = self.outflow_date(held)
        handover = self.handover_date(held, group) if end is None else None
        until = end or handover or today
        self.ladder(client, worker, held, until, {1: 4, 2: 3, 3: 2, 4: 1}[group])
        if group == 3:
            self.reviews(client, worker, held, until)
        self.contacts(client, worker, held, end or handover)
        goals = self.plan(client, held)
        if end is not None:
            self.outflow(client, worker, end, goals)
        elif handover is not None:
            self.handover(client, worker, handover)

    def outflow_date(self, held: date) -> date | None:
        rng, today = self.rng, self.today
        if rng.random() >= 0.3 or (today - held).days < 45:
            return None
        return weekday_on_or_before(
            held + timedelta(days=rng.randint(30, (today - held).days - 1))
        )

    def handover_date(self, held: date, group: int) -> date | None:
        if group != 4 or self.rng.random() >= 0.3:
            return None
        started = weekday_on_or_after(held + timedelta(days=self.rng.randint(20, 60)))
        return started if started < self.today else None

    def ladder(
        self, client: Client, worker: User, held: date, until: date, step: int
    ) -> None:
        rng, day = self.rng, held
        step += rng.choice([0, 0, 1])
        while day < until:
            step = max(1, min(step, 6))
            self.batch.ladder.append(
                LadderMeasurement(
                    client=client, measured_on=day, step=step, measured_by=worker
                )
            )
            client.ladder_step = step  # the latest measurement's step, as stored
            self.change(
                client,
                aware(day, 11),
                worker,
                "ladder_measured",
                f"Participatieladder: trede {step}",
            )
            day = weekday_on_or_before(
                day + timedelta(days=rng.randint(*LADDER_INTERVAL))
            )
            step += rng.choice([-1, 0, 1, 1])

    def reviews(self, client: Client, worker: User, held: date, until: date) -> None:
        """The yearly group-3 review, held in the two weeks before it was due."""
        day = held
        while True:
            due = add_months(day, 12)
            review = weekday_on_or_before(due - timedelta(days=self.rng.randint(0, 14)))
            if review >= min(until, self.today):
                break
            self.change(
                client,
                aware(review, 13),
                worker,
                "updated",
                "Herbeoordeling doelgroep 3: blijft doelgroep 3",
                {"target_group_date": [day.isoformat(), review.isoformat()]},
            )
            day = review
        client.target_group_date = day

    def contacts(
        self, client: Client, worker: User, held: date, closed: date | None
    ) -> None:
        """Regular contact; a few open files lapsed past the signal recently."""
        rng, today = self.rng, self.today
        stop = closed or today - timedelta(days=1)
        lapsed = closed is None and rng.random() < 0.035
        lapsed = lapsed and (today - held).days > NO_CONTACT_DAYS + 45
        if lapsed:
            stop = today - timedelta(days=NO_CONTACT_DAYS + rng.randint(1, 12))
        gap = rng.choice([14, 21, 30, 45, 60])
        days = []
        day = weekday_on_or_after(held + timedelta(days=rng.randint(7, 30)))
        while day <= stop:
            days.append(day)
            day = weekday_on_or_after(day + timedelta(days=rng.randint(gap // 2, gap)))
        last = weekday_on_or_before(stop)
        if lapsed and last > held and (not days or days[-1] < last):
            days.append(last)
        for n, day in enumerate(days):
            no_show = n < len(days) - 1 and rng.random() < 0.08
            channel = self.code("ContactChannel")
            subject = rng.choice(data.SUBJECTS)
            at = aware(day, rng.randint(9, 16), rng.choice([0, 15, 30, 45]))
            self.batch.contacts.append(
                Contact(
                    client=client,
                    occurred_at=at,
                    channel=channel,
                    subject=subject,
                    no_show=no_show,
                    recorded_by=worker,
                )
            )
            self.change(
                client,
                at,
                worker,
                "contact_no_show" if no_show else "contact_recorded",
                f"{'Niet verschenen' if no_show else 'Contact'} ({channel.label}): {subject}",
            )

    def plan(self, client: Client, held: date) -> list[Goal]:
        """Goals past their date were closed then; a few of the last two weeks wait."""
        rng, today = self.rng, self.today
        plan = Plan(client=client, established_on=held)
        goals = []
        for _n in range(rng.randint(1, 3)):
            due = weekday_on_or_after(held + timedelta(days=rng.randint(30, 400)))
            goal = Goal(
                plan=plan,
                description=rng.choice(data.GOALS),
                owner=rng.choice(["werkzoekende", "klantmanager"]),
                due_date=due,
            )
            recent = today - timedelta(days=14) <= due < today
            if due < today and not (recent and rng.random() < 0.35):
                goal.status = rng.choice(["behaald", "behaald", "niet_behaald"])
                goal.closed_on = due
            goals.append(goal)
        if all(g.status != "open" for g in goals):
            # The plan was brought up to date: a next goal ahead (some due today).
            ahead = 0 if rng.random() < 0.06 else rng.randint(1, 180)
            goals.append(
                Goal(
                    plan=plan,
                    description=rng.choice(data.GOALS),
                    owner=rng.choice(["werkzoekende", "klantmanager"]),
                    due_date=weekday_on_or_after(today + timedelta(days=ahead)),
                )
            )
        self.batch.plans.append((client.uuid, plan, goals))
        return goals

    def outflow(
        self, client: Client, worker: User, end: date, goals: list[Goal]
    ) -> None:
        reason = self.code("OutflowReason", weighted(self.rng, data.OUTFLOW_REASONS))
        self.batch.outflows.append(
            Outflow(client=client, date=end, reason=reason, recorded_by=worker)
        )
        for goal in goals:
            if goal.status == "open":
                goal.status, goal.closed_on = "vervallen", end
        client.status = Status.OUTFLOWED
        self.change(
            client, aware(end, 16), worker, "outflow", f"Uitgestroomd: {reason.label}"
        )

    def handover(self, client: Client, worker: User, started: date) -> None:
        self.batch.handovers.append(
            Handover(
                client=client,
                organisation=self.rng.choice(data.CARE_ORGANISATIONS),
                started_on=started,
                reason="Werk is meer dan twee jaar weg; eerst zorg.",
                started_by=worker,
                previous_status=Status.ACTIVE,
            )
        )
        client.status = Status.HANDED_OVER
        self.change(
            client,
            aware(started, 12),
            worker,
            "handover_started",
            "Warm overgedragen aan zorg",
        )
