"""Placement and wage-value assessment pages (namespace "placements"), under /plaatsingen/."""

from django.urls import path

from trajectories.views import assessments, placement_edits, placement_steps, placements

app_name = "placements"
urlpatterns = [
    path("", placements.placement_list, name="list"),
    path("nieuw/", placement_edits.placement_create, name="create"),
    path("<uuid:uuid>/", placements.placement_detail, name="detail"),
    path("<uuid:uuid>/wijzigen/", placement_edits.placement_update, name="update"),
    path("<uuid:uuid>/beeindigen/", placement_edits.placement_end, name="end"),
    path("<uuid:uuid>/trede", placement_steps.ladder_confirm, name="ladder_confirm"),
    path(
        "<uuid:uuid>/uitstroom", placement_steps.outflow_confirm, name="outflow_confirm"
    ),
    path("nazorg/<uuid:uuid>/", placement_edits.follow_up_record, name="follow_up"),
    path(
        "voordrachten/<uuid:uuid>/aangenomen/",
        placement_steps.proposal_hire,
        name="proposal_hire",
    ),
    path(
        "loonwaardebepalingen/nieuw/",
        assessments.assessment_create,
        name="assessment_create",
    ),
    path(
        "loonwaardebepalingen/<uuid:uuid>/",
        assessments.assessment_update,
        name="assessment_update",
    ),
]
