"""Demo staff: one login per role, and the colleagues a real team has.

The logins (password ``DEMO_PASSWORD``) are printed by the demo command. The
colleagues are ordinary staff without a usable password: they own caseloads
and employer portfolios, so each login sees a team's ordinary working day.
"""

from __future__ import annotations

from dataclasses import dataclass

from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.accounts.services import staff_user_save

DEMO_PASSWORD = "ijmond-demo"  # noqa: S105 - demo data only, printed on purpose
BEVERWIJK, HEEMSKERK, VELSEN = "0375", "0396", "0453"
REGION = (BEVERWIJK, HEEMSKERK, VELSEN)


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    municipality_codes: tuple[str, ...]


DEMO_USERS = (
    DemoUser("klantmanager", "Karin", "de Vries", Role.KLANTMANAGER, (VELSEN,)),
    DemoUser("werkmakelaar", "Wouter", "Bakker", Role.WERKMAKELAAR, REGION),
    DemoUser("manager", "Monique", "Jansen", Role.MANAGER, REGION),
    DemoUser("beheerder", "Bas", "Visser", Role.BEHEERDER, REGION),
    DemoUser("privacy", "Priya", "Ramdin", Role.PRIVACY_OFFICER, REGION),
)


def _team(role: Role, codes: tuple[str, ...], names: str) -> tuple[DemoUser, ...]:
    """Colleagues from "username:First Last-name" words (``_`` for a space)."""
    team = []
    for word in names.split():
        username, name = word.split(":")
        first, last = name.split("-", 1)
        team.append(DemoUser(username, first, last.replace("_", " "), role, codes))
    return tuple(team)


# Klantmanagers serve one municipality; a caseload is 80-150 open files, so the
# three municipalities' ~2,000 open demo files need about eighteen of them,
# in proportion to the municipalities' caseloads (domain guide §12).
KM = Role.KLANTMANAGER
COLLEAGUES = (
    *_team(
        KM,
        (VELSEN,),
        "km.velsen2:Ahmed-Yilmaz km.velsen3:Sanne-Mulder km.velsen4:Rachid-Bouzid "
        "km.velsen5:Els-van_der_Meer km.velsen6:Joyce-Koster km.velsen7:Tim-Prins "
        "km.velsen8:Marieke-Dekker",
    ),
    *_team(
        KM,
        (BEVERWIJK,),
        "km.beverwijk1:Esra-Kaya km.beverwijk2:Dirk-Schouten "
        "km.beverwijk3:Linda-Brouwer km.beverwijk4:Patrick-de_Wit "
        "km.beverwijk5:Naima-El_Amrani km.beverwijk6:Kees-Smits",
    ),
    *_team(
        KM,
        (HEEMSKERK,),
        "km.heemskerk1:Vera-Postma km.heemskerk2:Marco-Hendriks "
        "km.heemskerk3:Noor-Dijkstra km.heemskerk4:Sven-Kuipers "
        "km.heemskerk5:Yara-de_Groot",
    ),
    # Werkmakelaars share the regional employer pool, each for sector clusters.
    *_team(
        Role.WERKMAKELAAR,
        REGION,
        "wm.zorg:Sandra-Kok wm.handel:Youssef-El_Idrissi wm.bouw:Linda-Hoekstra "
        "wm.dienstverlening:Erik-de_Graaf",
    ),
)


def _save(demo: DemoUser, password: str | None) -> User:
    return staff_user_save(
        username=demo.username,
        # None leaves the password unusable: colleagues cannot log in.
        password=password,  # type: ignore[arg-type]
        first_name=demo.first_name,
        last_name=demo.last_name,
        email=f"{demo.username}@ijmondwerkt.example",
        roles=[demo.role],
        municipalities=Municipality.objects.filter(
            cbs_code__in=demo.municipality_codes
        ),
    )


def load(*, seed: int) -> list[tuple[str, str, str]]:
    """Create or reset the demo staff; returns the logins as (username, password, role)."""
    rows = []
    for demo in DEMO_USERS:
        user = _save(demo, DEMO_PASSWORD)
        rows.append((user.username, DEMO_PASSWORD, str(demo.role.label)))
    existing = set(
        User.objects.filter(username__in=[c.username for c in COLLEAGUES]).values_list(
            "username", flat=True
        )
    )
    for colleague in COLLEAGUES:
        if colleague.username not in existing:
            _save(colleague, None)
    return rows
