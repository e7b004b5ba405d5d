"""Forms check the shape of input; the services hold the rules."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from clients.models import EducationLevel
from employers.models import (
    ContactPerson,
    Employer,
    EmployerContact,
    EmployerContactKind,
    ProposalStatus,
    RejectionReason,
    SbiSection,
    SectorCluster,
    SizeClass,
    Vacancy,
)
from employers.services import (
    EMPLOYER_FIELD_ORDER,
    EMPLOYER_FIELDS,
    VACANCY_FIELD_ORDER,
    VACANCY_FIELDS,
)
from ijmondwerkt import identifiers
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.widgets import use_date_input


def werkmakelaars() -> Any:
    return User.objects.active_with_role(Role.WERKMAKELAAR)


def _choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


class MarkOptional:
    """Entry forms label their optional fields (filter forms do not) and use
    the shared date input on every date field."""

    mark_optional = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in cast(forms.BaseForm, self).fields.values():
            use_date_input(field)


class WerkmakelaarChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class HttpsURLField(forms.URLField):
    """A website typed without a scheme ("www.tata.nl") becomes https://."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(assume_scheme="https", **kwargs)


def _identifier(name: str, normalise: Any) -> identifiers.IdentifierFormField:
    """A KvK, establishment or postcode field that accepts spaces and dots as
    typed and reports a wrong number together with the other fields."""
    model_field = Employer._meta.get_field(name)
    assert isinstance(model_field, models.Field)
    return identifiers.IdentifierFormField(
        normalise=normalise,
        label=capfirst(str(model_field.verbose_name)),
        help_text=model_field.help_text,
        required=not model_field.blank,
        max_length=20,
    )


class EmployerForm(MarkOptional, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kvk_number = _identifier("kvk_number", identifiers.normalise_kvk)
    establishment_number = _identifier(
        "establishment_number", identifiers.normalise_establishment_number
    )
    postal_code = _identifier("postal_code", identifiers.normalise_postcode)
    werkmakelaar = WerkmakelaarChoiceField(
        queryset=User.objects.none(), required=False, label=_("Werkmakelaar")
    )

    class Meta:
        model = Employer
        fields = sorted(EMPLOYER_FIELDS)
        field_classes = {"website": HttpsURLField}

    field_order = list(EMPLOYER_FIELD_ORDER)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "werkmakelaar").queryset = werkmakelaars()
        _choices(self, "sbi_section").queryset = SbiSection.objects.active()
        _choices(self, "sector_cluster").queryset = SectorCluster.objects.active()
        _choices(self, "size_class").queryset = SizeClass.objects.active()
        _choices(self, "municipality").queryset = Municipality.objects.active()
        self.fields["kvk_number"].widget.attrs.update(
            inputmode="numeric", autocomplete="off"
        )
        self.fields["establishment_number"].widget.attrs.update(inputmode="numeric")
        if self.instance.pk:
            self.initial["version"] = self.instance.version

    def changes(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k in EMPLOYER_FIELDS}


class ContactPersonForm(MarkOptional, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ContactPerson
        fields = ["name", "job_title", "phone", "email", "active"]
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["version"] = self.instance.version


class EmployerContactForm(MarkOptional, forms.ModelForm):
    """The quick "contact vastleggen" form: a handful of fields, sensible defaults."""

    class Meta:
        model = EmployerContact
        fields = [
            "contact_date",
            "kind",
            "contact_person",
            "subject",
            "outcome",
            "follow_up_date",
        ]
        widgets = {
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, employer: Employer, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault(
            "contact_date", timezone.localdate()
        )
        super().__init__(*args, **kwargs)
        self.instance.employer = employer
        _choices(self, "kind").queryset = EmployerContactKind.objects.active()
        _choices(self, "kind").empty_label = None
        _choices(self, "contact_person").queryset = employer.contact_persons.filter(
            active=True
        )
        self.fields["follow_up_date"].help_text = _(
            "Optioneel. U krijgt op die dag een taak in uw takenlijst."
        )


class VacancyForm(MarkOptional, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    employer = forms.ModelChoiceField(
        queryset=Employer.objects.none(), to_field_name="uuid", label=_("Werkgever")
    )

    class Meta:
        model = Vacancy
        fields = ["employer", *sorted(VACANCY_FIELDS)]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "hours_per_week": forms.NumberInput(attrs={"step": "0.5", "min": "0"}),
            "places": forms.NumberInput(attrs={"min": "1"}),
        }

    field_order = ["employer", *VACANCY_FIELD_ORDER]

    def __init__(self, *args: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "employer").queryset = employers
        _choices(self, "sector_cluster").queryset = SectorCluster.objects.active()
        _choices(self, "location_municipality").queryset = Municipality.objects.active()
        # The clients' education code list: active levels, and the one set now.
        _choices(self, "education_level").queryset = EducationLevel.objects.filter(
            Q(active=True) | Q(pk=self.instance.education_level_id)
        )
        if self.instance.pk:
            self.initial["version"] = self.instance.version
            self.initial["employer"] = self.instance.employer.uuid
            self.fields["employer"].disabled = True
        else:
            self.initial.setdefault("open_date", timezone.localdate())

    def changes(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k in VACANCY_FIELDS}


class VacancyCloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Reden van sluiten"),
        choices=[
            (Vacancy.Status.FILLED, _("Vervuld")),
            (Vacancy.Status.WITHDRAWN, _("Ingetrokken")),
        ],
        widget=forms.RadioSelect,
    )


class ProposalCreateForm(forms.Form):
    """'Voordragen' from a matching row: which client, with an optional note."""

    client = forms.UUIDField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Toelichting"), required=False, max_length=2000, widget=forms.Textarea
    )


class ProposalAdvanceForm(forms.Form):
    """One button on the pipeline board: the next status (and a reason for afgewezen)."""

    status = forms.ChoiceField(label=_("Nieuwe status"), choices=ProposalStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    rejection_reason = forms.ChoiceField(
        label=_("Reden afwijzing"),
        choices=[("", "—"), *RejectionReason.choices],
        required=False,
    )
