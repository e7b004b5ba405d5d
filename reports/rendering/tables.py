"""The monthly report as tables: one model for the PDF, the HTML preview and the exports.

``report_view(report)`` turns a ``MonthReport`` into sections of tables whose
rows are figures and whose columns are the report's columns: the one
municipality of a municipality's report, or each municipality and the total
of a region report (an empty report has the total only). Every row keeps its
raw values (for CSV/XLSX) and their Dutch text (for the tables), so the
renderings cannot disagree.

The publication form leaves out the caseload per klantmanager (staff names do
not belong in a published report).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reports.figures.publication import SUPPRESSED
from reports.figures.types import Figures, MonthReport
from reports.rendering import formats
from reports.rendering.definitions import SECTIONS, label
from reports.rendering.formats import AVERAGE, COUNT, DELTA, MONEY, PERCENT, TEXT

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


class _Builder:
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
    ) -> list[Row]:
        """One row per code, in the total's order, then codes only a municipality has."""
        labels: dict[str, str] = {}
        for column in [self.report.total, *self.columns]:
            for item in lists(column):
                labels.setdefault(item.code, name(item) if name else item.label)
        rows = []
        for code, text in labels.items():

            def get(figures: Figures, code: str = code) -> Any:
                for item in lists(figures):
                    if item.code == code:
                        return getattr(item, measure)
                return self.missing

            rows.append(self.row(f"{key}.{code or '-'}", kind, get, text or "Onbekend"))
        return rows


def _end_reason(item: Any) -> str:
    flags = "".join(
        flag for flag, on in (("s", item.success), ("w", item.outflow_to_work)) if on
    )
    return f"{item.label} ({', '.join(flags)})" if flags else item.label


def _caseload(b: _Builder) -> list[Table]:
    c = "caseload"
    tables = [
        Table(
            "bestand-totaal",
            "Bestand aan het einde van de maand",
            [
                Group(
                    "",
                    b.figures(
                        c, [("total", COUNT), ("previous", COUNT), ("change", DELTA)]
                    ),
                )
            ],
        )
    ]
    parts = ["by_benefit_kind", "by_target_group", "by_ladder_step"]
    if not b.report.publication:
        parts.append("by_klantmanager")
    for part in parts:
        key = f"{c}.{part}"

        def items(f: Figures, p: str = part) -> Sequence[Any]:
            rows: Sequence[Any] = getattr(f.caseload, p)
            return rows

        rows = b.breakdown(key, items)
        tables.append(
            Table(f"bestand-{part}", f"Bestand {label(key).lower()}", [Group("", rows)])
        )
    return tables


def _flows(b: _Builder) -> list[Table]:
    f = "flows"
    month = [("inflow", COUNT), ("outflow", COUNT), ("outflow_to_work", COUNT)]
    year = [(f"{n}_year_to_date", k) for n, k in month]
    trend_rows = []
    months = [t.month for t in b.report.total.flows.trend]
    for measure, title in (
        ("inflow", "Instroom"),
        ("outflow", "Uitstroom"),
        ("caseload", "Bestand einde maand"),
    ):
        rows = []
        for index, day in enumerate(months):

            def get(figures: Figures, i: int = index, m: str = measure) -> Any:
                trend = figures.flows.trend
                return getattr(trend[i], m) if i < len(trend) else None

            key = f"flows.trend.{day:%Y-%m}.{measure}"
            rows.append(b.row(key, COUNT, get, formats.month_name(day)))
        trend_rows.append(Group(title, rows))
    return [
        Table(
            "instroom-uitstroom-aantallen",
            "Instroom en uitstroom",
            [
                Group("Deze maand", b.figures(f, month)),
                Group("Dit jaar", b.figures(f, year)),
            ],
        ),
        Table(
            "instroom-reden",
            label("flows.inflow_by_reason"),
            [
                Group(
                    "",
                    b.breakdown(
                        "flows.inflow_by_reason", lambda x: x.flows.inflow_by_reason
                    ),
                )
            ],
        ),
        Table(
            "uitstroom-reden",
            label("flows.outflow_by_reason"),
            [
                Group(
                    "",
                    b.breakdown(
                        "flows.outflow_by_reason", lambda x: x.flows.outflow_by_reason
                    ),
                )
            ],
        ),
        Table("trend", label("flows.trend"), trend_rows, row_heading="Maand"),
    ]


def _intake(b: _Builder) -> list[Table]:
    names = [
        ("registrations", COUNT),
        ("intakes_held", COUNT),
        ("held_within_deadline", COUNT),
        ("within_deadline_pct", PERCENT),
        ("open_overdue", COUNT),
    ]
    return [
        Table(
            "intake-tijdigheid",
            "Tijdigheid van de intake",
            [Group("", b.figures("intake", names))],
        )
    ]


def _by_kind(
    b: _Builder, key: str, lists: Callable[[Figures], Sequence[Any]]
) -> list[Group]:
    measures = (
        ("started", "Gestart"),
        ("ended", "Beëindigd"),
        ("running", "Lopend einde maand"),
    )
    return [Group(title, b.breakdown(f"{key}.{m}", lists, m)) for m, title in measures]


