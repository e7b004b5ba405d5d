from __future__ import annotations

from datetime import timedelta

import pytest

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from ijmondwerkt.accounts.models import User
from ijmondwerkt.inbox.models import Task
from ijmondwerkt.inbox.services import NewTask, task_create, tasks_create_bulk
from ijmondwerkt.inbox.tasks import send_daily_digest
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db


def test_dedupe_key_makes_creation_idempotent(klantmanager_velsen: User) -> None:
    first = task_create(
        assignee=klantmanager_velsen,
        kind="intake",
        title="Intake plannen",
        dedupe_key="k1",
    )
    second = task_create(
        assignee=klantmanager_velsen,
        kind="intake",
        title="Intake plannen",
        dedupe_key="k1",
    )
    assert first.pk == second.pk
    assert Task.objects.count() == 1


def test_bulk_creation_skips_existing_keys(
    klantmanager_velsen: User, django_assert_max_num_queries: object
) -> None:
    items = [
        NewTask(
            assignee_id=klantmanager_velsen.pk,
            kind="k",
            title=f"t{i}",
            dedupe_key=f"b{i}",
        )
        for i in range(50)
    ]
    with django_assert_max_num_queries(3):  # type: ignore[operator]
        assert tasks_create_bulk(items) == 50
    assert tasks_create_bulk(items) == 0
    assert Task.objects.count() == 50


def test_inbox_shows_only_my_tasks_and_counts(
    klantmanager_velsen: User, klantmanager_beverwijk: User
) -> None:
    today = timezone.localdate()
    task_create(
        assignee=klantmanager_velsen, kind="k", title="Mijn taak", due_date=today
    )
    task_create(
        assignee=klantmanager_velsen,
        kind="k",
        title="Te late taak",
        due_date=today - timedelta(days=2),
    )
    task_create(assignee=klantmanager_beverwijk, kind="k", title="Taak van collega")
    html = logged_in(klantmanager_velsen).get(reverse("inbox:list")).content.decode()
    assert "Mijn taak" in html and "Te late taak" in html
    assert "Taak van collega" not in html
    assert "Te laat (1)" in html
    assert "Voor vandaag (2)" in html


def test_completing_a_task_and_foreign_task_is_404(
    klantmanager_velsen: User, klantmanager_beverwijk: User
) -> None:
    mine = task_create(assignee=klantmanager_velsen, kind="k", title="Bellen")
    theirs = task_create(
        assignee=klantmanager_beverwijk, kind="k", title="Niet van mij"
    )
    client = logged_in(klantmanager_velsen)
    response = client.post(
        reverse("inbox:toggle", args=[mine.uuid]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Heropenen" in response.content.decode()
    mine.refresh_from_db()
    assert mine.is_done
    assert client.post(reverse("inbox:toggle", args=[theirs.uuid])).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_done


def test_anonymous_cannot_open_inbox(client: object) -> None:
    response = client.get(reverse("inbox:list"))  # type: ignore[attr-defined]
    assert response.status_code == 302


@override_settings(INBOX_EMAIL=True)
def test_daily_digest_mails_people_with_due_tasks(
    klantmanager_velsen: User, klantmanager_beverwijk: User
) -> None:
    klantmanager_velsen.email = "km@velsen.example"
    klantmanager_velsen.save()
    today = timezone.localdate()
    task_create(assignee=klantmanager_velsen, kind="k", title="a", due_date=today)
    task_create(
        assignee=klantmanager_velsen, kind="k", title="b", due_date=today + timedelta(1)
    )
    assert send_daily_digest() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["km@velsen.example"]
    assert "1 taken" in mail.outbox[0].subject


def test_digest_is_off_without_email_configuration(klantmanager_velsen: User) -> None:
    task_create(
        assignee=klantmanager_velsen, kind="k", title="a", due_date=timezone.localdate()
    )
    assert send_daily_digest() == 0
    assert mail.outbox == []
