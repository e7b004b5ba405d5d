"""Forms for the client pages. They parse input; the rules are in services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from clients.models import (
    BarrierCategory,
    Client,
    Contact,
    Goal,
    Handover,
    Intake,
    LadderMeasurement,
    LadderStep,
    Outflow,
    OutflowReason,
    TargetGroup,
)
from clients.services import CLIENT_FIELDS, INTAKE_OUTCOME_FIELD_ORDER
from clients.validators import LANGUAGE_LEVELS
from ijmondwerkt import identifiers
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.fields import text_limit
from ijmondwerkt.validators import PlausibleDate, date_guard
from ijmondwerkt.widgets import DateTimeInput, use_date_input


class AccessibleForm(forms.Form):
    """Shared date inputs and plausible dates on every date field.

    Help and error texts are linked to their field by Django itself
    (aria-describedby "<id>_helptext" / "<id>_error", aria-invalid), which the
    shared field template (templates/_field.html) follows.
    """

    required_css_class = "required"
    mark_optional = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prepare_fields()

    def prepare_fields(self) -> None:
        """Date widgets and plausible dates; again after adding fields."""
        for field in self.fields.values():
            use_date_input(field)
            if isinstance(field, forms.DateField | forms.DateTimeField) and not any(
                isinstance(v, PlausibleDate) for v in field.validators
            ):
                # 9999-12-31 never reaches date arithmetic; the model's own
                # range and message follow in the service.
                field.validators.append(date_guard())

    def add_error(self, field: str | None, error: Any) -> None:
        if field is not None and field not in self.fields:
            field = None  # e.g. "version": show it in the error summary
        super().add_error(field, error)


def _model_fields(model: Any, names: list[str]) -> dict[str, Any]:
    return dict(fields_for_model(model, fields=names))


def klantmanagers_for(municipality_ids: frozenset[int]) -> Any:
    return User.objects.active_with_role(
        Role.KLANTMANAGER, municipalities=municipality_ids
    )


class KlantmanagerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.audit_name


# --- the file --------------------------------------------------------------

# The page's layout of the file's fields. Which fields there are is the
# service's (CLIENT_FIELDS); registration alone also asks the municipality and
# date, and the target group is set at the intake, so registering leaves it out.
# tests/clients/test_forms.py holds the layout equal to the service's fields.
REGISTRATION_ONLY_FIELDS = frozenset({"municipality", "registration_date"})
PERSON_FIELDS = [
    "bsn",
    "first_name",
    "name_prefix",
    "last_name",
    "date_of_birth",
    "gender",
]
ADDRESS_FIELDS = ["street", "house_number", "postcode", "city", "phone", "email"]
REGISTRATION_FIELDS = [
    "municipality",
    "registration_date",
    "registration_channel",
    "inflow_reason",
    "benefit_kind",
    "benefit_start_date",
    "klantmanager",
]
PROFILE_FIELDS = [
    "education_level",
    "driving_licence",
    "work_experience",
    "wish_sectors",
    "wish_occupations",
    "wish_hours_per_week",
]
BARRIER_FIELDS = ["barrier_categories", "barriers_note"]
TARGET_GROUP_FIELDS = ["target_group", "target_group_date", "target_group_reason"]


def parse_languages(text: str) -> list[dict[str, str]]:
    """'Nederlands B1' per line -> [{"language": "Nederlands", "level": "B1"}]."""
    result = []
    levels = {lvl.lower(): lvl for lvl in LANGUAGE_LEVELS}
    for line in text.splitlines():
        line = line.strip().rstrip(",")
        if not line:
            continue
        language, _sep, level = line.rpartition(" ")
        if not language or level.lower() not in levels:
            raise ValidationError(
                _(
                    "Schrijf per regel een taal en een niveau, bijvoorbeeld "
                    "'Nederlands B1' (niveaus A1 tot en met C2 of moedertaal)."
                )
            )
        result.append({"language": language.strip(), "level": levels[level.lower()]})
    return result


def format_languages(languages: list[dict[str, str]]) -> str:
    return "\n".join(f"{item['language']} {item['level']}" for item in languages or [])


class ClientForm(AccessibleForm):
    """Register a client, or (with ``instance``) edit the file."""

    languages = forms.CharField(
        label=_("Talen en niveau"),
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Per regel een taal en niveau, bijvoorbeeld: Nederlands B1"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, user: User, instance: Client | None = None, **kwargs: Any
    ) -> None:
        self.instance = instance
        if instance is not None:
            kwargs.setdefault("initial", self._initial_from(instance))
        super().__init__(*args, **kwargs)
        names = [
            name
            for name in self.field_names(registering=instance is None)
            if name not in self.fields  # declared above (languages)
        ]
        generated = _model_fields(Client, names)
        for name in names:
            self.fields[name] = generated[name]
        if "municipality" in self.fields:
            cast(
                Any, self.fields["municipality"]
            ).queryset = Municipality.objects.for_user(user)
            cast(Any, self.fields["municipality"]).empty_label = None
        self.fields["klantmanager"] = KlantmanagerChoiceField(
            queryset=klantmanagers_for(user.municipality_ids),
            required=False,
            label=_("Klantmanager"),
            initial=(instance.klantmanager if instance else user),
        )
        self.fields["barrier_categories"] = forms.ModelMultipleChoiceField(
            queryset=BarrierCategory.objects.active(),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            label=_("Belemmeringen"),
        )
        # Identifiers are validated as fields, so a bad BSN is reported together
        # with every other error of the form.
        self.fields["bsn"] = _bsn_field(self.fields["bsn"])
        self.fields["postcode"] = identifiers.IdentifierFormField(
            normalise=identifiers.normalise_postcode,
            required=False,
            label=self.fields["postcode"].label,
            max_length=10,
        )
        # Re-run the accessibility setup for the fields added above.
        self.prepare_fields()

    @classmethod
    def field_names(cls, *, registering: bool) -> list[str]:
        """The service's fields (and, registering, the registration's own), in
        the order of the page."""
        if registering:
            wanted = (
                CLIENT_FIELDS - set(TARGET_GROUP_FIELDS)
            ) | REGISTRATION_ONLY_FIELDS
        else:
            wanted = CLIENT_FIELDS
        wanted = wanted | {"barrier_categories"}  # a service argument of its own
        return [n for _legend, names in cls.fieldsets for n in names if n in wanted]

    @classmethod
    def _initial_from(cls, client: Client) -> dict[str, Any]:
        names = [
            n
            for n in cls.field_names(registering=False)
            if n not in ("barrier_categories", "languages")
        ]
        initial = {n: getattr(client, n) for n in names}
        initial["barrier_categories"] = list(client.barrier_categories.all())
        initial["languages"] = format_languages(client.languages)
        initial["version"] = client.version
        return initial

    def clean_languages(self) -> list[dict[str, str]]:
        return parse_languages(self.cleaned_data.get("languages") or "")

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("municipality", None)
        data.pop("registration_date", None)
        for name in ("target_group",):
            if name in data and data[name] in ("", None):
                data[name] = None
        return data

    fieldsets = [
        (_("Persoon"), PERSON_FIELDS),
        (_("Adres en contact"), ADDRESS_FIELDS),
        (_("Aanmelding en uitkering"), REGISTRATION_FIELDS),
        (_("Opleiding, ervaring en wensen"), [*PROFILE_FIELDS, "languages"]),
        (_("Belemmeringen"), BARRIER_FIELDS),
        (_("Doelgroep"), TARGET_GROUP_FIELDS),
    ]

    def grouped(self) -> list[tuple[Any, list[Any]]]:
        return [
            (legend, [self[n] for n in names if n in self.fields])
            for legend, names in self.fieldsets
            if any(n in self.fields for n in names)
        ]


def _bsn_field(generated: forms.Field | None = None, **kwargs: Any) -> forms.Field:
    if generated is not None:
        kwargs.update(label=generated.label, help_text=generated.help_text)
    kwargs.setdefault("label", _("BSN"))
    return identifiers.IdentifierFormField(
        normalise=identifiers.normalise_bsn,
        max_length=15,  # room for spaces or dots as people type them
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        **kwargs,
    )


class BsnSearchForm(AccessibleForm):
    # The form is sent with novalidate: the message is the server's, in Dutch,
    # not the browser's (in the browser's language).
    bsn = _bsn_field(
        help_text=_("Precies 9 cijfers; zoekt alleen een exact BSN."),
        error_messages={"required": _("Vul een BSN in van 9 cijfers.")},
    )


# --- casework -----------------------------------------------------------------


class IntakePlanForm(AccessibleForm):
    planned_date = forms.DateField(label=_("Datum intakegesprek"))


class IntakeRecordForm(AccessibleForm):
    held_date = forms.DateField(label=_("Gehouden op"))
    target_group = forms.TypedChoiceField(
        label=_("Doelgroep"),
        choices=TargetGroup.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    target_group_reason = forms.CharField(
        label=_("Onderbouwing doelgroep"),
        required=False,
        max_length=text_limit(Client, "target_group_reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    ladder_step = forms.TypedChoiceField(
        label=_("Eerste meting participatieladder"),
        choices=[("", _("Geen meting")), *LadderStep.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_model_fields(Intake, list(INTAKE_OUTCOME_FIELD_ORDER)))
        for name in (
            "possibilities",
            "barriers_summary",
            "earning_capacity",
            "agreements",
        ):
            self.fields[name].widget.attrs["rows"] = 3
        self.prepare_fields()


class GoalForm(AccessibleForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(
            _model_fields(
                Goal, ["description", "owner", "due_date", "target_ladder_step"]
            )
        )
        self.prepare_fields()
        self.fields["target_ladder_step"] = forms.TypedChoiceField(
            label=_("Beoogde trede"),
            choices=[("", _("Geen")), *LadderStep.choices],
            coerce=int,
            empty_value=None,
            required=False,
        )


class LadderForm(AccessibleForm):
    measured_on = forms.DateField(label=_("Datum meting"))
    step = forms.IntegerField(
        label=_("Trede"),
        widget=forms.RadioSelect(choices=LadderStep.choices),
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=text_limit(LadderMeasurement, "note"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ContactForm(AccessibleForm):
    occurred_at = forms.DateTimeField(label=_("Datum en tijd"), widget=DateTimeInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(
            _model_fields(Contact, ["channel", "subject", "notes", "no_show"])
        )
        channel = cast(Any, self.fields["channel"])
        channel.queryset = channel.queryset.filter(active=True)
        self.fields["notes"].widget.attrs["rows"] = 4


class OutflowForm(AccessibleForm):
    date = forms.DateField(label=_("Datum uitstroom"))
    reason = forms.ModelChoiceField(
        label=_("Reden uitstroom"), queryset=OutflowReason.objects.active()
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=text_limit(Outflow, "note"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReregisterForm(AccessibleForm):
    registration_date = forms.DateField(label=_("Datum nieuwe aanmelding"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(
            _model_fields(
                Client,
                [
                    "registration_channel",
                    "inflow_reason",
                    "benefit_kind",
                    "benefit_start_date",
                ],
            )
        )
        self.prepare_fields()


class HandoverForm(AccessibleForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(
            _model_fields(
                Handover, ["organisation", "contact_person", "started_on", "reason"]
            )
        )
        self.prepare_fields()
        self.fields["reason"].widget.attrs["rows"] = 3


class HandoverReturnForm(AccessibleForm):
    returned_on = forms.DateField(label=_("Terug op"))
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=text_limit(Handover, "return_note"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReassignForm(AccessibleForm):
    def __init__(self, *args: Any, clients: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["clients"] = forms.ModelMultipleChoiceField(
            queryset=clients,
            to_field_name="uuid",
            widget=forms.CheckboxSelectMultiple,
            label=_("Werkzoekenden"),
        )
        self.fields["to"] = KlantmanagerChoiceField(
            queryset=klantmanagers_for(user.municipality_ids),
            to_field_name="username",
            label=_("Nieuwe klantmanager"),
        )
