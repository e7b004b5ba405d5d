"""The demo's stories: who got which trajectory, deployments and placement, and when."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from ijmondwerkt.demo import add_months, weekday_on_or_after, weighted
from trajectories.demo import data
from trajectories.demo.builder import Builder
from trajectories.demo.records import Profile, hired_proposals, last_day_within
from trajectories.models import placement_follow_up_dates

YEAR = 365


def tell(b: Builder) -> None:
    """All stories, in a fixed order (the random stream depends on it)."""
    subsidised_and_garantiebanen(b)
    hired(b)
    other_placements(b)
    outflowed(b)
    earlier_periods(b)
    ordinary(b)
    history(b)
    loose_deployments(b)
    assessments_without_placement(b)


def _since(b: Builder) -> date:
    """The first day of the three years the demo's trajectories span."""
    return b.today - timedelta(days=data.YEARS * YEAR)


def _first_parameter_day(b: Builder) -> date:
    return b.parameters[0].valid_from if b.parameters else b.today


def subsidised_and_garantiebanen(b: Builder) -> None:
    """Group-3 clients at work: with wage-cost subsidy, in a garantiebaan, or both.

    Each had a re-integration trajectory (often ended by the placement), a
    diagnosis first, jobcoaching alongside the job and assessments renewed
    every year; a few renewals are overdue by days.
    """
    rng, today = b.rng, b.today
    plans: list[tuple[str, bool]] = [("garantiebaan", True)] * (
        data.GARANTIEBANEN_WITH_SUBSIDY
    )
    for kind, count in data.SUBSIDY_KINDS:
        plans += [(kind, True)] * count
    plans += [("garantiebaan", False)] * (
        data.GARANTIEBANEN - data.GARANTIEBANEN_WITH_SUBSIDY
    )
    earliest = max(_first_parameter_day(b), _since(b))
    overdue_left = data.OVERDUE_ASSESSMENTS
    pool = b.candidates([3], held_before=today - timedelta(days=120))
    fallback = b.candidates([2], held_before=today - timedelta(days=120))
    for kind, subsidy in plans:
        overdue = subsidy and overdue_left > 0
        profile = _overdue_candidate(b, pool) if overdue else None
        if profile is None:
            overdue = False
            profile = b.take(pool) or b.take(fallback)
        if profile is None:
            return
        overdue_left -= overdue
        first_start = weekday_on_or_after(
            profile.held + timedelta(days=rng.randint(7, 40))
        )
        if overdue:
            expired = today - timedelta(days=rng.randint(2, 20))
            start = weekday_on_or_after(
                add_months(expired, -12) + timedelta(days=rng.randint(0, 7))
            )
        else:
            start = b.between(
                max(first_start + timedelta(days=30), earliest),
                today - timedelta(days=10),
            )
        start = min(max(start, first_start + timedelta(days=14)), today)
        ended = rng.random() < 0.55 and start <= today
        trajectory = b.trajectory(
            profile,
            "re-integratie",
            first_start,
            end=start if ended else None,
            reason="plaatsing-loonkostensubsidie"
            if subsidy
            else "plaatsing-regulier-werk",
            planned=add_months(start, 12)
            if overdue
            else max(add_months(start, 12), add_months(today, rng.randint(1, 10))),
        )
        diagnosis = b.instruments.get("competentieonderzoek")
        if diagnosis is not None:
            b.deployment(
                profile,
                diagnosis,
                first_start,
                min(last_day_within(first_start, 2), start),
                trajectory,
            )
        end = None
        if not overdue and rng.random() < 0.08:
            end = b.between(start + timedelta(days=60), today - timedelta(days=5))
            end = end if end > start else None
        placement = b.placement(
            profile,
            kind,
            start,
            trajectory=trajectory,
            subsidy=subsidy,
            end=end,
        )
        coaching = b.instruments.get("jobcoaching")
        if coaching is not None and trajectory.end_date is None:
            b.deployment(
                profile,
                coaching,
                start,
                min(last_day_within(start, 12), b.window_end(trajectory)),
                trajectory,
            )
        risk = b.instruments.get("no-riskpolis")
        if risk is not None and rng.random() < 0.4:
            b.deployment(profile, risk, start, last_day_within(start, 12))
        if subsidy:
            b.assessments(profile, placement, overdue=overdue)


def _overdue_candidate(b: Builder, pool: list[Profile]) -> Profile | None:
    """A client whose intake is long enough ago for a placement of a year."""
    latest = add_months(b.today, -13) - timedelta(days=60)
    for i, profile in enumerate(pool):
        if profile.held <= latest:
            pool.pop(i)
            b.used.add(profile.pk)
            return profile
    return None


