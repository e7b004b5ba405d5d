"""The project's migrations run backwards to nothing and forwards again.

pytest-django builds the test database by running every migration forwards, and
``makemigrations --check`` (bin/test) compares the models with them; neither
unapplies a migration. Here they are unapplied on the test database itself and
applied again, so a migration without a working reverse, or a data migration
that cannot run twice, fails here rather than on a server being rolled back.
"""

from __future__ import annotations

import pytest

from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from clients.models import BarrierCategory
from ijmondwerkt.accounts.models import Municipality
from ijmondwerkt.accounts.roles import Role
from tests.conftest import IN_CI

# The project's own apps, by label; contrib apps stay as they are.
PROJECT_APPS = [
    "accounts",
    "inbox",
    "partners",
    "clients",
    "employers",
    "audit",
    "trajectories",
    "budgets",
    "reports",
]


def _executor() -> MigrationExecutor:
    return MigrationExecutor(connection)


def _tables() -> set[str]:
    return set(connection.introspection.table_names())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrations_unapply_to_zero_and_apply_again() -> None:
    executor = _executor()
    graph = executor.loader.graph
    project_tables = {
        model._meta.db_table
        for app_label in PROJECT_APPS
        for model in executor.loader.project_state()
        .apps.get_app_config(app_label)
        .get_models()
    }
    assert project_tables <= _tables()
    assert executor.loader.detect_conflicts() == {}

    executor.migrate([(app_label, None) for app_label in PROJECT_APPS])
    executor = _executor()
    applied = executor.loader.applied_migrations
    assert not {key for key in applied if key[0] in PROJECT_APPS}
    assert not project_tables & _tables()

    leaves = graph.leaf_nodes()
    executor.migrate(leaves)
    executor = _executor()
    assert executor.migration_plan(leaves) == []
    assert project_tables <= _tables()
    # The data the migrations seed is there once, as after a fresh install.
    assert Municipality.objects.filter(cbs_code="0453").count() == 1
    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}
    assert BarrierCategory.objects.exists()


def test_ci_runs_on_postgresql() -> None:
    if IN_CI:
        assert connection.vendor == "postgresql"
    else:
        assert connection.vendor in {"postgresql", "sqlite"}
