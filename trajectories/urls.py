"""Trajectory, deployment and catalogue pages (namespace "trajectories").

Included at the site's root: the trajectories live under /trajecten/, the
catalogue under /voorzieningen/.
"""

from django.urls import path

from trajectories.views import catalogue, deployments, trajectories

app_name = "trajectories"
urlpatterns = [
    path("trajecten/", trajectories.trajectory_list, name="list"),
    path(
        "trajecten/nieuw/<uuid:client_uuid>/",
        trajectories.trajectory_create,
        name="create",
    ),
    path("trajecten/<uuid:uuid>/", trajectories.trajectory_detail, name="detail"),
    path("trajecten/<uuid:uuid>/wijzigen/", trajectories.trajectory_edit, name="edit"),
    path("trajecten/<uuid:uuid>/beeindigen/", trajectories.trajectory_end, name="end"),
    path(
        "trajecten/inzetten/nieuw/<uuid:client_uuid>/",
        deployments.deployment_create,
        name="deployment_create",
    ),
    path(
        "trajecten/inzetten/controle/<uuid:client_uuid>",
        deployments.deployment_eligibility,
        name="deployment_eligibility",
    ),
    path(
        "trajecten/inzetten/<uuid:deployment_uuid>/wijzigen/",
        deployments.deployment_edit,
        name="deployment_edit",
    ),
    path(
        "trajecten/inzetten/<uuid:deployment_uuid>/stoppen/",
        deployments.deployment_stop,
        name="deployment_stop",
    ),
    path("voorzieningen/", catalogue.catalogue, name="catalogue"),
]
