from __future__ import annotations

from io import StringIO

import pytest

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from ijmondwerkt.accounts.demo import DEMO_PASSWORD, DEMO_USERS
from ijmondwerkt.accounts.models import User

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_prints_working_logins() -> None:
    out = StringIO()
    call_command("demo", stdout=out)
    first = User.objects.count()
    call_command("demo", stdout=StringIO())
    assert User.objects.count() == first == len(DEMO_USERS)
    printed = out.getvalue()
    for demo in DEMO_USERS:
        assert demo.username in printed
        user = authenticate(
            RequestFactory().post("/inloggen/"),
            username=demo.username,
            password=DEMO_PASSWORD,
        )
        assert user is not None
        assert user.has_role(demo.role)
        assert set(user.municipalities.values_list("cbs_code", flat=True)) == set(
            demo.municipality_codes
        )
