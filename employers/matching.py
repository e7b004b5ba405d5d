"""Matching: rank clients for a vacancy (and vacancies for a client) with reasons.

Matching proposes, a person chooses. The score is a weighted sum of named
criteria; every criterion that applies is returned with its points, so the
page can say "gewenste sector past +30, geen rijbewijs −25". Weights are data
(``MatchingWeight``, edited by the functioneel beheerder).

Each rule is written twice, side by side: as a database condition (``Q``), so
ranking 100,000 clients is one query with ``Case``/``When`` per criterion and
``ORDER BY score LIMIT n``, and as a Python predicate for the other direction
(a handful of open vacancies for one client). A test checks both agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils import timezone

from clients.models import Client
from employers.models import (
    DEFAULT_WEIGHTS,
    Criterion,
    MatchingWeight,
    Proposal,
    ProposalStatus,
    Vacancy,
)

DEFAULT_LIMIT = 50
HOURS_FIT_MARGIN = 4  # wish within ±4 hours of the vacancy fits
HOURS_MISMATCH_MARGIN = 12  # more than 12 hours apart is a mismatch
READY_FOR_WORK_STEP = 4  # ladder step 4 (onbetaald werk) and up
BESCHUT_ONLY_GROUP = 4

# Education codes (same codes in clients.EducationLevel and employers.EducationLevel)
# ranked roughly by the Dutch qualification framework (NLQF). A code the
# beheerder adds later without a rank here counts as unknown: no points.
EDUCATION_RANK: dict[str, int] = {
    "geen": 0,
    "vmbo": 1,
    "mbo1": 1,
    "mbo2": 2,
    "mbo3": 3,
    "havo": 4,
    "mbo4": 4,
    "vwo": 4,
    "hbo": 6,
    "wo": 7,
}
LANGUAGE_ORDER = ("A1", "A2", "B1", "B2", "C1", "C2", "moedertaal")
DUTCH = "Nederlands"


# --- the facts both directions score on ------------------------------------------


@dataclass(frozen=True)
class ClientFacts:
    """What matching knows about a client: the work profile, nothing more."""

    wish_sectors: str = ""
    wish_occupations: str = ""
    wish_hours_per_week: int | None = None
    education_code: str | None = None
    driving_licence: bool = False
    languages: list[dict[str, str]] = field(default_factory=list)
    ladder_step: int | None = None
    target_group: int | None = None
    is_placed: bool = False
    proposed_vacancy_ids: frozenset[int] = frozenset()


# Words too general to say anything about a wish: "medewerker" sits inside
# "productiemedewerker" and "kassamedewerker" alike.
GENERIC_WORDS = frozenset(
    {"medewerker", "medewerkster", "junior", "senior", "allround", "algemeen"}
)


def keywords(*texts: str) -> list[str]:
    """Telling words of four letters or more, lower case.

    'Techniek & industrie' → industrie, techniek; 'Facilitair medewerker' →
    facilitair (a general word like "medewerker" would match every wish).
    """
    words = re.split(r"[^\w]+", " ".join(texts).lower())
    return sorted({w for w in words if len(w) >= 4 and w not in GENERIC_WORDS})


def sector_keywords(vacancy: Vacancy) -> list[str]:
    cluster = vacancy.sector_cluster
    return keywords(cluster.label, cluster.code) if cluster else []


def occupation_keywords(vacancy: Vacancy) -> list[str]:
    return keywords(vacancy.occupation or vacancy.title)


def education_codes(required: str, *, met: bool) -> list[str]:
    needed = EDUCATION_RANK.get(required)
    if needed is None:
        return []
    return [c for c, rank in EDUCATION_RANK.items() if (rank >= needed) == met]


def language_levels(required: str, *, met: bool) -> list[str]:
    if required not in LANGUAGE_ORDER:
        return []
    position = LANGUAGE_ORDER.index(required)
    return list(LANGUAGE_ORDER[position:] if met else LANGUAGE_ORDER[:position])


def dutch_level(languages: Iterable[dict[str, str]]) -> str | None:
    for item in languages:
        if isinstance(item, dict) and item.get("language") == DUTCH:
            return item.get("level")
    return None


def _any_icontains(name: str, words: list[str]) -> Q | None:
    if not words:
        return None
    condition = Q()
    for word in words:
        condition |= Q(**{f"{name}__icontains": word})
    return condition


def _dutch_at(levels: list[str]) -> Q | None:
    """Clients whose Dutch is at one of ``levels`` (JSON list of language/level)."""
    if not levels:
        return None
    if connection.vendor == "postgresql":
        condition = Q()
        for level in levels:
            condition |= Q(languages__contains=[{"language": DUTCH, "level": level}])
        return condition
    # SQLite (local checkouts) has no JSON containment; it stores the list as
    # written by json.dumps, so the text form is predictable.
    pattern = '"language": "{}", "level": "({})"'.format(DUTCH, "|".join(levels))
    return Q(languages_text__regex=pattern)


# --- the rules -------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    criterion: Criterion
    condition: Callable[[Vacancy], Q | None]  # on Client, None: cannot apply
    holds: Callable[[ClientFacts, Vacancy], bool]


def _hours(vacancy: Vacancy) -> Decimal:
    return Decimal(vacancy.hours_per_week)


def _hours_fit_q(v: Vacancy) -> Q:
    return Q(
        wish_hours_per_week__gte=_hours(v) - HOURS_FIT_MARGIN,
        wish_hours_per_week__lte=_hours(v) + HOURS_FIT_MARGIN,
    )


def _hours_fit(c: ClientFacts, v: Vacancy) -> bool:
    wish = c.wish_hours_per_week
    return wish is not None and abs(wish - _hours(v)) <= HOURS_FIT_MARGIN


def _hours_mismatch_q(v: Vacancy) -> Q:
    return Q(wish_hours_per_week__lt=_hours(v) - HOURS_MISMATCH_MARGIN) | Q(
        wish_hours_per_week__gt=_hours(v) + HOURS_MISMATCH_MARGIN
    )


def _hours_mismatch(c: ClientFacts, v: Vacancy) -> bool:
    wish = c.wish_hours_per_week
    return wish is not None and abs(wish - _hours(v)) > HOURS_MISMATCH_MARGIN


def _words_in(text: str, words: list[str]) -> bool:
    text = text.lower()
    return any(word in text for word in words)


def _education_q(v: Vacancy, met: bool) -> Q | None:
    codes = education_codes(v.education_level, met=met) if v.education_level else []
    return Q(education_level__code__in=codes) if codes else None


def _education(c: ClientFacts, v: Vacancy, met: bool) -> bool:
    if not v.education_level or c.education_code is None:
        return False
    return c.education_code in education_codes(v.education_level, met=met)


def _language_q(v: Vacancy, met: bool) -> Q | None:
    if not v.language_level:
        return None
    return _dutch_at(language_levels(v.language_level, met=met))


def _language(c: ClientFacts, v: Vacancy, met: bool) -> bool:
    level = dutch_level(c.languages)
    if not v.language_level or level is None:
        return False
    return level in language_levels(v.language_level, met=met)


RULES: tuple[Rule, ...] = (
    Rule(
        Criterion.SECTOR_WISH,
        lambda v: _any_icontains("wish_sectors", sector_keywords(v)),
        lambda c, v: _words_in(c.wish_sectors, sector_keywords(v)),
    ),
    Rule(
        Criterion.OCCUPATION_WISH,
        lambda v: _any_icontains("wish_occupations", occupation_keywords(v)),
        lambda c, v: _words_in(c.wish_occupations, occupation_keywords(v)),
    ),
    Rule(Criterion.HOURS_FIT, _hours_fit_q, _hours_fit),
    Rule(Criterion.HOURS_MISMATCH, _hours_mismatch_q, _hours_mismatch),
    Rule(
        Criterion.EDUCATION_MET,
        lambda v: _education_q(v, True),
        lambda c, v: _education(c, v, True),
    ),
    Rule(
        Criterion.EDUCATION_BELOW,
        lambda v: _education_q(v, False),
        lambda c, v: _education(c, v, False),
    ),
    Rule(
        Criterion.NO_DRIVING_LICENCE,
        lambda v: Q(driving_licence=False) if v.driving_licence_required else None,
        lambda c, v: v.driving_licence_required and not c.driving_licence,
    ),
    Rule(
        Criterion.LANGUAGE_MET,
        lambda v: _language_q(v, True),
        lambda c, v: _language(c, v, True),
    ),
    Rule(
        Criterion.LANGUAGE_BELOW,
        lambda v: _language_q(v, False),
        lambda c, v: _language(c, v, False),
    ),
    Rule(
        Criterion.READY_FOR_WORK,
        lambda v: Q(current_ladder_step__gte=READY_FOR_WORK_STEP),
        lambda c, v: (c.ladder_step or 0) >= READY_FOR_WORK_STEP,
    ),
    Rule(
        Criterion.ALREADY_PLACED,
        lambda v: Q(is_placed=True),
        lambda c, v: c.is_placed,
    ),
    Rule(
        Criterion.ALREADY_PROPOSED,
        lambda v: Q(is_proposed=True),
        lambda c, v: v.pk in c.proposed_vacancy_ids,
    ),
)


def current_weights() -> dict[str, int]:
    """Points per criterion: the beheerder's table, defaults for any row missing."""
    stored = dict(MatchingWeight.objects.values_list("criterion", "points"))
    return {str(c): stored.get(c, DEFAULT_WEIGHTS[c]) for c in Criterion}


