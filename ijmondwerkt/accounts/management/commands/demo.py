"""Fill the database with demo data. Idempotent: running it twice changes nothing more.

Each app may ship a ``demo`` module with ``load(*, seed)``; they run in the
order of INSTALLED_APPS, so later apps can build on earlier ones.
"""

from __future__ import annotations

import importlib
import time
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ijmondwerkt.accounts import demo as accounts_demo


class Command(BaseCommand):
    help = "Laadt demogegevens: gemeenten, een gebruiker per rol en voorbeelddossiers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook uitvoeren als PRODUCTION aan staat.",
        )

    def handle(self, *args: Any, seed: int, force: bool, **options: Any) -> None:
        if settings.PRODUCTION and not force:
            raise CommandError(
                "Demogegevens horen niet in productie (gebruik --force)."
            )
        begun = time.monotonic()
        call_command("migrate", verbosity=0, interactive=False)
        logins = accounts_demo.load(seed=seed)
        for app_config in apps.get_app_configs():
            if app_config.name == "ijmondwerkt.accounts":
                continue
            try:
                module = importlib.import_module(f"{app_config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app_config.name}.demo":
                    raise
                continue
            started = time.monotonic()
            summary = module.load(seed=seed)
            elapsed = time.monotonic() - started
            self.stdout.write(f"{app_config.verbose_name}: {summary} ({elapsed:.1f} s)")
        total = time.monotonic() - begun
        self.stdout.write(
            self.style.SUCCESS(
                f"Demogegevens staan klaar ({total:.0f} s). Inloggen met:"
            )
        )
        for username, password, role in logins:
            self.stdout.write(f"  {username:<15} {password:<14} {role}")
        self.stdout.write(
            f"Verder {len(accounts_demo.COLLEAGUES)} collega's zonder inlog "
            "(klantmanagers en werkmakelaars), zodat elk team compleet is."
        )
