"""Rules of the client file, through the services every channel calls."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from clients import services
from clients.models import (
    Client,
    ContactChannel,
    Goal,
    Intake,
    LadderMeasurement,
    MunicipalityPolicy,
    OutflowReason,
    Status,
)
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.audit.models import AuditEvent
from ijmondwerkt.inbox.models import Task
from ijmondwerkt.validators import years_after
from ijmondwerkt.workdays import add_months
from tests.clients.conftest import VALID_BSN, register
from tests.clients.factories import ClientFactory, GoalFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


# --- registration -------------------------------------------------------------------


def test_register_creates_file_with_intake_deadline_and_history(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    client = register(klantmanager_velsen, velsen)

    assert client.status == Status.REGISTERED
    assert client.postcode == "1971 AB"
    assert client.search_period_end is None
    intake = client.intakes.get()
    assert intake.deadline == client.registration_date + timedelta(days=14)
    change = AuditEvent.objects.get(client=client)
    assert (change.action, change.user) == ("registered", klantmanager_velsen)
    assert change.changes["last_name"] == [None, "El Amrani"]
    assert VALID_BSN not in str(change.changes)


def test_under_27_gets_search_period_before_intake_deadline(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    registered = TODAY() - timedelta(days=1)
    client = register(
        klantmanager_velsen,
        velsen,
        date_of_birth=add_months(registered, -20 * 12),  # safe on 29 February
        registration_date=registered,
    )
    assert client.search_period_end == registered + timedelta(weeks=4)
    assert client.intakes.get().deadline == registered + timedelta(weeks=4, days=14)


def test_intake_deadline_follows_municipality_policy(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    MunicipalityPolicy.objects.create(municipality=velsen, intake_deadline_days=7)
    client = register(klantmanager_velsen, velsen)
    assert client.intakes.get().deadline == client.registration_date + timedelta(days=7)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"bsn": "123456789"}, "bsn", "elfproef"),
        ({"bsn": "12345"}, "bsn", "9 cijfers"),
        ({"date_of_birth": date(2999, 1, 1)}, "date_of_birth", "toekomst"),
        ({"postcode": "0000 XX"}, "postcode", "postcode"),
        ({"registration_date": date(2999, 1, 1)}, "registration_date", "toekomst"),
    ],
)
def test_bad_registration_names_the_field_and_stores_nothing(
    klantmanager_velsen: User,
    velsen: Municipality,
    overrides: dict[str, object],
    field: str,
    message: str,
) -> None:
    with pytest.raises(ValidationError) as exc:
        register(klantmanager_velsen, velsen, **overrides)
    assert message in " ".join(_errors(exc)[field])
    assert not Client.objects.exists()
    assert not Intake.objects.exists()
    assert not AuditEvent.objects.filter(client__isnull=False).exists()


@pytest.mark.parametrize("today", [date(2028, 2, 29), date(2027, 3, 1)])
def test_person_under_15_is_refused(
    klantmanager_velsen: User, velsen: Municipality, today: date, time_machine: Any
) -> None:
    time_machine.move_to(f"{today.isoformat()}T12:00:00+01:00", tick=False)
    born = years_after(today, -15) + timedelta(days=1)  # 15 tomorrow
    with pytest.raises(ValidationError) as exc:
        register(klantmanager_velsen, velsen, date_of_birth=born)
    assert "jonger dan 15" in _errors(exc)["date_of_birth"][0]
    assert not Client.objects.exists()


def test_second_file_with_same_bsn_is_refused(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    register(klantmanager_velsen, velsen)
    with pytest.raises(ValidationError) as exc:
        register(klantmanager_velsen, velsen, first_name="Ander")
    assert _errors(exc)["bsn"] == ["Er bestaat al een dossier met dit BSN."]
    assert Client.objects.count() == 1


def test_cannot_register_in_a_municipality_one_does_not_serve(
    klantmanager_velsen: User, beverwijk: Municipality
) -> None:
    with pytest.raises(ValidationError) as exc:
        register(klantmanager_velsen, beverwijk)
    assert "municipality" in _errors(exc)


def test_klantmanager_must_serve_the_municipality(
    klantmanager_velsen: User, klantmanager_beverwijk: User, velsen: Municipality
) -> None:
    with pytest.raises(ValidationError) as exc:
        register(klantmanager_velsen, velsen, klantmanager=klantmanager_beverwijk)
    assert "klantmanager" in _errors(exc)


def test_possible_duplicates_match_name_and_birth_date(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    client = register(klantmanager_velsen, velsen)
    found = services.possible_duplicates(
        first_name="fatima", last_name="el amrani", date_of_birth=date(1980, 5, 17)
    )
    assert list(found) == [client]
    assert not services.possible_duplicates(
        first_name="Fatima", last_name="El Amrani", date_of_birth=date(1980, 5, 18)
    ).exists()


# --- update and optimistic locking ------------------------------------------------------


def test_update_records_old_and_new_values_and_bumps_version(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    client = register(klantmanager_velsen, velsen)
    updated = services.client_update(
        client=client, expected_version=1, user=klantmanager_velsen, city="Velsen-Zuid"
    )
    assert updated.version == 2
    change = AuditEvent.objects.filter(client__isnull=False, action="updated").get()
    assert change.changes == {"city": ["", "Velsen-Zuid"]}
    assert change.user == klantmanager_velsen


def test_stale_version_is_refused_naming_who_changed_it(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    client = register(klantmanager_velsen, velsen)
    services.client_update(
        client=client, expected_version=1, user=klantmanager_velsen, phone="0612345678"
    )
    with pytest.raises(ValidationError) as exc:
        services.client_update(
            client=client, expected_version=1, user=klantmanager_velsen, city="Haarlem"
        )
    message = _errors(exc)["version"][0]
    assert "intussen gewijzigd door Klantmanager" in message
    assert "Laad de pagina opnieuw" in message
    client.refresh_from_db()
    assert (client.city, client.version) == ("", 2)


def test_invalid_update_stores_nothing(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    client = register(klantmanager_velsen, velsen)
    with pytest.raises(ValidationError) as exc:
        services.client_update(
            client=client,
            expected_version=1,
            user=klantmanager_velsen,
            postcode="12",
            city="Haarlem",
        )
    assert "postcode" in _errors(exc)
    client.refresh_from_db()
    assert (client.city, client.version) == ("", 1)


# --- intake, goals, ladder -------------------------------------------------------------


def test_intake_plan_and_record_make_the_file_active(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    client = register(klantmanager_velsen, velsen)
    services.intake_plan(client=client, user=klantmanager_velsen, planned_date=TODAY())
    client.refresh_from_db()
    assert client.status == Status.INTAKE

    intake = services.intake_record(
        client=client,
        user=klantmanager_velsen,
        held_date=TODAY(),
        target_group=2,
        ladder_step=3,
        route="traject",
        agreements="Wekelijks solliciteren",
    )
    client.refresh_from_db()
    assert intake.held_date == TODAY()
    assert (client.status, client.target_group, client.target_group_date) == (
        Status.ACTIVE,
        2,
        TODAY(),
    )
    assert LadderMeasurement.objects.get(client=client).step == 3


def test_intake_before_registration_is_refused(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    client = register(klantmanager_velsen, velsen)
    with pytest.raises(ValidationError) as exc:
        services.intake_record(
            client=client,
            user=klantmanager_velsen,
            held_date=client.registration_date - timedelta(days=1),
            target_group=1,
        )
    assert "held_date" in _errors(exc)
    assert client.intakes.get().held_date is None


def test_goal_above_target_group_ceiling_warns(klantmanager_velsen: User) -> None:
    client = ClientFactory.create(group_4=True, klantmanager=klantmanager_velsen)
    goal = services.goal_add(
        client=client,
        user=klantmanager_velsen,
        description="Betaald werk",
        owner=Goal.Owner.CLIENT,
        due_date=TODAY() + timedelta(days=90),
        target_ladder_step=5,
    )
    assert goal.exceeds_ceiling
    warning = services.ladder_ceiling_warning(client=client, step=5)
    assert warning is not None and "plafond van doelgroep 4" in warning
    assert services.ladder_ceiling_warning(client=client, step=3) is None


@pytest.mark.parametrize("step", [0, 7])
def test_ladder_step_outside_1_to_6_is_refused(
    klantmanager_velsen: User, step: int
) -> None:
    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    with pytest.raises(ValidationError) as exc:
        services.ladder_measure(
            client=client, user=klantmanager_velsen, measured_on=TODAY(), step=step
        )
    assert "1 tot en met 6" in _errors(exc)["step"][0]
    assert not LadderMeasurement.objects.exists()


def test_current_ladder_step_is_the_latest_measurement(
    klantmanager_velsen: User,
) -> None:
    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    for days, step in [(100, 2), (10, 4), (50, 3)]:
        services.ladder_measure(
            client=client,
            user=klantmanager_velsen,
            measured_on=TODAY() - timedelta(days=days),
            step=step,
        )
    annotated = Client.objects.with_current_ladder_step().get(pk=client.pk)
    assert annotated.current_ladder_step == 4
    client.refresh_from_db()
    assert client.ladder_step == 4


def test_stored_ladder_step_equals_the_history(klantmanager_velsen: User) -> None:
    """Every file's stored step is the step of its latest measurement, or none."""
    clients = [ClientFactory.create(klantmanager=klantmanager_velsen) for _ in range(3)]
    plan = {0: [(30, 5), (200, 2)], 1: [(5, 1), (5, 3)], 2: []}
    for i, measurements in plan.items():
        for days, step in measurements:
            services.ladder_measure(
                client=clients[i],
                user=klantmanager_velsen,
                measured_on=TODAY() - timedelta(days=days),
                step=step,
            )
    latest = LadderMeasurement.objects.filter(client=OuterRef("pk")).order_by(
        "-measured_on", "-pk"
    )
    rows = Client.objects.annotate(
        from_history=Subquery(latest.values("step")[:1])
    ).values_list("pk", "ladder_step", "from_history")
    assert {pk: stored for pk, stored, _h in rows} == {
        pk: history for pk, _s, history in rows
    }
    assert [c.ladder_step for c in Client.objects.order_by("pk")] == [5, 3, None]


