"""Demo employers for the IJmond: ~400 employers, two years of contacts, 300 vacancies.

Idempotent: when the first demo employer exists, nothing is added. Fixed seed,
bulk inserts, so it runs in seconds on SQLite.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from clients.models import Client
from employers.models import (
    ContactPerson,
    Employer,
    EmployerContact,
    EmployerContactKind,
    Proposal,
    ProposalStatus,
    RejectionReason,
    SbiSection,
    SectorCluster,
    SizeClass,
    Vacancy,
)
from employers.services import follow_up_task
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.inbox.services import tasks_create_bulk

EMPLOYER_COUNT = 400
VACANCY_COUNT = 300
CONTACTS_PER_EMPLOYER = (2, 14)
KVK_BASE = 34_100_000

# cluster code: (weight, SBI sections, company words, vacancy titles)
CLUSTERS: dict[str, tuple[int, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "techniek-industrie": (
        18,
        ("C", "D"),
        (
            "Staalbouw",
            "Metaaltechniek",
            "Machinefabriek",
            "Installatietechniek",
            "Procestechniek",
        ),
        (
            "Productiemedewerker",
            "Operator",
            "Lasser",
            "Monteur",
            "Magazijnmedewerker productie",
        ),
    ),
    "zorg-welzijn": (
        14,
        ("Q",),
        ("Zorggroep", "Thuiszorg", "Woonzorgcentrum", "Kinderopvang", "Welzijn"),
        (
            "Helpende zorg",
            "Gastvrouw",
            "Medewerker huishouding",
            "Pedagogisch medewerker",
            "Facilitair medewerker",
        ),
    ),
    "logistiek-transport": (
        12,
        ("H",),
        (
            "Transport",
            "Logistiek",
            "Distributiecentrum",
            "Koeriersdienst",
            "Havenlogistiek",
        ),
        (
            "Orderpicker",
            "Chauffeur C",
            "Heftruckchauffeur",
            "Magazijnmedewerker",
            "Bezorger",
        ),
    ),
    "detailhandel": (
        14,
        ("G",),
        ("Supermarkt", "Bouwmarkt", "Mode", "Tuincentrum", "Fietsenwinkel"),
        (
            "Vakkenvuller",
            "Kassamedewerker",
            "Verkoopmedewerker",
            "Medewerker versafdeling",
            "Winkelmedewerker",
        ),
    ),
    "bouw-infra": (
        12,
        ("F",),
        (
            "Bouwbedrijf",
            "Aannemersbedrijf",
            "Schildersbedrijf",
            "Infra",
            "Dakdekkersbedrijf",
        ),
        (
            "Bouwplaatsmedewerker",
            "Hulpmonteur",
            "Stratenmaker",
            "Schilder",
            "Grondwerker",
        ),
    ),
    "horeca-recreatie": (
        10,
        ("I", "R"),
        ("Strandpaviljoen", "Hotel", "Restaurant", "Eetcafé", "Recreatiepark"),
        ("Afwasser", "Bediening", "Keukenhulp", "Housekeeping", "Medewerker recreatie"),
    ),
    "overheid-onderwijs": (
        5,
        ("O", "P"),
        ("Gemeente", "Scholengroep", "Omgevingsdienst", "Bibliotheek", "Sportbedrijf"),
        (
            "Administratief medewerker",
            "Conciërge",
            "Medewerker buitendienst",
            "Baliemedewerker",
            "Onderwijsassistent",
        ),
    ),
    "zakelijke-dienstverlening": (
        7,
        ("M", "N", "J"),
        ("Administratiekantoor", "Adviesbureau", "Callcenter", "ICT", "Uitzendbureau"),
        (
            "Klantenservicemedewerker",
            "Administratief medewerker",
            "Receptionist",
            "Helpdeskmedewerker",
            "Postkamermedewerker",
        ),
    ),
    "schoonmaak-facilitair": (
        5,
        ("N",),
        (
            "Schoonmaakbedrijf",
            "Facilitair",
            "Glazenwasserij",
            "Beveiliging",
            "Catering",
        ),
        (
            "Schoonmaker",
            "Glazenwasser",
            "Medewerker catering",
            "Beveiliger",
            "Facilitair medewerker",
        ),
    ),
    "groen-agrarisch": (
        3,
        ("A", "N"),
        (
            "Hoveniersbedrijf",
            "Kwekerij",
            "Groenvoorziening",
            "Boomkwekerij",
            "Zorgboerderij",
        ),
        (
            "Hovenier",
            "Medewerker groen",
            "Kwekerijmedewerker",
            "Medewerker dierverzorging",
            "Oogstmedewerker",
        ),
    ),
}
NAMES = (
    "IJmond",
    "Kennemer",
    "Noordzee",
    "Velsen",
    "Beverwijk",
    "Heemskerk",
    "Duinrand",
    "Zeehaven",
    "Wijkeroog",
    "Broekpolder",
    "Van Dam",
    "Bakker",
    "Smit",
    "Visser",
    "De Jong",
    "Meijer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Dekker",
    "Kok",
    "Jansen",
    "Brouwer",
    "Schouten",
    "De Wit",
    "Hoekstra",
    "Zeeuw",
    "Kramer",
    "Prins",
)
STREETS = (
    "Wijkermeerweg",
    "Parallelweg",
    "Zeestraat",
    "Breestraat",
    "Kanaaldijk",
    "Rijksweg",
    "Industrieweg",
    "Zuiderkade",
    "Stationsplein",
    "Marquettelaan",
)
CITIES = {
    "0375": ("Beverwijk", "1941"),
    "0396": ("Heemskerk", "1961"),
    "0453": ("IJmuiden", "1971"),
}
PERSON_FIRST = (
    "Anna",
    "Mark",
    "Sanne",
    "Peter",
    "Fatima",
    "Jeroen",
    "Linda",
    "Mehmet",
    "Ingrid",
    "Rob",
    "Esther",
    "Kees",
    "Naima",
    "Dennis",
    "Marloes",
)
PERSON_LAST = (
    "de Boer",
    "Koster",
    "van Leeuwen",
    "Postma",
    "El Amrani",
    "Vermeulen",
    "Groen",
    "Huisman",
    "Kaya",
    "Timmerman",
    "van der Meer",
    "Verhoeven",
)
PERSON_ROLES = (
    "HR-adviseur",
    "Bedrijfsleider",
    "Directeur",
    "Teamleider",
    "Vestigingsmanager",
    "Personeelszaken",
    "Eigenaar",
)
SUBJECTS = {
    "bedrijfsbezoek": (
        "Kennismaking op locatie",
        "Rondleiding werkvloer",
        "Bespreking personeelsbehoefte",
    ),
    "telefoon": (
        "Vraag over loonkostensubsidie",
        "Terugbelverzoek HR",
        "Stand van zaken kandidaten",
    ),
    "e-mail": (
        "Informatie no-riskpolis gestuurd",
        "Vacaturetekst afgestemd",
        "Afspraak bevestigd",
    ),
    "netwerkbijeenkomst": (
        "Ondernemersontbijt IJmond",
        "Werkgeversavond Velsen",
        "Bijeenkomst social return",
    ),
    "vacature-intake": (
        "Intake nieuwe vacature",
        "Functie-eisen doorgenomen",
        "Mogelijkheden jobcarving besproken",
    ),
    "nazorggesprek": (
        "Nazorg na plaatsing",
        "Evaluatie proefplaatsing",
        "Gesprek met leidinggevende",
    ),
}
OUTCOMES = (
    "Werkgever staat open voor kandidaten met afstand tot de arbeidsmarkt.",
    "Afgesproken om binnen twee weken kandidaten voor te stellen.",
    "Geen vacatures op dit moment; over drie maanden opnieuw contact.",
    "Interesse in proefplaatsing, wil eerst meer weten over de voorwaarden.",
    "Positief gesprek, vervolgafspraak gemaakt.",
    "",
)


def load(*, seed: int) -> str:
    """Add the demo employers, contacts and vacancies (once), then proposals (once).

    Proposals need clients, so this runs after clients/demo.py; without
    clients it adds none and a later run adds them.
    """
    today = timezone.localdate()
    if Employer.objects.filter(kvk_number=f"{KVK_BASE:08d}").exists():
        summary = "werkgevers stonden er al"
    else:
        rng = random.Random(seed)
        with transaction.atomic():
            employers = _employers(rng)
            persons = _contact_persons(rng, employers)
            contacts, tasks = _contacts(rng, today, employers, persons)
            vacancies = _vacancies(rng, today, employers)
        summary = (
            f"{len(employers)} werkgevers, {len(persons)} contactpersonen, "
            f"{contacts} contacten ({tasks} open vervolgafspraken), "
            f"{vacancies} vacatures"
        )
    if Proposal.objects.exists():
        return summary
    with transaction.atomic():
        proposals = _proposals(random.Random(seed + 1), today)
    return f"{summary}, {proposals} voordrachten" if proposals else summary


def _employers(rng: random.Random) -> list[Employer]:
    clusters = {c.code: c for c in SectorCluster.objects.all()}
    sbi = {s.code: s for s in SbiSection.objects.all()}
    sizes = list(SizeClass.objects.order_by("sort_order"))
    municipalities = list(Municipality.objects.active())
    werkmakelaars = list(User.objects.filter(groups__name=Role.WERKMAKELAAR.value))
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
                werkmakelaar=rng.choice(werkmakelaars) if werkmakelaars else None,
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


def _contact_persons(
    rng: random.Random, employers: list[Employer]
) -> list[ContactPerson]:
    rows = []
    for employer in employers:
        for _ in range(rng.randint(1, 3)):
            first, last = rng.choice(PERSON_FIRST), rng.choice(PERSON_LAST)
            rows.append(
                ContactPerson(
                    employer=employer,
                    name=f"{first} {last}",
                    job_title=rng.choice(PERSON_ROLES),
                    phone=f"0251 {rng.randint(100000, 999999)}",
                    email=f"{first.lower()}@werkgever{employer.pk}.example",
                )
            )
    ContactPerson.objects.bulk_create(rows, batch_size=1000)
    return list(ContactPerson.objects.filter(employer__in=employers))


def _contacts(
    rng: random.Random,
    today: date,
    employers: list[Employer],
    persons: list[ContactPerson],
) -> tuple[int, int]:
    werkmakelaars = list(User.objects.filter(groups__name=Role.WERKMAKELAAR.value))
    kinds = list(EmployerContactKind.objects.active())
    if not werkmakelaars or not kinds:
        return 0, 0
    by_employer: dict[int, list[ContactPerson]] = {}
    for person in persons:
        by_employer.setdefault(person.employer_id, []).append(person)
    done_at = timezone.now()
    rows = []
    for employer in employers:
        for _ in range(rng.randint(*CONTACTS_PER_EMPLOYER)):
            kind = rng.choice(kinds)
            day = today - timedelta(days=rng.randrange(0, 730))
            follow_up = None
            if rng.random() < 0.3:
                follow_up = day + timedelta(days=rng.randint(3, 35))
            rows.append(
                EmployerContact(
                    employer=employer,
                    contact_date=day,
                    kind=kind,
                    werkmakelaar=employer.werkmakelaar or rng.choice(werkmakelaars),
                    contact_person=rng.choice(by_employer.get(employer.pk, [None])),
                    subject=rng.choice(SUBJECTS.get(kind.code, ("Contact",))),
                    outcome=rng.choice(OUTCOMES),
                    follow_up_date=follow_up,
                    # Follow-ups well in the past were handled back then.
                    follow_up_done_at=done_at
                    if follow_up and follow_up < today - timedelta(days=7)
                    else None,
                )
            )
    EmployerContact.objects.bulk_create(rows, batch_size=2000)
    open_follow_ups = [
        c for c in rows if c.follow_up_date and c.follow_up_done_at is None
    ]
    tasks = tasks_create_bulk([follow_up_task(c) for c in open_follow_ups])
    return len(rows), tasks


def _vacancies(rng: random.Random, today: date, employers: list[Employer]) -> int:
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
                education_level=rng.choice(
                    ("", "geen", "vmbo", "mbo1", "mbo2", "mbo3")
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


# Open vacancies get proposals still in the pipeline (and some ended); filled
# vacancies get the hired ones. Together every status occurs.
OPEN_MIX = (
    (ProposalStatus.PROPOSED, 4),
    (ProposalStatus.INVITED, 3),
    (ProposalStatus.INTERVIEW, 2),
    (ProposalStatus.REJECTED, 2),
    (ProposalStatus.WITHDRAWN, 1),
)


def _proposals(rng: random.Random, today: date) -> int:
    proposer = (
        User.objects.filter(groups__name=Role.WERKMAKELAAR.value, is_active=True)
        .order_by("pk")
        .first()
    )
    clients = list(
        Client.objects.filter(status=Client.Status.ACTIVE)
        .exclude(target_group=4)
        .order_by("pk")
        .values_list("pk", flat=True)[:2000]
    )
    if proposer is None or len(clients) < 10:
        return 0
    rows: list[Proposal] = []
    vacancies = Vacancy.objects.filter(
        status__in=(Vacancy.Status.OPEN, Vacancy.Status.FILLED)
    ).order_by("pk")
    for vacancy in vacancies:
        if vacancy.status == Vacancy.Status.OPEN:
            statuses = rng.choices(
                [s for s, _ in OPEN_MIX], [w for _, w in OPEN_MIX], k=rng.randint(1, 4)
            )
        else:
            statuses = [ProposalStatus.HIRED] * vacancy.places + [
                ProposalStatus.REJECTED
            ] * rng.randint(0, 2)
        for status, client_id in zip(
            statuses, rng.sample(clients, len(statuses)), strict=True
        ):
            rows.append(_proposal(rng, vacancy, client_id, proposer, status, today))
    Proposal.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _proposal(
    rng: random.Random,
    vacancy: Vacancy,
    client_id: int,
    proposer: User,
    status: ProposalStatus,
    today: date,
) -> Proposal:
    end = min(vacancy.status_changed_on or today, today)
    proposed = max(vacancy.open_date, end - timedelta(days=rng.randint(10, 40)))
    invited = proposed + timedelta(days=rng.randint(1, 5))
    interview = invited + timedelta(days=rng.randint(2, 7))
    reached = {
        ProposalStatus.PROPOSED: 0,
        ProposalStatus.INVITED: 1,
        ProposalStatus.INTERVIEW: 2,
        ProposalStatus.WITHDRAWN: rng.randint(0, 1),
        ProposalStatus.REJECTED: rng.randint(1, 2),
        ProposalStatus.HIRED: 2,
    }[status]
    final = status in (
        ProposalStatus.HIRED,
        ProposalStatus.REJECTED,
        ProposalStatus.WITHDRAWN,
    )
    return Proposal(
        vacancy=vacancy,
        client_id=client_id,
        proposed_by=proposer,
        status=status,
        proposed_on=proposed,
        invited_on=min(invited, today) if reached >= 1 else None,
        interview_on=min(interview, today) if reached >= 2 else None,
        decided_on=min(interview + timedelta(days=3), today) if final else None,
        rejection_reason=rng.choice(RejectionReason.values)
        if status == ProposalStatus.REJECTED
        else "",
    )