def hired(b: Builder) -> None:
    """Every hired proposal became a placement, most after a trajectory."""
    rng, today = b.rng, b.today
    by_pk = {p.pk: p for p in b.profiles}
    for proposal in hired_proposals():
        profile = by_pk.get(proposal.client_id)
        if profile is None or profile.pk in b.used or proposal.decided_on is None:
            continue
        b.used.add(profile.pk)
        vacancy = proposal.vacancy
        start = weekday_on_or_after(
            proposal.decided_on + timedelta(days=rng.randint(7, 21))
        )
        trajectory = None
        first_start = weekday_on_or_after(
            profile.held + timedelta(days=rng.randint(7, 40))
        )
        if rng.random() < 0.6 and first_start + timedelta(days=30) < start:
            kind = "work-first" if rng.random() < 0.2 else "re-integratie"
            to_work = start <= today
            trajectory = b.trajectory(
                profile,
                kind,
                first_start,
                end=start if to_work else None,
                reason="plaatsing-regulier-werk",
                planned=add_months(first_start, 12) if to_work else start,
            )
            b.fill(profile, trajectory, start)
        end = None
        if start < today - timedelta(days=120) and rng.random() < 0.12:
            end = b.between(start + timedelta(days=30), today - timedelta(days=5))
        b.placement(
            profile,
            "regulier",
            start,
            employer=(
                vacancy.employer_id,
                vacancy.employer.werkmakelaar_id or b.employers[0][1],
                vacancy.employer.name,
            ),
            trajectory=trajectory,
            end=end,
            job_title=vacancy.title,
            hours=Decimal(vacancy.hours_per_week),
            proposal=proposal,
        )


def other_placements(b: Builder) -> None:
    """Trial placements (a few ending this week), secondments (a few ending
    this month), unpaid and sheltered work; two have a follow-up due today."""
    rng, today = b.rng, b.today
    held_before = today - timedelta(days=90)
    groups = {
        "proefplaatsing": [2, 3],
        "detachering": [1, 2],
        "werkervaringsplaats": [2, 3],
        "leerwerkplek": [2, 3],
        "stage": [1, 2],
        "beschut-werk": [3, 4],
        "vrijwilligerswerk": [4, 2, 3],
    }
    due_today = {"werkervaringsplaats", "vrijwilligerswerk"}
    for kind, count in data.OTHER_PLACEMENTS:
        pool = b.candidates(groups[kind], held_before=held_before)
        for n in range(count):
            profile = b.take(pool)
            if profile is None:
                break
            earliest = max(profile.held + timedelta(days=14), _since(b))
            start = b.between(earliest, today - timedelta(days=3))
            end = None
            if kind == "proefplaatsing":
                start = b.between(
                    max(earliest, today - timedelta(days=150)),
                    today - timedelta(days=3),
                )
                if n < 4:  # the trial ends within the week
                    start = add_months(today + timedelta(days=n + 1), -2)
                trial_end = last_day_within(start, 2)
                if trial_end < today:
                    end = trial_end
            elif kind == "detachering" and n < 10:
                ahead = rng.randint(3, 28) if n < 3 else rng.randint(35, 180)
                end = today + timedelta(days=ahead)  # the secondment's agreed end
                start = b.between(earliest, min(today, end) - timedelta(days=90))
            elif n < count // 3 and start < today - timedelta(days=90):
                end = b.between(start + timedelta(days=45), today - timedelta(days=5))
            if kind in due_today and n == 0:
                start, end = _first_follow_up_today(today), None
            start = max(start, earliest) if end is None else start
            reason = "einde-proefplaatsing" if kind == "proefplaatsing" else ""
            if kind == "detachering" and end is not None and end > today:
                reason = "einde-contract"
            placement = b.placement(profile, kind, start, end=end, end_reason=reason)
            if kind == "proefplaatsing":
                trial = b.instruments.get("proefplaatsing")
                if trial is not None and placement.trial_end_date is not None:
                    b.deployment(profile, trial, start, placement.trial_end_date)


def _first_follow_up_today(today: date) -> date:
    """A start whose first follow-up moment falls on ``today``."""
    for back in range(25, 40):
        start = today - timedelta(days=back)
        if placement_follow_up_dates(start)[0][1] == today:
            return start
    return today - timedelta(days=30)


