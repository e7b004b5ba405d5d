"""A Python client generated from the served OpenAPI document works against the API.

openapi-python-client (a common generator, in the test extras) builds a client
from ``/api/v1/openapi.yaml`` of a live server. With a partner's OAuth2 token
it calls every list and detail operation of the document and must parse each
answer into its model: a field that comes back ``null`` without being declared
nullable, or two schemas that generate one model name, fail here as they would
for a partner.
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
import yaml

from django.core.cache import cache
from django.utils import timezone

from budgets.models import Budget, Realisation
from clients.models import Outflow, OutflowReason
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.partners.services import partner_create
from ijmondwerkt.rest.scopes import all_scopes
from reports.figures import previous_month
from reports.models import FILE_FORMATS, Report
from tests.clients.factories import (
    ClientFactory,
    ContactFactory,
    LadderMeasurementFactory,
)
from tests.employers.factories import (
    EmployerContactFactory,
    EmployerFactory,
    ProposalFactory,
    VacancyFactory,
)
from tests.trajectories.factories import (
    DeploymentFactory,
    PlacementFactory,
    TrajectoryFactory,
    WageValueAssessmentFactory,
)
from trajectories.models.choices import FundingStream

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PACKAGE = "iw_generated_client"
FILE_TYPES = sorted({media.split(";")[0] for media in FILE_FORMATS.values()})
GENERATOR = Path(sys.executable).with_name("openapi-python-client")


def _generate(document: bytes, directory: Path) -> ModuleType:
    source = directory / "openapi.yaml"
    source.write_bytes(document)
    config = directory / "config.yaml"
    # No formatting hooks: the generated code is imported, not committed. The
    # report files (PDF, CSV, Excel) are read as bytes: the generator treats
    # only application/octet-stream as a file, as a partner configures it.
    config.write_text(
        "post_hooks: []\ncontent_type_overrides:\n"
        + "".join(f"  {media}: application/octet-stream\n" for media in FILE_TYPES)
    )
    result = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(source),
            "--meta",
            "none",
            "--config",
            str(config),
            "--output-path",
            str(directory / PACKAGE),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # A schema the generator cannot build is a warning and a missing model.
    assert "Warning" not in output and "Error" not in output, output
    sys.path.insert(0, str(directory))
    for name in [m for m in sys.modules if m.split(".")[0] == PACKAGE]:
        del sys.modules[name]
    return importlib.import_module(PACKAGE)


def _token(base_url: str, client_id: str, client_secret: str) -> dict[str, Any]:
    response = httpx.post(
        f"{base_url}/api/v1/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(client_id, client_secret),
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


@pytest.fixture
def world(velsen: Municipality, klantmanager_velsen: User, werkmakelaar: User) -> Any:
    """Objects in the states where optional fields are empty, as partners meet them."""
    over_27 = ClientFactory.create(
        municipality=velsen,
        klantmanager=klantmanager_velsen,
        date_of_birth=date(1970, 1, 1),
    )
    assert over_27.search_period_end is None
    young = ClientFactory.create(
        municipality=velsen,
        klantmanager=None,
        date_of_birth=timezone.localdate() - timedelta(days=365 * 20),
    )
    LadderMeasurementFactory.create(client=over_27, measured_by=klantmanager_velsen)
    ContactFactory.create(client=over_27, recorded_by=klantmanager_velsen)
    Outflow.objects.create(
        client=young,
        date=timezone.localdate(),
        reason=OutflowReason.objects.order_by("pk")[0],
        recorded_by=klantmanager_velsen,
    )
    employer = EmployerFactory.create(municipality=velsen)
    assert employer.archived_at is None
    EmployerContactFactory.create(employer=employer, werkmakelaar=werkmakelaar)
    vacancy = VacancyFactory.create(employer=employer, close_date=None)
    ProposalFactory.create(vacancy=vacancy, client=over_27, proposed_by=werkmakelaar)
    # A running trajectory without provider or end, a deployment without
    # trajectory, a subsidised placement with follow-ups not yet held and an
    # assessment: the empty optional fields a partner meets.
    trajectory = TrajectoryFactory.create(client=over_27, planned_end_date=None)
    assert trajectory.provider is None and trajectory.end_date is None
    DeploymentFactory.create(client=over_27)
    placement = PlacementFactory.create(
        client=over_27, employer=employer, subsidised=True, wage_per_hour=None
    )
    WageValueAssessmentFactory.create(placement=placement, client=over_27)
    # A budget without lines or note, a hand-entered realisation without import.
    today = timezone.localdate()
    Budget.objects.create(
        municipality=velsen,
        year=today.year,
        funding_stream=FundingStream.PARTICIPATION,
        amount=Decimal("50000.00"),
    )
    Realisation.objects.create(
        municipality=velsen,
        funding_stream=FundingStream.PARTICIPATION,
        year=today.year,
        month=today.month,
        amount=Decimal("125.00"),
        source=Realisation.Source.MANUAL,
        created_by=klantmanager_velsen,
    )
    # A made report of last month in the archive, with its files.
    report = Report.objects.create(
        month=previous_month(),
        scope_key="0453",
        name="Velsen",
        status=Report.Status.DONE,
        as_of=previous_month(),
        pdf=b"%PDF-1.7",
        csv=b"cijfer;Velsen",
        xlsx=b"PK",
    )
    report.municipalities.set([velsen])
    return {"vacancy": vacancy, "client": over_27}


def _paginated(document: dict[str, Any], path: str) -> bool:
    """Does the GET of ``path`` answer a page (``results``), not one object?"""
    content = document["paths"][path]["get"]["responses"]["200"]["content"]
    schema = content.get("application/json", {}).get("schema", {})
    if "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].split("/")[-1]]
    return "results" in schema.get("properties", {})


def _operations(document: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    """(path, operationId, path parameters) of every GET in the document."""
    found = []
    for path, item in document["paths"].items():
        operation = item.get("get")
        if operation is None:
            continue
        found.append((path, operation["operationId"], re.findall(r"{(\w+)}", path)))
    return found


def _module(package: ModuleType, operation_id: str, tag: str) -> Any:
    name = re.sub(r"_+", "_", operation_id)
    return importlib.import_module(f"{package.__name__}.api.{tag}.{name}")


def test_generated_client_reads_every_list_and_detail(
    live_server: Any, world: Any, tmp_path: Path
) -> None:
    cache.clear()
    base_url = live_server.url
    document_bytes = httpx.get(f"{base_url}/api/v1/openapi.yaml", timeout=60).content
    document = yaml.safe_load(document_bytes)
    package = _generate(document_bytes, tmp_path)

    partner, credentials = partner_create(
        name="Gegenereerde client",
        municipalities=Municipality.objects.all(),
        scopes=list(all_scopes()),
        throttle_rate="100000/minute",
    )
    token = _token(base_url, credentials.client_id, credentials.client_secret)
    assert set(token["scope"].split()) == set(all_scopes())
    client = package.AuthenticatedClient(
        base_url=f"{base_url}/api/v1",
        token=token["access_token"],
        raise_on_unexpected_status=True,
    )

    operations = _operations(document)
    lists = [op for op in operations if not op[2]]
    details = [op for op in operations if op[2]]
    assert lists and details
    first: dict[str, dict[str, Any]] = {}
    called = []
    with client as session:
        for path, operation_id, _ in lists:
            tag = document["paths"][path]["get"]["tags"][0]
            response = _module(package, operation_id, tag).sync_detailed(client=session)
            assert response.status_code == 200, (path, response.content[:300])
            parsed = response.parsed
            assert parsed is not None, path
            called.append(path)
            if not _paginated(document, path):
                continue  # one object (the report figures), parsed above
            assert hasattr(parsed, "results"), path
            assert parsed.results, f"{path}: the world has no object to read"
            first[path] = parsed.results[0].to_dict()

        arguments = {
            "uuid": None,
            "code": None,
            "werkzoekende": str(world["client"].uuid),
        }
        for path, operation_id, parameters in details:
            collection = "/" + path.strip("/").split("/")[0]
            item = first[collection]
            values = {
                "uuid": str(world["vacancy"].uuid)
                if collection == "/vacatures"
                else item.get("uuid"),
                "code": item.get("code"),
                "werkzoekende": arguments["werkzoekende"],
            }
            kwargs = {name: values[name] for name in parameters}
            tag = document["paths"][path]["get"]["tags"][0]
            response = _module(package, operation_id, tag).sync_detailed(
                client=session, **kwargs
            )
            assert response.status_code == 200, (path, response.content[:300])
            assert response.parsed is not None, path
            called.append(path)

    assert sorted(called) == sorted(p for p, _, _ in operations)
    # What the partner's answers held: the empty dates the generator must accept.
    assert first["/werkzoekenden"] and first["/werkgevers"]["gearchiveerdOp"] is None
