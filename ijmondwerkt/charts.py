"""Charts as inline SVG, drawn on the server with matplotlib.

Every chart is returned as SVG markup (no XML declaration) that can be put in a
page or in a WeasyPrint PDF as it is:

- accessible: ``role="img"`` with a ``<title>`` and ``<desc>`` named by
  ``aria-labelledby``; the page shows the numbers in a table beside the chart;
- readable without colour: series differ in colour *and* hatching (bars) or
  marker and line style (lines), with a legend;
- text stays text (``svg.fonttype`` "none", DejaVu Sans), numbers in Dutch
  notation ("€ 1,2 mln", "€ 250.000", "1.234");
- deterministic: a fixed hash salt, no date and no creator in the metadata, so
  the same data gives the same bytes (cacheable, testable);
- styled with presentation attributes, not ``style`` attributes: the pages'
  Content-Security-Policy allows no inline style;
- ids prefixed per chart, so two charts on one page share none.

Only matplotlib's object API is used (``matplotlib.figure.Figure``, no pyplot):
no global figure state, safe in threads.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree as ET

import matplotlib
from babel.numbers import format_decimal
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from django.utils.safestring import SafeString, mark_safe

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

# Set once at import: rcParams are global, so they are never changed per call.
matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",
        "svg.hashsalt": "ijmondwerkt",
        "font.family": "DejaVu Sans",
        "font.size": 10,
        "hatch.linewidth": 1.0,
    }
)

LOCALE = "nl_NL"
FONT_FAMILY = "DejaVu Sans, sans-serif"
MONTHS_SHORT = (
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
)
# Dark enough against white for graphics (at least 3:1, WCAG 1.4.11), and told
# apart by hatching or marker and line style as well as by colour.
STYLES: tuple[dict[str, str], ...] = (
    {"color": "#1d4e89", "hatch": "///", "marker": "o", "linestyle": "-"},
    {"color": "#b04a0c", "hatch": "", "marker": "s", "linestyle": "--"},
    {"color": "#2f6b3a", "hatch": "...", "marker": "^", "linestyle": ":"},
    {"color": "#6b3f8f", "hatch": "xx", "marker": "D", "linestyle": "-."},
)
REFERENCE_COLOUR = "#222222"
MARGINS = {"left": 0.13, "right": 0.99, "top": 0.86, "bottom": 0.1}
GRID_COLOUR = "#d4d4d4"
WIDTH_INCHES = 7.5
HEIGHT_INCHES = 3.2

Number = Decimal | int | float | None


@dataclass(frozen=True)
class Series:
    """One named row of values, one per label."""

    label: str
    values: Sequence[Number]


@dataclass(frozen=True)
class Reference:
    """A horizontal line across a bar chart, e.g. the budget per month."""

    label: str
    value: Number


# --- Dutch numbers ------------------------------------------------------------------


def euro_short(value: float) -> str:
    """An axis amount: "€ 1,2 mln" from a million, else "€ 250.000"."""
    if abs(value) >= 1_000_000:
        millions = format_decimal(value / 1_000_000, "#,##0.#", locale=LOCALE)
        return f"€ {millions} mln"
    return f"€ {format_decimal(round(value), '#,##0', locale=LOCALE)}"


def count(value: float) -> str:
    return str(format_decimal(round(value), "#,##0", locale=LOCALE))


def percent(value: float) -> str:
    return f"{format_decimal(value, '#,##0.#', locale=LOCALE)} %"


UNITS: dict[str, Callable[[float], str]] = {
    "euro": euro_short,
    "aantal": count,
    "procent": percent,
}


def _floats(values: Sequence[Number], missing: float) -> list[float]:
    return [missing if v is None else float(v) for v in values]


# --- the charts ---------------------------------------------------------------------


def _figure() -> tuple[Figure, Axes]:
    # Fixed margins rather than a layout engine: one draw instead of two, and
    # room enough for "€ 900.000" on the left and the legend on top.
    figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES))
    figure.subplots_adjust(**MARGINS)
    axes = figure.add_subplot()
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.set_axisbelow(True)
    axes.grid(axis="y", color=GRID_COLOUR, linewidth=0.8)
    axes.tick_params(length=3)
    return figure, axes


def _y_axis(axes: Axes, unit: str) -> None:
    formatter = UNITS[unit]
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: formatter(v)))
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=unit == "aantal"))
    bottom, top = axes.get_ylim()
    axes.set_ylim(min(0.0, bottom), top if top > 0 else 1.0)


def _legend(figure: Figure, handles: list[Any]) -> None:
    figure.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(MARGINS["left"] - 0.01, 1.0),
        ncols=4,
        frameon=False,
        fontsize=10,
    )


def bar_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    unit: str = "euro",
    reference: Reference | None = None,
    chart_id: str = "",
) -> SafeString:
    """Bars side by side per label, one colour and hatching per series."""
    figure, axes = _figure()
    positions = list(range(len(labels)))
    width = 0.8 / max(1, len(series))
    handles: list[Any] = []
    for index, row in enumerate(series):
        style = STYLES[index % len(STYLES)]
        offset = (index - (len(series) - 1) / 2) * width
        bars = axes.bar(
            [p + offset for p in positions],
            _floats(row.values, 0.0),
            width=width,
            label=row.label,
            color=style["color"],
            hatch=style["hatch"] or None,
            edgecolor="#ffffff",
            linewidth=0.6,
        )
        handles.append(bars)
    if reference is not None and reference.value is not None:
        line = axes.axhline(
            float(reference.value),
            color=REFERENCE_COLOUR,
            linestyle=(0, (6, 3)),
            linewidth=1.4,
            label=reference.label,
        )
        handles.append(line)
    axes.set_xticks(positions, list(labels))
    _y_axis(axes, unit)
    _legend(figure, handles)
    return _svg(figure, title=title, description=description, chart_id=chart_id)


def month_bar_chart(
    months: Sequence[Any],
    *,
    title: str,
    description: str,
    reference: Reference | None = None,
    chart_id: str = "",
) -> SafeString:
    """Committed ("Verplicht") beside realised ("Gerealiseerd") per month.

    ``months``: rows with ``month`` (1-12), ``committed`` and ``realised``, such
    as ``budgets.selectors.MonthFigures``.
    """
    return bar_chart(
        [MONTHS_SHORT[m.month - 1] for m in months],
        [
            Series("Verplicht", [m.committed for m in months]),
            Series("Gerealiseerd", [m.realised for m in months]),
        ],
        title=title,
        description=description,
        reference=reference,
        chart_id=chart_id,
    )


def line_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    unit: str = "aantal",
    chart_id: str = "",
) -> SafeString:
    """One line per series (e.g. a 12-month trend); a missing value is a gap."""
    figure, axes = _figure()
    positions = list(range(len(labels)))
    handles: list[Any] = []
    for index, row in enumerate(series):
        style = STYLES[index % len(STYLES)]
        handles += axes.plot(
            positions,
            _floats(row.values, math.nan),
            label=row.label,
            color=style["color"],
            marker=style["marker"],
            linestyle=style["linestyle"],
            linewidth=2,
            markersize=6,
        )
    axes.set_xticks(positions, list(labels))
    if len(labels) > 12:
        axes.tick_params(axis="x", labelrotation=45)
        figure.subplots_adjust(bottom=0.22)
    _y_axis(axes, unit)
    _legend(figure, handles)
    return _svg(figure, title=title, description=description, chart_id=chart_id)


# --- from matplotlib's SVG to markup for a page --------------------------------------

_REFERENCE = re.compile(r"url\(#([^)]+)\)")
# Declarations that are also SVG presentation attributes (the rest is dropped).
PRESENTATION = frozenset(
    {
        "clip-path",
        "fill",
        "fill-opacity",
        "font-family",
        "font-size",
        "font-style",
        "font-weight",
        "opacity",
        "stroke",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-opacity",
        "stroke-width",
        "text-anchor",
    }
)
HREF = f"{{{XLINK_NS}}}href"


def _tag(name: str) -> str:
    return f"{{{SVG_NS}}}{name}"


def _style_to_attributes(element: ET.Element) -> None:
    style = element.attrib.pop("style", "")
    for declaration in style.split(";"):
        name, _sep, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if name == "font-family":
            value = FONT_FAMILY
        if name in PRESENTATION and value:
            element.set(name, value)


def _prefix_ids(root: ET.Element, prefix: str) -> None:
    """Keep only the ids something refers to, prefixed with the chart's id."""
    used: set[str] = set()
    for element in root.iter():
        for name, value in element.attrib.items():
            used.update(_REFERENCE.findall(value))
            if name == HREF and value.startswith("#"):
                used.add(value[1:])
    for element in root.iter():
        element_id = element.attrib.pop("id", None)
        if element_id in used:
            element.set("id", f"{prefix}-{element_id}")
        for name, value in list(element.attrib.items()):
            if name == HREF and value.startswith("#"):
                element.set(name, f"#{prefix}-{value[1:]}")
            elif "url(#" in value:
                element.set(name, _REFERENCE.sub(rf"url(#{prefix}-\1)", value))


