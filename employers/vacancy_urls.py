from django.urls import path

from employers import views

app_name = "vacancies"
urlpatterns = [
    path("", views.vacancy_list, name="list"),
    path("nieuw/", views.vacancy_create, name="create"),
    path("<uuid:uuid>/", views.vacancy_detail, name="detail"),
    path("<uuid:uuid>/wijzigen/", views.vacancy_update, name="update"),
    path("<uuid:uuid>/sluiten", views.vacancy_close, name="close"),
    path("<uuid:uuid>/voordragen", views.proposal_create, name="propose"),
    path(
        "voordrachten/<uuid:uuid>/status",
        views.proposal_advance,
        name="proposal_advance",
    ),
    path("passend/<uuid:client_uuid>", views.client_vacancies, name="client_vacancies"),
]
