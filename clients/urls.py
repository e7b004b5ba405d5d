from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern, path

from clients.views import casework, files, lists, move

app_name = "clients"


def _casework(route: str, action: str) -> URLPattern:
    """A casework page: one view, its row in ``casework.CASEWORK`` by URL name."""
    if action not in casework.CASEWORK:
        raise ImproperlyConfigured(f"No casework row {action!r}.")
    return path(
        f"<uuid:uuid>/{route}", casework.casework, {"action": action}, name=action
    )


urlpatterns = [
    path("", lists.client_list, name="list"),
    path("werkvoorraad", lists.dashboard, name="dashboard"),
    path("aanmelden", files.client_register, name="register"),
    path("aanmelden/dubbel", files.duplicate_check, name="duplicate_check"),
    path("bsn", lists.bsn_search, name="bsn_search"),
    path("herverdelen", lists.clients_reassign, name="reassign"),
    path("<uuid:uuid>", files.client_detail, name="detail"),
    path("<uuid:uuid>/wijzigen", files.client_edit, name="edit"),
    _casework("intake/plannen", "intake_plan"),
    _casework("intake", "intake_record"),
    _casework("doelen/nieuw", "goal_add"),
    path(
        "<uuid:uuid>/doelen/<uuid:goal_uuid>/status",
        casework.goal_status,
        name="goal_status",
    ),
    _casework("trede", "ladder_measure"),
    _casework("contact", "contact_record"),
    _casework("uitstroom", "outflow"),
    _casework("heraanmelden", "reregister"),
    _casework("overdracht", "handover_start"),
    _casework("overdracht/terug", "handover_return"),
    path("<uuid:uuid>/verhuizen", move.client_move, name="move"),
]
