"""What happens on a file: intake, plan and goals, ladder, contacts, outflow, handover."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clients.models.choices import TargetGroup, ladder_step_validators
from ijmondwerkt.fields import (
    LONG_TEXT,
    SHORT_TEXT,
    TEXT,
    BoundedTextField,
    max_length_checks,
)
from ijmondwerkt.validators import past_date, plausible_date


class Intake(models.Model):
    class Route(models.TextChoices):
        WORK = "werk", _("Direct naar werk")
        TRAJECTORY = "traject", _("Traject naar werk")
        ACTIVATION = "activering", _("Activering en participatie")
        EDUCATION = "opleiding", _("Opleiding")
        CARE = "zorg", _("Zorg")

    class Distance(models.TextChoices):
        SMALL = "klein", _("Klein")
        MEDIUM = "middel", _("Middel")
        LARGE = "groot", _("Groot")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="intakes"
    )
    deadline = models.DateField(
        _("uiterlijke intakedatum"), validators=[plausible_date()]
    )
    planned_date = models.DateField(
        _("gepland op"), null=True, blank=True, validators=[plausible_date()]
    )
    held_date = models.DateField(
        _("gehouden op"), null=True, blank=True, validators=[past_date()]
    )
    possibilities = BoundedTextField(_("mogelijkheden"), blank=True, max_length=TEXT)
    barriers_summary = BoundedTextField(_("belemmeringen"), blank=True, max_length=TEXT)
    distance_to_labour_market = models.CharField(
        _("afstand tot de arbeidsmarkt"),
        max_length=10,
        choices=Distance.choices,
        blank=True,
    )
    preferred_sector = models.CharField(
        _("voorkeurssector"), max_length=150, blank=True
    )
    earning_capacity = BoundedTextField(
        _("verdiencapaciteit"), blank=True, max_length=TEXT
    )
    target_group = models.PositiveSmallIntegerField(
        _("doelgroep"), choices=TargetGroup.choices, null=True, blank=True
    )
    route = models.CharField(
        _("route"), max_length=20, choices=Route.choices, blank=True
    )
    agreements = BoundedTextField(_("afspraken"), blank=True, max_length=TEXT)
    lead_organisation = models.CharField(
        _("regievoerende organisatie"), max_length=150, blank=True
    )
    review_date = models.DateField(
        _("evaluatiedatum"), null=True, blank=True, validators=[plausible_date()]
    )
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gehouden door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        constraints = max_length_checks(
            "clients_intake",
            possibilities=TEXT,
            barriers_summary=TEXT,
            earning_capacity=TEXT,
            agreements=TEXT,
        )
        ordering = ["-deadline"]
        indexes = [models.Index(fields=["held_date", "deadline"])]

    def __str__(self) -> str:
        return f"Intake {self.deadline:%d-%m-%Y}"


class Plan(models.Model):
    """Plan van aanpak: the goals agreed with the client."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.OneToOneField(
        "clients.Client", on_delete=models.CASCADE, related_name="plan"
    )
    established_on = models.DateField(
        _("vastgesteld op"), validators=[plausible_date()]
    )
    summary = BoundedTextField(_("samenvatting"), blank=True, max_length=TEXT)

    class Meta:
        verbose_name = _("plan van aanpak")
        verbose_name_plural = _("plannen van aanpak")
        constraints = max_length_checks("clients_plan", summary=TEXT)

    def __str__(self) -> str:
        return f"Plan van aanpak {self.established_on:%d-%m-%Y}"