# --- contacts ------------------------------------------------------------------------------


def test_no_show_creates_one_follow_up_task(klantmanager_velsen: User) -> None:
    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    contact = services.contact_record(
        client=client,
        user=klantmanager_velsen,
        occurred_at=timezone.now(),
        channel=ContactChannel.objects.get(code="gesprek"),
        subject="Afspraak",
        no_show=True,
    )
    task = Task.objects.get(assignee=klantmanager_velsen)
    assert task.kind == services.NO_SHOW_TASK_KIND
    assert task.link == client.get_absolute_url()
    assert task.dedupe_key == f"no_show:{contact.uuid}"
    services.contact_record(
        client=client,
        user=klantmanager_velsen,
        occurred_at=timezone.now(),
        channel=ContactChannel.objects.get(code="telefoon"),
        subject="Gebeld",
    )
    assert Task.objects.count() == 1


def test_contact_in_the_future_is_refused(klantmanager_velsen: User) -> None:
    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    with pytest.raises(ValidationError) as exc:
        services.contact_record(
            client=client,
            user=klantmanager_velsen,
            occurred_at=timezone.now() + timedelta(days=1),
            channel=ContactChannel.objects.get(code="gesprek"),
            subject="Later",
        )
    assert "occurred_at" in _errors(exc)


