from django.urls import path

from employers import views

app_name = "vacancies"
urlpatterns = [
    path("", views.vacancy_list, name="list"),
    path("nieuw/", views.vacancy_create, name="create"),
    path("<uuid:uuid>/", views.vacancy_detail, name="detail"),
    path("<uuid:uuid>/wijzigen/", views.vacancy_update, name="update"),
    path("<uuid:uuid>/sluiten", views.vacancy_close, name="close"),
]
