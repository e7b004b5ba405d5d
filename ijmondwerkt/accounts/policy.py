"""Least privilege in beheer: who may give which access to whom.

A superuser may do anything. The functioneel beheerder manages staff accounts
within this policy, enforced by the services in ``accounts.services`` and
``partners.services`` (the admin only hides what the services would refuse):

- it gives only the roles in ``ASSIGNABLE_ROLES`` (never functioneel
  beheerder: only a superuser makes a beheerder), and never the superuser or
  staff flag, loose permissions or raw groups;
- it gives only municipalities it serves itself, to staff and partner systems;
- it manages only accounts that hold nothing beyond what it could give: no
  superuser, no role or municipality outside its reach, no loose permissions,
  no technical user of a partner system (those are managed as partners);
- it never changes its own roles, municipalities or active flag.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role

ASSIGNABLE_ROLES: dict[Role, frozenset[Role]] = {
    Role.BEHEERDER: frozenset(
        {Role.KLANTMANAGER, Role.WERKMAKELAAR, Role.MANAGER, Role.PRIVACY_OFFICER}
    ),
}

ROLE_NAMES = frozenset(role.value for role in Role)


def is_beheerder(actor: Any) -> bool:
    return bool(actor.is_active and actor.has_role(Role.BEHEERDER))


def assignable_roles(actor: User) -> frozenset[Role]:
    """The roles ``actor`` may give or take away."""
    if actor.is_superuser and actor.is_active:
        return frozenset(Role)
    granted: set[Role] = set()
    for role in actor.roles:
        granted |= ASSIGNABLE_ROLES.get(role, frozenset())
    return frozenset(granted)


def served_municipality_ids(actor: User) -> frozenset[int] | None:
    """The municipalities ``actor`` may give; ``None`` means all (superuser)."""
    if actor.is_superuser and actor.is_active:
        return None
    if not actor.is_active:
        return frozenset()
    return frozenset(actor.municipalities.values_list("pk", flat=True))


def assignable_municipalities(actor: User) -> Any:
    ids = served_municipality_ids(actor)
    municipalities = Municipality.objects.all()
    return municipalities if ids is None else municipalities.filter(pk__in=ids)


def _outside(ids: Iterable[int], allowed: frozenset[int] | None) -> bool:
    return allowed is not None and not set(ids) <= allowed


def is_partner_user(user: User) -> bool:
    return bool(user.pk) and user.partner is not None


def may_manage(actor: User, target: User) -> bool:
    """Whether ``actor`` may change ``target`` at all (its own account partly)."""
    if actor.is_superuser and actor.is_active:
        return True
    if not is_beheerder(actor) or target.is_superuser or is_partner_user(target):
        return False
    if target.pk == actor.pk:
        return True
    groups = set(target.groups.values_list("name", flat=True))
    roles = {Role(name) for name in groups & ROLE_NAMES}
    return bool(
        groups <= ROLE_NAMES
        and roles <= assignable_roles(actor)
        and not target.is_staff
        and not target.user_permissions.exists()
        and not _outside(
            target.municipalities.values_list("pk", flat=True),
            served_municipality_ids(actor),
        )
    )


def staff_change_errors(
    *,
    actor: User,
    target: User | None,
    roles: Iterable[Role],
    municipality_ids: Iterable[int],
    is_active: bool,
    privileged_change: bool = False,
) -> dict[str, list[str]]:
    """What in a proposed change of ``target`` (``None``: a new account) is refused.

    Keys are form field names; an empty dict means the change is allowed.
    ``privileged_change`` is true when the superuser or staff flag, loose
    permissions or non-role groups would change.
    """
    if actor.is_superuser and actor.is_active:
        return {}
    errors: dict[str, list[str]] = {}
    if not is_beheerder(actor):
        return {"__all__": [str(_("U mag geen medewerkers beheren."))]}
    if privileged_change:
        errors["__all__"] = [
            str(
                _(
                    "Alleen een superuser geeft superuser- of staffrechten of losse rechten."
                )
            )
        ]
    if target is not None and not may_manage(actor, target):
        errors.setdefault("__all__", []).append(
            str(_("Dit account valt buiten wat u mag beheren."))
        )
        return errors
    roles = frozenset(roles)
    municipality_ids = frozenset(municipality_ids)
    if target is not None and target.pk == actor.pk:
        return {
            **errors,
            **_own_account_errors(actor, roles, municipality_ids, is_active),
        }
    if not roles <= assignable_roles(actor):
        errors["roles"] = [str(_("U mag deze rol niet toekennen."))]
    if _outside(municipality_ids, served_municipality_ids(actor)):
        errors["municipalities"] = [
            str(_("U mag alleen gemeenten toekennen waarvoor u zelf werkt."))
        ]
    return errors


def _own_account_errors(
    actor: User,
    roles: frozenset[Role],
    municipality_ids: frozenset[int],
    is_active: bool,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    current_roles = frozenset(
        Role(name)
        for name in actor.groups.values_list("name", flat=True)
        if name in ROLE_NAMES
    )
    if roles != current_roles:
        errors["roles"] = [str(_("U kunt uw eigen rollen niet wijzigen."))]
    if municipality_ids != frozenset(actor.municipalities.values_list("pk", flat=True)):
        errors["municipalities"] = [str(_("U kunt uw eigen gemeenten niet wijzigen."))]
    if not is_active:
        errors["is_active"] = [str(_("U kunt uw eigen account niet uitschakelen."))]
    return errors


def partner_change_errors(
    *, actor: User, old_ids: Iterable[int], new_ids: Iterable[int]
) -> dict[str, list[str]]:
    """What in a partner system's municipalities ``actor`` may not give or take."""
    if actor.is_superuser and actor.is_active:
        return {}
    if not is_beheerder(actor):
        return {"__all__": [str(_("U mag geen ketenpartners beheren."))]}
    allowed = served_municipality_ids(actor)
    if _outside(old_ids, allowed) or _outside(new_ids, allowed):
        return {
            "municipalities": [
                str(_("U mag alleen gemeenten toekennen waarvoor u zelf werkt."))
            ]
        }
    return {}
