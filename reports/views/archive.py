"""The archive, a request with its progress, the preview, the downloads and a retry.

A report is found only among ``Report.objects.for_user``: one with a
municipality the user does not serve is a 404, downloads included. The
request page returns at once; the report's page polls its status fragment
every 2 s (htmx) until it is "klaar" or "mislukt".
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, register_converter
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ijmondwerkt.web import posted, render_form, run_service
from reports.forms import ArchiveFilter, ReportRequestForm
from reports.models import FILE_FORMATS, Report, ReportStatus
from reports.rendering.formats import long_date, month_name
from reports.services import report_request, report_retry
from reports.views.common import PAGE_SIZE, calling, reads_reports, reports_of

FILES = (("pdf", "PDF"), ("csv", "CSV"), ("xlsx", "Excel (XLSX)"))
NO_CONTENT = 204


class FormatConverter:
    """The file formats of a report in its download address: pdf, csv or xlsx."""

    regex = "pdf|csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "report_format")


def describe(report: Report) -> dict[str, Any]:
    """What the pages say about a report beside its fields."""
    return {
        "period": month_name(report.month),
        "files": FILES,
    }


@reads_reports
def archive(request: HttpRequest) -> HttpResponse:
    base = reports_of(request).listing().select_related("requested_by")
    filterset = ArchiveFilter(request.GET or None, queryset=base, user=request.user)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    for report in page.object_list:
        report.period = month_name(report.month)
    return render(
        request,
        "reports/archive.html",
        {"filter": filterset, "page": page, "files": FILES},
    )


@reads_reports
def request_report(request: HttpRequest) -> HttpResponse:
    form = ReportRequestForm(posted(request), user=request.user)
    if request.method == "POST":
        report = run_service(
            form,
            lambda data: calling(report_request)(user=request.user, **data),
        )
        if report is not None:
            messages.success(
                request,
                _("De rapportage over %(month)s is aangevraagd.")
                % {"month": month_name(report.month)},
            )
            return redirect("reports:detail", uuid=report.uuid)
    return render_form(request, "reports/request.html", {"form": form})


def _scoped(request: HttpRequest, uuid: UUID) -> Report:
    return get_object_or_404(
        reports_of(request).defer("pdf", "csv", "xlsx", "figures"), uuid=uuid
    )


def _status_context(report: Report) -> dict[str, Any]:
    return {
        "report": report,
        **describe(report),
        "as_of": long_date(report.as_of) if report.as_of else "",
    }


@reads_reports
def detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    report = _scoped(request, uuid)
    return render(request, "reports/detail.html", _status_context(report))


@reads_reports
def status(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The status fragment the report's page polls while the report is being made.

    The poll sends the status it shows (``was``); while that has not changed
    the answer is 204 and the page stays as it is (nothing to announce). A
    finished report's fragment has no poll, so the polling stops, and carries
    the downloads and the preview out of band.
    """
    report = _scoped(request, uuid)
    if report.is_pending and request.GET.get("was") == report.status:
        return HttpResponse(status=NO_CONTENT)
    context = {**_status_context(report), "out_of_band": True}
    return render(request, "reports/_status.html", context)


@reads_reports
def download(request: HttpRequest, uuid: UUID, fmt: str) -> HttpResponse:
    report = get_object_or_404(
        reports_of(request)
        .filter(status=ReportStatus.DONE)
        .only("uuid", "name", "month", "publication", fmt),
        uuid=uuid,
    )
    content = getattr(report, fmt)
    if content is None:
        raise Http404
    response = HttpResponse(bytes(content), content_type=FILE_FORMATS[fmt])
    response["Content-Disposition"] = str(
        content_disposition_header(True, report.filename(fmt))
    )
    response["Cache-Control"] = "private, no-store"
    return response


@reads_reports
@require_POST
def retry(request: HttpRequest, uuid: UUID) -> HttpResponse:
    report = _scoped(request, uuid)
    try:
        calling(report_retry)(user=request.user, report=report)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("De rapportage over %(month)s is opnieuw aangevraagd.")
            % {"month": month_name(report.month)},
        )
    return redirect("reports:detail", uuid=report.uuid)


urlpatterns: list[URLPattern] = [
    path("", archive, name="archive"),
    path("aanvragen/", request_report, name="request"),
    path("<uuid:uuid>/", detail, name="detail"),
    path("<uuid:uuid>/status/", status, name="status"),
    path("<uuid:uuid>/opnieuw/", retry, name="retry"),
    path("<uuid:uuid>/<report_format:fmt>/", download, name="download"),
]