def _trajectories(b: _Builder) -> list[Table]:
    t = "trajectories"
    names = [
        ("started", COUNT),
        ("ended", COUNT),
        ("ended_successfully", COUNT),
        ("success_pct", PERCENT),
        ("running", COUNT),
    ]
    return [
        Table("trajecten-aantallen", "Trajecten", [Group("", b.figures(t, names))]),
        Table(
            "trajecten-soort",
            "Trajecten naar soort",
            _by_kind(b, "trajectories.by_kind", lambda f: f.trajectories.by_kind),
        ),
        Table(
            "trajecten-reden",
            "Beëindigde trajecten naar reden",
            [
                Group(
                    "",
                    b.breakdown(
                        "trajectories.by_end_reason",
                        lambda f: f.trajectories.by_end_reason,
                        name=_end_reason,
                    ),
                )
            ],
        ),
    ]


def _placements(b: _Builder) -> list[Table]:
    p = "placements"
    names = [("started", COUNT), ("ended", COUNT), ("running", COUNT)]
    mark = [
        ("reaching_mark", COUNT),
        ("sustainable", COUNT),
        ("sustainable_pct", PERCENT),
    ]
    return [
        Table(
            "plaatsingen-aantallen",
            "Plaatsingen en duurzame uitstroom",
            [Group("", b.figures(p, names)), Group("Duurzaamheid", b.figures(p, mark))],
        ),
        Table(
            "plaatsingen-soort",
            "Plaatsingen naar soort",
            _by_kind(b, "placements.by_kind", lambda f: f.placements.by_kind),
        ),
    ]


def _ladder(b: _Builder) -> list[Table]:
    groups = []
    for period, title in (("month", "Deze maand"), ("year_to_date", "Dit jaar")):
        rows = []
        for name in ("up", "down", "same", "first"):

            def get(f: Figures, p: str = period, n: str = name) -> Any:
                return getattr(getattr(f.ladder, p), n)

            rows.append(
                b.row(f"ladder.{period}.{name}", COUNT, get, label(f"ladder.{name}"))
            )
        groups.append(Group(title, rows))
    return [Table("ladder-beweging", "Beweging op de participatieladder", groups)]


def _employers(b: _Builder) -> list[Table]:
    e = "employers"
    measures = [
        ("contacts", COUNT),
        ("new_vacancies", COUNT),
        ("filled_vacancies", COUNT),
        ("placements", COUNT),
    ]
    sectors = [
        Group(
            label(f"{e}.{m}"),
            b.breakdown(f"{e}.by_sector.{m}", lambda f: f.employers.by_sector, m),
        )
        for m, _kind in measures
    ]
    return [
        Table(
            "werkgevers-aantallen",
            "Werkgeversdienstverlening",
            [Group("", b.figures(e, measures))],
        ),
        Table("werkgevers-sector", "Werkgeversdienstverlening naar sector", sectors),
    ]


def _subsidy(b: _Builder) -> list[Table]:
    names = [
        ("running", COUNT),
        ("assessed", COUNT),
        ("average_wage_value", AVERAGE),
        ("month_amount", MONEY),
    ]
    return [
        Table(
            "lks",
            "Loonkostensubsidie aan het einde van de maand",
            [Group("", b.figures("subsidy", names))],
        )
    ]


def _budget(b: _Builder) -> list[Table]:
    measures = [
        ("budget", MONEY),
        ("committed", MONEY),
        ("realised", MONEY),
        ("forecast", MONEY),
        ("exhaustion_pct", PERCENT),
        ("level", TEXT),
    ]
    streams: dict[str, str] = {}
    for column in [b.report.total, *b.columns]:
        for stream in column.budget.streams:
            streams.setdefault(stream.code, stream.label)
    groups = []
    for code, title in streams.items():
        rows = []
        for name, kind in measures:

            def get(f: Figures, c: str = code, n: str = name) -> Any:
                for stream in f.budget.streams:
                    if stream.code == c:
                        value = getattr(stream, n)
                        return value if n != "level" else (value or "geen")
                return None

            key = f"budget.streams.{name}"
            rows.append(b.row(f"budget.streams.{code}.{name}", kind, get, label(key)))
        groups.append(Group(title, rows))
    savings = [
        ("outflows_to_work", COUNT),
        ("off_benefit", COUNT),
        ("saving", MONEY),
        ("saving_year_to_date", MONEY),
        ("cost_committed", MONEY),
        ("cost_realised", MONEY),
    ]
    return [
        Table("budget-geldstromen", "Budget per geldstroom (dit jaar)", groups),
        Table(
            "besparing",
            "Besparing op uitkeringen",
            [Group("", b.figures("budget.savings", savings))],
        ),
    ]


BUILDERS: dict[str, Callable[[_Builder], list[Table]]] = {
    "bestand": _caseload,
    "instroom-uitstroom": _flows,
    "intake": _intake,
    "trajecten": _trajectories,
    "plaatsingen": _placements,
    "participatieladder": _ladder,
    "werkgevers": _employers,
    "loonkostensubsidie": _subsidy,
    "budget": _budget,
}


def report_view(report: MonthReport, *, charts: bool = True) -> ReportView:
    """The report's sections as tables (and the trend's charts unless ``charts=False``)."""
    builder = _Builder(report)
    sections = [
        Section(info.id, info.number, info.title, BUILDERS[info.id](builder))
        for info in SECTIONS
    ]
    if charts:
        from reports.rendering.charts import trend_charts

        sections[1].charts = trend_charts(report)
    return ReportView(
        report=report,
        place=place_of(report),
        period=formats.month_name(report.month),
        as_of=formats.long_date(report.as_of),
        columns=[c.name for c in builder.columns],
        sections=sections,
        publication=report.publication,
        has_total=len(report.municipalities) > 1,
    )
