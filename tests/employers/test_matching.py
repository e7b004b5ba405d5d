"""Matching: a ranked, explained list of candidates; it proposes, a person chooses."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from django.db.models import F

from clients.models import Client, EducationLevel
from employers.matching import (
    candidates_for_vacancy,
    client_facts,
    current_weights,
    score,
    suggestions_for_client,
    vacancies_for_client,
)
from employers.models import Criterion, MatchingWeight, Proposal, Vacancy
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from tests.conftest import logged_in, make_staff
from tests.employers.factories import ProposalFactory, VacancyFactory, cluster

pytestmark = pytest.mark.django_db


def _names(matches: list) -> list[str]:
    return [m.profile.name.split()[0] for m in matches]


def test_hand_made_case_is_ranked_by_score(
    werkmakelaar: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    matches = candidates_for_vacancy(user=werkmakelaar, vacancy=welder_vacancy)
    assert _names(matches) == ["Ideaal", "Elders", "Deels", "Weinig"]
    assert [m.score for m in matches] == [110, 30, 10, -40]


def test_breakdown_explains_and_adds_up_to_the_score(
    werkmakelaar: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    matches = candidates_for_vacancy(user=werkmakelaar, vacancy=welder_vacancy)
    for match in matches:
        assert sum(part.points for part in match.breakdown) == match.score
    poor = {p.label: p.points for p in matches[-1].breakdown}
    assert poor == {
        "Gewenste uren passen": 20,
        "Opleidingsniveau lager dan gevraagd": -20,
        "Geen rijbewijs (wel nodig)": -25,
        "Taalniveau Nederlands lager dan gevraagd": -15,
    }


def test_database_and_python_scoring_agree(
    werkmakelaar: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    weights = current_weights()
    for match in candidates_for_vacancy(user=werkmakelaar, vacancy=welder_vacancy):
        client = Client.objects.get(uuid=match.profile.uuid)
        points, breakdown = score(client_facts(client), welder_vacancy, weights)
        assert (points, breakdown) == (match.score, match.breakdown)


def test_only_open_clients_the_user_may_see(
    velsen: Municipality, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    velsen_only = make_staff("wm_velsen", Role.WERKMAKELAAR, [velsen])
    names = _names(candidates_for_vacancy(user=velsen_only, vacancy=welder_vacancy))
    assert "Elders" not in names  # Beverwijk
    assert "Weg" not in names  # outflowed


def test_group_4_only_for_beschut_vacancies(
    werkmakelaar: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    names = _names(candidates_for_vacancy(user=werkmakelaar, vacancy=welder_vacancy))
    assert "Beschut" not in names
    welder_vacancy.suits_beschut = True
    welder_vacancy.save()
    names = _names(candidates_for_vacancy(user=werkmakelaar, vacancy=welder_vacancy))
    assert "Beschut" in names


def test_already_proposed_and_placed_are_penalised_and_shown(
    werkmakelaar: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    ProposalFactory.create(
        vacancy=welder_vacancy, client=hand_made["ideal"], proposed_by=werkmakelaar
    )
    ProposalFactory.create(
        client=hand_made["partial"],
        proposed_by=werkmakelaar,
        status=Proposal.Status.HIRED,
        vacancy=VacancyFactory.create(title="Monteur"),
    )
    by_name = {
        m.profile.name.split()[0]: m
        for m in candidates_for_vacancy(user=werkmakelaar, vacancy=welder_vacancy)
    }
    ideal = by_name["Ideaal"]
    assert ideal.score == 10 and ideal.is_proposed
    assert ("Al voorgedragen voor deze vacature", -100) in [
        (p.label, p.points) for p in ideal.breakdown
    ]
    assert by_name["Deels"].score == -40
    assert not by_name["Deels"].is_proposed


def test_weights_are_data_the_beheerder_changes(
    werkmakelaar: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    MatchingWeight.objects.filter(criterion=Criterion.SECTOR_WISH).update(points=0)
    MatchingWeight.objects.filter(criterion=Criterion.NO_DRIVING_LICENCE).update(
        points=-60
    )
    matches = candidates_for_vacancy(user=werkmakelaar, vacancy=welder_vacancy)
    assert [m.score for m in matches] == [80, 0, -20, -75]
    assert all("sector" not in p.label for m in matches for p in m.breakdown)


def test_fixed_number_of_queries(
    werkmakelaar: User,
    welder_vacancy: Vacancy,
    hand_made: dict[str, Client],
    velsen: Municipality,
    klantmanager_velsen: User,
) -> None:
    """The weights and the ranking, plus the user's scope (municipalities and
    roles, looked up once per user): the same whatever the number of clients."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.employers.conftest import make_client

    vacancy = Vacancy.objects.select_related("sector_cluster", "education_level").get(
        pk=welder_vacancy.pk
    )

    def queries() -> int:
        user = User.objects.get(pk=werkmakelaar.pk)  # nothing cached yet
        with CaptureQueriesContext(connection) as captured:
            candidates_for_vacancy(user=user, vacancy=vacancy)
        return len(captured)

    few = queries()
    for number in range(20):
        make_client(velsen, klantmanager_velsen, step=4, first_name=f"Extra{number}")
    assert queries() == few <= 5


