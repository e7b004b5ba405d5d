"""The monthly report as PDF: the text a manager reads, page numbers, contents, no network."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

from reports.figures import publication
from reports.rendering import local_only_fetcher, render_month_pdf
from reports.rendering.pdf import ExternalResourceRefused
from tests.reports.report_samples import municipality_report, region_report

TITLE = "Maandrapportage oktober 2026"


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


@pytest.fixture(scope="module")
def requested() -> list[str]:
    return []


@pytest.fixture(scope="module")
def region_pdf(requested: list[str]) -> list[str]:
    def recording(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        requested.append(url)
        return local_only_fetcher(url, *args, **kwargs)

    pdf = render_month_pdf(region_report(), title=TITLE, url_fetcher=recording)
    assert pdf.startswith(b"%PDF-")
    return [flat(text) for text in pages(pdf)]


@pytest.fixture(scope="module")
def published_pdf() -> list[str]:
    pdf = render_month_pdf(publication(municipality_report()), title=TITLE)
    return [flat(text) for text in pages(pdf)]


def test_the_cover_names_the_region_the_period_and_the_day_of_the_figures(
    region_pdf: list[str],
) -> None:
    cover = region_pdf[0]
    assert TITLE in cover
    assert "Regio IJmond (Beverwijk, Heemskerk, Velsen)" in cover
    assert "Cijfers per 31 oktober 2026" in cover
    # the headline figures are the total's, in Dutch notation
    assert "Bestand einde maand 7.404" in cover


def test_every_page_has_the_header_and_pagina_x_van_y(region_pdf: list[str]) -> None:
    count = len(region_pdf)
    assert count > 5
    for number, text in enumerate(region_pdf, start=1):
        assert f"pagina {number} van {count}" in text
        assert "Cijfers per 31 oktober 2026" in text
        if number > 1:
            assert "Regio IJmond (Beverwijk, Heemskerk, Velsen)" in text
            assert "oktober 2026" in text


def test_the_contents_give_the_page_each_section_starts_on(
    region_pdf: list[str],
) -> None:
    cover = region_pdf[0]
    titles = [
        "Bestand",
        "Instroom en uitstroom",
        "Tijdigheid intake",
        "Trajecten",
        "Plaatsingen",
        "Participatieladder",
        "Werkgevers",
        "Loonkostensubsidie",
        "Budget en besparing",
    ]
    for number, title in enumerate(titles, start=1):
        match = re.search(rf"{number}\. {title} [. ]*(\d+)", cover)
        assert match, title
        page = int(match[1])
        assert f"{number}. {title}" in region_pdf[page - 1]
    annex = re.search(r"Bijlage: definities [. ]*(\d+)", cover)
    assert annex
    assert "Bijlage: definities" in region_pdf[int(annex[1]) - 1]


def test_a_column_per_municipality_and_the_total_in_dutch_notation(
    region_pdf: list[str],
) -> None:
    text = " ".join(region_pdf)
    assert "Cijfer Beverwijk Heemskerk Velsen Totaal" in text
    assert "Bestand einde maand 1.234 2.468 3.702 7.404" in text
    assert "Verschil met vorige maand +4 +8 +12 +24" in text
    assert "Subsidie deze maand € 1.234,56 € 2.469,12 € 3.703,68 € 7.407,36" in text
    assert "Binnen de termijn (%) 83 % 83 % 83 % 83 %" in text
    assert "Gemiddelde loonwaarde (%) 52,5 52,5 52,5 52,5" in text
    # the budget in whole euros, its exhaustion and signal in words
    assert "Budget € 500.000 € 1.000.000 € 1.500.000 € 3.000.000" in text
    assert "Signaal waarschuwing waarschuwing waarschuwing waarschuwing" in text
    assert "Jan de Vries 2 4 6 12" in text


def test_the_trend_is_drawn_and_its_numbers_are_in_a_table(
    region_pdf: list[str],
) -> None:
    text = " ".join(region_pdf)
    assert "Instroom en uitstroom per maand, Regio IJmond" in text
    assert "Maand Instroom Uitstroom Bestand einde maand" in text
    assert "november 2025 41 31 1.211" in text
    assert "oktober 2026 52 42 1.222" in text
    # the chart's axis, text in the PDF: the year on the first month and January
    assert "nov '25 dec jan '26 feb" in text


def test_the_annex_defines_every_section(region_pdf: list[str]) -> None:
    start = next(
        i for i, text in enumerate(region_pdf) if "Bijlage: definities" in text[:80]
    )
    annex = " ".join(region_pdf[start:])
    assert "Algemeen" in annex
    assert "Bestand einde maand Klanten die op de laatste dag van de maand" in annex
    assert "9. Budget en besparing" in annex
    assert "Prognose gedeeld door budget." in annex


def test_the_renderer_asks_nothing_from_the_network(
    region_pdf: list[str], requested: list[str]
) -> None:
    assert region_pdf
    assert not [url for url in requested if not url.startswith("data:")]


@pytest.mark.parametrize(
    "url",
    [
        "https://fonts.example.org/font.woff2",
        "http://example.org/logo.png",
        "file:///etc/passwd",
    ],
)
def test_the_default_fetcher_refuses_anything_but_data_uris(url: str) -> None:
    with pytest.raises(ExternalResourceRefused):
        local_only_fetcher(url)
    assert local_only_fetcher("data:text/plain,ok")["file_obj"].read() == b"ok"


def test_the_publication_form_shows_small_counts_as_under_5(
    published_pdf: list[str],
) -> None:
    text = " ".join(published_pdf)
    assert "publicatieversie" in published_pdf[0]
    assert (
        "Cijfer Velsen" in text and "Totaal" not in text.split("Cijfer Velsen")[1][:20]
    )
    assert "Uitstroom <5" in text
    assert "Bestand naar doelgroep Doelgroep Velsen 1 - Zelfredzaam <5" in text
    assert "Bestand einde maand 1.234" in text
    assert "Intake binnen de termijn" in published_pdf[0]
    # no staff names in a report for publication; amounts stay
    assert "Jan de Vries" not in text
    assert "Subsidie deze maand € 1.234,56" in text
