"""Forms of the placement pages: placement, end, follow-up, assessment, hire.

They parse input; the services in ``trajectories.services`` hold the rules.
Model fields are taken from the models (labels, limits, help texts), the
field order from the services, like the client forms.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from employers.models import Employer, Vacancy
from ijmondwerkt.validators import PlausibleDate, date_guard
from ijmondwerkt.widgets import use_date_input
from trajectories.models import (
    AssessmentMethod,
    FollowUp,
    FollowUpOutcome,
    Placement,
    PlacementEndReason,
    PlacementKind,
    WageValueAssessment,
)
from trajectories.services import ASSESSMENT_FIELD_ORDER, PLACEMENT_FIELD_ORDER

# Where the client works: chosen when registering, fixed afterwards.
WORKPLACE_FIELDS = ["employer", "vacancy"]


class EntryForm(forms.Form):
    """Shared date inputs, plausible dates and "(optioneel)" labels."""

    required_css_class = "required"
    mark_optional = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prepare_fields()

    def prepare_fields(self) -> None:
        for field in self.fields.values():
            use_date_input(field)
            if isinstance(field, forms.DateField) and not any(
                isinstance(v, PlausibleDate) for v in field.validators
            ):
                field.validators.append(date_guard())

    def add_error(self, field: str | None, error: Any) -> None:
        if field is not None and field not in self.fields:
            field = None  # e.g. "version" or "client": shown in the error summary
        super().add_error(field, error)

    def choices(self, name: str) -> forms.ModelChoiceField:
        return cast(forms.ModelChoiceField, self.fields[name])


def _model_fields(model: Any, names: list[str]) -> dict[str, Any]:
    return dict(fields_for_model(model, fields=names))


class VersionField(forms.IntegerField):
    def __init__(self) -> None:
        super().__init__(widget=forms.HiddenInput, min_value=0)


class EmployerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.city})" if obj.city else obj.name


class VacancyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} – {obj.employer.name}"


class TrajectoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_kind_display()} vanaf {obj.start_date:%d-%m-%Y}"


class PlacementForm(EntryForm):
    """The work facts of a placement.

    New (``placement`` None) with ``workplace``: the employer and vacancy are
    chosen too; from a proposal they come with it. ``trajectories`` None leaves
    the trajectory out (a werkmakelaar does not see the client's trajectories).
    """

    def __init__(
        self,
        *args: Any,
        user: Any,
        placement: Placement | None = None,
        trajectories: Any = None,
        workplace: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.names = [*(WORKPLACE_FIELDS if workplace else []), *PLACEMENT_FIELD_ORDER]
        if trajectories is None:
            self.names.remove("trajectory")
        self.fields.update(_model_fields(Placement, self.names))
        if workplace:
            self._workplace_fields(user)
        self.choices("kind").queryset = PlacementKind.objects.active()
        if trajectories is not None:
            self.fields["trajectory"] = TrajectoryChoiceField(
                label=_("Traject"), required=False, queryset=trajectories
            )
        for name in ("hours_per_week", "wage_per_hour"):
            # Typed the Dutch way ("16,50"); a point is read as well.
            field = self.fields[name]
            field.localize = True
            field.widget = forms.TextInput(attrs={"inputmode": "decimal"})
            field.widget.is_localized = True
        self.fields["note"].widget.attrs["rows"] = 2
        self.order_fields(self.names)
        if placement is not None:
            self.fields["version"] = VersionField()
            self.initial.update(
                {name: getattr(placement, name) for name in self.fields}
            )
            # Code lists: a value no longer active stays on the placement.
            self.choices("kind").queryset = (
                PlacementKind.objects.filter(pk=placement.kind_id)
                | PlacementKind.objects.active()
            )
        self.prepare_fields()

    def _workplace_fields(self, user: Any) -> None:
        self.fields["employer"] = EmployerChoiceField(
            label=_("Werkgever"),
            queryset=Employer.objects.for_user(user)
            .filter(archived_at__isnull=True)
            .order_by("name"),
        )
        self.fields["vacancy"] = VacancyChoiceField(
            label=_("Vacature"),
            required=False,
            queryset=Vacancy.objects.for_user(user)
            .open()
            .select_related("employer")
            .order_by("employer__name", "title"),
            help_text=_("Alleen als de plaatsing op een vacature is."),
        )

    def changes(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k in self.names}


class PlacementEndForm(EntryForm):
    end_date = forms.DateField(label=_("Einddatum"))
    end_reason = forms.ModelChoiceField(
        label=_("Reden einde"), queryset=PlacementEndReason.objects.none()
    )
    version = VersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices("end_reason").queryset = PlacementEndReason.objects.active()


class FollowUpForm(EntryForm):
    held_on = forms.DateField(label=_("Gehouden op"))
    outcome = forms.ChoiceField(
        label=_("Uitkomst"), choices=FollowUpOutcome.choices, widget=forms.RadioSelect
    )
    version = VersionField()

    def __init__(self, *args: Any, follow_up: FollowUp, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_model_fields(FollowUp, ["note"]))
        self.fields["note"].widget.attrs["rows"] = 3
        self.initial.setdefault("version", follow_up.version)
        if follow_up.held_on:
            self.initial.update(
                held_on=follow_up.held_on,
                outcome=follow_up.outcome,
                note=follow_up.note,
            )


class PlacementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.job_title} – {obj.employer.name} ({obj.start_date:%d-%m-%Y})"


class AssessmentForm(EntryForm):
    """A wage-value assessment of one of the client's placements, or of a job."""

    def __init__(
        self,
        *args: Any,
        placements: Any,
        assessment: WageValueAssessment | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_model_fields(WageValueAssessment, ASSESSMENT_FIELD_ORDER))
        self.fields["placement"] = PlacementChoiceField(
            label=_("Plaatsing"),
            required=False,
            queryset=placements,
            help_text=_("Of beschrijf hieronder de beoordeelde functie."),
        )
        self.choices("method").queryset = AssessmentMethod.objects.active()
        self.fields["next_due_date"].required = False
        self.fields["next_due_date"].help_text = _(
            "Leeg: twaalf maanden na de datum van de bepaling."
        )
        self.fields["wage_value"].widget.attrs.update(inputmode="numeric")
        self.fields["job_description"].widget.attrs["rows"] = 2
        self.fields["note"].widget.attrs["rows"] = 3
        self.order_fields(ASSESSMENT_FIELD_ORDER)
        if assessment is not None:
            self.fields["version"] = VersionField()
            self.initial.update(
                {name: getattr(assessment, name) for name in self.fields}
            )
            self.choices("method").queryset = (
                AssessmentMethod.objects.filter(pk=assessment.method_id)
                | AssessmentMethod.objects.active()
            )
        self.prepare_fields()

    def changes(self) -> dict[str, Any]:
        data = {
            k: v for k, v in self.cleaned_data.items() if k in ASSESSMENT_FIELD_ORDER
        }
        if data.get("next_due_date") is None:
            data.pop("next_due_date", None)
        return data


class HireForm(EntryForm):
    """'Aangenomen' for a proposal, with or without the placement in the same step."""

    decided_on = forms.DateField(label=_("Datum besluit"))
    with_placement = forms.BooleanField(
        label=_("Nu ook de plaatsing registreren"),
        required=False,
        help_text=_(
            "Vink uit als de werkgegevens nog niet bekend zijn; de plaatsing "
            "registreert u dan later."
        ),
    )
    version = VersionField()


class LadderConfirmForm(EntryForm):
    """Confirm a suggested ladder measurement on a placement start."""

    measured_on = forms.DateField(label=_("Datum meting"))


class OutflowConfirmForm(EntryForm):
    """Confirm that the benefit ends: outflow 'werk in loondienst'."""

    date = forms.DateField(label=_("Datum uitstroom"))


def suggestion_day(start: date, today: date) -> date:
    """A measurement or outflow is not dated in the future: the start, or today."""
    return min(start, today)
