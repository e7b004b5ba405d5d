"""Server-side charts: valid, accessible, deterministic SVG with Dutch numbers."""

from __future__ import annotations

import re
import socket
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from budgets.selectors import MonthFigures
from ijmondwerkt.charts import (
    STYLES,
    Reference,
    Series,
    bar_chart,
    count,
    euro_short,
    line_chart,
    month_bar_chart,
    percent,
)

NS = {"svg": "http://www.w3.org/2000/svg"}


def months() -> list[MonthFigures]:
    return [
        MonthFigures(m, committed=Decimal(m * 100_000), realised=Decimal(m * 45_000))
        for m in range(1, 13)
    ]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (the charts' own output)


def contrast(one: str, other: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [
            c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
            for c in channels
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a chart opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)


class TestMonthBarChart:
    def chart(self, **kwargs: Any) -> str:
        return str(
            month_bar_chart(
                months(),
                title="Participatiebudget Velsen 2026 per maand",
                description="Verplicht en gerealiseerd per maand; de tabel ernaast.",
                reference=Reference("Budget per maand", Decimal("400000")),
                **kwargs,
            )
        )

    def test_is_svg_without_xml_declaration(self) -> None:
        svg = self.chart()
        assert svg.startswith("<svg")
        root = parse(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert "viewBox" in root.attrib

    def test_is_an_image_named_by_its_title_and_description(self) -> None:
        root = parse(self.chart(chart_id="grafiek-velsen"))
        assert root.get("role") == "img"
        title = root.find("svg:title", NS)
        desc = root.find("svg:desc", NS)
        assert title is not None and desc is not None
        assert title.text == "Participatiebudget Velsen 2026 per maand"
        assert desc.text == "Verplicht en gerealiseerd per maand; de tabel ernaast."
        assert root.get("aria-labelledby") == (
            "grafiek-velsen-titel grafiek-velsen-beschrijving"
        )
        assert {title.get("id"), desc.get("id")} == {
            "grafiek-velsen-titel",
            "grafiek-velsen-beschrijving",
        }

    def test_same_data_gives_the_same_bytes(self) -> None:
        assert self.chart() == self.chart()

    def test_other_data_gives_other_markup(self) -> None:
        other = str(
            month_bar_chart(
                months()[:6],
                title="Participatiebudget Velsen 2026 per maand",
                description="Verplicht en gerealiseerd per maand; de tabel ernaast.",
            )
        )
        assert other != self.chart()

    def test_text_stays_text_with_months_legend_and_dutch_amounts(self) -> None:
        labels = texts(parse(self.chart()))
        assert labels[:12] == [
            "jan",
            "feb",
            "mrt",
            "apr",
            "mei",
            "jun",
            "jul",
            "aug",
            "sep",
            "okt",
            "nov",
            "dec",
        ]
        assert {"Verplicht", "Gerealiseerd", "Budget per maand"} <= set(labels)
        assert "€ 300.000" in labels
        assert "€ 1,2 mln" in labels
        assert not any("," in t and "mln" not in t for t in labels if "€" in t)

    def test_no_inline_style_for_the_content_security_policy(self) -> None:
        root = parse(self.chart())
        assert all("style" not in element.attrib for element in root.iter())
        assert root.find(".//svg:style", NS) is None

    def test_dark_text_and_bars_on_a_white_background(self) -> None:
        # In a browser axe cannot decide the contrast of text inside an SVG;
        # it is checked here (WCAG 1.4.3 text 4.5:1, 1.4.11 graphics 3:1).
        root = parse(self.chart())
        background = root.find(".//svg:path", NS)
        assert background is not None and background.get("fill") == "#ffffff"
        assert root.get("fill") is None  # text without a fill is black
        for text in root.iter("{http://www.w3.org/2000/svg}text"):
            assert contrast(text.get("fill", "#000000"), "#ffffff") >= 4.5
        for colour in (style["color"] for style in STYLES):
            assert contrast(colour, "#ffffff") >= 3

    def test_series_differ_by_hatching_not_only_colour(self) -> None:
        root = parse(self.chart())
        patterns = root.findall(".//svg:pattern", NS)
        assert len(patterns) == 1  # the committed bars are hatched, the realised not
        filled = {e.get("fill", "") for e in root.iter()}
        assert any(f.startswith("url(#") for f in filled)

    def test_two_charts_on_one_page_share_no_id(self) -> None:
        first = parse(self.chart(chart_id="een"))
        second = parse(self.chart(chart_id="twee"))
        ids_first = {e.get("id") for e in first.iter() if e.get("id")}
        ids_second = {e.get("id") for e in second.iter() if e.get("id")}
        assert ids_first and not ids_first & ids_second
        for reference in (e.get("fill", "") for e in first.iter()):
            if reference.startswith("url(#"):
                assert reference[5:-1] in ids_first

    def test_title_text_is_escaped(self) -> None:
        svg = str(
            bar_chart(
                ["a"],
                [Series("<b>", [1])],
                title="Budget & <script>",
                description="x",
            )
        )
        root = parse(svg)
        assert "<script>" not in svg
        title = root.find("svg:title", NS)
        assert title is not None and title.text == "Budget & <script>"


class TestLineChart:
    def test_a_twelve_month_trend_in_counts(self) -> None:
        labels = [f"{m}-2026" for m in range(1, 13)]
        svg = str(
            line_chart(
                labels,
                [
                    Series("Instroom", [1200 + m for m in range(12)]),
                    Series("Uitstroom", [None, *range(900, 911)]),
                ],
                title="Instroom en uitstroom, 12 maanden",
                description="Twee lijnen; de cijfers staan in de tabel.",
            )
        )
        root = parse(svg)
        labels_seen = texts(root)
        assert labels_seen[:12] == labels
        assert {"Instroom", "Uitstroom"} <= set(labels_seen)
        ticks = [t for t in labels_seen if re.fullmatch(r"[\d.]+", t)]
        assert "0" in ticks
        assert any(re.fullmatch(r"\d{1,3}(\.\d{3})+", t) for t in ticks)  # 1.000
        assert root.find("svg:desc", NS) is not None
        assert svg == str(
            line_chart(
                labels,
                [
                    Series("Instroom", [1200 + m for m in range(12)]),
                    Series("Uitstroom", [None, *range(900, 911)]),
                ],
                title="Instroom en uitstroom, 12 maanden",
                description="Twee lijnen; de cijfers staan in de tabel.",
            )
        )


class TestDutchNumbers:
    @pytest.mark.parametrize(
        ("value", "text"),
        [
            (0, "€ 0"),
            (250_000, "€ 250.000"),
            (999_999.6, "€ 1.000.000"),
            (1_200_000, "€ 1,2 mln"),
            (26_571_184, "€ 26,6 mln"),
        ],
    )
    def test_euro(self, value: float, text: str) -> None:
        assert euro_short(value) == text

    def test_count_and_percent(self) -> None:
        assert count(12345) == "12.345"
        assert percent(92.5) == "92,5 %"
