from __future__ import annotations

from typing import Any, Protocol

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ijmondwerkt import scoping
from ijmondwerkt.accounts.roles import Role


class Principal(Protocol):
    """Anyone whose access is bounded by municipalities: staff or a partner system."""

    @property
    def municipality_ids(self) -> frozenset[int]: ...


class MunicipalityScopedQuerySet(models.QuerySet[Any]):
    """Base queryset for data that belongs to one municipality.

    Subclasses set ``municipality_lookup`` to the path from the model to its
    municipality, and ``scope_roles`` to the staff roles that work with it
    (None: every role). ``for_user`` is the single gate every view, endpoint,
    export and task goes through: it returns only rows of municipalities the
    principal serves, so a foreign id is simply not found (404). The contract
    is in docs/scoping.md.
    """

    municipality_lookup = "municipality"
    scope_roles: tuple[Role, ...] | None = None

    def for_user(self, principal: Principal) -> MunicipalityScopedQuerySet:
        return scoping.in_municipalities(
            self, principal, lookup=self.municipality_lookup, roles=self.scope_roles
        )


class MunicipalityQuerySet(MunicipalityScopedQuerySet):
    municipality_lookup = "pk"

    def active(self) -> MunicipalityQuerySet:
        return self.filter(active=True)


class Municipality(models.Model):
    """A gemeente served by this deployment. Data, not code."""

    cbs_code = models.CharField(
        _("CBS-code"),
        max_length=4,
        unique=True,
        validators=[
            RegexValidator(r"^\d{4}$", _("Een CBS-code bestaat uit 4 cijfers."))
        ],
    )
    name = models.CharField(_("naam"), max_length=100, unique=True)
    active = models.BooleanField(_("actief"), default=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.cbs_code})"


class UserQuerySet(models.QuerySet["User"]):
    def active_with_role(
        self, *roles: Role, municipalities: Any = None
    ) -> UserQuerySet:
        """Active staff holding any of ``roles``, ordered by name.

        ``municipalities`` (ids, objects or a queryset): only staff serving at
        least one of them; None leaves the region whole (e.g. werkmakelaars).
        """
        qs = self.filter(is_active=True, groups__name__in=[r.value for r in roles])
        if municipalities is not None:
            qs = qs.filter(municipalities__in=municipalities)
        return qs.distinct().order_by("first_name", "last_name", "username")


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    """Django's user manager with the staff queries of this project."""


class User(AbstractUser):
    """A staff member. Roles are groups; municipalities bound what they see."""

    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("gemeenten"),
        blank=True,
        related_name="staff",
        help_text=_("De gemeenten waarvoor deze medewerker werkt."),
    )

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")

    @cached_property
    def role_names(self) -> frozenset[str]:
        if not self.is_active:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    @property
    def roles(self) -> list[Role]:
        return [role for role in Role if role.value in self.role_names]

    def has_role(self, *roles: Role) -> bool:
        return any(role.value in self.role_names for role in roles)

    @cached_property
    def municipality_ids(self) -> frozenset[int]:
        if not self.is_active:
            return frozenset()
        return frozenset(
            self.municipalities.filter(active=True).values_list("pk", flat=True)
        )

    @cached_property
    def partner(self) -> Any:
        """The partner system this technical user acts for, if any."""
        from ijmondwerkt.partners.models import PartnerSystem

        return PartnerSystem.objects.filter(user=self).first() if self.pk else None

    @property
    def api_scopes(self) -> frozenset[str]:
        from ijmondwerkt.rest.scopes import scopes_for_roles

        if self.partner is not None:
            return (
                frozenset(self.partner.scopes) if self.partner.active else frozenset()
            )
        return scopes_for_roles(self.roles)

    @property
    def throttle_rate(self) -> str:
        return self.partner.throttle_rate if self.partner is not None else ""

    @property
    def audit_name(self) -> str:
        return self.get_full_name() or self.username


class AccessChangeQuerySet(models.QuerySet["AccessChange"]):
    def for_review(self) -> AccessChangeQuerySet:
        return self.select_related("actor", "subject").order_by("-changed_at", "-pk")


class AccessChange(models.Model):
    """One change to what a staff account or partner system may do (audit trail).

    Written by the services that make the change, never edited or deleted:
    both users are protected, so the row outlives a deactivated account.
    ``actor`` is empty for changes made by the system (demo data, commands).
    """

    class Kind(models.TextChoices):
        ACCOUNT_CREATED = "account", _("Account aangemaakt")
        ROLES = "rollen", _("Rollen")
        MUNICIPALITIES = "gemeenten", _("Gemeenten")
        ACTIVE = "actief", _("Actief")
        PASSWORD = "wachtwoord", _("Wachtwoord ingesteld")
        SECOND_FACTOR = "tweede_factor", _("Tweede factor opnieuw ingesteld")
        SUPERUSER = "superuser", _("Superuser")
        STAFF = "staff", _("Staff-status")
        PERMISSIONS = "rechten", _("Losse rechten en groepen")
        PARTNER_CREATED = "ketenpartner", _("Ketenpartner aangemaakt")
        SCOPES = "scopes", _("Scopes ketenpartner")
        PARTNER_SECRET = "geheim", _("Nieuw geheim ketenpartner")
        PARTNER_REVOKED = "ingetrokken", _("Ketenpartner ingetrokken")

    changed_at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    actor = models.ForeignKey(
        "accounts.User",
        verbose_name=_("gewijzigd door"),
        on_delete=models.PROTECT,
        related_name="access_changes_made",
        null=True,
        blank=True,
    )
    subject = models.ForeignKey(
        "accounts.User",
        verbose_name=_("medewerker of ketenpartner"),
        on_delete=models.PROTECT,
        related_name="access_changes",
    )
    subject_label = models.CharField(_("naam"), max_length=300)
    kind = models.CharField(_("wijziging"), max_length=20, choices=Kind.choices)
    old_value = models.JSONField(_("oude waarde"), null=True, blank=True)
    new_value = models.JSONField(_("nieuwe waarde"), null=True, blank=True)

    objects = AccessChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("wijziging in toegang")
        verbose_name_plural = _("wijzigingen in toegang")
        ordering = ["-changed_at", "-pk"]
        indexes = [
            models.Index(fields=["-changed_at"], name="accesschange_changed_at"),
            models.Index(
                fields=["subject", "-changed_at"], name="accesschange_subject"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject_label}"

    @staticmethod
    def _display(value: Any) -> str:
        if value is None:
            return "–"
        if isinstance(value, bool):
            return str(_("ja") if value else _("nee"))
        if isinstance(value, list):
            return ", ".join(str(item) for item in value) or "–"
        return str(value)

    @property
    def old_display(self) -> str:
        return self._display(self.old_value)

    @property
    def new_display(self) -> str:
        return self._display(self.new_value)
