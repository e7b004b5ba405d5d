"""Proposals (voordrachten): rules in the service, the pages and the pipeline."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clients.models import Client
from employers import services
from employers.models import Proposal, Vacancy
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.domain import NotFound
from tests.clients.factories import ClientFactory
from tests.conftest import logged_in, make_staff
from tests.employers.factories import ProposalFactory, VacancyFactory

pytestmark = pytest.mark.django_db

S = Proposal.Status


def propose(user: User, vacancy: Vacancy, client: Client) -> Proposal:
    return services.proposal_create(user=user, vacancy=vacancy, client=client)


# --- service rules -------------------------------------------------------------------


def test_propose_records_who_and_when(
    werkmakelaar: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    proposal = propose(werkmakelaar, welder_vacancy, hand_made["ideal"])
    assert proposal.status == S.PROPOSED
    assert proposal.proposed_by == werkmakelaar
    assert proposal.proposed_on == timezone.localdate()


def test_proposing_twice_is_refused_and_nothing_stored(
    werkmakelaar: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    propose(werkmakelaar, welder_vacancy, hand_made["ideal"])
    with pytest.raises(ValidationError) as error:
        propose(werkmakelaar, welder_vacancy, hand_made["ideal"])
    assert error.value.message_dict == {
        "client": ["Deze werkzoekende is al voorgedragen voor deze vacature."]
    }
    assert Proposal.objects.count() == 1


def test_a_client_the_user_may_not_see_is_not_found(
    velsen: Municipality, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    velsen_only = make_staff("wm_velsen", Role.WERKMAKELAAR, [velsen])
    with pytest.raises(NotFound):
        propose(velsen_only, welder_vacancy, hand_made["beverwijk"])
    assert not Proposal.objects.exists()


def test_closed_vacancy_and_closed_file_are_refused(
    werkmakelaar: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    with pytest.raises(ValidationError, match="gesloten"):
        propose(werkmakelaar, welder_vacancy, hand_made["outflowed"])
    filled = VacancyFactory.create(filled=True)
    with pytest.raises(ValidationError, match="gesloten vacature"):
        propose(werkmakelaar, filled, hand_made["ideal"])
    assert not Proposal.objects.exists()


def test_pipeline_moves_forward_with_dates(
    werkmakelaar: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    proposal = propose(werkmakelaar, welder_vacancy, hand_made["ideal"])
    today = timezone.localdate()
    proposal = services.proposal_advance(proposal=proposal, status=S.INVITED)
    assert (proposal.status, proposal.invited_on) == (S.INVITED, today)
    with pytest.raises(ValidationError, match="kan niet naar Voorgesteld"):
        services.proposal_advance(proposal=proposal, status=S.PROPOSED)
    proposal = services.proposal_advance(
        proposal=proposal, status=S.INTERVIEW, on=today + timedelta(days=3)
    )
    assert proposal.interview_on == today + timedelta(days=3)


def test_a_final_status_is_final(
    werkmakelaar: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    proposal = propose(werkmakelaar, welder_vacancy, hand_made["ideal"])
    proposal = services.proposal_advance(proposal=proposal, status=S.WITHDRAWN)
    assert proposal.decided_on == timezone.localdate()
    for status in (S.INVITED, S.HIRED, S.REJECTED):
        with pytest.raises(ValidationError, match="al afgerond"):
            services.proposal_advance(
                proposal=proposal, status=status, rejection_reason="overig"
            )
    proposal.refresh_from_db()
    assert proposal.status == S.WITHDRAWN


def test_rejection_needs_a_reason_and_only_rejection_has_one(
    werkmakelaar: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    proposal = propose(werkmakelaar, welder_vacancy, hand_made["ideal"])
    with pytest.raises(ValidationError) as error:
        services.proposal_advance(proposal=proposal, status=S.REJECTED)
    assert "rejection_reason" in error.value.message_dict
    with pytest.raises(ValidationError, match="alleen bij een afwijzing"):
        services.proposal_advance(
            proposal=proposal, status=S.INVITED, rejection_reason="overig"
        )
    proposal = services.proposal_advance(
        proposal=proposal, status=S.REJECTED, rejection_reason="andere-kandidaat"
    )
    assert proposal.get_rejection_reason_display() == (
        "Werkgever koos een andere kandidaat"
    )


def test_a_date_before_the_proposal_is_refused(
    werkmakelaar: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    proposal = propose(werkmakelaar, welder_vacancy, hand_made["ideal"])
    with pytest.raises(ValidationError, match="vóór de datum van de voordracht"):
        services.proposal_advance(
            proposal=proposal, status=S.INVITED, on=date(2000, 1, 1)
        )


def test_hiring_the_last_place_fills_the_vacancy(
    werkmakelaar: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    welder_vacancy.places = 2
    welder_vacancy.save()
    first = propose(werkmakelaar, welder_vacancy, hand_made["ideal"])
    second = propose(werkmakelaar, welder_vacancy, hand_made["partial"])
    services.proposal_advance(proposal=first, status=S.HIRED)
    welder_vacancy.refresh_from_db()
    assert welder_vacancy.status == Vacancy.Status.OPEN
    services.proposal_advance(proposal=second, status=S.HIRED)
    welder_vacancy.refresh_from_db()
    assert welder_vacancy.status == Vacancy.Status.FILLED


# --- pages -----------------------------------------------------------------------------


def test_vacancy_page_shows_ranked_candidates_without_sensitive_data(
    werkmakelaar: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    page = logged_in(werkmakelaar).get(welder_vacancy.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index("Ideaal") < html.index("Deels") < html.index("Weinig")
    assert "score 110" in html
    assert "Geen rijbewijs (wel nodig)" in html
    assert "Voordragen" in html
    ideal = hand_made["ideal"]
    assert "GEHEIM-BELEMMERING" not in html
    assert ideal.bsn not in html and ideal.bsn_masked not in html


def test_propose_and_advance_from_the_page(
    werkmakelaar: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    browser = logged_in(werkmakelaar)
    url = f"/vacatures/{welder_vacancy.uuid}/voordragen"
    response = browser.post(url, {"client": hand_made["ideal"].uuid}, follow=True)
    assert "is voorgedragen voor Lasser" in response.content.decode()
    again = browser.post(url, {"client": hand_made["ideal"].uuid}, follow=True)
    assert "al voorgedragen voor deze vacature" in again.content.decode()
    assert Proposal.objects.count() == 1
    proposal = Proposal.objects.get()
    status_url = f"/vacatures/voordrachten/{proposal.uuid}/status"
    browser.post(status_url, {"status": "uitgenodigd", "version": proposal.version})
    proposal.refresh_from_db()
    assert proposal.status == S.INVITED
    # A second tab still showing the old board: its click is refused, not applied.
    stale = browser.post(
        status_url, {"status": "teruggetrokken", "version": 1}, follow=True
    )
    assert "intussen gewijzigd door" in stale.content.decode()
    proposal.refresh_from_db()
    assert (proposal.status, proposal.version) == (S.INVITED, 2)
    page = browser.get(f"/werkgevers/{welder_vacancy.employer.uuid}/").content.decode()
    assert "Uitgenodigd" in page and "Ideaal" in page


def test_proposing_a_foreign_client_from_the_page_is_404(
    velsen: Municipality, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    browser = logged_in(make_staff("wm_velsen", Role.WERKMAKELAAR, [velsen]))
    response = browser.post(
        f"/vacatures/{welder_vacancy.uuid}/voordragen",
        {"client": hand_made["beverwijk"].uuid},
    )
    assert response.status_code == 404
    assert not Proposal.objects.exists()


def test_klantmanager_may_not_propose(
    klantmanager_velsen: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    response = logged_in(klantmanager_velsen).post(
        f"/vacatures/{welder_vacancy.uuid}/voordragen",
        {"client": hand_made["ideal"].uuid},
    )
    assert response.status_code == 403
    assert not Proposal.objects.exists()


def test_client_page_partial_lists_fitting_vacancies_for_own_clients_only(
    klantmanager_velsen: User,
    klantmanager_beverwijk: User,
    welder_vacancy: Vacancy,
    hand_made: dict[str, Client],
) -> None:
    url = f"/vacatures/passend/{hand_made['ideal'].uuid}"
    browser = logged_in(klantmanager_velsen)
    section = browser.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Passende vacatures" in section and "Lasser" in section
    assert "<html" not in section  # htmx swaps it into the client file
    page = browser.get(url).content.decode()  # without script: a whole page
    assert "<html" in page and "Lasser" in page
    assert hand_made["ideal"].get_absolute_url() in page
    assert logged_in(klantmanager_beverwijk).get(url).status_code == 404


def test_pipeline_board_shows_every_state(
    werkmakelaar: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    ProposalFactory.create(
        vacancy=welder_vacancy,
        client=hand_made["poor"],
        proposed_by=werkmakelaar,
        status=S.REJECTED,
        rejection_reason="functie-eisen",
    )
    html = logged_in(werkmakelaar).get(welder_vacancy.get_absolute_url()).content
    text = html.decode()
    for label in ("Voorgesteld", "Uitgenodigd", "Gesprek", "Aangenomen", "Afgewezen"):
        assert label in text
    assert "Voldoet niet aan de functie-eisen" in text


@pytest.mark.parametrize(
    "persona", ["manager", "beheerder", "privacy_officer", "user_without_role"]
)
def test_other_roles_get_no_matching_pipeline_or_fitting_vacancies(
    request: pytest.FixtureRequest,
    persona: str,
    werkmakelaar: User,
    welder_vacancy: Vacancy,
    hand_made: dict[str, Client],
) -> None:
    proposal = ProposalFactory.create(
        vacancy=welder_vacancy, client=hand_made["ideal"], proposed_by=werkmakelaar
    )
    browser = logged_in(request.getfixturevalue(persona))
    assert browser.get(welder_vacancy.get_absolute_url()).status_code == 403
    assert (
        browser.get(f"/vacatures/passend/{hand_made['ideal'].uuid}").status_code == 403
    )
    propose_url = f"/vacatures/{welder_vacancy.uuid}/voordragen"
    assert (
        browser.post(propose_url, {"client": hand_made["poor"].uuid}).status_code == 403
    )
    advance_url = f"/vacatures/voordrachten/{proposal.uuid}/status"
    moved = browser.post(advance_url, {"status": "teruggetrokken", "version": 1})
    assert moved.status_code == 403
    assert Proposal.objects.get().status == S.PROPOSED
    assert Proposal.objects.count() == 1


def test_vacancy_page_costs_a_fixed_number_of_queries(
    werkmakelaar: User,
    velsen: Municipality,
    welder_vacancy: Vacancy,
    hand_made: dict[str, Client],
) -> None:
    browser = logged_in(werkmakelaar)
    url = welder_vacancy.get_absolute_url()
    browser.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert browser.get(url).status_code == 200
        return len(captured)

    few = count()
    for client in ClientFactory.create_batch(8, municipality=velsen):
        ProposalFactory.create(
            vacancy=welder_vacancy, client=client, proposed_by=werkmakelaar
        )
    assert count() == few


def test_vacancy_page_shows_the_best_15_and_offers_more(
    werkmakelaar: User, velsen: Municipality, welder_vacancy: Vacancy
) -> None:
    ClientFactory.create_batch(16, municipality=velsen, status=Client.Status.ACTIVE)
    browser = logged_in(werkmakelaar)
    page = browser.get(welder_vacancy.get_absolute_url()).content.decode()
    assert page.count('class="card matching-list__item"') == 15
    assert "?kandidaten=alle" in page
    everything = browser.get(f"{welder_vacancy.get_absolute_url()}?kandidaten=alle")
    html = everything.content.decode()
    assert html.count('class="card matching-list__item"') == 16
    assert "?kandidaten=alle" not in html


def test_the_klantmanager_sees_the_proposals_of_a_client(
    klantmanager_velsen: User,
    werkmakelaar: User,
    welder_vacancy: Vacancy,
    hand_made: dict[str, Client],
) -> None:
    ProposalFactory.create(
        vacancy=welder_vacancy,
        client=hand_made["ideal"],
        proposed_by=werkmakelaar,
        status=S.INVITED,
        invited_on=timezone.localdate(),
    )
    url = f"/vacatures/passend/{hand_made['ideal'].uuid}"
    html = logged_in(klantmanager_velsen).get(url).content.decode()
    assert "Voordrachten" in html
    assert "Staalbouw IJmond B.V." in html and "Uitgenodigd" in html
    other = f"/vacatures/passend/{hand_made['poor'].uuid}"
    without = logged_in(klantmanager_velsen).get(other)
    assert without.status_code == 200
    assert "Voordrachten van deze werkzoekende" not in without.content.decode()


def test_the_klantmanager_hears_of_each_step_that_needs_them(
    werkmakelaar: User,
    klantmanager_velsen: User,
    welder_vacancy: Vacancy,
    hand_made: dict[str, Client],
) -> None:
    from ijmondwerkt.inbox.models import Task

    ideal = hand_made["ideal"]
    ideal.klantmanager = klantmanager_velsen
    ideal.save()
    proposal = propose(werkmakelaar, welder_vacancy, ideal)
    proposal = services.proposal_advance(proposal=proposal, status=S.INVITED)
    proposal = services.proposal_advance(proposal=proposal, status=S.INTERVIEW)
    services.proposal_advance(
        proposal=proposal, status=S.REJECTED, rejection_reason="andere-kandidaat"
    )
    titles = list(
        Task.objects.filter(assignee=klantmanager_velsen)
        .order_by("pk")
        .values_list("title", flat=True)
    )
    assert titles == [
        f"{ideal.full_name} is voorgedragen voor Lasser bij Staalbouw IJmond B.V.",
        f"{ideal.full_name} is uitgenodigd voor een gesprek: Lasser bij "
        "Staalbouw IJmond B.V.",
        f"{ideal.full_name} is afgewezen voor Lasser bij Staalbouw IJmond B.V. "
        "(Werkgever koos een andere kandidaat)",
    ]
    assert {t.link for t in Task.objects.all()} == {ideal.get_absolute_url()}
    assert not Task.objects.exclude(assignee=klantmanager_velsen).exists()
    # A client without a klantmanager: nobody to tell, nothing fails.
    propose(werkmakelaar, welder_vacancy, hand_made["partial"])
    assert Task.objects.count() == 3
