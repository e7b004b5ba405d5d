"""Forms of the budgets pages. They parse input; the services hold the rules
(one budget per municipality, year and stream; lines within the budget; the
user's municipalities; realisation is money already spent).

Amounts are typed the Dutch way ("1.234.567,89") and read with Babel, like
the realisation import; a municipality is chosen among those the user keeps
budgets for, so another municipality cannot even be sent.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from babel.numbers import NumberFormatError, format_decimal, parse_decimal

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from budgets.imports import MAX_BYTES
from budgets.models import (
    FIRST_YEAR,
    LAST_YEAR,
    BenefitParameter,
    Budget,
    Realisation,
)
from budgets.selectors import served
from clients.forms import AccessibleForm
from ijmondwerkt.accounts.models import Municipality
from trajectories.models import InstrumentCategory
from trajectories.models.choices import FundingStream

MONTHS = [
    (1, _("januari")),
    (2, _("februari")),
    (3, _("maart")),
    (4, _("april")),
    (5, _("mei")),
    (6, _("juni")),
    (7, _("juli")),
    (8, _("augustus")),
    (9, _("september")),
    (10, _("oktober")),
    (11, _("november")),
    (12, _("december")),
]
LINE_PREFIX = "regel_"


def upload_limit() -> int:
    """The largest file the import page takes: the import's own limit, or the
    request limit of the site when that is smaller (a larger body never
    reaches the page: ijmondwerkt/request_guard.py answers 413)."""
    request_limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return min(MAX_BYTES, request_limit) if request_limit else MAX_BYTES


def megabytes(size: int) -> str:
    return format_decimal(round(size / 1_048_576, 1), locale="nl_NL")


def dutch_amount(value: Decimal) -> str:
    return format_decimal(value, format="#,##0.00", locale="nl_NL")


class AmountField(forms.Field):
    """An amount in euros as a Dutch reader types it: 1.234,56 (€ allowed)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {
        "invalid": _("Vul een bedrag in, bijvoorbeeld 1.234,56."),
        "decimals": _("Een bedrag heeft hoogstens twee cijfers achter de komma."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("In euro's, bijvoorbeeld 1.250.000,00."))
        super().__init__(**kwargs)
        self.validators.append(
            MinValueValidator(Decimal("0"), _("Een bedrag is niet negatief."))
        )

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        text = str(value).replace("€", "").replace("\u00a0", " ").strip()
        try:
            amount = parse_decimal(text.replace(" ", ""), locale="nl_NL", strict=True)
        except NumberFormatError:
            raise ValidationError(self.error_messages["invalid"], "invalid") from None
        if not amount.is_finite() or abs(amount) >= Decimal("1e12"):
            raise ValidationError(self.error_messages["invalid"], "invalid")
        if amount != amount.quantize(Decimal("0.01")):
            raise ValidationError(self.error_messages["decimals"], "decimals")
        return amount.quantize(Decimal("0.01"))

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | int):
            return dutch_amount(Decimal(value))
        return value


class MunicipalityField(forms.ModelChoiceField):
    """The municipalities the user keeps budgets for, by CBS code."""

    def __init__(self, user: Any, **kwargs: Any) -> None:
        super().__init__(
            queryset=Municipality.objects.filter(pk__in=served(user)).order_by("name"),
            to_field_name="cbs_code",
            label=_("Gemeente"),
            **kwargs,
        )

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def year_field(**kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Jaar"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        **kwargs,
    )


def stream_field(**kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Financieringsstroom"), choices=FundingStream.choices, **kwargs
    )


class VersionField(forms.IntegerField):
    def __init__(self) -> None:
        super().__init__(widget=forms.HiddenInput, min_value=0)


