"""Helpers for data migrations that give roles their permissions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.management import create_permissions


def ensure_permissions(apps: Any) -> None:
    """Create the permissions of every app now; Django normally does so after migrate.

    ``create_permissions`` skips apps whose ``models_module`` is unset, which
    is the case in a migration's app registry; the old value is put back.
    """
    for app_config in apps.get_app_configs():
        previous = getattr(app_config, "models_module", None)
        app_config.models_module = True
        try:
            # The migration's own models: a model removed later still gets its
            # permissions here (the global registry no longer knows it).
            create_permissions(app_config, verbosity=0, apps=apps)
        finally:
            app_config.models_module = previous


def grant(apps: Any, grants: list[tuple[str, str, str]]) -> None:
    """Give each (role, app_label, codename) permission to the role's group."""
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, app_label, codename in grants:
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
