from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from ijmondwerkt.accounts.models import Municipality


@extend_schema_serializer(component_name="Gemeente")
class MunicipalitySerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:gemeente-detail",
        lookup_field="cbs_code",
        lookup_url_kwarg="code",
        help_text="Adres van deze gemeente in de API.",
    )
    code = serializers.CharField(
        source="cbs_code", read_only=True, help_text="CBS-gemeentecode, 4 cijfers."
    )
    naam = serializers.CharField(
        source="name", read_only=True, help_text="Naam van de gemeente."
    )
    actief = serializers.BooleanField(
        source="active",
        read_only=True,
        help_text="Of IJmond Werkt deze gemeente bedient.",
    )

    class Meta:
        model = Municipality
        fields = ["url", "code", "naam", "actief"]
