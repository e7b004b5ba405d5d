"""Both directions of matching: clients for a vacancy, vacancies for a client."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.models import Client
from employers.models import Proposal, ProposalStatus, Vacancy

from .rules import (
    BESCHUT_ONLY_GROUP,
    RULES,
    ClientFacts,
    Contribution,
    allowed_for,
    current_weights,
    dutch_level,
    score,
)

DEFAULT_LIMIT = 50


@dataclass(frozen=True)
class CandidateProfile:
    """The work profile a werkmakelaar may see: no BSN, barriers, health, debts, notes."""

    uuid: Any
    name: str
    age: int | None
    municipality: str
    wish_sectors: str
    wish_occupations: str
    wish_hours_per_week: int | None
    education: str
    driving_licence: bool
    languages: list[dict[str, str]]
    ladder_step: int | None


# The only client columns the ranking query reads: the limited profile.
PROFILE_VALUES = (
    "pk",
    "uuid",
    "first_name",
    "name_prefix",
    "last_name",
    "date_of_birth",
    "municipality__name",
    "wish_sectors",
    "wish_occupations",
    "wish_hours_per_week",
    "education_level__label",
    "driving_licence",
    "languages",
    "ladder_step",
)


@dataclass(frozen=True)
class Match:
    profile: CandidateProfile
    score: int
    breakdown: list[Contribution]
    client_id: int = 0
    is_proposed: bool = False


@dataclass(frozen=True)
class VacancyMatch:
    vacancy: Vacancy
    score: int
    breakdown: list[Contribution]


@dataclass(frozen=True)
class ClientVacancies:
    """'Passende vacatures': the matches, or what the profile lacks to find any."""

    matches: list[VacancyMatch]
    missing: list[str]  # Dutch names of the empty parts of the work profile
    has_profile: bool


def _age(born: date | None, today: date) -> int | None:
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _profile(row: dict[str, Any], today: date) -> CandidateProfile:
    name = " ".join(
        p for p in (row["first_name"], row["name_prefix"], row["last_name"]) if p
    )
    return CandidateProfile(
        uuid=row["uuid"],
        name=name,
        age=_age(row["date_of_birth"], today),
        municipality=row["municipality__name"],
        wish_sectors=row["wish_sectors"],
        wish_occupations=row["wish_occupations"],
        wish_hours_per_week=row["wish_hours_per_week"],
        education=row["education_level__label"] or "",
        driving_licence=row["driving_licence"],
        languages=list(row["languages"] or []),
        ladder_step=row["ladder_step"],
    )


def _scored(clients: Any, vacancy: Vacancy, weights: dict[str, int]) -> Any:
    """Annotate ``score``: per criterion its points when it holds, summed."""
    clients = clients.annotate(
        is_placed=Exists(
            Proposal.objects.filter(client=OuterRef("pk"), status=ProposalStatus.HIRED)
        ),
        is_proposed=Exists(
            Proposal.objects.filter(client=OuterRef("pk"), vacancy=vacancy)
        ),
    )
    if connection.vendor != "postgresql":
        clients = clients.annotate(languages_text=Cast("languages", TextField()))
    total: Any = Value(0, output_field=IntegerField())
    for rule in RULES:
        points = weights.get(rule.criterion, 0)
        condition = rule.condition(vacancy)
        if points and condition is not None:
            total = total + Case(
                When(condition, then=Value(points)),
                default=Value(0),
                output_field=IntegerField(),
            )
    return clients.annotate(score=total)


def candidates_for_vacancy(
    *,
    user: Any,
    vacancy: Vacancy,
    limit: int = DEFAULT_LIMIT,
    today: date | None = None,
) -> list[Match]:
    """The ``limit`` best-scoring open clients the user may see, with reasons.

    Two queries: the weights, and the ranking itself (scored in the database
    with ``ORDER BY score LIMIT n``, only the work-profile columns selected);
    the breakdown of those few rows is built in Python from the same rules.
    Group-4 clients are left out of vacancies that are not beschut werk.
    """
    today = today or timezone.localdate()
    weights = current_weights()
    pool = Client.objects.open().for_user(user)
    if not vacancy.suits_beschut:
        pool = pool.exclude(target_group=BESCHUT_ONLY_GROUP)
    scored = _scored(pool, vacancy, weights)
    rows = scored.order_by("-score", "last_name", "first_name", "pk").values(
        *PROFILE_VALUES,
        "score",
        "is_proposed",
        "is_placed",
        "education_level__sort_order",
    )[:limit]
    matches = []
    for row in rows:
        # The database ranked on the sum; the reasons for these few rows come
        # from the same rules in Python (a test holds both to the same answer).
        _, breakdown = score(_facts(row, vacancy), vacancy, weights)
        matches.append(
            Match(
                profile=_profile(row, today),
                score=row["score"],
                breakdown=breakdown,
                client_id=row["pk"],
                is_proposed=row["is_proposed"],
            )
        )
    return matches


def _facts(row: dict[str, Any], vacancy: Vacancy) -> ClientFacts:
    return ClientFacts(
        wish_sectors=row["wish_sectors"],
        wish_occupations=row["wish_occupations"],
        wish_hours_per_week=row["wish_hours_per_week"],
        education_rank=row["education_level__sort_order"],
        driving_licence=row["driving_licence"],
        languages=list(row["languages"] or []),
        ladder_step=row["ladder_step"],
        is_placed=row["is_placed"],
        proposed_vacancy_ids=frozenset({vacancy.pk} if row["is_proposed"] else ()),
    )


def client_facts(client: Client) -> ClientFacts:
    """The facts about one client that matching scores on (one query: proposals)."""
    proposals = list(client.proposals.values_list("vacancy_id", "status"))
    level = client.education_level
    return ClientFacts(
        wish_sectors=client.wish_sectors,
        wish_occupations=client.wish_occupations,
        wish_hours_per_week=client.wish_hours_per_week,
        education_rank=level.sort_order if level else None,
        driving_licence=client.driving_licence,
        languages=list(client.languages or []),
        ladder_step=client.ladder_step,
        target_group=client.target_group,
        is_placed=any(status == ProposalStatus.HIRED for _, status in proposals),
        proposed_vacancy_ids=frozenset(vacancy_id for vacancy_id, _ in proposals),
    )


def _profile_parts(facts: ClientFacts) -> list[tuple[bool, str]]:
    """The parts of the work profile matching compares: (filled in, Dutch name)."""
    return [
        (bool(facts.wish_sectors.strip()), str(_("gewenste sectoren"))),
        (bool(facts.wish_occupations.strip()), str(_("gewenste beroepen"))),
        (facts.wish_hours_per_week is not None, str(_("gewenste uren per week"))),
        (facts.education_rank is not None, str(_("opleidingsniveau"))),
        (dutch_level(facts.languages) is not None, str(_("taalniveau Nederlands"))),
    ]


def missing_from_profile(facts: ClientFacts) -> list[str]:
    """The parts of the work profile that matching compares and the client lacks."""
    return [label for present, label in _profile_parts(facts) if not present]


def suggestions_for_client(
    *, user: Any, client: Client, limit: int = 20
) -> ClientVacancies:
    """Open vacancies the user may see, best first, for one client.

    A client without any work profile (no wishes, hours, education or Dutch
    level) gets no list: every vacancy would score alike on criteria that say
    nothing, so the page names what is missing instead.
    """
    facts = client_facts(client)
    parts = _profile_parts(facts)
    missing = [label for present, label in parts if not present]
    if not any(present for present, _label in parts):
        return ClientVacancies(matches=[], missing=missing, has_profile=False)
    weights = current_weights()
    vacancies = (
        Vacancy.objects.for_user(user)
        .open()
        .select_related(
            "employer", "sector_cluster", "location_municipality", "education_level"
        )
    )
    results = []
    for vacancy in vacancies:
        if not allowed_for(facts.target_group, vacancy):
            continue
        points, breakdown = score(facts, vacancy, weights)
        results.append(VacancyMatch(vacancy, points, breakdown))
    results.sort(key=lambda m: (-m.score, m.vacancy.title, m.vacancy.pk))
    return ClientVacancies(matches=results[:limit], missing=missing, has_profile=True)


def vacancies_for_client(
    *, user: Any, client: Client, limit: int = 20
) -> list[VacancyMatch]:
    """Open vacancies the user may see, best first, for one client ("passende vacatures")."""
    return suggestions_for_client(user=user, client=client, limit=limit).matches
