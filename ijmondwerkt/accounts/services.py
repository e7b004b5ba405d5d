from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ijmondwerkt.accounts.models import AccessChange, Municipality, User
from ijmondwerkt.accounts.policy import ROLE_NAMES, may_manage, staff_change_errors
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.audit import display, record


@transaction.atomic
def staff_user_save(
    *,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    roles: Iterable[Role],
    municipalities: Iterable[Municipality],
) -> User:
    """Create or update a staff member with exactly these roles and municipalities.

    For the system (demo data, commands, tests): no actor and no policy; the
    changes still land in the audit trail, without a name.
    """
    user, created = User.objects.get_or_create(username=username)
    user.first_name = first_name
    user.last_name = last_name
    user.email = email
    user.set_password(password)
    if created:
        access_change_record(
            actor=None, subject=user, kind=AccessChange.Kind.ACCOUNT_CREATED
        )
    _apply_access(
        actor=None,
        user=user,
        roles=frozenset(roles),
        municipality_ids={m.pk for m in municipalities},
        is_active=True,
        privileges=None,
    )
    return user


# --- beheer: staff accounts changed by a person, within the policy ----------


class StaffPolicyError(PermissionDenied):
    """A change the actor may not make; ``errors`` per form field."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(m for ms in errors.values() for m in ms))
        self.errors = errors


@dataclass(frozen=True)
class Privileges:
    """What only a superuser changes: flags, loose permissions, non-role groups."""

    is_superuser: bool = False
    is_staff: bool = False
    permission_ids: frozenset[int] = frozenset()
    other_group_ids: frozenset[int] = frozenset()

    @classmethod
    def of(cls, user: User) -> Privileges:
        if not user.pk:
            return cls()
        return cls(
            is_superuser=user.is_superuser,
            is_staff=user.is_staff,
            permission_ids=frozenset(
                user.user_permissions.values_list("pk", flat=True)
            ),
            other_group_ids=frozenset(
                user.groups.exclude(name__in=ROLE_NAMES).values_list("pk", flat=True)
            ),
        )


def _role_names(user: User) -> list[str]:
    if not user.pk:
        return []
    return sorted(
        user.groups.filter(name__in=ROLE_NAMES).values_list("name", flat=True)
    )


def _municipality_names(ids: Iterable[int]) -> list[str]:
    return [str(m) for m in Municipality.objects.filter(pk__in=list(ids))]


def _municipality_ids(user: User) -> set[int]:
    return set(user.municipalities.values_list("pk", flat=True)) if user.pk else set()


def access_change_record(
    *,
    actor: User | None,
    subject: User,
    kind: AccessChange.Kind,
    old: Any = None,
    new: Any = None,
    label: str = "",
    target: Any = None,
) -> AccessChange | None:
    """Record one change in access in the audit trail; nothing when nothing changed.

    The AccessChange row is the privacy officer's view of access; the same
    change also lands in the general audit trail (about ``target``, default
    the subject), so "every write, one mechanism" holds for users and roles.
    """
    if old == new and kind not in _EVENT_KINDS:
        return None
    change = AccessChange.objects.create(
        actor=actor,
        subject=subject,
        subject_label=(label or subject.audit_name)[:300],
        kind=kind,
        old_value=old,
        new_value=new,
    )
    record(
        target if target is not None else subject,
        action=f"access_{change.kind}",
        summary=f"{change.get_kind_display()}: {change.subject_label}",
        changes=(
            {} if kind in _EVENT_KINDS else {str(kind): [display(old), display(new)]}
        ),
        actor=actor,
    )
    return change


_EVENT_KINDS = frozenset(
    {
        AccessChange.Kind.ACCOUNT_CREATED,
        AccessChange.Kind.PASSWORD,
        AccessChange.Kind.SECOND_FACTOR,
        AccessChange.Kind.PARTNER_CREATED,
        AccessChange.Kind.PARTNER_SECRET,
        AccessChange.Kind.PARTNER_REVOKED,
    }
)


def _check(
    actor: User,
    target: User | None,
    roles: frozenset[Role],
    municipality_ids: set[int],
    is_active: bool,
    privileges: Privileges | None,
) -> None:
    before = Privileges.of(target) if target is not None else Privileges()
    errors = staff_change_errors(
        actor=actor,
        target=target,
        roles=roles,
        municipality_ids=municipality_ids,
        is_active=is_active,
        privileged_change=privileges is not None and privileges != before,
    )
    if errors:
        raise StaffPolicyError(errors)


def _apply_access(
    *,
    actor: User | None,
    user: User,
    roles: frozenset[Role],
    municipality_ids: set[int],
    is_active: bool,
    privileges: Privileges | None,
) -> None:
    """Store roles, municipalities, flags and privileges, recording each change."""
    old_roles, old_ids = _role_names(user), _municipality_ids(user)
    old_active, old_privileges = user.is_active, Privileges.of(user)
    user.is_active = is_active
    if privileges is not None:
        user.is_superuser = privileges.is_superuser
        user.is_staff = privileges.is_staff
    user.full_clean()
    user.save()
    role_groups = Group.objects.filter(name__in=[r.value for r in roles])
    user.groups.remove(
        *user.groups.filter(name__in=ROLE_NAMES).exclude(pk__in=role_groups)
    )
    user.groups.add(*role_groups)
    user.municipalities.set(municipality_ids)
    if privileges is not None:
        user.user_permissions.set(privileges.permission_ids)
        user.groups.remove(
            *user.groups.exclude(name__in=ROLE_NAMES).exclude(
                pk__in=privileges.other_group_ids
            )
        )
        user.groups.add(*privileges.other_group_ids)
    record = partial(access_change_record, actor=actor, subject=user)
    record(kind=AccessChange.Kind.ROLES, old=old_roles, new=_role_names(user))
    record(
        kind=AccessChange.Kind.MUNICIPALITIES,
        old=_municipality_names(old_ids),
        new=_municipality_names(municipality_ids),
    )
    record(kind=AccessChange.Kind.ACTIVE, old=old_active, new=user.is_active)
    if privileges is not None:
        _record_privileges(actor, user, old_privileges, privileges)
    _forget_cached_access(user)


def _record_privileges(
    actor: User | None, user: User, old: Privileges, new: Privileges
) -> None:
    record = partial(access_change_record, actor=actor, subject=user)
    record(kind=AccessChange.Kind.SUPERUSER, old=old.is_superuser, new=new.is_superuser)
    record(kind=AccessChange.Kind.STAFF, old=old.is_staff, new=new.is_staff)
    record(
        kind=AccessChange.Kind.PERMISSIONS,
        old=_privilege_names(old),
        new=_privilege_names(new),
    )


def _privilege_names(privileges: Privileges) -> list[str]:
    permissions = Permission.objects.filter(pk__in=privileges.permission_ids)
    groups = Group.objects.filter(pk__in=privileges.other_group_ids)
    return sorted(
        [f"{p.content_type.app_label}.{p.codename}" for p in permissions]
        + [f"groep {g.name}" for g in groups]
    )


def _forget_cached_access(user: User) -> None:
    for attr in ("role_names", "municipality_ids", "partner"):
        user.__dict__.pop(attr, None)


@transaction.atomic
def staff_user_create(
    *,
    actor: User,
    username: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    roles: Iterable[Role] = (),
    municipalities: Iterable[Municipality] = (),
    is_active: bool = True,
    privileges: Privileges | None = None,
) -> User:
    """Create a staff account on behalf of ``actor``, within the beheer policy.

    ``password`` None gives an account without a usable password. Raises
    ``StaffPolicyError`` when the actor may not give these roles, municipalities
    or privileges.
    """
    role_set = frozenset(roles)
    ids = {m.pk for m in municipalities}
    _check(actor, None, role_set, ids, is_active, privileges)
    user = User(username=username, first_name=first_name, last_name=last_name)
    user.email = email
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    access_change_record(
        actor=actor, subject=user, kind=AccessChange.Kind.ACCOUNT_CREATED
    )
    _apply_access(
        actor=actor,
        user=user,
        roles=role_set,
        municipality_ids=ids,
        is_active=is_active,
        privileges=privileges,
    )
    return user


@transaction.atomic
def staff_user_update(
    *,
    actor: User,
    user: User,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    roles: Iterable[Role],
    municipalities: Iterable[Municipality],
    is_active: bool,
    privileges: Privileges | None = None,
) -> User:
    """Change a staff account on behalf of ``actor``, within the beheer policy.

    ``privileges`` None leaves the superuser/staff flags, loose permissions and
    non-role groups as they are (only a superuser may pass them changed).
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    role_set = frozenset(roles)
    ids = {m.pk for m in municipalities}
    _check(actor, user, role_set, ids, is_active, privileges)
    user.username = username
    user.first_name = first_name
    user.last_name = last_name
    user.email = email
    _apply_access(
        actor=actor,
        user=user,
        roles=role_set,
        municipality_ids=ids,
        is_active=is_active,
        privileges=privileges,
    )
    return user


@transaction.atomic
def staff_user_set_password(*, actor: User, user: User, password: str | None) -> User:
    """Reset (or, with None, disable) the password of ``user`` on behalf of ``actor``."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not may_manage(actor, user):
        raise StaffPolicyError(
            {"__all__": [str(_("Dit account valt buiten wat u mag beheren."))]}
        )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save()
    access_change_record(
        actor=actor,
        subject=user,
        kind=AccessChange.Kind.PASSWORD,
        new=str(_("ingesteld") if password is not None else _("uitgeschakeld")),
    )
    return user
