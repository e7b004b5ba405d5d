"""Staff roles. Each role is a Django group created by a migration."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    KLANTMANAGER = "klantmanager", _("Klantmanager")
    WERKMAKELAAR = "werkmakelaar", _("Werkmakelaar")
    MANAGER = "manager", _("Manager")
    BEHEERDER = "functioneel beheerder", _("Functioneel beheerder")
    PRIVACY_OFFICER = "privacy officer", _("Privacy officer")


# Roles that work with individual client files, and so are bound to the
# municipalities they serve.
CASEWORK_ROLES = frozenset({Role.KLANTMANAGER, Role.WERKMAKELAAR})