# --- outflow, re-registration, handover ------------------------------------------------------


def test_outflow_before_registration_is_refused(klantmanager_velsen: User) -> None:
    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    with pytest.raises(ValidationError) as exc:
        services.client_outflow(
            client=client,
            user=klantmanager_velsen,
            date=client.registration_date - timedelta(days=1),
            reason=OutflowReason.objects.get(code="werk-loondienst"),
        )
    assert "vóór de datum aanmelding" in _errors(exc)["date"][0]
    client.refresh_from_db()
    assert client.status == Status.ACTIVE
    assert not client.outflows.exists()


def test_outflow_closes_goals_and_tasks_and_keeps_history(
    klantmanager_velsen: User,
) -> None:
    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    goal = GoalFactory.create(plan__client=client)
    services.contact_record(
        client=client,
        user=klantmanager_velsen,
        occurred_at=timezone.now(),
        channel=ContactChannel.objects.get(code="gesprek"),
        subject="x",
        no_show=True,
    )
    services.client_outflow(
        client=client,
        user=klantmanager_velsen,
        date=TODAY(),
        reason=OutflowReason.objects.get(code="werk-loondienst"),
    )
    client.refresh_from_db()
    goal.refresh_from_db()
    assert client.status == Status.OUTFLOWED
    assert goal.status == Goal.Status.CANCELLED
    assert not Task.objects.open().exists()
    assert client.contacts.count() == 1
    assert list(client.audit_events.values_list("action", flat=True)) == [
        "outflow",
        "contact_no_show",
    ]


