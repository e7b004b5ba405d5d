from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ijmondwerkt import health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("health", health.health, name="health"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("taken/", include("ijmondwerkt.inbox.urls")),
    path("beheer/", admin.site.urls),
]
