"""What the budget entry page tests share: the clock, sample files, helpers."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as HttpClient
from django.urls import reverse

from budgets.models import RealisationImport
from ijmondwerkt.accounts.models import User

# 20 October 2026: September is closed, October running, November future.
NOW = datetime(2026, 10, 20, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))

GOOD_CSV = (
    "gemeente;stroom;datum;bedrag;boekingskenmerk;omschrijving\n"
    "0453;participatiebudget;15-10-2026;1.234,56;FIN-1;Scholing lassen\n"
    "0453;buig;01-09-2026;12.500,00;FIN-2;Loonkostensubsidie\n"
)
BAD_ROW_CSV = (
    "gemeente;stroom;datum;bedrag;boekingskenmerk\n"
    "0453;participatiebudget;15-10-2026;100,00;FIN-10\n"
    "0453;participatiebudget;16-10-2026;-50,00;FIN-11\n"
)


def html(response: Any) -> str:
    return response.content.decode()


def upload(
    web: HttpClient, content: bytes, name: str = "export.csv", year: int = 2026
) -> Any:
    """The import page's form, sent with ``content`` as the file."""
    return web.post(
        reverse("budgets:import"),
        {"year": year, "file": SimpleUploadedFile(name, content, "text/csv")},
    )


def services_import(user: User, content: bytes) -> RealisationImport:
    from budgets.imports import realisation_import

    return realisation_import(user=user, file=content, file_name="export.csv")
