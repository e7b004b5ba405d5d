"""The privacy officer's page of changes in access: who sees it, what it shows."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from django.urls import reverse

from ijmondwerkt.accounts.models import AccessChange, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.accounts.services import staff_user_update
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db

URL = reverse("privacy_access_changes")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    "persona",
    [
        "klantmanager_velsen",
        "werkmakelaar",
        "manager",
        "beheerder",
        "user_without_role",
    ],
)
def test_others_are_refused(persona: str, request: pytest.FixtureRequest) -> None:
    user = request.getfixturevalue(persona)
    assert logged_in(user).get(URL).status_code == 403


def test_anonymous_is_sent_to_login(client: object) -> None:
    response = client.get(URL)  # type: ignore[attr-defined]
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_privacy_officer_sees_a_change_made_in_beheer(
    privacy_officer: User, beheerder: User, klantmanager_velsen: User
) -> None:
    staff_user_update(
        actor=beheerder,
        user=klantmanager_velsen,
        username=klantmanager_velsen.username,
        first_name="Klantmanager",
        last_name="",
        email="",
        roles=[Role.KLANTMANAGER, Role.WERKMAKELAAR],
        municipalities=klantmanager_velsen.municipalities.all(),
        is_active=True,
    )
    client = logged_in(privacy_officer)
    home = client.get(reverse("home")).content.decode()
    assert URL in home  # on the start page and in the navigation
    response = client.get(URL, {"medewerker": klantmanager_velsen.username})
    assert response.status_code == 200
    rows = list(response.context["page"].object_list)
    assert rows[0].kind == AccessChange.Kind.ROLES
    assert rows[0].actor == beheerder
    assert rows[0].new_value == ["klantmanager", "werkmakelaar"]
    html = response.content.decode()
    assert "klantmanager, werkmakelaar" in html
    assert beheerder.username in html


def test_filter_by_period_and_paging(
    privacy_officer: User, klantmanager_velsen: User
) -> None:
    for day in range(1, 61):
        AccessChange.objects.create(
            changed_at=datetime(2026, 3, 1, 10, tzinfo=AMSTERDAM).replace(
                month=3 + (day - 1) // 30, day=1 + (day - 1) % 30
            ),
            subject=klantmanager_velsen,
            subject_label="Klantmanager",
            kind=AccessChange.Kind.ACTIVE,
            old_value=True,
            new_value=False,
        )
    client = logged_in(privacy_officer)
    march = client.get(URL, {"van": "2026-03-01", "tot": "2026-03-31"})
    assert march.context["page"].paginator.count == 30
    mine: dict[str, str | int] = {
        "medewerker": klantmanager_velsen.username,
        "wijziging": "actief",
    }
    everything = client.get(URL, mine)
    assert everything.context["page"].paginator.num_pages == 2
    second = client.get(URL, {**mine, "pagina": 2})
    assert len(second.context["page"].object_list) == 10
    refused = client.get(URL, {"van": "0001-01-01"})
    assert refused.status_code == 200
    assert refused.context["page"].paginator.count == 0
    assert "2020" in refused.content.decode()  # the Dutch message names the limit


def test_audit_rows_survive_and_protect_the_user(
    beheerder: User, klantmanager_velsen: User
) -> None:
    from django.db.models import ProtectedError

    assert AccessChange.objects.filter(subject=klantmanager_velsen).exists()
    with pytest.raises(ProtectedError):
        klantmanager_velsen.delete()
