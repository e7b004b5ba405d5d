"""The login steps after username and password, under /inloggen/."""

from __future__ import annotations

from django.urls import path

from ijmondwerkt.accounts import views

urlpatterns = [
    path("code/", views.verify, name="two_factor_verify"),
    path("instellen/", views.setup, name="two_factor_setup"),
]
