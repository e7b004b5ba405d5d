"""Matching: rank clients for a vacancy (and vacancies for a client) with reasons.

Matching proposes, a person chooses. The score is a weighted sum of named
criteria; every criterion that applies is returned with its points, so the
page can say "gewenste sector past +30, geen rijbewijs −25". Weights are data
(``MatchingWeight``, edited by the functioneel beheerder).

``rules`` holds each criterion twice (a database condition and a Python
predicate); ``ranking`` uses them in both directions: ranking 100,000 clients
for a vacancy is one query with ``Case``/``When`` per criterion and
``ORDER BY score LIMIT n``; the handful of open vacancies for one client is
scored in Python.
"""

from .ranking import (
    DEFAULT_LIMIT,
    PROFILE_VALUES,
    CandidateProfile,
    ClientVacancies,
    Match,
    VacancyMatch,
    candidates_for_vacancy,
    client_facts,
    missing_from_profile,
    suggestions_for_client,
    vacancies_for_client,
)
from .rules import (
    BESCHUT_ONLY_GROUP,
    RULES,
    ClientFacts,
    Contribution,
    Rule,
    allowed_for,
    current_weights,
    keywords,
    score,
)

__all__ = [
    "BESCHUT_ONLY_GROUP",
    "DEFAULT_LIMIT",
    "PROFILE_VALUES",
    "RULES",
    "CandidateProfile",
    "ClientFacts",
    "ClientVacancies",
    "Contribution",
    "Match",
    "Rule",
    "VacancyMatch",
    "allowed_for",
    "candidates_for_vacancy",
    "client_facts",
    "current_weights",
    "keywords",
    "missing_from_profile",
    "score",
    "suggestions_for_client",
    "vacancies_for_client",
]
