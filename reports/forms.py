"""Forms of the report pages: the archive's filters, a request, the evaluation's range.

Forms check the input; ``reports.services`` checks the domain (a month that
has not ended, a municipality the user does not serve) and its Dutch
message lands on the field (``ijmondwerkt.web.run_service``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import django_filters
from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.forms import AccessibleForm
from ijmondwerkt.accounts.models import Municipality
from reports.figures import served
from reports.models import Report
from trajectories.models.choices import TrajectoryKind

REGION = "regio"
FIRST_YEAR = 2000
# "2026-10" (what a month input sends) or "10-2026" (how people write it).
_ISO_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_DUTCH_MONTH = re.compile(r"^\s*(\d{1,2})[-/](\d{4})\s*$")


def served_municipalities(user: Any) -> list[Municipality]:
    """The municipalities the user gets reports for, by name (one query)."""
    return list(Municipality.objects.filter(pk__in=served(user)).order_by("name"))


def parse_month(value: str) -> date | None:
    """The first day of the month written as "2026-10" or "10-2026"; None if not a month."""
    match = _ISO_MONTH.match(value)
    if match:
        year, month = int(match[1]), int(match[2])
    elif match := _DUTCH_MONTH.match(value):
        month, year = int(match[1]), int(match[2])
    else:
        return None
    if not (1 <= month <= 12 and 1 <= year <= 9999):
        return None
    return date(year, month, 1)


class MonthField(forms.Field):
    """A calendar month: ``<input type="month">``, cleaned to its first day."""

    widget = forms.TextInput(attrs={"type": "month", "min": f"{FIRST_YEAR}-01"})
    default_error_messages = {
        "invalid": _("Vul een maand in als jjjj-mm, bijvoorbeeld 2026-10."),
    }

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value.replace(day=1)
        month = parse_month(str(value))
        if month is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return month

    def prepare_value(self, value: Any) -> Any:
        return f"{value:%Y-%m}" if isinstance(value, date) else value


class ReportRequestForm(AccessibleForm):
    """Which report: a month that has ended, a municipality or the region, a variant."""

    month = MonthField(
        label=_("Maand"),
        help_text=_(
            "Een maand die voorbij is, bijvoorbeeld 2026-10 voor oktober 2026."
        ),
    )
    municipality = forms.ChoiceField(label=_("Gemeente of regio"))
    publication = forms.TypedChoiceField(
        label=_("Versie"),
        choices=[
            ("nee", _("Intern: alle aantallen")),
            ("ja", _("Publicatieversie: aantallen onder 5 als “<5”")),
        ],
        coerce=lambda value: value == "ja",
        initial="nee",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipalities = served_municipalities(user)
        choices = [(m.cbs_code, m.name) for m in self.municipalities]
        if len(self.municipalities) > 1:
            names = ", ".join(m.name for m in self.municipalities)
            choices.insert(0, (REGION, _("Regio (%(names)s)") % {"names": names}))
        field = self.fields["municipality"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
        today = timezone.localdate()
        last = (today.replace(day=1) - date.resolution).replace(day=1)
        self.fields["month"].initial = last
        self.fields["month"].widget.attrs["max"] = f"{last:%Y-%m}"

    def clean_municipality(self) -> Municipality | None:
        code = self.cleaned_data["municipality"]
        if code == REGION:
            return None
        return next(m for m in self.municipalities if m.cbs_code == code)


class ArchiveFilter(django_filters.FilterSet):
    """The archive: a municipality (or the region reports) and a year."""

    gemeente = django_filters.ChoiceFilter(
        label=_("Gemeente of regio"), empty_label=_("Alle"), method="by_scope"
    )
    jaar = django_filters.NumberFilter(field_name="month__year", label=_("Jaar"))

    class Meta:
        model = Report
        fields: list[str] = []

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(m.cbs_code, m.name) for m in served_municipalities(user)]
        choices.append((REGION, str(_("Regio's (meer gemeenten)"))))
        self.filters["gemeente"].extra["choices"] = choices
        year = self.filters["jaar"].field
        year.widget = forms.NumberInput(attrs={"inputmode": "numeric"})
        year.min_value, year.max_value = FIRST_YEAR, 9999

    def by_scope(self, queryset: Any, name: str, value: str) -> Any:
        if value == REGION:
            return queryset.filter(is_region=True)
        return queryset.filter(Q(scope_key=value) & Q(is_region=False))


class EvaluationForm(AccessibleForm):
    """The evaluation's start years, municipality and trajectory kind (all optional)."""

    mark_optional = False  # a filter: every field may stay empty

    van = forms.IntegerField(
        label=_("Van startjaar"), required=False, min_value=FIRST_YEAR - 10
    )
    tot = forms.IntegerField(
        label=_("Tot en met startjaar"), required=False, min_value=FIRST_YEAR - 10
    )
    gemeente = forms.ChoiceField(label=_("Gemeente"), required=False)
    soort = forms.ChoiceField(
        label=_("Soort traject"),
        required=False,
        choices=[("", _("Alle")), *TrajectoryKind.choices],
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipalities = served_municipalities(user)
        field = self.fields["gemeente"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", _("Alle gemeenten")),
            *((m.cbs_code, m.name) for m in self.municipalities),
        ]
        this_year = timezone.localdate().year
        for name in ("van", "tot"):
            year = self.fields[name]
            assert isinstance(year, forms.IntegerField)
            year.max_value = this_year
            year.validators.append(MaxValueValidator(this_year))
            year.widget = forms.NumberInput(
                attrs={"inputmode": "numeric", "min": FIRST_YEAR - 10, "max": this_year}
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("van"), data.get("tot")
        if first is not None and last is not None and first > last:
            self.add_error(
                "tot",
                _(
                    "Het jaar ‘tot en met’ (%(last)s) ligt vóór het jaar ‘van’ "
                    "(%(first)s). Kies een ‘tot en met’ van %(first)s of later."
                )
                % {"first": first, "last": last},
            )
        return data

    def years(self) -> tuple[int, int] | None:
        first, last = self.cleaned_data.get("van"), self.cleaned_data.get("tot")
        if first is None and last is None:
            return None
        return (first or FIRST_YEAR - 10, last or timezone.localdate().year)

    def municipality(self) -> Municipality | None:
        code = self.cleaned_data.get("gemeente")
        return next((m for m in self.municipalities if m.cbs_code == code), None)
