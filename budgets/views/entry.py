"""Entering budgets, amendments, benefit parameters and realisation (by hand and CSV import)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
