"""The placement pages: the placement with follow-up and the subsidy line by
line, follow-up and assessment forms, hiring a proposal with its placement,
the suggestions of a start, what a werkmakelaar sees, and query counts."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clients.models import Client, LadderMeasurement
from employers.models import Proposal, ProposalStatus
from tests.clients.factories import ClientFactory
from tests.conftest import logged_in
from tests.employers.factories import EmployerFactory, ProposalFactory, VacancyFactory
from tests.trajectories.factories import (
    PlacementFactory,
    WageValueAssessmentFactory,
    assessment_method,
    placement_kind,
)
from trajectories.models import FollowUp, Placement, WageValueAssessment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mid_october(time_machine: Any) -> None:
    """The pages choose this month and refuse future dates: the clock stands still."""
    time_machine.move_to("2026-10-15T10:00:00+02:00", tick=False)


@pytest.fixture
def client_file(velsen: Any, klantmanager_velsen: Any) -> Client:
    return ClientFactory.create(
        municipality=velsen,
        klantmanager=klantmanager_velsen,
        first_name="Petra",
        last_name="Plaatsing",
        registration_date=date(2025, 6, 1),
    )


@pytest.fixture
def subsidised(client_file: Client, werkmakelaar: Any) -> Placement:
    """36 hours from 1 January 2026, loonwaarde 60 % for a year: 1,219.34 a month."""
    placement = PlacementFactory.create(
        client=client_file,
        subsidised=True,
        employer=EmployerFactory.create(name="Staalbouw IJmond B.V."),
        registered_by=werkmakelaar,
    )
    WageValueAssessmentFactory.create(placement=placement, client=client_file)
    return placement


def errors(response: Any) -> str:
    """The error summary of a page, for an assertion's message."""
    text = response.content.decode()
    found = re.search(r'<div class="error-summary".*?</div>', text, re.S)
    return found.group(0) if found else text[-2000:]


def page_of(placement: Placement, **query: str) -> str:
    url = placement.get_absolute_url()
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


# --- the placement page and its subsidy ------------------------------------------------


