"""The report archive in API terms: the report, its filters and its files.

A report (``reports.models.Report``) is listed without its figures and files;
``bestanden`` links to the PDF, CSV and Excel file once it is ``klaar``. The
files are served as they were made, with their own Content-Type.
"""

from __future__ import annotations

from typing import Any

from djangorestframework_camel_case.render import CamelCaseJSONRenderer

import django_filters as filters
from django import forms
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.renderers import BaseRenderer
from rest_framework.reverse import reverse

from budgets.api.filters import YearFilter
from ijmondwerkt.accounts.models import Municipality
from ijmondwerkt.rest.filters import StrictBooleanFilter
from reports.api.params import FIRST_YEAR, LAST_YEAR
from reports.api.serializers import MONTH_PATTERN, MonthField
from reports.figures import served
from reports.models import FILE_FORMATS, Report, ReportStatus

FORMATS = tuple(FILE_FORMATS)  # pdf, csv, xlsx


# --- the files ------------------------------------------------------------------------


class FileRenderer(BaseRenderer):
    """Passes a file's bytes through; an error (a dict) is written as JSON."""

    charset = None
    render_style = "binary"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Any = None,
    ) -> bytes:
        if isinstance(data, bytes | bytearray | memoryview):
            return bytes(data)
        return CamelCaseJSONRenderer().render(data, None, renderer_context)


def file_renderer(fmt: str) -> type[BaseRenderer]:
    media_type = FILE_FORMATS[fmt].split(";")[0]
    return type(
        f"{fmt.title()}Renderer",
        (FileRenderer,),
        {"media_type": media_type, "format": fmt},
    )


RENDERERS = {fmt: file_renderer(fmt) for fmt in FORMATS}


# --- the report -------------------------------------------------------------------------


@extend_schema_field(
    {
        "type": "object",
        "description": "Links naar de bestanden; leeg zolang de rapportage niet "
        "klaar is.",
        "required": list(FORMATS),
        "properties": {
            fmt: {"type": "string", "format": "uri", "nullable": True}
            for fmt in FORMATS
        },
    }
)
class FilesField(serializers.Field):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: Report) -> dict[str, str | None]:
        request = self.context.get("request")
        return {
            fmt: reverse(
                f"api:rapportage-{fmt}", kwargs={"uuid": value.uuid}, request=request
            )
            if value.is_done
            else None
            for fmt in FORMATS
        }


@extend_schema_serializer(component_name="Rapportage")
class ReportSerializer(serializers.ModelSerializer[Report]):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:rapportage-detail", lookup_field="uuid"
    )
    uuid = serializers.UUIDField(read_only=True)
    maand = MonthField(source="month")
    naam = serializers.CharField(
        source="name", help_text="De gemeente, of de regio met haar gemeenten."
    )
    gemeenten: serializers.SlugRelatedField[Municipality] = (
        serializers.SlugRelatedField(
            source="municipalities",
            slug_field="cbs_code",
            many=True,
            read_only=True,
            help_text="CBS-codes van de gemeenten in de rapportage.",
        )
    )
    regio = serializers.BooleanField(source="is_region")
    publicatie = serializers.BooleanField(
        source="publication", help_text="Aantallen onder 5 getoond als “<5”."
    )
    status = serializers.ChoiceField(
        choices=ReportStatus.choices,
        help_text="`wachtrij`, `bezig`, `klaar` (bestanden beschikbaar) of "
        "`mislukt` (zie `foutmelding`).",
    )
    foutmelding = serializers.CharField(source="error")
    peildatum = serializers.DateField(
        source="as_of", allow_null=True, help_text="De dag van de cijfers."
    )
    aangevraagd_op = serializers.DateTimeField(source="created_at")
    klaar_op = serializers.DateTimeField(source="finished_at", allow_null=True)
    bestanden = FilesField()

    class Meta:
        model = Report
        fields = [
            "url",
            "uuid",
            "maand",
            "naam",
            "gemeenten",
            "regio",
            "publicatie",
            "status",
            "foutmelding",
            "peildatum",
            "aangevraagd_op",
            "klaar_op",
            "bestanden",
        ]
        read_only_fields = fields


# --- filters ---------------------------------------------------------------------------


def _municipalities(request: Any) -> QuerySet[Municipality]:
    user = getattr(request, "user", None)
    if user is None:
        return Municipality.objects.none()
    return Municipality.objects.filter(pk__in=served(user))


class YearMonthField(forms.RegexField):
    """A month as ``jjjj-mm`` in the years a report can be about."""

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if value and not FIRST_YEAR <= int(value[:4]) <= LAST_YEAR:
            raise forms.ValidationError(
                f"Geef een maand tussen {FIRST_YEAR} en {LAST_YEAR}, bijvoorbeeld 2026-10."
            )
        return value


@extend_schema_field({"type": "string", "pattern": MONTH_PATTERN})
class YearMonthFilter(filters.Filter):
    """``2026-10``; anything else is a 400 naming the parameter."""

    field_class = YearMonthField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("regex", MONTH_PATTERN)
        kwargs.setdefault(
            "error_messages",
            {"invalid": "Geef een maand als jjjj-mm, bijvoorbeeld 2026-10."},
        )
        super().__init__(*args, **kwargs)

    def filter(self, qs: Any, value: Any) -> Any:
        if not value:
            return qs
        year, month = (int(part) for part in value.split("-"))
        return qs.filter(month__year=year, month__month=month)


class ReportFilter(filters.FilterSet):
    gemeente = filters.ModelChoiceFilter(
        field_name="municipalities",
        queryset=_municipalities,
        to_field_name="cbs_code",
        help_text="CBS-code: rapportages met deze gemeente (ook regio's).",
    )
    maand = YearMonthFilter(help_text="Maand als jjjj-mm.")
    jaar = YearFilter(field_name="month__year", help_text="Jaar van de maand.")
    status = filters.ChoiceFilter(choices=ReportStatus.choices)
    regio = StrictBooleanFilter(field_name="is_region", help_text="Alleen regio's.")
    publicatie = StrictBooleanFilter(
        field_name="publication", help_text="Alleen de publicatieversie."
    )

    class Meta:
        model = Report
        fields: list[str] = []
