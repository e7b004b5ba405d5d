"""The monthly report's nine sections as tables: ``report_view(report)``.

Read by the PDF, the HTML preview (templates/reports/_sections.html) and the
CSV/XLSX export. Row names come from ``reports.rendering.definitions``. The
publication form leaves out the caseload per klantmanager (staff names do not
belong in a published report).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reports.figures.types import Figures, MonthReport
from reports.rendering import formats
from reports.rendering.definitions import SECTIONS, label
from reports.rendering.formats import AVERAGE, COUNT, DELTA, EUROS, MONEY, PERCENT, TEXT
from reports.rendering.tables import (
    Builder,
    Cell,
    Group,
    ReportView,
    Row,
    Section,
    Table,
    place_of,
)


def _end_reason(item: Any) -> str:
    flags = "".join(
        flag for flag, on in (("s", item.success), ("w", item.outflow_to_work)) if on
    )
    return f"{item.label} ({', '.join(flags)})" if flags else item.label


HEADINGS = {
    "by_benefit_kind": "Uitkering",
    "by_target_group": "Doelgroep",
    "by_ladder_step": "Trede",
    "by_klantmanager": "Klantmanager",
}


# The first column's heading of the breakdowns (the rest say "Cijfer").
ROW_HEADINGS = {
    "instroom-reden": "Reden",
    "uitstroom-reden": "Reden",
    "trajecten-soort": "Soort traject",
    "trajecten-reden": "Reden",
    "plaatsingen-soort": "Soort plaatsing",
    "werkgevers-sector": "Sector",
    "budget-geldstromen": "Geldstroom",
}


def _caseload(b: Builder) -> list[Table]:
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

        rows = b.breakdown(key, items, by_label=part == "by_klantmanager")
        tables.append(
            Table(
                f"bestand-{part}",
                f"Bestand {label(key).lower()}",
                [Group("", rows)],
                row_heading=HEADINGS[part],
            )
        )
    return tables


def _flows(b: Builder) -> list[Table]:
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
        Table(
            "trend",
            label("flows.trend"),
            trend_rows,
            row_heading="Maand",
            purpose="data",
        ),
        _trend_display(b),
    ]


def _trend_display(b: Builder) -> Table:
    """The chart's numbers beside it: a month per row, the total's trend."""
    rows = []
    for month in b.report.total.flows.trend:
        values = [
            (month.inflow, COUNT),
            (month.outflow, COUNT),
            (month.caseload, COUNT),
        ]
        cells = [Cell(v, formats.text(v, kind)) for v, kind in values]
        key = f"flows.trend.{month.month:%Y-%m}"
        rows.append(Row(key, formats.month_name(month.month), COUNT, cells))
    caption = label("flows.trend")
    if b.report.municipalities and len(b.report.municipalities) > 1:
        caption += " (totaal)"
    return Table(
        "trend",
        caption,
        [Group("", rows)],
        row_heading="Maand",
        headings=["Instroom", "Uitstroom", "Bestand einde maand"],
        purpose="display",
    )


def _intake(b: Builder) -> list[Table]:
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
    b: Builder, key: str, lists: Callable[[Figures], Sequence[Any]]
) -> list[Group]:
    measures = (
        ("started", "Gestart"),
        ("ended", "Beëindigd"),
        ("running", "Lopend einde maand"),
    )
    return [Group(title, b.breakdown(f"{key}.{m}", lists, m)) for m, title in measures]


def _trajectories(b: Builder) -> list[Table]:
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


def _placements(b: Builder) -> list[Table]:
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


def _ladder(b: Builder) -> list[Table]:
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


def _employers(b: Builder) -> list[Table]:
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


def _subsidy(b: Builder) -> list[Table]:
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


def _budget(b: Builder) -> list[Table]:
    measures = [
        ("budget", EUROS),
        ("committed", EUROS),
        ("realised", EUROS),
        ("forecast", EUROS),
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
        ("saving", EUROS),
        ("saving_year_to_date", EUROS),
        ("cost_committed", EUROS),
        ("cost_realised", EUROS),
    ]
    return [
        Table(
            "budget-geldstromen",
            "Budget per geldstroom dit jaar, in hele euro's",
            groups,
        ),
        Table(
            "besparing",
            "Besparing op uitkeringen, in hele euro's",
            [Group("", b.figures("budget.savings", savings))],
        ),
    ]


BUILDERS: dict[str, Callable[[Builder], list[Table]]] = {
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


def _headline(report: MonthReport) -> list[tuple[str, str]]:
    total = report.total
    figures = [
        ("caseload.total", total.caseload.total, COUNT),
        ("flows.inflow", total.flows.inflow, COUNT),
        ("flows.outflow", total.flows.outflow, COUNT),
        ("flows.outflow_to_work", total.flows.outflow_to_work, COUNT),
        ("intake.within_deadline_pct", total.intake.within_deadline_pct, PERCENT),
        ("trajectories.running", total.trajectories.running, COUNT),
    ]
    names = {
        "trajectories.running": "Lopende trajecten",
        "intake.within_deadline_pct": "Intake binnen de termijn",
    }
    return [(names.get(k) or label(k), formats.text(v, kind)) for k, v, kind in figures]


def report_view(report: MonthReport, *, charts: bool = True) -> ReportView:
    """The report's sections as tables (and the trend's charts unless ``charts=False``)."""
    builder = Builder(report)
    sections = [
        Section(info.id, info.number, info.title, BUILDERS[info.id](builder))
        for info in SECTIONS
    ]
    columns = [c.name for c in builder.columns]
    has_total = len(report.municipalities) > 1
    for section in sections:
        for table in section.tables:
            table.row_heading = ROW_HEADINGS.get(table.id, table.row_heading)
            if not table.headings:
                table.headings, table.total_last = columns, has_total
    if charts:
        from reports.rendering.charts import trend_charts

        sections[1].charts = trend_charts(report)
    return ReportView(
        report=report,
        place=place_of(report),
        period=formats.month_name(report.month),
        as_of=formats.long_date(report.as_of),
        columns=columns,
        sections=sections,
        publication=report.publication,
        has_total=has_total,
        headline=_headline(report),
    )
