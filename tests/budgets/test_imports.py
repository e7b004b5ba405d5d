"""The realisation import: all rows or none, every rejected row explained."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from budgets.imports import parse_amount, realisation_import
from budgets.models import Realisation, RealisationImport
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 20)
HEADER = "gemeente;stroom;datum;bedrag;omschrijving;boekingskenmerk"
GOOD = "\r\n".join(
    [
        HEADER,
        "0453;participatiebudget;15-10-2026;1.234,56;Scholing lassen;FIN-2026-0001",
        "0453;buig;31-10-2026;12.500,00;Loonkostensubsidie oktober;FIN-2026-0002",
        "453;Wsw;01-11-2026;99,95;Afgerond;FIN-2026-0003",
        "",
    ]
)


def run(user: User, text: str | bytes, **kwargs: Any) -> RealisationImport:
    data = text.encode("utf-8") if isinstance(text, str) else text
    upload = SimpleUploadedFile("realisatie.csv", data, content_type="text/csv")
    return realisation_import(user=user, file=upload, year=2026, today=TODAY, **kwargs)


def errors(result: RealisationImport) -> list[tuple[int | None, str | None]]:
    return [(e["row"], e["column"]) for e in result.report["errors"]]


def texts(result: RealisationImport) -> str:
    return "\n".join(e["text"] for e in result.report["errors"])


class TestGoodFile:
    def test_every_row_is_stored(
        self, manager_velsen: User, velsen: Municipality
    ) -> None:
        result = run(manager_velsen, GOOD)

        assert result.accepted, texts(result)
        assert result.imported_count == result.row_count == 3
        assert result.total_amount == Decimal("13834.51")
        assert result.encoding == "utf-8"
        rows = {
            r.reference: r for r in Realisation.objects.filter(source_import=result)
        }
        assert rows["FIN-2026-0001"].amount == Decimal("1234.56")
        assert rows["FIN-2026-0001"].month == 10
        assert rows["FIN-2026-0001"].booked_on == date(2026, 10, 15)
        assert rows["FIN-2026-0002"].funding_stream == "buig"
        assert rows["FIN-2026-0003"].municipality == velsen  # "453" as Excel writes it
        assert rows["FIN-2026-0003"].funding_stream == "wsw"
        assert list(result.municipalities.all()) == [velsen]
        assert AuditEvent.objects.filter(action="realisation_imported").count() == 1

    def test_the_same_file_twice_does_not_double(self, manager_velsen: User) -> None:
        first = run(manager_velsen, GOOD)
        second = run(manager_velsen, GOOD)

        assert first.accepted
        assert not second.accepted
        assert errors(second) == [(None, None)]
        assert "al ingelezen" in texts(second)
        assert "niets opnieuw geboekt" in texts(second)
        assert Realisation.objects.count() == 3

    def test_a_later_export_skips_the_bookings_already_stored(
        self, manager_velsen: User
    ) -> None:
        run(manager_velsen, GOOD)
        later = GOOD + "0453;overig;19-11-2026;10,00;Nieuw;FIN-2026-0004\r\n"

        result = run(manager_velsen, later)

        assert result.accepted, texts(result)
        assert result.imported_count == 1
        assert result.skipped_count == 3
        assert [s["reference"] for s in result.report["skipped"]] == [
            "FIN-2026-0001",
            "FIN-2026-0002",
            "FIN-2026-0003",
        ]
        assert Realisation.objects.count() == 4

    def test_windows_1252_is_read(self, manager_velsen: User) -> None:
        text = GOOD.replace("Afgerond", "Cliënt-coördinatie à € 99,95")
        result = run(manager_velsen, text.encode("cp1252"))

        assert result.accepted, texts(result)
        assert result.encoding == "windows-1252"
        row = Realisation.objects.get(reference="FIN-2026-0003")
        assert row.description == "Cliënt-coördinatie à € 99,95"

    def test_utf8_with_a_bom_and_a_period_column(self, manager_velsen: User) -> None:
        text = (
            "\ufeffGemeente;Stroom;Periode;Bedrag;Boekingskenmerk\r\n"
            "0453;participatiebudget;10-2026;€ 2.000,00;P-1\r\n"
        )
        result = run(manager_velsen, text)

        assert result.accepted, texts(result)
        row = Realisation.objects.get(reference="P-1")
        assert (row.month, row.amount, row.booked_on) == (10, Decimal("2000.00"), None)

    def test_a_comma_separated_file(self, manager_velsen: User) -> None:
        text = 'gemeente,stroom,datum,bedrag,boekingskenmerk\n0453,buig,01-10-2026,"1.234,56",K-1\n'
        result = run(manager_velsen, text)
        assert result.accepted, texts(result)
        assert Realisation.objects.get().amount == Decimal("1234.56")


class TestBadFile:
    def test_every_bad_row_is_reported_and_nothing_is_stored(
        self, manager_velsen: User, beverwijk: Municipality
    ) -> None:
        text = "\r\n".join(
            [
                HEADER,
                "0453;participatiebudget;15-10-2026;1.234,56;Goed;A-1",
                "0453;participatiebudget;15-10-2026;-50,00;Negatief;A-2",
                "0453;participatiebudget;15-10-2025;10,00;Vorig jaar;A-3",
                "0453;participatiebudget;31-13-2026;10,00;Geen datum;A-4",
                "0375;participatiebudget;15-10-2026;10,00;Andere gemeente;A-5",
                "0453;reiskosten;15-10-2026;10,00;Onbekende stroom;A-6",
                "0453;participatiebudget;15-10-2026;12.34;Engelse notatie;A-7",
                "0453;participatiebudget;15-10-2026;10,00;Dubbel;A-1",
                "0453;participatiebudget;15-12-2026;10,00;Toekomst;A-8",
                "9999;participatiebudget;15-10-2026;10,00;Geen gemeente;A-9",
                "0453;participatiebudget;15-10-2026;10,001;Drie decimalen;A-10",
                "0453;participatiebudget;15-10-2026;10,00;;",
                "0453;participatiebudget;15-10-2026;10,00",
                "",
            ]
        )
        result = run(manager_velsen, text)

        assert not result.accepted
        assert errors(result) == [
            (3, "bedrag"),
            (4, "datum"),
            (5, "datum"),
            (6, "gemeente"),
            (7, "stroom"),
            (8, "bedrag"),
            (9, "boekingskenmerk"),
            (10, "datum"),
            (11, "gemeente"),
            (12, "bedrag"),
            (13, "boekingskenmerk"),
            (14, None),
        ]
        report = texts(result)
        assert "Regel 3, kolom bedrag: Het bedrag is negatief" in report
        assert "Regel 4, kolom datum: De datum ligt niet in 2026" in report
        assert (
            "Regel 6, kolom gemeente: U beheert geen budgetten van Beverwijk." in report
        )
        assert "Regel 7, kolom stroom: Onbekende financieringsstroom" in report
        assert "schrijf het als 1.234,56" in report
        assert "Dit boekingskenmerk staat ook op regel 2." in report
        assert "De datum ligt in de toekomst" in report
        assert "Er is geen gemeente met CBS-code 9999." in report
        assert "hoogstens twee cijfers achter de komma" in report
        assert "Regel 14: Deze regel heeft 4 kolommen, de kopregel 6." in report
        assert Realisation.objects.count() == 0
        assert result.imported_count == 0
        assert result.row_count == 13

    def test_an_empty_file(self, manager_velsen: User) -> None:
        result = run(manager_velsen, b"")
        assert not result.accepted
        assert texts(result) == "Het bestand is leeg."

    def test_only_a_header(self, manager_velsen: User) -> None:
        result = run(manager_velsen, HEADER + "\r\n")
        assert texts(result) == "Het bestand bevat geen boekingen, alleen een kopregel."

    def test_missing_and_wrong_columns(self, manager_velsen: User) -> None:
        result = run(
            manager_velsen, "gemeente;kostenplaats;bedrag\r\n0453;K12;10,00\r\n"
        )

        assert not result.accepted
        assert errors(result) == [
            (1, "kostenplaats"),
            (1, "stroom"),
            (1, "boekingskenmerk"),
            (1, "datum"),
        ]
        assert (
            "Regel 1, kolom kostenplaats: Onbekende kolom. Verwacht: gemeente"
            in texts(result)
        )
        assert "Regel 1, kolom stroom: Deze kolom ontbreekt." in texts(result)
        assert Realisation.objects.count() == 0

    def test_a_binary_file(self, manager_velsen: User) -> None:
        result = run(manager_velsen, b"\x81\x8d\x8f\x90\x9d" * 10)
        assert "geen tekst in UTF-8 of Windows-1252" in texts(result)

    def test_a_rejected_file_may_be_sent_again_after_correction(
        self, manager_velsen: User
    ) -> None:
        bad = GOOD.replace("99,95", "-99,95")
        assert not run(manager_velsen, bad).accepted
        assert not run(
            manager_velsen, bad
        ).accepted  # rejected again, not "al ingelezen"
        assert run(manager_velsen, GOOD).accepted
        assert RealisationImport.objects.filter(status="afgewezen").count() == 2

    def test_a_changed_amount_for_a_stored_booking_is_refused(
        self, manager_velsen: User
    ) -> None:
        run(manager_velsen, GOOD)
        changed = (
            GOOD.replace("1.234,56", "1.300,00") + "0453;wsw;01-11-2026;1,00;x;N-1\r\n"
        )

        result = run(manager_velsen, changed)

        assert errors(result) == [(2, "boekingskenmerk")]
        assert "al ingelezen met een ander bedrag (€\xa01.234,56)" in texts(result)
        assert Realisation.objects.count() == 3

    def test_a_klantmanager_imports_nothing(self, klantmanager_velsen: User) -> None:
        result = run(klantmanager_velsen, GOOD)
        assert not result.accepted
        assert {e["column"] for e in result.report["errors"]} == {"gemeente"}
        assert Realisation.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("0,5", "0.50"),
        ("1.234.567,89", "1234567.89"),
        ("€ 12,00", "12.00"),
    ],
)
def test_dutch_amounts(text: str, amount: str) -> None:
    assert parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["1,234.56", "12.34", "abc", "-1,00", "1,001", "NaN"])
def test_not_an_amount(text: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(text)
