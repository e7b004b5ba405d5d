"""The demo's regional employer pool: employers, contact persons, contacts, vacancies.

Each sector cluster has its werkmakelaar, who keeps most contacts with the
cluster's employers; colleagues step in now and then, so every werkmakelaar
sees colleagues' contacts. Contacts fall on weekdays over two years; past
follow-ups were done on their day, a few of the last week still wait.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from clients.models import EducationLevel
from employers.demo.data import (
    CITIES,
    CLUSTER_OWNERS,
    CLUSTERS,
    CONTACTS_PER_EMPLOYER,
    EMPLOYER_COUNT,
    KVK_BASE,
    NAMES,
    OUTCOMES,
    PERSON_ROLES,
    STREETS,
    SUBJECTS,
    VACANCY_COUNT,
)
from employers.models import (
    ContactPerson,
    Employer,
    EmployerContact,
    EmployerContactKind,
    SbiSection,
    SectorCluster,
    SizeClass,
    Vacancy,
)
from employers.services import follow_up_task
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.demo import (
    FIRST_NAMES,
    LAST_NAMES,
    aware,
    full_name,
    is_weekday,
    weekday_on_or_after,
    weekday_on_or_before,
)
from ijmondwerkt.inbox.services import tasks_create_bulk


def werkmakelaars() -> list[User]:
    """The active werkmakelaars, in a stable order."""
    return list(User.objects.active_with_role(Role.WERKMAKELAAR).order_by("username"))


def employers_create(rng: random.Random) -> list[Employer]:
    clusters = {c.code: c for c in SectorCluster.objects.all()}
    sbi = {s.code: s for s in SbiSection.objects.all()}
    sizes = list(SizeClass.objects.order_by("sort_order"))
    municipalities = list(Municipality.objects.active())
    team = werkmakelaars()
    owners = {u.username: u for u in team}
    codes = list(CLUSTERS)
    weights = [CLUSTERS[c][0] for c in codes]
    seen: set[str] = set()
    rows = []
    for i in range(EMPLOYER_COUNT):
        code = rng.choices(codes, weights)[0]
        _, sections, words, _ = CLUSTERS[code]
        name = f"{rng.choice(words)} {rng.choice(NAMES)}"
        if name in seen:
            name = f"{name} {rng.choice(('Noord', 'Zuid', 'Oost', 'West', 'Centrum'))}"
        if name in seen:
            name = f"{name} {i}"
        seen.add(name)
        municipality = rng.choice(municipalities) if municipalities else None
        city, postcode = CITIES.get(
            municipality.cbs_code if municipality else "", ("Haarlem", "2011")
        )
        social = rng.random() < 0.08
        start = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 365))
        rows.append(
            Employer(
                name=name + (" B.V." if rng.random() < 0.6 else ""),
                kvk_number=f"{KVK_BASE + i * 131:08d}",
                establishment_number=f"{100_000_000_000 + i * 7_919:012d}"
                if rng.random() < 0.5
                else "",
                sbi_section=sbi.get(rng.choice(sections)),
                sector_cluster=clusters.get(code),
                size_class=rng.choices(sizes, [45, 30, 18, 7])[0]
                if len(sizes) == 4
                else None,
                street_address=f"{rng.choice(STREETS)} {rng.randint(1, 250)}",
                postal_code=f"{postcode[:2]}{rng.randint(10, 99)} {rng.choice('ABCDEGHJKL')}{rng.choice('ABCDEGHJKL')}",
                city=city,
                municipality=municipality,
                website=f"https://www.{name.lower().replace(' ', '').replace('é', 'e')}.example",
                werkmakelaar=owners.get(CLUSTER_OWNERS[code])
                or (rng.choice(team) if team else None),
                is_preferred=rng.random() < 0.12,
                has_social_return=social,
                social_return_places=rng.randint(1, 6) if social else None,
                social_return_start=start if social else None,
                social_return_end=start + timedelta(days=730) if social else None,
                is_municipal_employer=code == "overheid-onderwijs"
                and name.startswith("Gemeente"),
            )
        )
    Employer.objects.bulk_create(rows, batch_size=500)
    return list(Employer.objects.filter(kvk_number__in=[e.kvk_number for e in rows]))


def contact_persons_create(
    rng: random.Random, employers: list[Employer]
) -> list[ContactPerson]:
    rows = []
    for employer in employers:
        for _ in range(rng.randint(1, 3)):
            first, (prefix, last) = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            rows.append(
                ContactPerson(
                    employer=employer,
                    name=full_name(first, prefix, last),
                    job_title=rng.choice(PERSON_ROLES),
                    phone=f"0251 {rng.randint(100000, 999999)}",
                    email=f"{first.lower()}@werkgever{employer.pk}.example",
                )
            )
    ContactPerson.objects.bulk_create(rows, batch_size=1000)
    return list(ContactPerson.objects.filter(employer__in=employers))


def contacts_create(
    rng: random.Random,
    today: date,
    employers: list[Employer],
    persons: list[ContactPerson],
) -> tuple[int, int]:
    team = werkmakelaars()
    kinds = list(EmployerContactKind.objects.active())
    if not team or not kinds:
        return 0, 0
    by_employer: dict[int, list[ContactPerson]] = {}
    for person in persons:
        by_employer.setdefault(person.employer_id, []).append(person)
    rows = []
    for employer in employers:
        for _ in range(rng.randint(*CONTACTS_PER_EMPLOYER)):
            kind = rng.choice(kinds)
            day = weekday_on_or_before(today - timedelta(days=rng.randrange(0, 730)))
            owner = employer.werkmakelaar
            # Mostly the cluster's own werkmakelaar; a colleague now and then.
            by = owner if owner and rng.random() < 0.85 else rng.choice(team)
            follow_up = _follow_up(rng, today, day)
            rows.append(
                EmployerContact(
                    employer=employer,
                    contact_date=day,
                    kind=kind,
                    werkmakelaar=by,
                    contact_person=rng.choice(by_employer.get(employer.pk, [None])),
                    subject=rng.choice(SUBJECTS.get(kind.code, ("Contact",))),
                    outcome=rng.choice(OUTCOMES),
                    follow_up_date=follow_up,
                    follow_up_done_at=_follow_up_done(rng, today, follow_up),
                )
            )
    EmployerContact.objects.bulk_create(rows, batch_size=2000)
    open_follow_ups = [
        c for c in rows if c.follow_up_date and c.follow_up_done_at is None
    ]
    tasks = tasks_create_bulk([follow_up_task(c) for c in open_follow_ups])
    return len(rows), tasks


def _education_levels() -> Callable[[str], Any]:
    """Code to field value: the clients' code list entry, or the code itself
    where the vacancy still stores the code."""
    if not Vacancy._meta.get_field("education_level").is_relation:
        return lambda code: code
    by_code = {level.code: level for level in EducationLevel.objects.all()}
    return lambda code: by_code.get(code)


def vacancies_create(rng: random.Random, today: date, employers: list[Employer]) -> int:
    levels = _education_levels()
    rows = []
    for _ in range(VACANCY_COUNT):
        employer = rng.choice(employers)
        code = (
            employer.sector_cluster.code if employer.sector_cluster else "detailhandel"
        )
        titles = CLUSTERS.get(code, CLUSTERS["detailhandel"])[3]
        title = rng.choice(titles)
        recent = rng.random() < 0.45
        open_date = today - timedelta(
            days=rng.randrange(0, 60) if recent else rng.randrange(60, 700)
        )
        close_date = open_date + timedelta(days=rng.choice((30, 45, 60, 90)))
        if recent and close_date >= today:
            status, changed = Vacancy.Status.OPEN, None
        else:
            status = rng.choices(
                [
                    Vacancy.Status.FILLED,
                    Vacancy.Status.WITHDRAWN,
                    Vacancy.Status.EXPIRED,
                ],
                [6, 2, 2],
            )[0]
            changed = min(close_date, today)
        rows.append(
            Vacancy(
                employer=employer,
                title=title,
                occupation=title,
                sector_cluster=employer.sector_cluster,
                description=f"{title} bij {employer.name}. Begeleiding op de werkvloer is mogelijk.",
                hours_per_week=Decimal(rng.choice((16, 20, 24, 28, 32, 36, 38, 40))),
                places=rng.choices((1, 2, 3, 5), [70, 18, 8, 4])[0],
                location_municipality=employer.municipality,
                education_level=levels(
                    rng.choice(("", "geen", "vmbo", "mbo1", "mbo2", "mbo3"))
                ),
                driving_licence_required=code == "logistiek-transport"
                and rng.random() < 0.5,
                language_level=rng.choice(("", "A2", "B1", "B1", "B2")),
                suits_banenafspraak=rng.random() < 0.2,
                suits_beschut=rng.random() < 0.05,
                trial_placement_possible=rng.random() < 0.5,
                job_carved=rng.random() < 0.1,
                open_date=open_date,
                close_date=close_date,
                status=status,
                status_changed_on=changed,
            )
        )
    Vacancy.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _follow_up(rng: random.Random, today: date, day: date) -> date | None:
    """A follow-up on a weekday after the contact, for about a third of them."""
    if rng.random() >= (0.5 if (today - day).days < 35 else 0.3):
        return None
    return weekday_on_or_after(day + timedelta(days=rng.randint(3, 35)))


def _follow_up_done(
    rng: random.Random, today: date, follow_up: date | None
) -> datetime | None:
    """Past follow-ups were done on their day; most of the last week's wait."""
    if follow_up is None or follow_up >= today:
        return None
    recent = sum(
        1 for n in range((today - follow_up).days) if is_weekday(today - timedelta(n))
    )
    if recent <= 5 and rng.random() < 0.6:
        return None
    return aware(follow_up, rng.randint(9, 16), rng.choice([0, 15, 30, 45]))
