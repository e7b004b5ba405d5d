from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db import transaction

from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role


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
    """Create or update a staff member with exactly these roles and municipalities."""
    user, _ = User.objects.get_or_create(username=username)
    user.first_name = first_name
    user.last_name = last_name
    user.email = email
    user.is_active = True
    user.set_password(password)
    user.full_clean()
    user.save()
    user.groups.set(Group.objects.filter(name__in=[r.value for r in roles]))
    user.municipalities.set(municipalities)
    # Drop cached answers so the object reflects what was just stored.
    for attr in ("role_names", "municipality_ids"):
        user.__dict__.pop(attr, None)
    return user