def _svg(figure: Figure, *, title: str, description: str, chart_id: str) -> SafeString:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    root = ET.fromstring(buffer.getvalue())  # noqa: S314 (our own output)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == _tag("metadata") or child.tag == _tag("style"):
                parent.remove(child)
    for element in root.iter():
        _style_to_attributes(element)
    if not chart_id:
        digest = hashlib.sha256(
            ET.tostring(root) + title.encode() + description.encode()
        ).hexdigest()
        chart_id = f"grafiek-{digest[:10]}"
    _prefix_ids(root, chart_id)
    for name in ("width", "height"):
        root.attrib.pop(name, None)
    root.set("width", "100%")
    root.set("class", "chart")
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-titel {chart_id}-beschrijving")
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    root.set("font-family", FONT_FAMILY)
    root.set("id", chart_id)
    title_element = ET.Element(_tag("title"), {"id": f"{chart_id}-titel"})
    title_element.text = title
    desc_element = ET.Element(_tag("desc"), {"id": f"{chart_id}-beschrijving"})
    desc_element.text = description
    root.insert(0, desc_element)
    root.insert(0, title_element)
    return mark_safe(ET.tostring(root, encoding="unicode"))  # noqa: S308 (escaped by ElementTree)


__all__ = [
    "MONTHS_SHORT",
    "Reference",
    "Series",
    "bar_chart",
    "count",
    "euro_short",
    "line_chart",
    "month_bar_chart",
    "percent",
]