def allowed_for(target_group: int | None, vacancy: Vacancy) -> bool:
    """Group 4 (participation and care) is matched with beschut werk only."""
    return target_group != BESCHUT_ONLY_GROUP or vacancy.suits_beschut


# --- results -------------------------------------------------------------------------


@dataclass(frozen=True)
class Contribution:
    label: str
    points: int


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
    "current_ladder_step",
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
        ladder_step=row["current_ladder_step"],
    )


def _scored(clients: Any, vacancy: Vacancy, weights: dict[str, int]) -> Any:
    """Annotate ``score``: per criterion its points when it holds, summed."""
    clients = clients.with_current_ladder_step().annotate(
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
        *PROFILE_VALUES, "score", "is_proposed", "is_placed", "education_level__code"
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
        education_code=row["education_level__code"],
        driving_licence=row["driving_licence"],
        languages=list(row["languages"] or []),
        ladder_step=row["current_ladder_step"],
        is_placed=row["is_placed"],
        proposed_vacancy_ids=frozenset({vacancy.pk} if row["is_proposed"] else ()),
    )


def client_facts(client: Client) -> ClientFacts:
    """The facts about one client that matching scores on (three small queries)."""
    step = (
        Client.objects.filter(pk=client.pk)
        .with_current_ladder_step()
        .values_list("current_ladder_step", flat=True)
        .first()
    )
    proposals = list(client.proposals.values_list("vacancy_id", "status"))
    return ClientFacts(
        wish_sectors=client.wish_sectors,
        wish_occupations=client.wish_occupations,
        wish_hours_per_week=client.wish_hours_per_week,
        education_code=client.education_level.code if client.education_level else None,
        driving_licence=client.driving_licence,
        languages=list(client.languages or []),
        ladder_step=step,
        target_group=client.target_group,
        is_placed=any(status == ProposalStatus.HIRED for _, status in proposals),
        proposed_vacancy_ids=frozenset(vacancy_id for vacancy_id, _ in proposals),
    )


def score(
    facts: ClientFacts, vacancy: Vacancy, weights: dict[str, int]
) -> tuple[int, list[Contribution]]:
    """Score one client against one vacancy in Python: the same rules as the query."""
    breakdown = [
        Contribution(str(rule.criterion.label), weights[rule.criterion])
        for rule in RULES
        if weights.get(rule.criterion) and rule.holds(facts, vacancy)
    ]
    return sum(c.points for c in breakdown), breakdown


def vacancies_for_client(
    *, user: Any, client: Client, limit: int = 20
) -> list[VacancyMatch]:
    """Open vacancies the user may see, best first, for one client ("passende vacatures")."""
    facts = client_facts(client)
    weights = current_weights()
    vacancies = (
        Vacancy.objects.for_user(user)
        .open()
        .select_related("employer", "sector_cluster", "location_municipality")
    )
    results = []
    for vacancy in vacancies:
        if not allowed_for(facts.target_group, vacancy):
            continue
        points, breakdown = score(facts, vacancy, weights)
        results.append(VacancyMatch(vacancy, points, breakdown))
    results.sort(key=lambda m: (-m.score, m.vacancy.title, m.vacancy.pk))
    return results[:limit]
