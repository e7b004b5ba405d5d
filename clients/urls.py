from django.urls import path

from clients import views

app_name = "clients"
urlpatterns = [
    path("", views.client_list, name="list"),
    path("werkvoorraad", views.dashboard, name="dashboard"),
    path("aanmelden", views.client_register, name="register"),
    path("aanmelden/dubbel", views.duplicate_check, name="duplicate_check"),
    path("bsn", views.bsn_search, name="bsn_search"),
    path("herverdelen", views.clients_reassign, name="reassign"),
    path("<uuid:uuid>", views.client_detail, name="detail"),
    path("<uuid:uuid>/wijzigen", views.client_edit, name="edit"),
    path("<uuid:uuid>/intake/plannen", views.intake_plan, name="intake_plan"),
    path("<uuid:uuid>/intake", views.intake_record, name="intake_record"),
    path("<uuid:uuid>/doelen/nieuw", views.goal_add, name="goal_add"),
    path(
        "<uuid:uuid>/doelen/<uuid:goal_uuid>/status",
        views.goal_status,
        name="goal_status",
    ),
    path("<uuid:uuid>/trede", views.ladder_measure, name="ladder_measure"),
    path("<uuid:uuid>/contact", views.contact_record, name="contact_record"),
    path("<uuid:uuid>/uitstroom", views.client_outflow, name="outflow"),
    path("<uuid:uuid>/heraanmelden", views.client_reregister, name="reregister"),
    path("<uuid:uuid>/overdracht", views.handover_start, name="handover_start"),
    path("<uuid:uuid>/overdracht/terug", views.handover_return, name="handover_return"),
]
