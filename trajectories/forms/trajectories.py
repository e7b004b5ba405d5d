"""Forms for trajectories and deployments. They parse input; the services hold
the rules (a group-4 client and the participation budget, an active
trajectory, the instrument's maximum duration, ...).

Which fields a form offers comes from the services (``TRAJECTORY_FIELD_ORDER``,
``DEPLOYMENT_FIELD_ORDER``); the form adds the widgets and the choices a user
may pick from: active code-list rows, and the row a record already has.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from clients.forms import AccessibleForm, KlantmanagerChoiceField, klantmanagers_for
from ijmondwerkt.accounts.models import User
from trajectories.models import (
    Deployment,
    DeploymentStatus,
    Instrument,
    Provider,
    Trajectory,
    TrajectoryEndReason,
)
from trajectories.services import (
    DEPLOYMENT_FIELD_ORDER,
    TRAJECTORY_END_FIELDS,
    TRAJECTORY_FIELD_ORDER,
)
from trajectories.services.deployments import CLOSING_STATUSES, NEXT_STATUSES


def _choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


def _active_or_current(queryset: QuerySet[Any], current_id: Any) -> QuerySet[Any]:
    """Active rows to choose from, and the one a record already refers to."""
    return queryset.filter(Q(active=True) | Q(pk=current_id))


class ProviderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class InstrumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} – {obj.get_funding_stream_display()}"


class TrajectoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        state = (
            _("lopend")
            if obj.end_date is None
            else _("beëindigd op %(day)s") % {"day": f"{obj.end_date:%d-%m-%Y}"}
        )
        return f"{obj} ({state})"


class ModelFieldsForm(AccessibleForm):
    """A form whose fields are a model's, named by a service's field list."""

    model: type[Any]
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, names: list[str], instance: Any = None, **kwargs: Any
    ) -> None:
        self.instance = instance
        initial = dict(kwargs.pop("initial", None) or {})
        if instance is not None:
            initial = {
                **{n: getattr(instance, n) for n in names},
                "version": instance.version,
                **initial,
            }
        super().__init__(*args, initial=initial, **kwargs)
        generated = fields_for_model(self.model, fields=names)
        for name in names:
            self.fields[name] = generated[name]
        self.order_fields([*names, "version"])

    def service_kwargs(self) -> dict[str, Any]:
        """The fields for the service (without the version); editing, only those
        that changed, so a rule about a field (an aanbieder no longer active)
        is asked only when the user changes it."""
        data = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        if self.instance is None:
            return data
        return {k: v for k, v in data.items() if getattr(self.instance, k) != v}

    @property
    def expected_version(self) -> int:
        return int(self.cleaned_data.get("version") or 0)


# --- trajectories ---------------------------------------------------------------------


def trajectory_field_names(*, creating: bool, ended: bool = False) -> list[str]:
    """The page's fields: the service's, with the end only for history or to
    correct an end already registered (ending is a step of its own)."""
    names = [n for n in TRAJECTORY_FIELD_ORDER if n not in TRAJECTORY_END_FIELDS]
    if creating or ended:
        names += [n for n in TRAJECTORY_END_FIELDS if n not in names]
    return names


class TrajectoryForm(ModelFieldsForm):
    """Start a trajectory for a client, or (with ``instance``) change one."""

    model = Trajectory

    def __init__(
        self, *args: Any, user: User, instance: Trajectory | None = None, **kwargs: Any
    ) -> None:
        names = trajectory_field_names(
            creating=instance is None,
            ended=instance is not None and instance.end_date is not None,
        )
        super().__init__(*args, names=names, instance=instance, **kwargs)
        current = instance or Trajectory()
        if "provider" in self.fields:
            self.fields["provider"] = ProviderChoiceField(
                queryset=_active_or_current(
                    Provider.objects.all(), current.provider_id
                ),
                to_field_name="uuid",
                required=False,
                label=self.fields["provider"].label,
            )
        if "end_reason" in self.fields:
            end_reason = _choices(self, "end_reason")
            end_reason.queryset = _active_or_current(
                TrajectoryEndReason.objects.all(), current.end_reason_id
            )
            end_reason.to_field_name = "code"
        if "klantmanager" in self.fields:
            self.fields["klantmanager"] = KlantmanagerChoiceField(
                queryset=klantmanagers_for(user.municipality_ids),
                required=False,
                label=_("Trajectbegeleider"),
            )
        if "goals" in self.fields:
            self.fields["goals"].widget = forms.Textarea(attrs={"rows": 4})
        if instance is None and "end_date" in self.fields:
            self.fields["end_date"].help_text = _(
                "Alleen voor een traject dat al is afgelopen, bijvoorbeeld uit het "
                "vorige systeem. Een lopend traject beëindigt u later op de "
                "trajectpagina."
            )
        self.prepare_fields()


class TrajectoryEndForm(AccessibleForm):
    """End a trajectory: the date and the reason (§3)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    end_date = forms.DateField(label=_("Einddatum"))
    end_reason = forms.ModelChoiceField(
        queryset=TrajectoryEndReason.objects.none(),
        label=_("Reden einde"),
        to_field_name="code",
    )

    def __init__(self, *args: Any, trajectory: Trajectory, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("version", trajectory.version)
        super().__init__(*args, **kwargs)
        _choices(self, "end_reason").queryset = TrajectoryEndReason.objects.filter(
            active=True
        )


# --- deployments ----------------------------------------------------------------------

# A new deployment is requested or running; stopping one is a step of its own.
NEW_STATUSES = [
    (DeploymentStatus.RUNNING.value, DeploymentStatus.RUNNING.label),
    (DeploymentStatus.REQUESTED.value, DeploymentStatus.REQUESTED.label),
]


def deployment_field_names(*, creating: bool) -> list[str]:
    """The service's fields; a new deployment also chooses its instrument (once:
    another instrument is another deployment), after the trajectory."""
    names = [n for n in DEPLOYMENT_FIELD_ORDER if n != "instrument"]
    if creating:
        first = [n for n in ("trajectory",) if n in names]
        names = [*first, "instrument", *(n for n in names if n not in first)]
    return names


def _edit_statuses(current: str) -> list[tuple[str, Any]]:
    """The status now and where an edit may take it; ending and cancelling are a
    step of their own (``DeploymentStopForm``)."""
    allowed = {current} | (NEXT_STATUSES.get(current, frozenset()) - CLOSING_STATUSES)
    return [
        (value, label) for value, label in DeploymentStatus.choices if value in allowed
    ]


class DeploymentForm(ModelFieldsForm):
    """A deployment (inzet) of an instrument for ``client``.

    The instrument is chosen by its code and the trajectory by its uuid, so
    the live eligibility check (``deployment_eligibility`` view) reads the same
    form from a GET without database ids.
    """

    model = Deployment

    def __init__(
        self,
        *args: Any,
        trajectories: QuerySet[Trajectory],
        instance: Deployment | None = None,
        **kwargs: Any,
    ) -> None:
        names = deployment_field_names(creating=instance is None)
        super().__init__(*args, names=names, instance=instance, **kwargs)
        current = instance or Deployment()
        if "instrument" in self.fields:
            self.fields["instrument"] = InstrumentChoiceField(
                queryset=_active_or_current(
                    Instrument.objects.select_related("category"),
                    current.instrument_id,
                ),
                to_field_name="code",
                label=_("Voorziening"),
                help_text=_(
                    "Na uw keuze ziet u direct of deze werkzoekende de voorziening "
                    "kan krijgen."
                ),
            )
        if "trajectory" in self.fields:
            self.fields["trajectory"] = TrajectoryChoiceField(
                queryset=trajectories,
                to_field_name="uuid",
                required=False,
                label=_("Traject"),
                empty_label=_("Geen traject (alleen als de voorziening dat toestaat)"),
            )
        if "provider" in self.fields:
            self.fields["provider"] = ProviderChoiceField(
                queryset=_active_or_current(
                    Provider.objects.all(), current.provider_id
                ),
                to_field_name="uuid",
                required=False,
                label=_("Aanbieder"),
            )
        if "rate" in self.fields:
            self.fields["rate"].required = False
            self.fields["rate"].help_text = _(
                "Leeg laten: de standaardkosten van de voorziening."
            )
        if "units" in self.fields:
            self.fields["units"].required = False
            self.fields["units"].help_text = _(
                "Per traject: 1. Per maand of per uur: het aantal maanden of uren."
            )
        if "status" in self.fields:
            self.fields["status"] = forms.ChoiceField(
                choices=NEW_STATUSES
                if instance is None
                else _edit_statuses(instance.status),
                label=_("Status"),
                initial=NEW_STATUSES[0][0],
            )
        if "note" in self.fields:
            self.fields["note"].widget = forms.Textarea(attrs={"rows": 3})
        self.order_fields([*names, "version"])
        self.prepare_fields()

    def service_kwargs(self) -> dict[str, Any]:
        data = super().service_kwargs()
        for name in ("rate", "units"):
            if name in data and data[name] is None:
                data.pop(name)
        return data

    def eligibility_kwargs(self) -> dict[str, Any]:
        """What the eligibility check needs: what is valid of the input so far,
        or (unbound) the deployment being changed; its instrument is fixed."""
        names = ("instrument", "trajectory", "start_date", "end_date")
        if self.is_bound:
            self.is_valid()
            data = getattr(self, "cleaned_data", {})
            wanted = {n: data.get(n) for n in names}
        elif self.instance is not None:
            wanted = {n: getattr(self.instance, n) for n in names}
        else:
            wanted = dict.fromkeys(names)
        if wanted["instrument"] is None and self.instance is not None:
            wanted["instrument"] = self.instance.instrument
        return wanted


STOP_CHOICES = [
    (DeploymentStatus.ENDED.value, _("Eerder beëindigen (de inzet is gestopt)")),
    (
        DeploymentStatus.CANCELLED.value,
        _("Annuleren (de inzet is niet doorgegaan; er worden geen kosten verplicht)"),
    ),
]


class DeploymentStopForm(AccessibleForm):
    """End a deployment early, or cancel one that did not take place."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    status = forms.ChoiceField(
        choices=STOP_CHOICES, widget=forms.RadioSelect, label=_("Wat is er gebeurd?")
    )
    end_date = forms.DateField(
        label=_("Laatste dag van de inzet"),
        required=False,
        help_text=_("Alleen bij eerder beëindigen."),
    )

    def __init__(self, *args: Any, deployment: Deployment, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("version", deployment.version)
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == DeploymentStatus.ENDED and not data.get("end_date"):
            self.add_error("end_date", _("Vul de laatste dag van de inzet in."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        changes: dict[str, Any] = {"status": data["status"]}
        if data["status"] == DeploymentStatus.ENDED:
            changes["end_date"] = data["end_date"]
        return changes
