"""The table model of the monthly report: rows of figures, a column per report column.

Every row keeps its raw values (for CSV/XLSX) and their Dutch text (for the
PDF and the HTML preview), so the renderings cannot disagree. The columns: the
one municipality of a municipality's report, or each municipality and the
total of a region report (an empty report has the total only). The sections
are built in ``reports.rendering.view``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reports.figures.publication import SUPPRESSED
from reports.figures.types import Figures, MonthReport
from reports.rendering import formats
from reports.rendering.definitions import label
from reports.rendering.formats import COUNT

REGION = "Regio IJmond"


@dataclass
class Cell:
    value: Any  # int, Decimal, "<5", a text, or None
    text: str  # as the tables show it


@dataclass
class Row:
    key: str  # the structure's path, e.g. "caseload.by_benefit_kind.WW"
    label: str
    kind: str  # formats.COUNT, PERCENT, ...
    cells: list[Cell]


@dataclass
class Group:
    title: str  # "" for rows without a heading of their own
    rows: list[Row]


@dataclass
class Table:
    id: str
    caption: str
    groups: list[Group]
    row_heading: str = "Cijfer"
    # The value columns' headings: the report's columns unless set.
    headings: list[str] = field(default_factory=list)
    total_last: bool = False  # the last column is the region's total
    # "both"; "display": the PDF and preview only; "data": CSV/XLSX only.
    purpose: str = "both"

    @property
    def rows(self) -> list[Row]:
        return [row for group in self.groups for row in group.rows]


@dataclass
class Section:
    id: str
    number: int
    title: str
    tables: list[Table] = field(default_factory=list)
    # The 12-month trend's charts (inline SVG), in the flows section.
    charts: list[Any] = field(default_factory=list)


@dataclass
class ReportView:
    report: MonthReport
    place: str  # "Velsen", or "Regio IJmond (Beverwijk, Heemskerk, Velsen)"
    period: str  # "oktober 2026"
    as_of: str  # "31 oktober 2026"
    columns: list[str]
    sections: list[Section]
    publication: bool
    has_total: bool  # the last column is the region's total
    headline: list[tuple[str, str]]  # key figures of the total for the cover


Getter = Callable[[Figures], Any]


def columns_of(report: MonthReport) -> list[Figures]:
    if len(report.municipalities) == 1:
        return list(report.municipalities)
    return [*report.municipalities, report.total]


def place_of(report: MonthReport) -> str:
    names = [m.name for m in report.municipalities]
    if len(names) == 1:
        return names[0]
    return f"{REGION} ({', '.join(names)})" if names else REGION


class Builder:
    """Rows of a report's figures: one cell per report column."""

    def __init__(self, report: MonthReport) -> None:
        self.report = report
        self.columns = columns_of(report)
        self.missing: Any = SUPPRESSED if report.publication else 0

    def row(self, key: str, kind: str, get: Getter, name: str = "") -> Row:
        values = [get(column) for column in self.columns]
        cells = [Cell(v, formats.text(v, kind)) for v in values]
        return Row(key, name or label(key), kind, cells)

    def figures(self, prefix: str, names: Iterable[tuple[str, str]]) -> list[Row]:
        """Plain figures of one section object: (field, kind) pairs."""
        section, _dot, rest = prefix.partition(".")

        def getter(name: str) -> Getter:
            def get(figures: Figures) -> Any:
                value: Any = getattr(figures, section)
                for part in [*filter(None, rest.split(".")), name]:
                    value = getattr(value, part)
                return value

            return get

        return [self.row(f"{prefix}.{n}", kind, getter(n)) for n, kind in names]

    def breakdown(
        self,
        key: str,
        lists: Callable[[Figures], Sequence[Any]],
        measure: str = "count",
        kind: str = COUNT,
        name: Callable[[Any], str] | None = None,
        by_label: bool = False,
    ) -> list[Row]:
        """One row per code, in the total's order, then codes only a municipality has.

        ``by_label``: alphabetically instead, the row without a code ("") last.
        """
        labels: dict[str, str] = {}
        for column in [self.report.total, *self.columns]:
            for item in lists(column):
                labels.setdefault(item.code, name(item) if name else item.label)
        if by_label:
            labels = dict(
                sorted(labels.items(), key=lambda i: (i[0] == "", i[1].lower()))
            )
        rows = []
        for code, text in labels.items():

            def get(figures: Figures, code: str = code) -> Any:
                for item in lists(figures):
                    if item.code == code:
                        return getattr(item, measure)
                return self.missing

            rows.append(self.row(f"{key}.{code or '-'}", kind, get, text or "Onbekend"))
        return rows