def _single_choice(form: forms.Form, name: str) -> None:
    """With one municipality to choose from, it is chosen already."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    options = list(field.queryset[:2])  # type: ignore[index]
    if len(options) == 1 and name not in form.initial:
        form.initial[name] = options[0].cbs_code


# --- budgets ---------------------------------------------------------------------------


class BudgetForm(AccessibleForm):
    """Enter a budget (with ``budget`` None) or amend one: amount, note, lines.

    One optional amount per instrument category (the active ones, and any a
    budget already holds a line for); an empty field is no line.
    """

    def __init__(
        self, *args: Any, user: Any, budget: Budget | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.budget = budget
        if budget is None:
            self.fields["municipality"] = MunicipalityField(user)
            self.fields["year"] = year_field(initial=timezone.localdate().year)
            self.fields["funding_stream"] = stream_field()
        self.fields["amount"] = AmountField(label=_("Bedrag"))
        self.fields["note"] = forms.CharField(
            label=_("Toelichting"),
            required=False,
            max_length=Budget._meta.get_field("note").max_length,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("Bijvoorbeeld het raadsbesluit of de reden van de wijziging."),
        )
        current = {}
        if budget is not None:
            current = {line.category_id: line.amount for line in budget.lines.all()}
        categories = InstrumentCategory.objects.filter(active=True) | (
            InstrumentCategory.objects.filter(pk__in=list(current))
        )
        self.categories = list(categories.distinct().order_by("sort_order", "label"))
        for category in self.categories:
            name = LINE_PREFIX + category.code
            self.fields[name] = AmountField(
                label=category.label, required=False, help_text=""
            )
            if category.pk in current:
                self.initial.setdefault(name, current[category.pk])
        if budget is not None:
            self.fields["version"] = VersionField()
            self.initial.setdefault("amount", budget.amount)
            self.initial.setdefault("note", budget.note)
            self.initial.setdefault("version", budget.version)
        else:
            _single_choice(self, "municipality")

    def line_fields(self) -> list[forms.BoundField]:
        return [self[LINE_PREFIX + c.code] for c in self.categories]

    def main_fields(self) -> list[forms.BoundField]:
        return [
            self[name]
            for name in self.fields
            if not name.startswith(LINE_PREFIX) and name != "version"
        ]

    def lines(self) -> dict[InstrumentCategory, Decimal]:
        data = self.cleaned_data
        return {
            c: data[LINE_PREFIX + c.code]
            for c in self.categories
            if data.get(LINE_PREFIX + c.code) is not None
        }

    @property
    def expected_version(self) -> int:
        return int(self.cleaned_data.get("version") or 0)


# --- realisation -----------------------------------------------------------------------


class RealisationForm(AccessibleForm):
    """Spending typed in by hand (a correction, or no export at hand)."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["municipality"] = MunicipalityField(user)
        self.fields["funding_stream"] = stream_field()
        self.fields["year"] = year_field(initial=today.year)
        self.fields["month"] = forms.TypedChoiceField(
            label=_("Maand"), choices=MONTHS, coerce=int, initial=today.month
        )
        self.fields["amount"] = AmountField(label=_("Bedrag"), help_text="")
        self.fields["reference"] = forms.CharField(
            label=_("Boekingskenmerk"),
            required=False,
            max_length=Realisation._meta.get_field("reference").max_length,
            help_text=_("Het kenmerk van de boeking in het financiële systeem."),
        )
        self.fields["description"] = forms.CharField(
            label=_("Omschrijving"),
            required=False,
            max_length=Realisation._meta.get_field("description").max_length,
        )
        _single_choice(self, "municipality")


class RealisationFilter(django_filters.FilterSet):
    """The realisation list: year, month, stream and municipality."""

    jaar = django_filters.NumberFilter(
        field_name="year",
        label=_("Jaar"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    maand = django_filters.ChoiceFilter(
        field_name="month", choices=MONTHS, label=_("Maand"), empty_label=_("Alle")
    )
    stroom = django_filters.ChoiceFilter(
        field_name="funding_stream",
        choices=FundingStream.choices,
        label=_("Financieringsstroom"),
        empty_label=_("Alle"),
    )
    gemeente = django_filters.ModelChoiceFilter(
        field_name="municipality",
        to_field_name="cbs_code",
        queryset=lambda request: Municipality.objects.filter(
            pk__in=served(request.user)
        ).order_by("name"),
        label=_("Gemeente"),
        empty_label=_("Alle"),
    )

    class Meta:
        model = Realisation
        fields: list[str] = []


# --- the import ------------------------------------------------------------------------


class ImportForm(AccessibleForm):
    file = forms.FileField(
        label=_("CSV-bestand"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"] = year_field(
            initial=timezone.localdate().year,
            help_text=_("Het jaar waarin de boekingen van het bestand liggen."),
        )
        self.fields["file"].help_text = _(
            "Een export van het financiële systeem, hoogstens %(mb)s MB."
        ) % {"mb": megabytes(upload_limit())}
        self.order_fields(["year", "file"])

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > upload_limit():
            raise ValidationError(
                _("Het bestand is groter dan %(mb)s MB; splits het.")
                % {"mb": megabytes(upload_limit())}
            )
        return upload


# --- benefit parameters ----------------------------------------------------------------


class BenefitParameterForm(AccessibleForm):
    """The average monthly benefit of a municipality and year (or its amendment)."""

    def __init__(
        self,
        *args: Any,
        user: Any,
        parameter: BenefitParameter | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if parameter is None:
            self.fields["municipality"] = MunicipalityField(user)
            self.fields["year"] = year_field(initial=timezone.localdate().year)
            _single_choice(self, "municipality")
        self.fields["average_monthly_benefit"] = AmountField(
            label=_("Gemiddelde uitkering per maand"),
            help_text=_("In euro's per persoon per maand, bijvoorbeeld 1.350,00."),
        )
        if parameter is not None:
            self.fields["version"] = VersionField()
            self.initial.setdefault(
                "average_monthly_benefit", parameter.average_monthly_benefit
            )
            self.initial.setdefault("version", parameter.version)

    @property
    def expected_version(self) -> int:
        return int(self.cleaned_data.get("version") or 0)