def outflowed(b: Builder) -> None:
    """Clients who left the caseload: their trajectory ended on the outflow day."""
    rng = b.rng
    pool = [
        p
        for p in b.profiles
        if p.closed is not None
        and p.pk not in b.used
        and p.closed >= p.held + timedelta(days=60)
    ]
    for _n in range(min(110, len(pool))):
        profile = b.take(pool)
        if profile is None or profile.closed is None:
            break
        start = weekday_on_or_after(profile.held + timedelta(days=rng.randint(7, 30)))
        reason = data.END_BY_OUTFLOW.get(profile.outflow_reason) or (
            "overdracht-wsw-beschut"
            if not profile.outflow_reason and rng.random() < 0.3
            else "einde-zonder-plaatsing"
        )
        trajectory = b.trajectory(
            profile,
            b.kind_for(profile),
            start,
            end=profile.closed,
            reason=reason,
            planned=add_months(start, 12),
        )
        b.fill(profile, trajectory, profile.closed)


def earlier_periods(b: Builder) -> None:
    """Trajectories of an earlier benefit period, ended before this registration."""
    rng = b.rng
    since = _since(b)
    pool = [
        p
        for p in b.profiles
        if p.registered - timedelta(days=150) > since + timedelta(days=60)
    ]
    rng.shuffle(pool)
    for profile in pool[:70]:
        start = b.between(since, profile.registered - timedelta(days=150))
        end = b.between(
            start + timedelta(days=60),
            min(start + timedelta(days=300), profile.registered - timedelta(days=30)),
        )
        trajectory = b.trajectory(
            profile,
            b.kind_for(profile),
            start,
            end=end,
            reason=weighted(rng, data.END_REASONS),
            planned=add_months(start, 6),
        )
        b.fill(profile, trajectory, end)


def ordinary(b: Builder) -> None:
    """The rest of the three years' trajectories, for open files: running, or
    ended at (or around) their planned end; some clients have two at once."""
    rng, today = b.rng, b.today
    pool = b.candidates([1, 2, 3, 4], held_before=today - timedelta(days=7))
    second: list[Profile] = []
    while len(b.batch.trajectories) < data.TRAJECTORIES:
        if second and rng.random() < 0.08:
            profile = second.pop(rng.randrange(len(second)))
            kind = "activering" if profile.group != 4 else "beschut"
        else:
            taken = b.take(pool)
            if taken is None:
                break
            profile, kind = taken, b.kind_for(taken)
            second.append(profile)
        start = b.between(
            max(profile.held + timedelta(days=7), _since(b)), today - timedelta(days=1)
        )
        trajectory = b.trajectory(profile, kind, start)
        b.fill(profile, trajectory, today + timedelta(days=60))


def history(b: Builder) -> None:
    """Ended trajectories from four to seven years back, from the previous system."""
    rng, today = b.rng, b.today
    pool = list(b.profiles)
    rng.shuffle(pool)
    for profile in pool[: data.HISTORY]:
        year = today.year - rng.randint(4, 7)
        start = b.between(date(year, 1, 5), date(year, 11, 30))
        end = b.between(
            start + timedelta(days=90),
            min(start + timedelta(days=540), profile.registered - timedelta(days=30)),
        )
        reason = rng.choice(
            [
                "plaatsing-regulier-werk",
                "einde-zonder-plaatsing",
                "verhuizing",
                "overig",
            ]
        )
        trajectory = b.trajectory(
            profile,
            b.kind_for(profile),
            start,
            end=end,
            reason=reason,
            planned=add_months(start, 12),
            goals="Overgenomen uit het vorige systeem.",
            lead="Gemeente (vorig systeem)",
            provider=None,
        )
        b.fill(profile, trajectory, end)


def loose_deployments(b: Builder) -> None:
    """Instruments given outside a trajectory, where the catalogue allows it."""
    rng, today = b.rng, b.today
    pool = [p for p in b.profiles if p.is_open and p.held < today]
    rng.shuffle(pool)
    added = 0
    for profile in pool:
        if added >= data.LOOSE_DEPLOYMENTS:
            break
        instrument = b.instruments.get(rng.choice(data.LOOSE_INSTRUMENTS))
        if instrument is None:
            continue
        start = b.between(profile.held, today + timedelta(days=20))
        months = rng.randint(2, instrument.max_duration_months or 6)
        if b.deployment(profile, instrument, start, last_day_within(start, months)):
            added += 1


def assessments_without_placement(b: Builder) -> None:
    """Group-3 clients assessed for a job before a placement is arranged."""
    rng, today = b.rng, b.today
    pool = b.candidates([3], held_before=today - timedelta(days=30))
    for _n in range(data.ASSESSMENTS_WITHOUT_PLACEMENT):
        profile = b.take(pool)
        if profile is None:
            break
        day = b.between(
            max(profile.held, today - timedelta(days=300)), today - timedelta(days=1)
        )
        title = rng.choice(data.JOB_TITLES)
        b.assessment(
            profile, day, job=f"{title} (beoordeeld tijdens een proefplaatsing)"
        )
