"""Partner API for client files. Every read of a file is logged (doelbinding)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.views.decorators.debug import sensitive_variables
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from clients import services
from clients.api.filters import ContactFilter, OutflowFilter
from clients.api.serializers import (
    ClientSearchSerializer,
    ClientSerializer,
    ClientUpdateSerializer,
    ContactSerializer,
    LadderMeasurementSerializer,
    OutflowSerializer,
)
from clients.filters import ClientFilter
from clients.models import Client, Contact, LadderMeasurement, Outflow
from ijmondwerkt.rest.personal_data import PURPOSE_PARAMETER as PURPOSE
from ijmondwerkt.rest.personal_data import PersonalDataMixin
from ijmondwerkt.rest.services import call_service
from ijmondwerkt.rest.viewsets import (
    ScopedQuerysetMixin,
    ServiceCreateMixin,
    ServiceWriteMixin,
)

TAGS = ["werkzoekenden"]


@extend_schema_view(
    list=extend_schema(summary="Werkzoekenden zoeken", tags=TAGS, parameters=[PURPOSE]),
    retrieve=extend_schema(
        summary="Een werkzoekende opvragen", tags=TAGS, parameters=[PURPOSE]
    ),
    create=extend_schema(
        summary="Een werkzoekende aanmelden",
        description="Maakt een dossier aan met zoektermijn en intaketermijn.",
        tags=TAGS,
    ),
    partial_update=extend_schema(
        summary="Een dossier wijzigen",
        description="Vereist `versie` zoals gelezen; is het dossier intussen gewijzigd, dan 400.",
        tags=TAGS,
        request=ClientUpdateSerializer,
    ),
)
class ClientViewSet(
    PersonalDataMixin,
    ServiceWriteMixin,
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Werkzoekenden van de gemeenten die de aanroeper bedient."""

    scope_resource = "werkzoekenden"
    client_lookup = "uuid"
    update_service = staticmethod(services.client_update)
    update_argument = "client"
    update_user_argument = "user"
    queryset = (
        Client.objects.select_related(
            "municipality",
            "benefit_kind",
            "registration_channel",
            "inflow_reason",
            "education_level",
            "klantmanager",
        )
        .prefetch_related("barrier_categories")
        .with_current_ladder_step()
    )
    serializer_class = ClientSerializer
    filterset_class = ClientFilter
    ordering_fields = {
        "achternaam": "last_name",
        "datumAanmelding": "registration_date",
        "geboortedatum": "date_of_birth",
    }
    ordering = ["last_name", "first_name", "pk"]
    lookup_field = "uuid"
    lookup_value_regex = "[0-9a-f-]{36}"
    http_method_names = ["get", "post", "patch", "head", "options"]

    read_actions = ("search",)

    def get_serializer_class(self) -> Any:
        if self.action == "partial_update":
            return ClientUpdateSerializer
        return ClientSerializer

    @extend_schema(
        summary="Een werkzoekende zoeken op BSN",
        description="Zoekt exact op BSN. Het BSN staat in de body, zodat het nooit in "
        "een URL of serverlog belandt (AVG). Vereist alleen leesrechten.",
        tags=TAGS,
        request=ClientSearchSerializer,
        responses=ClientSerializer(many=True),
        parameters=[PURPOSE],
    )
    @action(detail=False, methods=["post"], url_path="_zoek")
    @sensitive_variables()  # the BSN stays out of error reports
    def search(self, request: Request) -> Response:
        query = ClientSearchSerializer(data=request.data)
        query.is_valid(raise_exception=True)
        # The list's filters, ordering and unknown-parameter check apply here too.
        queryset = self.filter_queryset(self.get_queryset())
        return self._list(request, queryset.filter(bsn=query.validated_data["bsn"]))

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._list(request, self.filter_queryset(self.get_queryset()))

    def _list(self, request: Request, queryset: QuerySet[Client]) -> Response:
        page = self.paginate_queryset(queryset)
        rows = list(page if page is not None else queryset)
        data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        client = self.get_object()
        return Response(self.get_serializer(client).data)

    @sensitive_variables()
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        client = call_service(
            serializer,
            services.client_register,
            registered_by=request.user,
            barrier_categories=data.pop("barrier_categories", ()),
            **data,
        )
        return self.respond(client, status.HTTP_201_CREATED)

    @sensitive_variables()
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().partial_update(request, *args, **kwargs)

    def update_arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"barrier_categories": data.pop("barrier_categories", None), **data}


