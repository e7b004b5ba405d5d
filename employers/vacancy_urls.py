from django.urls import path

from employers.views import proposals, vacancies

app_name = "vacancies"
urlpatterns = [
    path("", vacancies.vacancy_list, name="list"),
    path("nieuw/", vacancies.vacancy_create, name="create"),
    path("<uuid:uuid>/", vacancies.vacancy_detail, name="detail"),
    path("<uuid:uuid>/wijzigen/", vacancies.vacancy_update, name="update"),
    path("<uuid:uuid>/sluiten", vacancies.vacancy_close, name="close"),
    path("<uuid:uuid>/voordragen", proposals.proposal_create, name="propose"),
    path(
        "voordrachten/<uuid:uuid>/status",
        proposals.proposal_advance,
        name="proposal_advance",
    ),
    path(
        "passend/<uuid:client_uuid>",
        proposals.client_vacancies,
        name="client_vacancies",
    ),
]
