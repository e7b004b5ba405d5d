from __future__ import annotations

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.conftest import IN_CI

pytestmark = pytest.mark.django_db


def test_all_migrations_are_applied() -> None:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    assert plan == []


def test_ci_runs_on_postgresql() -> None:
    if IN_CI:
        assert connection.vendor == "postgresql"
    else:
        assert connection.vendor in {"postgresql", "sqlite"}