def test_klantmanager_sees_the_subsidy_line_by_line(
    klantmanager_velsen: Any, subsidised: Placement
) -> None:
    response = logged_in(klantmanager_velsen).get(page_of(subsidised, maand="2026-03"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Berekening voor maart 2026" in text
    for label in ("WML per maand", "Grondslag met vakantiegeld", "Maximum"):
        assert label in text
    assert "14,71 × 36 uur × 52 / 12" in text  # the formula in Dutch notation
    assert "€ 2.294,76" in text  # WML per month
    assert "<strong>€ 1.219,34</strong>" in text
    assert "31 van 31 dagen" in text
    assert "WML € 14,71 per uur" in text and "geldig vanaf 01-01-2026" in text
    assert "loonwaarde 60%, bepaald op 01-01-2026" in text
    assert f'href="{subsidised.client.get_absolute_url()}"' in text


def test_another_month_is_swapped_in_alone(
    klantmanager_velsen: Any, subsidised: Placement
) -> None:
    response = logged_in(klantmanager_velsen).get(
        page_of(subsidised, maand="2026-02"),
        headers={"HX-Request": "true", "HX-Target": "subsidie"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert text.startswith('<div id="subsidie">') and "<html" not in text
    assert "Berekening voor februari 2026" in text
    assert "28 van 28 dagen" in text
    assert 'id="subsidie-melding" hx-swap-oob="innerHTML"' in text
    assert "Loonkostensubsidie februari 2026: € 1.219,34" in text


def test_a_month_without_a_valid_assessment_says_why(
    klantmanager_velsen: Any, subsidised: Placement
) -> None:
    # The assessment runs to 1 January 2027; February 2027 has none.
    response = logged_in(klantmanager_velsen).get(page_of(subsidised, maand="2027-02"))
    text = response.content.decode()
    assert "Geen loonkostensubsidie in februari 2027" in text
    assert "Geen geldige loonwaardebepaling op 01-02-2027" in text
    assert "<strong>€" not in text


def test_an_unknown_month_shows_this_month(
    klantmanager_velsen: Any, subsidised: Placement
) -> None:
    response = logged_in(klantmanager_velsen).get(page_of(subsidised, maand="1999-13"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Berekening voor oktober 2026" in text


def test_werkmakelaar_sees_work_and_follow_up_not_the_file(
    werkmakelaar: Any, subsidised: Placement
) -> None:
    response = logged_in(werkmakelaar).get(page_of(subsidised, maand="2026-03"))
    assert response.status_code == 200
    text = response.content.decode()
    client = subsidised.client
    assert client.full_name in text  # who works there
    assert "Staalbouw IJmond B.V." in text and "Nazorg" in text
    assert client.bsn not in text
    assert client.get_absolute_url() not in text
    assert str(client.uuid) not in text
    assert "Loonwaardebepaling" not in text and "1.219,34" not in text
    assert "Voorstellen bij de start" not in text


def test_other_municipality_finds_nothing_and_werkmakelaar_no_assessment_form(
    klantmanager_beverwijk: Any, werkmakelaar: Any, subsidised: Placement
) -> None:
    assert logged_in(klantmanager_beverwijk).get(page_of(subsidised)).status_code == 404
    assessment = subsidised.assessments.get()
    edit = reverse("placements:assessment_update", args=[assessment.uuid])
    create = reverse("placements:assessment_create") + f"?plaatsing={subsidised.uuid}"
    assert logged_in(werkmakelaar).get(edit).status_code == 403
    assert logged_in(werkmakelaar).get(create).status_code == 403
    assert logged_in(klantmanager_beverwijk).get(create).status_code == 404
    # The start's suggestions are the file's: not confirmed by a werkmakelaar.
    ladder = reverse("placements:ladder_confirm", args=[subsidised.uuid])
    assert (
        logged_in(werkmakelaar).post(ladder, {"measured_on": "2026-01-01"}).status_code
        == 403
    )


# --- follow-up ------------------------------------------------------------------------


def test_werkmakelaar_records_a_follow_up_moment(
    werkmakelaar: Any, subsidised: Placement
) -> None:
    moment = subsidised.follow_ups.get(months=3)
    browser = logged_in(werkmakelaar)
    url = reverse("placements:follow_up", args=[moment.uuid])
    assert browser.get(url).status_code == 200
    response = browser.post(
        url,
        {
            "held_on": "2026-04-02",
            "outcome": "werkt",
            "note": "Gaat goed",
            "version": moment.version,
        },
    )
    assert response.status_code == 302
    moment.refresh_from_db()
    assert (moment.held_on, moment.outcome, moment.recorded_by) == (
        date(2026, 4, 2),
        "werkt",
        werkmakelaar,
    )
    text = browser.get(page_of(subsidised)).content.decode()
    assert "Werkt nog" in text and werkmakelaar.audit_name in text


def test_a_stale_follow_up_is_refused_and_nothing_stored(
    werkmakelaar: Any, subsidised: Placement
) -> None:
    moment = subsidised.follow_ups.get(months=1)
    FollowUp.objects.filter(pk=moment.pk).update(version=moment.version + 1)
    response = logged_in(werkmakelaar).post(
        reverse("placements:follow_up", args=[moment.uuid]),
        {"held_on": "2026-02-02", "outcome": "werkt", "version": moment.version},
    )
    assert response.status_code == 422
    assert "intussen gewijzigd" in response.content.decode()
    moment.refresh_from_db()
    assert moment.held_on is None


def test_a_follow_up_in_the_future_is_refused_at_the_field(
    werkmakelaar: Any, subsidised: Placement
) -> None:
    moment = subsidised.follow_ups.get(months=12)
    response = logged_in(werkmakelaar).post(
        reverse("placements:follow_up", args=[moment.uuid]),
        {"held_on": "2027-01-02", "outcome": "werkt", "version": moment.version},
    )
    assert response.status_code == 422
    assert 'id="id_held_on_error"' in response.content.decode()


# --- a proposal hired, with or without its placement --------------------------------


@pytest.fixture
def proposal(client_file: Client, werkmakelaar: Any) -> Proposal:
    vacancy = VacancyFactory.create(
        title="Lasser", hours_per_week=Decimal("32"), close_date=None, places=2
    )
    return ProposalFactory.create(
        vacancy=vacancy,
        client=client_file,
        proposed_by=werkmakelaar,
        proposed_on=date(2026, 9, 1),
    )


def hire_data(proposal: Proposal, **extra: Any) -> dict[str, Any]:
    return {
        "decided_on": "2026-10-14",
        "version": proposal.version,
        "plaatsing-kind": placement_kind("regulier").pk,
        "plaatsing-job_title": "Lasser",
        "plaatsing-start_date": "2026-11-01",
        "plaatsing-hours_per_week": "32",
        "plaatsing-wage_per_hour": "16,50",
        "plaatsing-note": "",
        **extra,
    }


def test_hiring_registers_the_placement_in_the_same_step(
    werkmakelaar: Any, proposal: Proposal
) -> None:
    browser = logged_in(werkmakelaar)
    url = reverse("placements:proposal_hire", args=[proposal.uuid])
    # The pipeline board offers it with its 'aangenomen' step.
    assert url in browser.get(proposal.vacancy.get_absolute_url()).content.decode()
    form = browser.get(url).content.decode()
    assert (
        'value="Lasser"' in form and 'name="plaatsing-hours_per_week" value="32' in form
    )
    response = browser.post(url, hire_data(proposal, with_placement="on"))
    assert response.status_code == 302, errors(response)
    proposal.refresh_from_db()
    placement = Placement.objects.get(proposal=proposal)
    assert response["Location"] == placement.get_absolute_url()
    assert proposal.status == ProposalStatus.HIRED
    assert proposal.decided_on == date(2026, 10, 14)
    assert (placement.employer, placement.vacancy) == (
        proposal.vacancy.employer,
        proposal.vacancy,
    )
    assert placement.start_date == date(2026, 11, 1)
    assert placement.wage_per_hour == Decimal("16.50")
    assert placement.follow_ups.count() == 4


def test_hiring_without_the_placement_only_records_the_decision(
    werkmakelaar: Any, proposal: Proposal
) -> None:
    response = logged_in(werkmakelaar).post(
        reverse("placements:proposal_hire", args=[proposal.uuid]),
        hire_data(proposal, **{"plaatsing-job_title": ""}),
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#sectie-voordrachten")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.HIRED
    assert not Placement.objects.filter(proposal=proposal).exists()
    # The board then offers to register it, prefilled from the vacancy.
    board = logged_in(werkmakelaar).get(proposal.vacancy.get_absolute_url())
    create = reverse("placements:create") + f"?voordracht={proposal.uuid}"
    assert create in board.content.decode()
    assert 'value="Lasser"' in logged_in(werkmakelaar).get(create).content.decode()


def test_a_refused_placement_leaves_the_proposal_as_it_was(
    werkmakelaar: Any, proposal: Proposal
) -> None:
    data = hire_data(
        proposal,
        with_placement="on",
        **{
            "plaatsing-kind": placement_kind("proefplaatsing").pk,
            "plaatsing-trial_end_date": "2027-03-01",  # four months: too long
        },
    )
    response = logged_in(werkmakelaar).post(
        reverse("placements:proposal_hire", args=[proposal.uuid]), data
    )
    assert response.status_code == 422
    assert "Er is niets opgeslagen." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED
    assert not Placement.objects.exists()


# --- register, edit, end, assess; the suggestions of a start -------------------------


def test_klantmanager_registers_work_the_client_found_and_confirms_the_suggestions(
    klantmanager_velsen: Any, client_file: Client
) -> None:
    browser = logged_in(klantmanager_velsen)
    url = reverse("placements:create") + f"?werkzoekende={client_file.uuid}"
    # Offered in the client file, for work the client found themselves.
    file_page = browser.get(client_file.get_absolute_url()).content.decode()
    assert url in file_page
    assert browser.get(url).status_code == 200
    employer = EmployerFactory.create(name="Bakkerij Velsen")
    response = browser.post(
        url,
        {
            "employer": employer.pk,
            "kind": placement_kind("regulier").pk,
            "job_title": "Bakker",
            "start_date": "2026-10-01",
            "hours_per_week": "24",
        },
    )
    assert response.status_code == 302
    placement = Placement.objects.get(client=client_file)
    text = browser.get(placement.get_absolute_url()).content.decode()
    assert "Bevestig trede 6" in text
    assert "Bevestig uitstroom: werk in loondienst" in text

    ladder = reverse("placements:ladder_confirm", args=[placement.uuid])
    response = browser.post(ladder, {"measured_on": "2026-10-01"})
    assert response.status_code == 302, errors(response)
    measured = LadderMeasurement.objects.get(client=client_file)
    assert (measured.step, measured.measured_on) == (6, date(2026, 10, 1))

    outflow = reverse("placements:outflow_confirm", args=[placement.uuid])
    assert browser.post(outflow, {"date": "2026-10-01"}).status_code == 302
    client_file.refresh_from_db()
    assert client_file.status == Client.Status.OUTFLOWED
    assert client_file.outflows.get().reason.code == "werk-loondienst"
    text = browser.get(placement.get_absolute_url()).content.decode()
    assert "Trede 6 op 01-10-2026" in text and "Uitgestroomd" in text


def test_a_refused_confirmation_shows_the_reason_at_the_field(
    klantmanager_velsen: Any, subsidised: Placement
) -> None:
    response = logged_in(klantmanager_velsen).post(
        reverse("placements:ladder_confirm", args=[subsidised.uuid]),
        {"measured_on": "2027-01-01"},  # in the future
    )
    assert response.status_code == 422
    assert 'id="id_measured_on_error"' in response.content.decode(), errors(response)
    assert not LadderMeasurement.objects.exists()


def test_edit_and_end_a_placement(werkmakelaar: Any, subsidised: Placement) -> None:
    browser = logged_in(werkmakelaar)
    edit = reverse("placements:update", args=[subsidised.uuid])
    form = browser.get(edit).content.decode()
    assert 'name="trajectory"' not in form  # the client's trajectories: not theirs
    response = browser.post(
        edit,
        {
            "kind": subsidised.kind.pk,
            "job_title": "Lasser",
            "start_date": "2026-01-01",
            "hours_per_week": "32",
            "wage_cost_subsidy": "on",
            "version": subsidised.version,
        },
    )
    assert response.status_code == 302
    subsidised.refresh_from_db()
    assert (subsidised.job_title, subsidised.hours_per_week) == (
        "Lasser",
        Decimal("32"),
    )
    end = reverse("placements:end", args=[subsidised.uuid])
    from tests.trajectories.factories import placement_end_reason

    response = browser.post(
        end,
        {
            "end_date": "2026-09-30",
            "end_reason": placement_end_reason().pk,
            "version": subsidised.version,
        },
    )
    assert response.status_code == 302
    subsidised.refresh_from_db()
    assert subsidised.end_date == date(2026, 9, 30)


def test_klantmanager_records_an_assessment(
    klantmanager_velsen: Any, subsidised: Placement
) -> None:
    browser = logged_in(klantmanager_velsen)
    url = reverse("placements:assessment_create") + f"?plaatsing={subsidised.uuid}"
    assert browser.get(url).status_code == 200
    response = browser.post(
        url,
        {
            "placement": subsidised.pk,
            "assessed_on": "2026-10-01",
            "method": assessment_method().pk,
            "assessor": "B. Jansen",
            "wage_value": "55",
        },
    )
    assert response.status_code == 302
    made = WageValueAssessment.objects.get(assessor="B. Jansen")
    assert made.next_due_date == date(2027, 10, 1)
    refused = browser.post(
        url,
        {
            "placement": subsidised.pk,
            "assessed_on": "2026-10-01",
            "method": assessment_method().pk,
            "assessor": "B. Jansen",
            "wage_value": "120",
        },
    )
    assert refused.status_code == 422
    assert WageValueAssessment.objects.count() == 2


# --- fixed query counts ------------------------------------------------------------------


def _queries(browser: Any, url: str, **headers: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = browser.get(url, headers=headers)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_list_costs_the_same_queries_for_more_placements(
    klantmanager_velsen: Any, velsen: Any
) -> None:
    browser = logged_in(klantmanager_velsen)
    url = reverse("placements:list")
    PlacementFactory.create(client=ClientFactory.create(municipality=velsen))
    few = _queries(browser, url)
    for _n in range(6):
        PlacementFactory.create(
            client=ClientFactory.create(municipality=velsen), subsidised=True
        )
    assert _queries(browser, url) == few
    assert _queries(browser, url + "?lopend=ja&soort=garantiebaan") <= few + 1


def test_the_placement_page_costs_the_same_queries_whatever_its_history(
    klantmanager_velsen: Any, subsidised: Placement, client_file: Client
) -> None:
    browser = logged_in(klantmanager_velsen)
    other = PlacementFactory.create(client=client_file, subsidised=True)
    WageValueAssessmentFactory.create(placement=other, client=client_file)
    few = _queries(browser, page_of(other, maand="2026-03"))
    for day in (date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)):
        WageValueAssessmentFactory.create(
            placement=subsidised, client=client_file, assessed_on=day
        )
    assert _queries(browser, page_of(subsidised, maand="2026-03")) == few


# --- the employer page, the start page, the werkvoorraad ----------------------------


def test_employer_page_lists_its_placements_with_subsidy(
    werkmakelaar: Any, klantmanager_beverwijk: Any, subsidised: Placement
) -> None:
    url = subsidised.employer.get_absolute_url()
    text = logged_in(werkmakelaar).get(url).content.decode()
    assert "Plaatsingen en subsidies" in text
    assert subsidised.get_absolute_url() in text
    assert subsidised.client.full_name in text and "loonkostensubsidie" in text
    # Beverwijk's klantmanager sees the employer, not Velsen's placement.
    other = logged_in(klantmanager_beverwijk).get(url).content.decode()
    assert subsidised.get_absolute_url() not in other
    assert "Nog geen plaatsingen bij deze werkgever." in other


def test_werkmakelaar_start_page_lists_follow_up_due(
    werkmakelaar: Any, subsidised: Placement
) -> None:
    text = logged_in(werkmakelaar).get(reverse("home")).content.decode()
    # On 15 October: the moments after 1, 3 and 6 months are due, 12 is not.
    for months in (1, 3, 6):
        moment = subsidised.follow_ups.get(months=months)
        assert reverse("placements:follow_up", args=[moment.uuid]) in text
    later = subsidised.follow_ups.get(months=12)
    assert reverse("placements:follow_up", args=[later.uuid]) not in text


def test_werkvoorraad_lists_assessments_due_within_30_days(
    klantmanager_velsen: Any, subsidised: Placement, client_file: Client
) -> None:
    url = reverse("clients:dashboard")
    browser = logged_in(klantmanager_velsen)
    assert "Geen loonwaardebepalingen die binnen 30 dagen" in (
        browser.get(url).content.decode()
    )
    subsidised.assessments.update(next_due_date=date(2026, 11, 10))
    text = browser.get(url).content.decode()
    assert f"?plaatsing={subsidised.uuid}" in text and "10-11-2026" in text
