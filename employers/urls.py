from django.urls import path

from employers.views import contacts, employers

app_name = "employers"
urlpatterns = [
    path("", employers.employer_list, name="list"),
    path("nieuw/", employers.employer_create, name="create"),
    path("vervolgafspraken/", contacts.follow_up_list, name="follow_ups"),
    path(
        "vervolgafspraken/<uuid:uuid>/afronden",
        contacts.follow_up_complete,
        name="follow_up_complete",
    ),
    path("<uuid:uuid>/", employers.employer_detail, name="detail"),
    path("<uuid:uuid>/wijzigen/", employers.employer_update, name="update"),
    path("<uuid:uuid>/archiveren", employers.employer_archive, name="archive"),
    path("<uuid:uuid>/contact", contacts.contact_record, name="contact_record"),
    path(
        "<uuid:uuid>/contactpersonen/nieuw/",
        employers.contact_person_edit,
        name="contact_person_create",
    ),
    path(
        "<uuid:uuid>/contactpersonen/<uuid:person_uuid>/",
        employers.contact_person_edit,
        name="contact_person_update",
    ),
]
