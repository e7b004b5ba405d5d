"""Demo users, one per role. Passwords are printed by the demo command."""

from __future__ import annotations

from dataclasses import dataclass

from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.accounts.services import staff_user_save

DEMO_PASSWORD = "ijmond-demo"  # noqa: S105 - demo data only, printed on purpose


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    municipality_codes: tuple[str, ...]


DEMO_USERS = (
    DemoUser("klantmanager", "Karin", "de Vries", Role.KLANTMANAGER, ("0453",)),
    DemoUser("klantmanager2", "Ahmed", "Yilmaz", Role.KLANTMANAGER, ("0375", "0396")),
    DemoUser(
        "werkmakelaar", "Wouter", "Bakker", Role.WERKMAKELAAR, ("0375", "0396", "0453")
    ),
    DemoUser("manager", "Monique", "Jansen", Role.MANAGER, ("0375", "0396", "0453")),
    DemoUser("beheerder", "Bas", "Visser", Role.BEHEERDER, ("0375", "0396", "0453")),
    DemoUser(
        "privacy", "Priya", "Ramdin", Role.PRIVACY_OFFICER, ("0375", "0396", "0453")
    ),
)


def load(*, seed: int) -> list[tuple[str, str, str]]:
    """Create or reset the demo users; returns (username, password, role) rows."""
    rows = []
    for demo in DEMO_USERS:
        user: User = staff_user_save(
            username=demo.username,
            password=DEMO_PASSWORD,
            first_name=demo.first_name,
            last_name=demo.last_name,
            email=f"{demo.username}@ijmondwerkt.example",
            roles=[demo.role],
            municipalities=Municipality.objects.filter(
                cbs_code__in=demo.municipality_codes
            ),
        )
        rows.append((user.username, DEMO_PASSWORD, str(demo.role.label)))
    return rows
