"""The monthly report as a PDF (A4, WeasyPrint), without any network access.

``render_month_pdf(report, title=...)`` renders templates/reports/pdf/month.html:
a cover with the table of contents, the nine sections of
templates/reports/_sections.html (the same tables as the HTML preview), the
12-month trend as inline SVG charts, and an annex with the definition of
every figure. Fonts are the system's DejaVu; the URL fetcher refuses
everything but ``data:`` URIs, so a report never reaches out to the network.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string

from reports.figures.types import MonthReport
from reports.rendering.view import report_view

Fetcher = Callable[..., dict[str, Any]]


class ExternalResourceRefused(ValueError):
    """The report asked for a resource that is not inline (http, https, file, ...)."""


def local_only_fetcher(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """WeasyPrint's fetcher for ``data:`` URIs only; anything else is refused."""
    if url.startswith("data:"):
        from weasyprint import default_url_fetcher

        result: dict[str, Any] = default_url_fetcher(url, *args, **kwargs)
        return result
    raise ExternalResourceRefused(f"Externe bron geweigerd: {url[:80]}")


def month_html(report: MonthReport, *, title: str) -> str:
    """The HTML the PDF is made from (also handy to inspect the layout)."""
    css = render_to_string("reports/pdf/month.css")
    return render_to_string(
        "reports/pdf/month.html",
        {"view": report_view(report), "title": title, "css": css},
    )


def render_month_pdf(
    report: MonthReport, *, title: str, url_fetcher: Fetcher | None = None
) -> bytes:
    """The report as PDF bytes. ``url_fetcher``: for tests; refuses the network by default."""
    from weasyprint import HTML

    html = HTML(
        string=month_html(report, title=title),
        url_fetcher=url_fetcher or local_only_fetcher,
        base_url="data:,",
    )
    pdf = html.write_pdf()
    assert pdf is not None
    return bytes(pdf)
