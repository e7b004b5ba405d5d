"""The manager's budget overview, the drill-down per stream and the savings view."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
