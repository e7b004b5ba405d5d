"""The report's HTML sections, its stored form, and the definitions of its figures."""

from __future__ import annotations

import json
import re
from dataclasses import fields, is_dataclass
from pathlib import Path

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string

from reports.figures import publication
from reports.figures.types import (
    BudgetStream,
    Caseload,
    Employers,
    Flows,
    IntakeTimeliness,
    LadderMovement,
    Placements,
    Savings,
    Subsidy,
    Trajectories,
)
from reports.rendering import month_report_from_dict
from reports.rendering.definitions import DEFINITIONS, SECTIONS
from reports.rendering.view import report_view
from tests.reports.report_samples import municipality_report, region_report

DOCS = Path(__file__).resolve().parents[2] / "docs" / "reports.md"


def stored(report: object) -> dict:
    """The report as Report.figures holds it: to_dict() through the JSON encoder."""
    return json.loads(json.dumps(report.to_dict(), cls=DjangoJSONEncoder))  # type: ignore[attr-defined]


def test_the_stored_json_gives_back_the_same_report() -> None:
    for report in (region_report(), publication(municipality_report())):
        data = stored(report)
        assert isinstance(data["total"]["subsidy"]["month_amount"], str)
        assert data["month"] == "2026-10-01"
        assert month_report_from_dict(data) == report
        assert month_report_from_dict(report.to_dict()) == report


def test_sections_render_the_same_from_the_report_and_from_its_stored_form() -> None:
    report = region_report()
    from_report = render_to_string("reports/_sections.html", {"report": report})
    from_json = render_to_string("reports/_sections.html", {"report": stored(report)})
    assert from_report == from_json


def test_sections_are_accessible_tables() -> None:
    html = render_to_string("reports/_sections.html", {"report": region_report()})
    assert html.count('<section class="report-section"') == 9
    assert '<h2 id="bestand-kop" class="report-section-title">1. Bestand</h2>' in html
    tables = re.findall(r"<table.*?</table>", html, re.S)
    assert len(tables) > 15
    for table in tables:
        assert "<caption>" in table
        assert '<th scope="col">' in table
    assert '<th scope="col" class="num total">Totaal</th>' in html
    assert re.search(
        r'<th scope="row">Bestand einde maand</th>\s*<td class="num">1.234</td>'
        r'<td class="num">2.468</td><td class="num">3.702</td>'
        r'<td class="num total">7.404</td>',
        html,
    )
    assert '<tr class="report-group"><td colspan="5">Deze maand</td></tr>' in html
    # the group is part of each of its rows' headings for assistive technology
    assert '<th scope="row"><span class="visually-hidden">Deze maand: </span>' in html
    # the trend's charts, named for assistive technology
    assert html.count('role="img"') == 2
    assert "Verloop over twaalf maanden (totaal)" in html


def test_sections_escape_names() -> None:
    report = municipality_report()
    for column in (report.municipalities[0], report.total):
        column.caseload.by_klantmanager[0].label = "<b>Jan</b>"
    html = render_to_string("reports/_sections.html", {"report": report})
    assert "&lt;b&gt;Jan&lt;/b&gt;" in html
    assert "<b>Jan</b>" not in html


def test_the_annex_partial_lists_every_definition() -> None:
    html = render_to_string("reports/_definitions.html")
    assert "Bijlage: definities" in html
    for definition in DEFINITIONS.values():
        assert f"<dt>{definition.label}</dt>" in html.replace("&#x27;", "'")


SECTION_TYPES = {
    "caseload": Caseload,
    "flows": Flows,
    "intake": IntakeTimeliness,
    "trajectories": Trajectories,
    "placements": Placements,
    "ladder": LadderMovement,
    "employers": Employers,
    "subsidy": Subsidy,
    "budget.streams": BudgetStream,
    "budget.savings": Savings,
}
NOT_SHOWN = {"subsidy.wage_value_sum", "budget.streams.code", "budget.streams.label"}


def test_every_figure_of_the_structure_has_a_definition() -> None:
    expected = {
        f"{prefix}.{f.name}"
        for prefix, kind in SECTION_TYPES.items()
        for f in fields(kind)
        if not (is_dataclass(f.type) and not isinstance(f.type, str))
    } - NOT_SHOWN
    assert expected <= set(DEFINITIONS)
    assert set(DEFINITIONS) <= expected


def test_every_definition_names_a_figure_documented_in_docs_reports_md() -> None:
    docs = DOCS.read_text()
    for key in DEFINITIONS:
        name = key.rsplit(".", 1)[1]
        documented = f"`{name}`" in docs or (
            name.endswith("_year_to_date") and "`*_year_to_date`" in docs
        )
        assert documented, key
    assert "reports/rendering/definitions.py" in docs


def test_every_row_of_the_report_is_named_from_the_definitions_or_its_data() -> None:
    view = report_view(region_report(), charts=False)
    assert [s.title for s in view.sections] == [s.title for s in SECTIONS]
    labels = {d.label for d in DEFINITIONS.values()}
    keyed = [row for s in view.sections for t in s.tables for row in t.rows]
    plain = [row for row in keyed if row.key.count(".") == 1]
    assert plain and all(row.label in labels for row in plain)
