"""The scoring rules: each criterion as a database condition and a Python predicate.

Each rule is written twice, side by side: as a condition on ``Client`` (``Q``),
so ranking 100,000 clients is one query with ``Case``/``When`` per criterion,
and as a predicate on ``ClientFacts``, for the breakdown of a few rows and for
the other direction (a handful of open vacancies for one client). A property
test holds both to the same answer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Q

from employers.models import DEFAULT_WEIGHTS, Criterion, MatchingWeight, Vacancy

HOURS_FIT_MARGIN = 4  # wish within ±4 hours of the vacancy fits
HOURS_MISMATCH_MARGIN = 12  # more than 12 hours apart is a mismatch
READY_FOR_WORK_STEP = 4  # ladder step 4 (onbetaald werk) and up
BESCHUT_ONLY_GROUP = 4

LANGUAGE_ORDER = ("A1", "A2", "B1", "B2", "C1", "C2", "moedertaal")
DUTCH = "Nederlands"


@dataclass(frozen=True)
class ClientFacts:
    """What matching knows about a client: the work profile, nothing more.

    ``education_rank`` is the place of the client's level in the education
    code list (its ``sort_order``, low to high), so a level the beheerder adds
    counts from the moment it has a place in the list.
    """

    wish_sectors: str = ""
    wish_occupations: str = ""
    wish_hours_per_week: int | None = None
    education_rank: int | None = None
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


def required_education_rank(vacancy: Vacancy) -> int | None:
    """The place of the vacancy's required level in the education code list."""
    level = vacancy.education_level
    return None if level is None else level.sort_order


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


@dataclass(frozen=True)
class Rule:
    criterion: Criterion
    condition: Callable[[Vacancy], Q | None]  # on Client, None: cannot apply
    holds: Callable[[ClientFacts, Vacancy], bool]


def _hours(vacancy: Vacancy) -> Decimal:
    return Decimal(vacancy.hours_per_week)


# The wish is whole hours and a vacancy may have half ones (20.5): the bounds
# are rounded inwards, as a lookup on an integer column would truncate 36.5
# to 36 and count a wish 4.5 hours away as fitting.


def _hours_fit_q(v: Vacancy) -> Q:
    return Q(
        wish_hours_per_week__gte=math.ceil(_hours(v) - HOURS_FIT_MARGIN),
        wish_hours_per_week__lte=math.floor(_hours(v) + HOURS_FIT_MARGIN),
    )


def _hours_fit(c: ClientFacts, v: Vacancy) -> bool:
    wish = c.wish_hours_per_week
    return wish is not None and abs(wish - _hours(v)) <= HOURS_FIT_MARGIN


def _hours_mismatch_q(v: Vacancy) -> Q:
    return Q(wish_hours_per_week__lt=math.ceil(_hours(v) - HOURS_MISMATCH_MARGIN)) | Q(
        wish_hours_per_week__gt=math.floor(_hours(v) + HOURS_MISMATCH_MARGIN)
    )


def _hours_mismatch(c: ClientFacts, v: Vacancy) -> bool:
    wish = c.wish_hours_per_week
    return wish is not None and abs(wish - _hours(v)) > HOURS_MISMATCH_MARGIN


def _words_in(text: str, words: list[str]) -> bool:
    text = text.lower()
    return any(word in text for word in words)


def _education_q(v: Vacancy, met: bool) -> Q | None:
    required = required_education_rank(v)
    if required is None:
        return None
    lookup = "gte" if met else "lt"
    return Q(**{f"education_level__sort_order__{lookup}": required})


def _education(c: ClientFacts, v: Vacancy, met: bool) -> bool:
    required = required_education_rank(v)
    if required is None or c.education_rank is None:
        return False
    return (c.education_rank >= required) == met


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
        # The stored current step (kept by the ladder service): a plain,
        # indexed column instead of a lookup in the ladder history per client.
        lambda v: Q(ladder_step__gte=READY_FOR_WORK_STEP),
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


@dataclass(frozen=True)
class Contribution:
    label: str
    points: int


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
