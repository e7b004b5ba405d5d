"""Every API resource declares whether it serves client data (doelbinding)."""

from __future__ import annotations

import pytest

from ijmondwerkt.api import router
from ijmondwerkt.rest.personal_data import NOT_DECLARED, PersonalDataMixin

# Resources whose answers name clients; every other one declares it does not.
WITH_CLIENT_DATA = {
    "werkzoekenden",
    r"werkzoekenden/(?P<werkzoekende>[0-9a-f-]{36})/ladder-metingen",
    "klantcontacten",
    "uitstroom",
    "voordrachten",
    "trajecten",
    "inzetten",
    "plaatsingen",
    "loonwaardebepalingen",
}


@pytest.mark.parametrize(
    ("prefix", "viewset"), [(prefix, viewset) for prefix, viewset, _ in router.registry]
)
def test_every_resource_logs_its_client_data_through_the_one_mixin(
    prefix: str, viewset: type
) -> None:
    """A new resource (trajectories, budgets, ...) must say where its clients are."""
    assert issubclass(viewset, PersonalDataMixin), prefix
    declared = viewset.client_lookup
    assert declared is not NOT_DECLARED, f"{prefix}: declare client_lookup"
    serves = isinstance(declared, str) or bool(viewset.client_url_kwarg)
    if prefix in WITH_CLIENT_DATA:
        assert serves, prefix
    elif prefix != "vacatures":  # vacancies: only their candidates (a property)
        assert not serves, prefix


def test_vacancy_candidates_are_declared_as_client_data() -> None:
    from employers.api.views import VacancyViewSet

    viewset = VacancyViewSet()
    viewset.action = "candidates"
    assert viewset.client_lookup == "werkzoekende"
    viewset.action = "list"
    assert viewset.client_lookup is None