class ClientChildMixin(ScopedQuerysetMixin):
    """Objects hanging off a client file: visible when the file is."""

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return self.queryset.none()
        return self.queryset.filter(
            client__in=Client.objects.for_user(self.request.user)
        )


@extend_schema_view(
    list=extend_schema(summary="Ladder-metingen van een werkzoekende", tags=TAGS),
    create=extend_schema(summary="Een ladder-meting vastleggen", tags=TAGS),
)
class LadderMeasurementViewSet(
    PersonalDataMixin,
    ClientChildMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Metingen op de participatieladder; de laatste is de huidige trede."""

    scope_resource = "werkzoekenden"
    client_lookup = None
    client_url_kwarg = "werkzoekende"
    queryset = LadderMeasurement.objects.select_related("measured_by")
    serializer_class = LadderMeasurementSerializer
    ordering_fields = {"datum": "measured_on"}
    ordering = ["-measured_on", "-pk"]

    def _client(self) -> Client:
        return get_object_or_404(
            Client.objects.for_user(self.request.user),
            uuid=self.kwargs["werkzoekende"],
        )

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return self.queryset.none()
        return self.queryset.filter(client=self._client())

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        client = self._client()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        measurement = call_service(
            serializer,
            services.ladder_measure,
            client=client,
            user=request.user,
            **serializer.validated_data,
        )
        return Response(
            self.get_serializer(measurement).data, status=status.HTTP_201_CREATED
        )


@extend_schema_view(
    list=extend_schema(summary="Klantcontacten zoeken", tags=["klantcontacten"]),
    retrieve=extend_schema(
        summary="Een klantcontact opvragen", tags=["klantcontacten"]
    ),
    create=extend_schema(
        summary="Een klantcontact vastleggen",
        description="Een no-show (`nietVerschenen`) zet een vervolgtaak bij de klantmanager.",
        tags=["klantcontacten"],
    ),
)
class ContactViewSet(
    PersonalDataMixin,
    ClientChildMixin,
    ServiceCreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    scope_resource = "klantcontacten"
    client_lookup = "werkzoekende"
    queryset = Contact.objects.select_related("client", "channel", "recorded_by")
    serializer_class = ContactSerializer
    filterset_class = ContactFilter
    ordering_fields = {"datumTijd": "occurred_at"}
    ordering = ["-occurred_at", "-pk"]
    lookup_field = "uuid"
    lookup_value_regex = "[0-9a-f-]{36}"
    create_service = staticmethod(services.contact_record)


@extend_schema_view(
    list=extend_schema(summary="Uitstroom zoeken", tags=["uitstroom"]),
    retrieve=extend_schema(summary="Een uitstroom opvragen", tags=["uitstroom"]),
    create=extend_schema(
        summary="Uitstroom vastleggen",
        description="Sluit het dossier: open doelen vervallen, open taken sluiten.",
        tags=["uitstroom"],
    ),
)
class OutflowViewSet(
    PersonalDataMixin,
    ClientChildMixin,
    ServiceCreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    scope_resource = "uitstroom"
    client_lookup = "werkzoekende"
    queryset = Outflow.objects.select_related("client", "reason", "recorded_by")
    serializer_class = OutflowSerializer
    filterset_class = OutflowFilter
    ordering_fields = {"datum": "date"}
    ordering = ["-date", "-pk"]
    lookup_field = "uuid"
    lookup_value_regex = "[0-9a-f-]{36}"
    create_service = staticmethod(services.client_outflow)
