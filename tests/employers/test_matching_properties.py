"""Property: the database ranking and the Python rules give every client the same score.

The score of a candidate is computed twice: in SQL (``Case``/``When`` per
criterion, to rank 100,000 clients in one query) and in Python (the breakdown
shown on the page, and "passende vacatures" for one client). Hypothesis
generates vacancies, client profiles and weights; for every generated client
the ranking must hold exactly the score and breakdown the Python rules give,
and leave out exactly the clients the rules leave out.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from clients.models import Client, EducationLevel
from employers.matching import (
    allowed_for,
    candidates_for_vacancy,
    client_facts,
    current_weights,
    score,
)
from employers.matching.rules import LANGUAGE_ORDER
from employers.models import Criterion, MatchingWeight, Proposal, Vacancy
from ijmondwerkt.accounts.models import Municipality, User
from tests.clients.factories import ClientFactory
from tests.employers.factories import ProposalFactory, VacancyFactory, cluster

pytestmark = pytest.mark.django_db

CLUSTERS = ("techniek-industrie", "zorg-welzijn", "logistiek-transport", "bouw-infra")
# Words from cluster labels and occupations, in different cases, and others.
WORDS = (
    "techniek",
    "TECHNIEK",
    "Industrie",
    "zorg",
    "welzijn",
    "logistiek",
    "transport",
    "bouw",
    "lasser",
    "Lasser",
    "chauffeur",
    "verzorgende",
    "medewerker",
    "schoonmaak",
    "kok",
)
OCCUPATIONS = ("Lasser", "Chauffeur", "Verzorgende", "Medewerker", "Kok", "")
LEVELS = (
    "geen",
    "vmbo",
    "mbo1",
    "mbo2",
    "mbo3",
    "mbo4",
    "havo",
    "vwo",
    "hbo",
    "wo",
    "ad",  # added by the beheerder below, between mbo 4 and hbo
)
STATUSES = (Client.Status.ACTIVE, Client.Status.REGISTERED, Client.Status.OUTFLOWED)

wish_text = st.lists(st.sampled_from(WORDS), max_size=3).map(", ".join)

clients = st.fixed_dictionaries(
    {
        "wish_sectors": wish_text,
        "wish_occupations": wish_text,
        "wish_hours_per_week": st.none() | st.integers(0, 60),
        "education": st.none() | st.sampled_from(LEVELS),
        "driving_licence": st.booleans(),
        "dutch": st.none() | st.sampled_from(LANGUAGE_ORDER),
        "other_language": st.booleans(),
        "ladder_step": st.none() | st.integers(1, 6),
        "target_group": st.none() | st.integers(1, 4),
        "status": st.sampled_from(STATUSES),
        "proposed": st.booleans(),
        "hired_elsewhere": st.booleans(),
    }
)

vacancies = st.fixed_dictionaries(
    {
        "cluster": st.none() | st.sampled_from(CLUSTERS),
        "occupation": st.sampled_from(OCCUPATIONS),
        "half_hours": st.integers(1, 120),
        "education": st.none() | st.sampled_from(LEVELS),
        "driving_licence_required": st.booleans(),
        "language_level": st.sampled_from(("", "A1", "A2", "B1", "B2", "C1", "C2")),
        "suits_beschut": st.booleans(),
    }
)

weights = st.dictionaries(
    st.sampled_from(list(Criterion)), st.integers(-100, 100), max_size=4
)


def _level(code: str | None) -> EducationLevel | None:
    return None if code is None else EducationLevel.objects.get(code=code)


def _vacancy(spec: dict[str, Any]) -> Vacancy:
    vacancy = VacancyFactory.create(
        title=spec["occupation"] or "Vacature",
        occupation=spec["occupation"],
        sector_cluster=cluster(spec["cluster"]) if spec["cluster"] else None,
        hours_per_week=Decimal(spec["half_hours"]) / 2,
        education_level=_level(spec["education"]),
        driving_licence_required=spec["driving_licence_required"],
        language_level=spec["language_level"],
        suits_beschut=spec["suits_beschut"],
        close_date=None,
    )
    return Vacancy.objects.select_related("sector_cluster", "education_level").get(
        pk=vacancy.pk
    )


def _client(spec: dict[str, Any], municipality: Municipality) -> Client:
    languages = []
    if spec["other_language"]:
        languages.append({"language": "Engels", "level": "B2"})
    if spec["dutch"]:
        languages.append({"language": "Nederlands", "level": spec["dutch"]})
    group = spec["target_group"]
    return ClientFactory.create(
        municipality=municipality,
        wish_sectors=spec["wish_sectors"],
        wish_occupations=spec["wish_occupations"],
        wish_hours_per_week=spec["wish_hours_per_week"],
        education_level=_level(spec["education"]),
        driving_licence=spec["driving_licence"],
        languages=languages,
        ladder_step=spec["ladder_step"],
        target_group=group,
        target_group_date=None if group is None else timezone.localdate(),
        status=spec["status"],
    )


@pytest.fixture
def beheerder_added_level(db: None) -> EducationLevel:
    """A level the beheerder adds to the code list: associate degree (NLQF 5)."""
    hbo = EducationLevel.objects.get(code="hbo").sort_order
    EducationLevel.objects.filter(sort_order__gte=hbo).update(
        sort_order=F("sort_order") + 1
    )
    return EducationLevel.objects.create(
        code="ad", label="Associate degree", sort_order=hbo
    )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    vacancy_spec=vacancies,
    client_specs=st.lists(clients, min_size=1, max_size=5),
    weight_changes=weights,
)
def test_sql_ranking_and_python_rules_agree(
    werkmakelaar: User,
    velsen: Municipality,
    beheerder_added_level: EducationLevel,
    vacancy_spec: dict[str, Any],
    client_specs: list[dict[str, Any]],
    weight_changes: dict[Criterion, int],
) -> None:
    with transaction.atomic():
        for criterion, points in weight_changes.items():
            MatchingWeight.objects.filter(criterion=criterion).update(points=points)
        vacancy = _vacancy(vacancy_spec)
        elsewhere = VacancyFactory.create(title="Elders", close_date=None)
        made = []
        for spec in client_specs:
            client = _client(spec, velsen)
            if spec["proposed"]:
                ProposalFactory.create(
                    vacancy=vacancy, client=client, proposed_by=werkmakelaar
                )
            if spec["hired_elsewhere"]:
                ProposalFactory.create(
                    vacancy=elsewhere,
                    client=client,
                    proposed_by=werkmakelaar,
                    status=Proposal.Status.HIRED,
                )
            made.append(client)

        ranked = candidates_for_vacancy(user=werkmakelaar, vacancy=vacancy, limit=100)
        by_uuid = {match.profile.uuid: match for match in ranked}
        table = current_weights()
        for client in Client.objects.filter(pk__in=[c.pk for c in made]).select_related(
            "education_level"
        ):
            facts = client_facts(client)
            candidate = client.is_open and allowed_for(facts.target_group, vacancy)
            assert (client.uuid in by_uuid) == candidate
            if candidate:
                match = by_uuid[client.uuid]
                assert (match.score, match.breakdown) == score(facts, vacancy, table)
                assert sum(part.points for part in match.breakdown) == match.score
        assert [m.score for m in ranked] == sorted(
            (m.score for m in ranked), reverse=True
        )
        transaction.set_rollback(True)