def test_no_visible_clients_no_candidates(
    user_without_role: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    outsider = make_staff("wm_nergens", Role.WERKMAKELAAR, [])
    assert candidates_for_vacancy(user=outsider, vacancy=welder_vacancy) == []


def test_open_vacancies_ranked_for_a_client(
    klantmanager_velsen: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    care = VacancyFactory.create(
        title="Zorghulp",
        occupation="Zorghulp",
        sector_cluster=cluster("zorg-welzijn"),
        hours_per_week=Decimal("36"),
    )
    VacancyFactory.create(title="Gesloten", filled=True)
    matches = vacancies_for_client(user=klantmanager_velsen, client=hand_made["poor"])
    assert [(m.vacancy.title, m.score) for m in matches] == [
        ("Zorghulp", 50),
        ("Lasser", -40),
    ]
    assert care.pk == matches[0].vacancy.pk
    for match in matches:
        assert sum(p.points for p in match.breakdown) == match.score


def test_a_general_word_in_the_title_is_no_occupation_match(
    werkmakelaar: User, velsen: Municipality, klantmanager_velsen: User
) -> None:
    from tests.employers.conftest import make_client

    vacancy = VacancyFactory.create(
        title="Facilitair medewerker",
        occupation="Facilitair medewerker",
        sector_cluster=cluster("schoonmaak-facilitair"),
        close_date=None,
    )
    make_client(
        velsen,
        klantmanager_velsen,
        first_name="Productie",
        wish_occupations="Productiemedewerker",
        status=Client.Status.ACTIVE,
    )
    make_client(
        velsen,
        klantmanager_velsen,
        first_name="Facilitair",
        wish_occupations="Facilitair werk",
        status=Client.Status.ACTIVE,
    )
    labels = {
        m.profile.name.split()[0]: {p.label for p in m.breakdown}
        for m in candidates_for_vacancy(user=werkmakelaar, vacancy=vacancy)
    }
    occupation = str(Criterion.OCCUPATION_WISH.label)
    assert occupation in labels["Facilitair"]
    assert occupation not in labels["Productie"]


def test_the_beheerder_edits_weights_in_beheer_and_others_cannot(
    beheerder: User, werkmakelaar: User
) -> None:
    from tests.conftest import logged_in

    weight = MatchingWeight.objects.get(criterion=Criterion.SECTOR_WISH)
    url = f"/beheer/employers/matchingweight/{weight.pk}/change/"
    admin = logged_in(beheerder)
    assert admin.get("/beheer/employers/matchingweight/").status_code == 200
    # The change page's fingerprint, as the browser posts it back.
    loaded = re.search(
        r'name="loaded_fingerprint" value="(\w+)"', admin.get(url).content.decode()
    )
    assert loaded is not None
    form = {"loaded_fingerprint": loaded.group(1)}
    too_much = admin.post(url, {**form, "points": "150"})
    assert too_much.status_code == 200
    assert "Punten liggen tussen -100 en 100." in too_much.content.decode()
    weight.refresh_from_db()
    assert weight.points == 30
    assert admin.post(url, {**form, "points": "45"}).status_code == 302
    weight.refresh_from_db()
    assert weight.points == 45
    assert current_weights()[Criterion.SECTOR_WISH] == 45

    outsider = logged_in(werkmakelaar)
    assert outsider.post(url, {"points": "-100"}).status_code in (302, 403)
    weight.refresh_from_db()
    assert weight.points == 45


def test_ready_for_work_reads_the_stored_ladder_step(
    werkmakelaar: User, velsen: Municipality, klantmanager_velsen: User
) -> None:
    from tests.employers.conftest import make_client

    vacancy = VacancyFactory.create(title="Inpakker", close_date=None)
    make_client(velsen, klantmanager_velsen, first_name="Trede", step=5)
    make_client(velsen, klantmanager_velsen, first_name="Laag", step=2)
    make_client(velsen, klantmanager_velsen, first_name="Ongemeten")
    ready = str(Criterion.READY_FOR_WORK.label)
    labels = {
        m.profile.name.split()[0]: (
            {p.label for p in m.breakdown},
            m.profile.ladder_step,
        )
        for m in candidates_for_vacancy(user=werkmakelaar, vacancy=vacancy)
    }
    assert labels["Trede"] == ({ready}, 5)
    assert labels["Laag"] == (set(), 2)
    assert labels["Ongemeten"] == (set(), None)


def test_a_level_the_beheerder_adds_to_the_code_list_scores(
    werkmakelaar: User,
    klantmanager_velsen: User,
    velsen: Municipality,
) -> None:
    """Associate degree (NLQF 5), added between mbo 4 and hbo: a vacancy can ask
    for it, and clients with it, above it and below it score accordingly."""
    from tests.employers.conftest import make_client

    hbo = EducationLevel.objects.get(code="hbo")
    EducationLevel.objects.filter(sort_order__gte=hbo.sort_order).update(
        sort_order=F("sort_order") + 1
    )
    associate = EducationLevel.objects.create(
        code="ad", label="Associate degree", sort_order=hbo.sort_order
    )
    vacancy = VacancyFactory.create(
        title="Werkvoorbereider", education_level=associate, close_date=None
    )
    for name, code in (("Ad", "ad"), ("Hbo", "hbo"), ("Mbo", "mbo4")):
        make_client(
            velsen,
            klantmanager_velsen,
            first_name=name,
            education_level=EducationLevel.objects.get(code=code),
        )
    met = str(Criterion.EDUCATION_MET.label)
    below = str(Criterion.EDUCATION_BELOW.label)
    labels = {
        m.profile.name.split()[0]: {p.label for p in m.breakdown}
        for m in candidates_for_vacancy(user=werkmakelaar, vacancy=vacancy)
    }
    assert labels == {"Ad": {met}, "Hbo": {met}, "Mbo": {below}}

    # The other direction: a client with the new level meets an mbo 3 vacancy.
    mbo3 = VacancyFactory.create(
        title="Monteur",
        education_level=EducationLevel.objects.get(code="mbo3"),
        close_date=None,
    )
    client = Client.objects.get(first_name="Ad")
    by_title = {
        m.vacancy.title: {p.label for p in m.breakdown}
        for m in vacancies_for_client(user=klantmanager_velsen, client=client)
    }
    assert by_title == {"Monteur": {met}, "Werkvoorbereider": {met}}
    assert mbo3.education_level is not None


def test_a_client_without_a_profile_gets_no_vacancies_but_what_is_missing(
    klantmanager_velsen: User, velsen: Municipality, welder_vacancy: Vacancy
) -> None:
    from tests.employers.conftest import make_client

    VacancyFactory.create_batch(3, close_date=None)
    empty = make_client(velsen, klantmanager_velsen, first_name="Leeg", step=4)
    suggestions = suggestions_for_client(user=klantmanager_velsen, client=empty)
    assert suggestions.matches == [] and not suggestions.has_profile
    assert suggestions.missing == [
        "gewenste sectoren",
        "gewenste beroepen",
        "gewenste uren per week",
        "opleidingsniveau",
        "taalniveau Nederlands",
    ]
    url = f"/vacatures/passend/{empty.uuid}"
    section = logged_in(klantmanager_velsen).get(url, headers={"HX-Request": "true"})
    text = section.content.decode()
    assert section.status_code == 200
    assert "score 0" not in text and "Lasser" not in text
    assert "Het werkprofiel is nog leeg" in text
    assert "gewenste sectoren, gewenste beroepen" in text

    # One part filled in: the list is back, and the page names what is still missing.
    Client.objects.filter(pk=empty.pk).update(wish_sectors="techniek")
    empty.refresh_from_db()
    suggestions = suggestions_for_client(user=klantmanager_velsen, client=empty)
    assert suggestions.has_profile and len(suggestions.matches) == 4
    assert "gewenste sectoren" not in suggestions.missing
    text = logged_in(klantmanager_velsen).get(url).content.decode()
    assert "Lasser" in text and "Het werkprofiel mist nog" in text
