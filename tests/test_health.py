from __future__ import annotations

import pytest

from django.db.utils import ConnectionHandler
from django.test import Client, override_settings

from ijmondwerkt import health

pytestmark = pytest.mark.django_db


def test_health_reports_up(client: Client, settings: object) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    expected_broker = (
        "ok" if health.settings.CELERY_BROKER_URL else "niet geconfigureerd"
    )
    assert body["checks"]["broker"] == expected_broker


@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_health_reports_broker_down(client: Client) -> None:
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json() == {
        "status": "onbereikbaar",
        "checks": {"database": "ok", "broker": "onbereikbaar"},
    }


def test_health_reports_database_down(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A real connection attempt to a port where no database listens.
    unreachable = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "ijmondwerkt",
                "HOST": "127.0.0.1",
                "PORT": "1",
                "USER": "postgres",
                "OPTIONS": {"connect_timeout": 2},
            }
        }
    )
    monkeypatch.setattr(health, "connections", unreachable)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "onbereikbaar"


def test_health_only_answers_get(client: Client) -> None:
    assert client.post("/health").status_code == 405
