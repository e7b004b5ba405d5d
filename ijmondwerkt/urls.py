from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ijmondwerkt import health, views
from ijmondwerkt.accounts import audit
from ijmondwerkt.accounts import views as account_views

urlpatterns = [
    path("", views.home, name="home"),
    path("health", health.health, name="health"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("inloggen/", include("ijmondwerkt.accounts.urls")),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord-wijzigen/",
        account_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path("taken/", include("ijmondwerkt.inbox.urls")),
    path("werkzoekenden/", include("clients.urls")),
    path("werkgevers/", include("employers.urls")),
    path("vacatures/", include("employers.vacancy_urls")),
    # /trajecten/... and /voorzieningen/
    path("", include("trajectories.urls")),
    path("plaatsingen/", include("trajectories.placement_urls")),
    path("budgetten/", include("budgets.urls")),
    path("rapportages/", include("reports.urls")),
    path(
        "privacy/rolwijzigingen/",
        audit.access_changes,
        name="privacy_access_changes",
    ),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("ijmondwerkt.api")),
]

handler400 = "ijmondwerkt.errors.bad_request"
handler403 = "ijmondwerkt.errors.permission_denied"
handler404 = "ijmondwerkt.errors.page_not_found"
handler500 = "ijmondwerkt.errors.server_error"