def test_reregistration_reopens_the_same_file(klantmanager_velsen: User) -> None:
    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    services.client_outflow(
        client=client,
        user=klantmanager_velsen,
        date=TODAY() - timedelta(days=5),
        reason=OutflowReason.objects.get(code="verhuizing"),
    )
    with pytest.raises(ValidationError) as exc:
        services.client_reregister(
            client=client,
            user=klantmanager_velsen,
            registration_date=TODAY() - timedelta(days=6),
        )
    assert "registration_date" in _errors(exc)

    again = services.client_reregister(
        client=client, user=klantmanager_velsen, registration_date=TODAY()
    )
    assert again.pk == client.pk
    assert again.status == Status.REGISTERED
    assert again.intakes.filter(
        held_date__isnull=True
    ).get().deadline == TODAY() + timedelta(days=14)
    assert again.outflows.count() == 1
    assert Client.objects.count() == 1


def test_reregistering_an_open_file_is_refused(klantmanager_velsen: User) -> None:
    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    with pytest.raises(ValidationError) as exc:
        services.client_reregister(
            client=client, user=klantmanager_velsen, registration_date=TODAY()
        )
    assert "status" in _errors(exc)


def test_handover_to_care_and_back(klantmanager_velsen: User) -> None:
    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    handover = services.handover_start(
        client=client,
        user=klantmanager_velsen,
        organisation="Sociaal wijkteam",
        reason="Eerst zorg",
        started_on=TODAY() - timedelta(days=3),
    )
    client.refresh_from_db()
    assert client.status == Status.HANDED_OVER
    with pytest.raises(ValidationError) as exc:
        services.handover_return(
            handover=handover,
            user=klantmanager_velsen,
            returned_on=TODAY() - timedelta(days=4),
        )
    assert "returned_on" in _errors(exc)
    services.handover_return(
        handover=handover, user=klantmanager_velsen, returned_on=TODAY()
    )
    client.refresh_from_db()
    assert client.status == Status.ACTIVE
    assert [c.action for c in client.audit_events.all()] == [
        "handover_returned",
        "handover_started",
    ]


# --- reassignment -------------------------------------------------------------------------------


def test_reassign_moves_files_and_open_tasks(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    from ijmondwerkt.accounts.roles import Role
    from tests.conftest import make_staff

    colleague = make_staff("collega_velsen", Role.KLANTMANAGER, [velsen])
    clients = [ClientFactory.create(klantmanager=klantmanager_velsen) for _ in range(3)]
    services.contact_record(
        client=clients[0],
        user=klantmanager_velsen,
        occurred_at=timezone.now(),
        channel=ContactChannel.objects.get(code="gesprek"),
        subject="x",
        no_show=True,
    )
    moved = services.clients_reassign(
        clients=clients, to=colleague, user=klantmanager_velsen
    )
    assert moved == 3
    assert set(Client.objects.values_list("klantmanager", flat=True)) == {colleague.pk}
    assert Task.objects.get().assignee == colleague
    assert AuditEvent.objects.filter(action="reassigned").count() == 3


def test_reassign_to_klantmanager_of_other_municipality_is_refused(
    klantmanager_velsen: User, klantmanager_beverwijk: User
) -> None:
    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    with pytest.raises(ValidationError) as exc:
        services.clients_reassign(
            clients=[client], to=klantmanager_beverwijk, user=klantmanager_velsen
        )
    assert "klantmanager" in _errors(exc)
    client.refresh_from_db()
    assert client.klantmanager == klantmanager_velsen
