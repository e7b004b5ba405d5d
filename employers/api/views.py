"""Partner API for the regional employer pool, matching and proposals."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from clients.models import Client
from employers import matching, services
from employers.api.filters import EmployerContactFilter
from employers.api.serializers import (
    CandidateSerializer,
    EmployerContactSerializer,
    EmployerSerializer,
    EmployerUpdateSerializer,
    ProposalAdvanceSerializer,
    ProposalSerializer,
    VacancySerializer,
    VacancyUpdateSerializer,
)
from employers.filters import EmployerFilter, ProposalFilter, VacancyFilter
from employers.models import Employer, EmployerContact, Proposal, Vacancy
from ijmondwerkt.accounts.models import User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.domain import NotFound
from ijmondwerkt.rest.personal_data import PersonalDataMixin, purpose_of
from ijmondwerkt.rest.services import api_errors, call_service
from ijmondwerkt.rest.viewsets import (
    ScopedQuerysetMixin,
    ServiceResponseMixin,
    ServiceWriteMixin,
)

UUID = "[0-9a-f-]{36}"
WRITE_METHODS = ["get", "post", "patch", "head", "options"]


@extend_schema_view(
    list=extend_schema(summary="Werkgevers zoeken", tags=["werkgevers"]),
    retrieve=extend_schema(summary="Een werkgever opvragen", tags=["werkgevers"]),
    create=extend_schema(
        summary="Een werkgever registreren",
        description="Het KvK-nummer moet 8 cijfers zijn en nog niet bestaan.",
        tags=["werkgevers"],
    ),
    partial_update=extend_schema(
        summary="Een werkgever wijzigen",
        description="Vereist `versie` zoals gelezen.",
        tags=["werkgevers"],
        request=EmployerUpdateSerializer,
    ),
)
class EmployerViewSet(
    PersonalDataMixin,
    ServiceWriteMixin,
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Werkgevers in de gedeelde regionale pool."""

    scope_resource = "werkgevers"
    client_lookup = None
    update_service = staticmethod(services.employer_update)
    update_argument = "employer"
    queryset = Employer.objects.select_related(
        "sbi_section", "sector_cluster", "size_class", "municipality", "werkmakelaar"
    )
    serializer_class = EmployerSerializer
    filterset_class = EmployerFilter
    ordering_fields = {"naam": "name", "kvkNummer": "kvk_number"}
    ordering = ["name", "pk"]
    lookup_field = "uuid"
    lookup_value_regex = UUID
    http_method_names = WRITE_METHODS

    def get_serializer_class(self) -> Any:
        if self.action == "partial_update":
            return EmployerUpdateSerializer
        return EmployerSerializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        employer = call_service(
            serializer, services.employer_create, **serializer.validated_data
        )
        return self.respond(employer, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        summary="Werkgeverscontacten zoeken", tags=["werkgeverscontacten"]
    ),
    retrieve=extend_schema(
        summary="Een werkgeverscontact opvragen", tags=["werkgeverscontacten"]
    ),
    create=extend_schema(
        summary="Een werkgeverscontact vastleggen",
        description="Zichtbaar voor alle werkmakelaars in de regio. Een "
        "vervolgafspraak zet een taak in het werkbakje van de werkmakelaar.",
        tags=["werkgeverscontacten"],
    ),
)
class EmployerContactViewSet(
    PersonalDataMixin,
    ServiceResponseMixin,
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Contacten die werkmakelaars met werkgevers hadden."""

    scope_resource = "werkgeverscontacten"
    client_lookup = None
    queryset = EmployerContact.objects.select_related(
        "employer", "kind", "werkmakelaar", "contact_person"
    )
    serializer_class = EmployerContactSerializer
    filterset_class = EmployerContactFilter
    ordering_fields = {"datum": "contact_date"}
    ordering = ["-contact_date", "-pk"]
    lookup_field = "uuid"
    lookup_value_regex = UUID

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        user = cast(User, request.user)
        if "werkmakelaar" not in data:
            if not user.has_role(Role.WERKMAKELAAR):
                raise ValidationError(
                    {"werkmakelaar": ["Geef de werkmakelaar die het contact had."]}
                )
            data["werkmakelaar"] = user
        contact = call_service(serializer, services.employer_contact_record, **data)
        return self.respond(contact, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Vacatures zoeken", tags=["vacatures"]),
    retrieve=extend_schema(summary="Een vacature opvragen", tags=["vacatures"]),
    create=extend_schema(
        summary="Een vacature registreren",
        description="Bij een actieve werkgever; de sluitingsdatum ligt niet vóór "
        "open vanaf, uren en plaatsen zijn positief.",
        tags=["vacatures"],
    ),
    partial_update=extend_schema(
        summary="Een vacature wijzigen",
        description="Vereist `versie` zoals gelezen. De werkgever verandert niet.",
        tags=["vacatures"],
        request=VacancyUpdateSerializer,
    ),
)
class VacancyViewSet(
    PersonalDataMixin,
    ServiceWriteMixin,
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Vacatures in de regio."""

    @property
    def scope_resource(self) -> str:
        # Candidates are people: reading them needs the proposals scope, not
        # just the vacancies one (a BI tool reading vacancies sees no names).
        return "voordrachten" if self.action == "candidates" else "vacatures"

    @property
    def client_lookup(self) -> str | None:
        # Vacancies hold no client data; their candidates are clients.
        return "werkzoekende" if self.action == "candidates" else None

    def read_purpose(self, request: Request) -> str:
        return purpose_of(request, f"Matching vacature {self.kwargs.get('uuid', '')}")

    update_service = staticmethod(services.vacancy_update)
    update_argument = "vacancy"
    queryset = Vacancy.objects.select_related(
        "employer", "sector_cluster", "location_municipality"
    )
    serializer_class = VacancySerializer
    filterset_class = VacancyFilter
    ordering_fields = {"openVanaf": "open_date", "sluitingsdatum": "close_date"}
    ordering = ["-open_date", "-pk"]
    lookup_field = "uuid"
    lookup_value_regex = UUID
    http_method_names = WRITE_METHODS

    def get_serializer_class(self) -> Any:
        if self.action == "partial_update":
            return VacancyUpdateSerializer
        if self.action == "candidates":
            return CandidateSerializer
        return VacancySerializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        vacancy = call_service(
            serializer,
            services.vacancy_create,
            created_by=request.user,
            **data,
        )
        return self.respond(vacancy, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Passende kandidaten voor een vacature",
        description="De best passende werkzoekenden (open dossiers) van de gemeenten "
        "van de aanroeper, hoogste score eerst, met per criterium de punten. "
        "Alleen het werkprofiel: geen BSN, belemmeringen of contactnotities. "
        "Matching stelt voor; een mens kiest. Vereist `voordrachten.lezen`.",
        tags=["vacatures"],
        responses=CandidateSerializer(many=True),
        parameters=[
            OpenApiParameter(
                "aantal",
                int,
                description="Hoeveel kandidaten (1-100, standaard 50).",
                required=False,
            )
        ],
        filters=False,
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="kandidaten",
        filter_backends=[],
        # The best ``aantal`` matches, ranked: a plain list, not pages.
        pagination_class=None,
    )
    def candidates(self, request: Request, uuid: str | None = None) -> Response:
        vacancy = self.get_object()
        limit = _limit(request)
        matches = matching.candidates_for_vacancy(
            user=request.user, vacancy=vacancy, limit=limit
        )
        return Response(CandidateSerializer(matches, many=True).data)


def _limit(request: Request) -> int:
    unknown = set(request.query_params) - {"aantal"}
    if unknown:
        raise ValidationError({name: ["Onbekende parameter."] for name in unknown})
    raw = request.query_params.get("aantal", str(matching.DEFAULT_LIMIT))
    if not raw.isdigit() or not 1 <= int(raw) <= 100:
        raise ValidationError(
            {"aantal": ["Kies een geheel getal van 1 tot en met 100."]}
        )
    return int(raw)


@extend_schema_view(
    list=extend_schema(summary="Voordrachten zoeken", tags=["voordrachten"]),
    retrieve=extend_schema(summary="Een voordracht opvragen", tags=["voordrachten"]),
    create=extend_schema(
        summary="Een werkzoekende voordragen",
        description="Een werkzoekende wordt één keer per vacature voorgedragen "
        "(anders 400). Een werkzoekende buiten de gemeenten van de aanroeper: 404.",
        tags=["voordrachten"],
    ),
    partial_update=extend_schema(
        summary="De status van een voordracht wijzigen",
        description="voorgesteld → uitgenodigd → gesprek → aangenomen, of afgewezen "
        "(met reden) of teruggetrokken. Alleen vooruit; afgerond blijft afgerond. "
        "Vereist `versie` zoals gelezen.",
        tags=["voordrachten"],
        request=ProposalAdvanceSerializer,
    ),
)
class ProposalViewSet(
    PersonalDataMixin,
    ServiceWriteMixin,
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Voordrachten van werkzoekenden op vacatures."""

    scope_resource = "voordrachten"
    client_lookup = "werkzoekende"
    queryset = Proposal.objects.select_related("vacancy", "client", "proposed_by")
    serializer_class = ProposalSerializer
    filterset_class = ProposalFilter
    ordering_fields = {"voorgedragenOp": "proposed_on", "status": "status"}
    ordering = ["-proposed_on", "-pk"]
    lookup_field = "uuid"
    lookup_value_regex = UUID
    http_method_names = WRITE_METHODS

    def get_serializer_class(self) -> Any:
        if self.action == "partial_update":
            return ProposalAdvanceSerializer
        return ProposalSerializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        client = _visible_client(request, data["client"]["uuid"])
        try:
            proposal = services.proposal_create(
                user=request.user,
                vacancy=data["vacancy"],
                client=client,
                note=data.get("note", ""),
            )
        except NotFound as exc:
            raise Http404 from exc
        except DjangoValidationError as exc:
            errors = api_errors(serializer, exc)
            if "client" in errors:  # the field's source is client.uuid
                errors["werkzoekende"] = errors.pop("client")
            raise ValidationError(errors) from exc
        return self.respond(proposal, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        proposal = self.get_object()
        serializer = ProposalAdvanceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        updated = call_service(
            serializer,
            services.proposal_advance,
            proposal=proposal,
            expected_version=fields.pop("version", None),
            **fields,
        )
        return self.respond(updated, status.HTTP_200_OK)


def _visible_client(request: Request, uuid: Any) -> Client:
    client: QuerySet[Client] = Client.objects.for_user(cast(User, request.user))
    found = client.filter(uuid=uuid).first()
    if found is None:
        raise Http404
    return found
