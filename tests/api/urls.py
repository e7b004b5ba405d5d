"""The real URLconf plus views that exist only to exercise the API conventions."""

from __future__ import annotations

from typing import Any

from django.urls import include, path
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ijmondwerkt.urls import urlpatterns as site_patterns


class EchoSerializer(serializers.Serializer):
    some_field = serializers.CharField(max_length=5)
    nested_value = serializers.IntegerField(min_value=1)


class EchoView(APIView):
    scope_resource = "klantcontacten"

    def post(self, request: Request) -> Response:
        serializer = EchoSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data)


class BrokenView(APIView):
    scope_resource = "gemeenten"

    def get(self, request: Request) -> Any:
        raise RuntimeError("secret internal detail")


test_patterns = [
    path("echo", EchoView.as_view()),
    path("kapot", BrokenView.as_view()),
]

urlpatterns = [path("api/v1/test/", include(test_patterns)), *site_patterns]
handler400 = "ijmondwerkt.errors.bad_request"
handler403 = "ijmondwerkt.errors.permission_denied"
handler404 = "ijmondwerkt.errors.page_not_found"
handler500 = "ijmondwerkt.errors.server_error"