class Goal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACHIEVED = "behaald", _("Behaald")
        NOT_ACHIEVED = "niet_behaald", _("Niet behaald")
        CANCELLED = "vervallen", _("Vervallen")

    class Owner(models.TextChoices):
        CLIENT = "werkzoekende", _("Werkzoekende")
        KLANTMANAGER = "klantmanager", _("Klantmanager")
        PARTNER = "ketenpartner", _("Ketenpartner")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    description = models.CharField(_("doel"), max_length=255)
    owner = models.CharField(_("eigenaar"), max_length=20, choices=Owner.choices)
    due_date = models.DateField(_("streefdatum"), validators=[plausible_date()])
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    target_ladder_step = models.PositiveSmallIntegerField(
        _("beoogde trede"),
        null=True,
        blank=True,
        validators=ladder_step_validators,
        help_text=_("De trede op de participatieladder die dit doel beoogt."),
    )
    closed_on = models.DateField(
        _("afgesloten op"), null=True, blank=True, validators=[plausible_date()]
    )

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.description

    @property
    def exceeds_ceiling(self) -> bool:
        """True when the goal aims above the client's target-group ceiling (§5)."""
        client = self.plan.client
        return (
            self.target_ladder_step is not None
            and client.target_group is not None
            and self.target_ladder_step > client.ladder_ceiling
        )


class LadderMeasurement(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="ladder_measurements"
    )
    measured_on = models.DateField(_("datum meting"), validators=[past_date()])
    step = models.PositiveSmallIntegerField(
        _("trede"), validators=ladder_step_validators
    )
    measured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemeten door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = BoundedTextField(_("toelichting"), blank=True, max_length=SHORT_TEXT)

    class Meta:
        verbose_name = _("meting participatieladder")
        verbose_name_plural = _("metingen participatieladder")
        constraints = max_length_checks("clients_laddermeasurement", note=SHORT_TEXT)
        ordering = ["-measured_on", "-pk"]
        indexes = [models.Index(fields=["client", "-measured_on", "-id"])]

    def __str__(self) -> str:
        return f"Trede {self.step} op {self.measured_on:%d-%m-%Y}"


class Contact(models.Model):
    """Klantcontact: a conversation, call, e-mail, home visit or letter."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="contacts"
    )
    occurred_at = models.DateTimeField(
        _("datum en tijd"), validators=[plausible_date()]
    )
    channel = models.ForeignKey(
        "clients.ContactChannel",
        verbose_name=_("contactvorm"),
        on_delete=models.PROTECT,
    )
    subject = models.CharField(_("onderwerp"), max_length=200)
    notes = BoundedTextField(_("verslag"), blank=True, max_length=LONG_TEXT)
    no_show = models.BooleanField(
        _("niet verschenen"),
        default=False,
        help_text=_(
            "De werkzoekende kwam niet of nam niet op; er komt een vervolgtaak."
        ),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("klantcontact")
        verbose_name_plural = _("klantcontacten")
        constraints = max_length_checks("clients_contact", notes=LONG_TEXT)
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["client", "no_show", "-occurred_at"])]

    def __str__(self) -> str:
        return self.subject


class Outflow(models.Model):
    """Uitstroom: the file closes with a reason; history stays."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="outflows"
    )
    date = models.DateField(_("datum uitstroom"), validators=[plausible_date()])
    reason = models.ForeignKey(
        "clients.OutflowReason",
        verbose_name=_("reden uitstroom"),
        on_delete=models.PROTECT,
    )
    note = BoundedTextField(_("toelichting"), blank=True, max_length=SHORT_TEXT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("uitstroom")
        verbose_name_plural = _("uitstroom")
        constraints = max_length_checks("clients_outflow", note=SHORT_TEXT)
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"Uitstroom {self.date:%d-%m-%Y}"


class Handover(models.Model):
    """Warm handover to care (zorg) and, later, back."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="handovers"
    )
    organisation = models.CharField(_("overgedragen aan"), max_length=150)
    contact_person = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    started_on = models.DateField(_("datum overdracht"), validators=[plausible_date()])
    reason = BoundedTextField(_("reden"), max_length=SHORT_TEXT)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overgedragen door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    previous_status = models.CharField(max_length=20, editable=False)
    returned_on = models.DateField(
        _("terug op"), null=True, blank=True, validators=[plausible_date()]
    )
    return_note = BoundedTextField(
        _("toelichting terugkeer"), blank=True, max_length=SHORT_TEXT
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teruggenomen door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("warme overdracht")
        verbose_name_plural = _("warme overdrachten")
        constraints = max_length_checks(
            "clients_handover", reason=SHORT_TEXT, return_note=SHORT_TEXT
        )
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.started_on:%d-%m-%Y})"

    @property
    def is_open(self) -> bool:
        return self.returned_on is None
