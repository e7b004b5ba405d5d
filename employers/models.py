"""Employers (werkgevers), the contact log and vacancies: one regional pool."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.codelists import CodeList
from ijmondwerkt.fields import (
    LONG_TEXT,
    SHORT_TEXT,
    TEXT,
    BoundedTextField,
    max_length_checks,
)
from ijmondwerkt.validators import plausible_date

# --- code lists --------------------------------------------------------------


class SbiSection(CodeList):
    """SBI section (Standaard Bedrijfsindeling, CBS), letters A-U."""

    class Meta(CodeList.Meta):
        verbose_name = _("SBI-sectie")
        verbose_name_plural = _("SBI-secties")


class SectorCluster(CodeList):
    """Branche cluster as the Werkgeversservicepunt divides its work."""

    class Meta(CodeList.Meta):
        verbose_name = _("branchecluster")
        verbose_name_plural = _("brancheclusters")


class SizeClass(CodeList):
    class Meta(CodeList.Meta):
        verbose_name = _("grootteklasse")
        verbose_name_plural = _("grootteklassen")


class EmployerContactKind(CodeList):
    class Meta(CodeList.Meta):
        verbose_name = _("soort werkgeverscontact")
        verbose_name_plural = _("soorten werkgeverscontact")


# --- scoping -----------------------------------------------------------------

POOL_ROLES = (Role.WERKMAKELAAR, Role.KLANTMANAGER)


class RegionalPoolQuerySet(models.QuerySet[Any]):
    """Employers and vacancies form one regional pool, not split per municipality.

    ``for_user`` is still the single gate: staff see the pool when they hold a
    role that works with employers (werkmakelaar, or klantmanager to place
    clients) and serve at least one active municipality. A partner system (any
    principal without roles, with ``municipality_ids``) sees the pool when it
    serves a municipality; its API scopes decide the rest.
    """

    def for_user(self, principal: Any) -> Any:
        has_role = getattr(principal, "has_role", None)
        is_partner = getattr(principal, "partner", None) is not None
        if has_role is not None and not is_partner and not has_role(*POOL_ROLES):
            return self.none()
        if not getattr(principal, "municipality_ids", None):
            return self.none()
        return self.all()


class EmployerQuerySet(RegionalPoolQuerySet):
    def active(self) -> EmployerQuerySet:
        return self.filter(archived_at__isnull=True)

    def with_counts(self) -> EmployerQuerySet:
        return self.annotate(
            open_vacancy_count=models.Count(
                "vacancies", filter=Q(vacancies__status="open"), distinct=True
            ),
            last_contact_date=models.Max("contacts__contact_date"),
        )


class VacancyQuerySet(RegionalPoolQuerySet):
    def open(self) -> VacancyQuerySet:
        return self.filter(status=Vacancy.Status.OPEN)


class EmployerContactQuerySet(RegionalPoolQuerySet):
    def follow_ups_for(self, user: Any) -> EmployerContactQuerySet:
        """Open follow-ups a werkmakelaar agreed with an employer."""
        return self.filter(
            werkmakelaar=user,
            follow_up_date__isnull=False,
            follow_up_done_at__isnull=True,
        )


# --- employers ---------------------------------------------------------------

kvk_validator = RegexValidator(
    r"^\d{8}$", _("Het KvK-nummer moet uit precies 8 cijfers bestaan.")
)
establishment_validator = RegexValidator(
    r"^\d{12}$", _("Het vestigingsnummer moet uit precies 12 cijfers bestaan.")
)
postal_code_validator = RegexValidator(
    r"^\d{4} ?[A-Z]{2}$", _("Vul een postcode in als 1234 AB.")
)


class Employer(models.Model):
    """A werkgever in the shared regional pool."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=200)
    kvk_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        unique=True,
        validators=[kvk_validator],
        help_text=_("8 cijfers, zoals in het Handelsregister."),
        error_messages={"unique": _("Er is al een werkgever met dit KvK-nummer.")},
    )
    establishment_number = models.CharField(
        _("vestigingsnummer"),
        max_length=12,
        blank=True,
        validators=[establishment_validator],
        help_text=_("Optioneel, 12 cijfers."),
    )
    sbi_section = models.ForeignKey(
        SbiSection,
        verbose_name=_("SBI-sectie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    sector_cluster = models.ForeignKey(
        SectorCluster,
        verbose_name=_("branchecluster"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    size_class = models.ForeignKey(
        SizeClass,
        verbose_name=_("grootteklasse"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    street_address = models.CharField(_("adres"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[postal_code_validator]
    )
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employers",
        help_text=_("Leeg als de werkgever buiten de regio zit."),
    )
    website = models.URLField(_("website"), blank=True)
    werkmakelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("werkmakelaar"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employers",
    )
    is_preferred = models.BooleanField(_("voorkeurswerkgever"), default=False)
    has_social_return = models.BooleanField(
        _("social return-verplichting"), default=False
    )
    social_return_places = models.SmallIntegerField(
        _("afgesproken plekken social return"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, _("Het aantal plekken social return is minstens 1."))
        ],
    )
    social_return_start = models.DateField(
        _("social return vanaf"), null=True, blank=True, validators=[plausible_date()]
    )
    social_return_end = models.DateField(
        _("social return tot en met"),
        null=True,
        blank=True,
        validators=[plausible_date()],
    )
    is_municipal_employer = models.BooleanField(
        _("gemeente als werkgever"),
        default=False,
        help_text=_("De gemeente of de gemeenschappelijke regeling zelf."),
    )
    archived_at = models.DateTimeField(_("gearchiveerd op"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        verbose_name = _("werkgever")
        verbose_name_plural = _("werkgevers")
        ordering = ["name"]
        indexes = [models.Index(fields=["name"]), models.Index(fields=["archived_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(social_return_end__isnull=True)
                | Q(social_return_start__isnull=True)
                | Q(social_return_end__gte=models.F("social_return_start")),
                name="employer_social_return_period",
                violation_error_message=_(
                    "Social return tot en met ligt vóór social return vanaf."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("employers:detail", kwargs={"uuid": self.uuid})

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.has_social_return and not self.social_return_places:
            errors["social_return_places"] = _(
                "Vul het afgesproken aantal plekken social return in."
            )
        if (
            self.social_return_start
            and self.social_return_end
            and self.social_return_end < self.social_return_start
        ):
            errors["social_return_end"] = _(
                "Social return tot en met ligt vóór social return vanaf."
            )
        if errors:
            raise ValidationError(errors)


class ContactPerson(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("werkgever"),
        on_delete=models.CASCADE,
        related_name="contact_persons",
    )
    name = models.CharField(_("naam"), max_length=150)
    job_title = models.CharField(_("functie"), max_length=100, blank=True)
    phone = models.CharField(
        _("telefoon"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^\+?[\d \-()]{8,20}$", _("Vul een geldig telefoonnummer in.")
            )
        ],
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    active = models.BooleanField(_("actief"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["-active", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.job_title})" if self.job_title else self.name


class EmployerContact(models.Model):
    """A logged contact with an employer (werkgeverscontact), visible to all colleagues."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("werkgever"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    contact_date = models.DateField(_("datum"), validators=[plausible_date()])
    kind = models.ForeignKey(
        EmployerContactKind, verbose_name=_("soort contact"), on_delete=models.PROTECT
    )
    werkmakelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("werkmakelaar"),
        on_delete=models.PROTECT,
        related_name="employer_contacts",
    )
    contact_person = models.ForeignKey(
        ContactPerson,
        verbose_name=_("contactpersoon"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
    )
    subject = models.CharField(_("onderwerp"), max_length=200)
    outcome = BoundedTextField(_("uitkomst"), blank=True, max_length=TEXT)
    follow_up_date = models.DateField(
        _("vervolgafspraak op"), null=True, blank=True, validators=[plausible_date()]
    )
    follow_up_done_at = models.DateTimeField(
        _("vervolgafspraak afgerond"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("vastgelegd"), auto_now_add=True)

    objects = EmployerContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("werkgeverscontact")
        verbose_name_plural = _("werkgeverscontacten")
        ordering = ["-contact_date", "-created_at"]
        indexes = [
            models.Index(fields=["employer", "-contact_date"]),
            models.Index(fields=["werkmakelaar", "follow_up_date"]),
        ]
        constraints = [
            *max_length_checks("employers_employercontact", outcome=TEXT),
            models.CheckConstraint(
                condition=Q(follow_up_date__isnull=True)
                | Q(follow_up_date__gte=models.F("contact_date")),
                name="employer_contact_follow_up_after_contact",
                violation_error_message=_(
                    "De vervolgafspraak ligt vóór de datum van het contact."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact_date:%d-%m-%Y} {self.subject}"

    @property
    def follow_up_dedupe_key(self) -> str:
        return f"employer-contact-follow-up:{self.uuid}"

    def clean(self) -> None:
        if self.contact_date and self.contact_date > timezone.localdate():
            raise ValidationError(
                {
                    "contact_date": _(
                        "Een contact in de toekomst kunt u niet vastleggen; "
                        "plan het als vervolgafspraak."
                    )
                }
            )
        if (
            self.follow_up_date
            and self.contact_date
            and self.follow_up_date < self.contact_date
        ):
            raise ValidationError(
                {
                    "follow_up_date": _(
                        "De vervolgafspraak ligt vóór de datum van het contact."
                    )
                }
            )
        if (
            self.contact_person_id
            and self.employer_id
            and self.contact_person
            and self.contact_person.employer_id != self.employer_id
        ):
            raise ValidationError(
                {
                    "contact_person": _(
                        "Deze contactpersoon hoort niet bij deze werkgever."
                    )
                }
            )


# --- vacancies -----------------------------------------------------------------


class EducationLevel(models.TextChoices):
    """Required education level; same codes as the clients' education code list."""

    NONE = "geen", _("Geen / basisonderwijs")
    VMBO = "vmbo", _("vmbo")
    MBO1 = "mbo1", _("mbo 1 (entree)")
    MBO2 = "mbo2", _("mbo 2")
    MBO3 = "mbo3", _("mbo 3")
    MBO4 = "mbo4", _("mbo 4")
    HAVO = "havo", _("havo")
    VWO = "vwo", _("vwo")
    HBO = "hbo", _("hbo")
    WO = "wo", _("wo")


class LanguageLevel(models.TextChoices):
    """Dutch language level required (Common European Framework)."""

    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


class Vacancy(models.Model):
    """A vacature at an employer in the pool."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FILLED = "vervuld", _("Vervuld")
        WITHDRAWN = "ingetrokken", _("Ingetrokken")
        EXPIRED = "verlopen", _("Verlopen")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("werkgever"),
        on_delete=models.PROTECT,
        related_name="vacancies",
    )
    title = models.CharField(_("functietitel"), max_length=200)
    occupation = models.CharField(_("beroep"), max_length=150, blank=True)
    sector_cluster = models.ForeignKey(
        SectorCluster,
        verbose_name=_("branchecluster"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    description = BoundedTextField(_("omschrijving"), blank=True, max_length=LONG_TEXT)
    hours_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=4,
        decimal_places=1,
        validators=[
            MinValueValidator(
                Decimal("0.5"), _("Het aantal uren per week moet groter dan 0 zijn.")
            ),
            MaxValueValidator(
                Decimal("60"), _("Het aantal uren per week is hoogstens 60.")
            ),
        ],
    )
    places = models.SmallIntegerField(
        _("aantal plekken"),
        default=1,
        validators=[
            MinValueValidator(1, _("Het aantal plekken moet minstens 1 zijn."))
        ],
    )
    location_municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("gemeente van de werkplek"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vacancies",
    )
    education_level = models.CharField(
        _("opleidingsniveau"), max_length=10, choices=EducationLevel.choices, blank=True
    )
    driving_licence_required = models.BooleanField(_("rijbewijs nodig"), default=False)
    language_level = models.CharField(
        _("taalniveau Nederlands"),
        max_length=2,
        choices=LanguageLevel.choices,
        blank=True,
    )
    suits_banenafspraak = models.BooleanField(
        _("geschikt voor garantiebaan (banenafspraak)"), default=False
    )
    suits_beschut = models.BooleanField(_("geschikt voor beschut werk"), default=False)
    trial_placement_possible = models.BooleanField(
        _("proefplaatsing mogelijk"), default=False
    )
    job_carved = models.BooleanField(
        _("jobcarving"), default=False, help_text=_("Functie uit taken samengesteld.")
    )
    open_date = models.DateField(_("open vanaf"), validators=[plausible_date()])
    close_date = models.DateField(
        _("sluitingsdatum"), null=True, blank=True, validators=[plausible_date()]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    status_changed_on = models.DateField(
        _("status gewijzigd op"), null=True, blank=True, validators=[plausible_date()]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        verbose_name = _("vacature")
        verbose_name_plural = _("vacatures")
        ordering = ["-open_date", "title"]
        indexes = [
            models.Index(fields=["status", "close_date"]),
            models.Index(fields=["-open_date"]),
        ]
        constraints = [
            *max_length_checks("employers_vacancy", description=LONG_TEXT),
            models.CheckConstraint(
                condition=Q(close_date__isnull=True)
                | Q(close_date__gte=models.F("open_date")),
                name="vacancy_close_after_open",
                violation_error_message=_(
                    "De sluitingsdatum ligt vóór de datum waarop de vacature opengaat."
                ),
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gt=0),
                name="vacancy_hours_positive",
                violation_error_message=_(
                    "Het aantal uren per week moet groter dan 0 zijn."
                ),
            ),
            models.CheckConstraint(
                condition=Q(places__gte=1),
                name="vacancy_places_positive",
                violation_error_message=_("Het aantal plekken moet minstens 1 zijn."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("vacancies:detail", kwargs={"uuid": self.uuid})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def is_past_close_date(self, today: date) -> bool:
        return self.close_date is not None and self.close_date < today

    def clean(self) -> None:
        if self.open_date and self.close_date and self.close_date < self.open_date:
            raise ValidationError(
                {
                    "close_date": _(
                        "De sluitingsdatum ligt vóór de datum waarop de vacature "
                        "opengaat."
                    )
                }
            )


# --- proposals (voordrachten) ---------------------------------------------------


class ProposalStatus(models.TextChoices):
    """The pipeline a proposal moves through; the last three are final."""

    PROPOSED = "voorgesteld", _("Voorgesteld")
    INVITED = "uitgenodigd", _("Uitgenodigd")
    INTERVIEW = "gesprek", _("Gesprek")
    HIRED = "aangenomen", _("Aangenomen")
    REJECTED = "afgewezen", _("Afgewezen")
    WITHDRAWN = "teruggetrokken", _("Teruggetrokken")


# Order of the main line; a proposal only moves forward along it.
PIPELINE = (
    ProposalStatus.PROPOSED,
    ProposalStatus.INVITED,
    ProposalStatus.INTERVIEW,
    ProposalStatus.HIRED,
)
FINAL_STATUSES = frozenset(
    {ProposalStatus.HIRED, ProposalStatus.REJECTED, ProposalStatus.WITHDRAWN}
)


class RejectionReason(models.TextChoices):
    """Why an employer turned a candidate down (reden afwijzing)."""

    REQUIREMENTS = "functie-eisen", _("Voldoet niet aan de functie-eisen")
    OTHER_CANDIDATE = "andere-kandidaat", _("Werkgever koos een andere kandidaat")
    NO_SHOW = "niet-verschenen", _("Niet verschenen op het gesprek")
    VACANCY_CLOSED = "vacature-vervallen", _("Vacature vervallen")
    OTHER = "overig", _("Overig")


class ProposalQuerySet(models.QuerySet[Any]):
    def for_user(self, principal: Any) -> ProposalQuerySet:
        """Proposals in the pool the principal sees, for clients they may see.

        Both gates apply: the vacancy must be in the regional pool for this
        principal and the client in one of their municipalities, so a foreign
        client's proposal is a 404 like the client itself.
        """
        ids = getattr(principal, "municipality_ids", None)
        if not ids or not Vacancy.objects.for_user(principal).exists():
            return self.none()
        return self.filter(client__municipality_id__in=ids)

    def open(self) -> ProposalQuerySet:
        return self.exclude(status__in=FINAL_STATUSES)


class Proposal(models.Model):
    """A voordracht: a werkmakelaar proposes a client for a vacancy."""

    Status = ProposalStatus

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    vacancy = models.ForeignKey(
        Vacancy,
        verbose_name=_("vacature"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("werkzoekende"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgedragen door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PROPOSED,
    )
    proposed_on = models.DateField(_("voorgedragen op"), validators=[plausible_date()])
    invited_on = models.DateField(
        _("uitgenodigd op"), null=True, blank=True, validators=[plausible_date()]
    )
    interview_on = models.DateField(
        _("gesprek op"), null=True, blank=True, validators=[plausible_date()]
    )
    decided_on = models.DateField(
        _("besluit op"),
        null=True,
        blank=True,
        help_text=_("Datum van aanname, afwijzing of terugtrekking."),
        validators=[plausible_date()],
    )
    rejection_reason = models.CharField(
        _("reden afwijzing"),
        max_length=20,
        choices=RejectionReason.choices,
        blank=True,
    )
    note = BoundedTextField(_("toelichting"), blank=True, max_length=SHORT_TEXT)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("voordracht")
        verbose_name_plural = _("voordrachten")
        ordering = ["-proposed_on", "-pk"]
        constraints = [
            *max_length_checks("employers_proposal", note=SHORT_TEXT),
            models.UniqueConstraint(
                fields=["vacancy", "client"],
                name="proposal_once_per_vacancy",
                violation_error_message=_(
                    "Deze werkzoekende is al voorgedragen voor deze vacature."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="afgewezen") | ~Q(rejection_reason=""),
                name="proposal_rejection_has_reason",
                violation_error_message=_("Geef een reden voor de afwijzing."),
            ),
        ]
        indexes = [models.Index(fields=["client", "status"])]

    def __str__(self) -> str:
        return f"{self.client_id} → {self.vacancy}"

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    def next_statuses(self) -> list[str]:
        """Statuses this proposal may move to now, in pipeline order."""
        if self.is_final:
            return []
        position = PIPELINE.index(ProposalStatus(self.status))
        return [
            *PIPELINE[position + 1 :],
            ProposalStatus.REJECTED,
            ProposalStatus.WITHDRAWN,
        ]


# --- matching weights ---------------------------------------------------------------


class Criterion(models.TextChoices):
    """Named matching criteria; the rule per code lives in employers.matching."""

    SECTOR_WISH = "sector_wish", _("Gewenste sector past")
    OCCUPATION_WISH = "occupation_wish", _("Gewenst beroep past")
    HOURS_FIT = "hours_fit", _("Gewenste uren passen")
    HOURS_MISMATCH = "hours_mismatch", _("Gewenste uren wijken sterk af")
    EDUCATION_MET = "education_met", _("Opleidingsniveau voldoet")
    EDUCATION_BELOW = "education_below", _("Opleidingsniveau lager dan gevraagd")
    NO_DRIVING_LICENCE = "no_driving_licence", _("Geen rijbewijs (wel nodig)")
    LANGUAGE_MET = "language_met", _("Taalniveau Nederlands voldoet")
    LANGUAGE_BELOW = "language_below", _("Taalniveau Nederlands lager dan gevraagd")
    READY_FOR_WORK = "ready_for_work", _("Klaar voor werk (trede 4 of hoger)")
    ALREADY_PLACED = "already_placed", _("Al aangenomen op een andere vacature")
    ALREADY_PROPOSED = "already_proposed", _("Al voorgedragen voor deze vacature")


DEFAULT_WEIGHTS: dict[str, int] = {
    Criterion.SECTOR_WISH: 30,
    Criterion.OCCUPATION_WISH: 20,
    Criterion.HOURS_FIT: 20,
    Criterion.HOURS_MISMATCH: -10,
    Criterion.EDUCATION_MET: 15,
    Criterion.EDUCATION_BELOW: -20,
    Criterion.NO_DRIVING_LICENCE: -25,
    Criterion.LANGUAGE_MET: 10,
    Criterion.LANGUAGE_BELOW: -15,
    Criterion.READY_FOR_WORK: 15,
    Criterion.ALREADY_PLACED: -50,
    Criterion.ALREADY_PROPOSED: -100,
}


class MatchingWeight(models.Model):
    """The points one criterion adds (or subtracts); the beheerder tunes them."""

    criterion = models.CharField(
        _("criterium"), max_length=30, choices=Criterion.choices, unique=True
    )
    points = models.SmallIntegerField(
        _("punten"),
        validators=[
            MinValueValidator(-100, _("Punten liggen tussen -100 en 100.")),
            MaxValueValidator(100, _("Punten liggen tussen -100 en 100.")),
        ],
        help_text=_("Positief telt mee, negatief trekt af; 0 zet het criterium uit."),
    )

    class Meta:
        verbose_name = _("matchingsgewicht")
        verbose_name_plural = _("matchingsgewichten")
        ordering = ["criterion"]

    def __str__(self) -> str:
        return f"{self.get_criterion_display()}: {self.points:+d}"
