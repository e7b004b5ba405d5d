from django.urls import path

from employers import views

app_name = "employers"
urlpatterns = [
    path("", views.employer_list, name="list"),
    path("nieuw/", views.employer_create, name="create"),
    path("vervolgafspraken/", views.follow_up_list, name="follow_ups"),
    path(
        "vervolgafspraken/<uuid:uuid>/afronden",
        views.follow_up_complete,
        name="follow_up_complete",
    ),
    path("<uuid:uuid>/", views.employer_detail, name="detail"),
    path("<uuid:uuid>/wijzigen/", views.employer_update, name="update"),
    path("<uuid:uuid>/archiveren", views.employer_archive, name="archive"),
    path("<uuid:uuid>/contact", views.contact_record, name="contact_record"),
    path(
        "<uuid:uuid>/contactpersonen/nieuw/",
        views.contact_person_edit,
        name="contact_person_create",
    ),
    path(
        "<uuid:uuid>/contactpersonen/<uuid:person_uuid>/",
        views.contact_person_edit,
        name="contact_person_update",
    ),
]
