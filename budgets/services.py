"""Writes of the budgets app: budgets and their lines, realisations, benefit parameters.

Every service is keyword-only, atomic, validates with ``full_clean``, records
an audit event and takes the acting ``user`` (a manager or functioneel
beheerder of the municipality, or a partner system's technical user). A
municipality or row outside the user's scope is ``NotFound`` (a view answers
404). Budget amendments are versioned edits: the audit trail keeps who, when,
and the old and new amount. Commitments are not written here (they are
derived: ``budgets.commitments``); the CSV import is in ``budgets.imports``.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from babel.numbers import format_currency

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets.commitments import (
    commitments_rebuild,
    commitments_refresh,
    commitments_refresh_for_deployment,
    commitments_refresh_for_placement,
)
from budgets.models import (
    BUDGET_ROLES,
    BenefitParameter,
    Budget,
    BudgetLine,
    Realisation,
)
from ijmondwerkt import scoping
from ijmondwerkt.accounts.models import Municipality
from ijmondwerkt.audit import display, record
from ijmondwerkt.domain import NotFound
from ijmondwerkt.versioning import lock_for_update, save_versioned, versioned_update
from trajectories.models import InstrumentCategory

__all__ = [
    "BUDGET_FIELD_ORDER",
    "benefit_parameter_create",
    "benefit_parameter_update",
    "budget_create",
    "budget_update",
    "check_budget_scope",
    "commitments_rebuild",
    "commitments_refresh",
    "commitments_refresh_for_deployment",
    "commitments_refresh_for_placement",
    "euro",
    "realisation_create",
    "realisation_delete",
]

# In the order the forms show them.
BUDGET_FIELD_ORDER = ("amount", "note")

Lines = Mapping[InstrumentCategory, Decimal | int | str]


def euro(amount: Decimal) -> str:
    """An amount as a Dutch reader writes it: € 1.234,56."""
    return format_currency(amount, "EUR", locale="nl_NL")


def not_found(what: str) -> NotFound:
    return NotFound(
        _("Deze %(what)s bestaat niet of u mag hem niet zien.") % {"what": what}
    )


def check_budget_scope(user: Any, municipality: Municipality | int) -> None:
    """A manager or functioneel beheerder (or partner system) serving the municipality."""
    pk = municipality if isinstance(municipality, int) else municipality.pk
    if pk not in scoping.served_municipalities(user, BUDGET_ROLES):
        raise not_found(_("gemeente"))


def _visible(queryset: Any, user: Any, obj: Any, what: str) -> None:
    if not queryset.for_user(user).filter(pk=obj.pk).exists():
        raise not_found(what)


def _lines_display(lines: Mapping[Any, Decimal]) -> str:
    return "; ".join(
        f"{category}: {euro(amount)}" for category, amount in lines.items()
    )


def _clean_lines(lines: Lines, amount: Decimal) -> dict[InstrumentCategory, Decimal]:
    """The lines as amounts; together not more than the budget."""
    cleaned: dict[InstrumentCategory, Decimal] = {}
    for category, value in lines.items():
        try:
            line_amount = Decimal(str(value))
        except ArithmeticError:
            raise ValidationError(
                {"lines": _("Het bedrag bij %(c)s is geen bedrag.") % {"c": category}}
            ) from None
        if line_amount < 0:
            raise ValidationError(
                {"lines": _("Het bedrag bij %(c)s is negatief.") % {"c": category}}
            )
        cleaned[category] = line_amount
    total = sum(cleaned.values(), Decimal("0"))
    if total > amount:
        raise ValidationError(
            {
                "lines": _(
                    "De budgetregels zijn samen %(lines)s, meer dan het budget van "
                    "%(amount)s."
                )
                % {"lines": euro(total), "amount": euro(amount)}
            }
        )
    return cleaned


def _write_lines(budget: Budget, lines: dict[InstrumentCategory, Decimal]) -> None:
    BudgetLine.objects.filter(budget=budget).delete()
    new = [
        BudgetLine(budget=budget, category=category, amount=amount)
        for category, amount in lines.items()
    ]
    for line in new:
        line.full_clean(exclude=["budget"])
    BudgetLine.objects.bulk_create(new)


@transaction.atomic
def budget_create(
    *,
    user: Any,
    municipality: Municipality,
    year: int,
    funding_stream: str,
    amount: Decimal,
    note: str = "",
    lines: Lines | None = None,
) -> Budget:
    """Enter the budget of a municipality for a year and funding stream.

    A second budget for the same municipality, year and stream is refused:
    amend the first (``budget_update``).
    """
    check_budget_scope(user, municipality)
    budget = Budget(
        municipality=municipality,
        year=year,
        funding_stream=funding_stream,
        amount=amount,
        note=note,
    )
    budget.full_clean()
    cleaned = _clean_lines(lines or {}, Decimal(budget.amount))
    budget.save()
    _write_lines(budget, cleaned)
    changes: dict[str, list[Any]] = {
        "municipality": [None, display(municipality)],
        "year": [None, year],
        "funding_stream": [None, budget.get_funding_stream_display()],
        "amount": [None, display(budget.amount)],
    }
    if note:
        changes["note"] = [None, note]
    if cleaned:
        changes["lines"] = [None, _lines_display(cleaned)]
    record(
        budget,
        action="budget_created",
        summary=_("Budget %(stream)s %(year)s vastgesteld: %(amount)s")
        % {
            "stream": budget.get_funding_stream_display(),
            "year": year,
            "amount": euro(budget.amount),
        },
        changes=changes,
        actor=user,
    )
    return budget


@transaction.atomic
def budget_update(
    *,
    user: Any,
    budget: Budget,
    expected_version: int,
    lines: Lines | None = None,
    **changes: Any,
) -> Budget:
    """Amend a budget (amount, note) and/or replace its lines (``lines``).

    An amendment during the year is normal: the audit trail keeps who, when
    and the old and new amount; the version refuses a stale edit.
    """
    unknown = set(changes) - set(BUDGET_FIELD_ORDER)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    _visible(Budget.objects, user, budget, _("budget"))
    locked = lock_for_update(
        Budget.objects.select_related("municipality"),
        budget.pk,
        expected_version=expected_version,
        what=_("budget"),
    )
    changes = {k: v for k, v in changes.items() if getattr(locked, k) != v}
    amount = Decimal(changes.get("amount", locked.amount))
    old_lines = {
        line.category: line.amount
        for line in locked.lines.select_related("category").order_by("pk")
    }
    new_lines = None
    if lines is not None:
        new_lines = _clean_lines(lines, amount)
    elif "amount" in changes:
        _clean_lines(old_lines, amount)  # a lower amount must still hold its lines
    lines_changed = new_lines is not None and new_lines != old_lines
    if not changes and not lines_changed:
        return locked
    summary = _("Budget gewijzigd")
    if "amount" in changes:
        summary = _("Budget %(stream)s %(year)s gewijzigd: %(old)s → %(new)s") % {
            "stream": locked.get_funding_stream_display(),
            "year": locked.year,
            "old": euro(locked.amount),
            "new": euro(amount),
        }
    if changes:
        updated = versioned_update(locked, changes, summary=summary, actor=user)
    else:
        save_versioned(locked, [])  # only the lines: the version still moves
        updated = locked
    if lines_changed and new_lines is not None:
        _write_lines(updated, new_lines)
        record(
            updated,
            action="budget_lines_changed",
            summary=_("Budgetregels gewijzigd"),
            changes={"lines": [_lines_display(old_lines), _lines_display(new_lines)]},
            actor=user,
        )
    return updated


@transaction.atomic
def realisation_create(
    *,
    user: Any,
    municipality: Municipality,
    funding_stream: str,
    year: int,
    month: int,
    amount: Decimal,
    description: str = "",
    reference: str = "",
) -> Realisation:
    """Enter spending by hand (a correction, or a municipality without an export).

    A month after the current one is refused: realisation is money spent.
    """
    check_budget_scope(user, municipality)
    today = timezone.localdate()
    if (year, month) > (today.year, today.month):
        raise ValidationError(
            {"month": _("Een realisatie gaat over een maand die al begonnen is.")}
        )
    realisation = Realisation(
        municipality=municipality,
        funding_stream=funding_stream,
        year=year,
        month=month,
        amount=amount,
        description=description,
        reference=reference,
        source=Realisation.Source.MANUAL,
        created_by=user,
    )
    realisation.full_clean()
    realisation.save()
    record(
        realisation,
        action="realisation_created",
        summary=_("Realisatie %(stream)s %(month)02d-%(year)s vastgelegd: %(amount)s")
        % {
            "stream": realisation.get_funding_stream_display(),
            "month": month,
            "year": year,
            "amount": euro(realisation.amount),
        },
        changes={
            "municipality": [None, display(municipality)],
            "amount": [None, display(realisation.amount)],
            "reference": [None, reference],
        },
        actor=user,
    )
    return realisation


@transaction.atomic
def realisation_delete(*, user: Any, realisation: Realisation) -> None:
    """Remove a hand-entered realisation (an imported one goes with a correction)."""
    _visible(Realisation.objects, user, realisation, _("realisatie"))
    if realisation.source != Realisation.Source.MANUAL:
        raise ValidationError(
            {
                "source": _(
                    "Een ingelezen realisatie wordt niet verwijderd: boek een "
                    "correctie in het financiële systeem."
                )
            }
        )
    record(
        realisation,
        action="realisation_deleted",
        summary=_("Realisatie verwijderd: %(amount)s")
        % {"amount": euro(realisation.amount)},
        changes={"amount": [display(realisation.amount), None]},
        actor=user,
    )
    realisation.delete()


@transaction.atomic
def benefit_parameter_create(
    *,
    user: Any,
    municipality: Municipality,
    year: int,
    average_monthly_benefit: Decimal,
) -> BenefitParameter:
    check_budget_scope(user, municipality)
    parameter = BenefitParameter(
        municipality=municipality,
        year=year,
        average_monthly_benefit=average_monthly_benefit,
    )
    parameter.full_clean()
    parameter.save()
    record(
        parameter,
        action="benefit_parameter_created",
        summary=_("Gemiddelde uitkering %(year)s vastgelegd: %(amount)s")
        % {"year": year, "amount": euro(parameter.average_monthly_benefit)},
        changes={
            "municipality": [None, display(municipality)],
            "average_monthly_benefit": [None, display(average_monthly_benefit)],
        },
        actor=user,
    )
    return parameter


@transaction.atomic
def benefit_parameter_update(
    *,
    user: Any,
    parameter: BenefitParameter,
    expected_version: int,
    average_monthly_benefit: Decimal,
) -> BenefitParameter:
    _visible(BenefitParameter.objects, user, parameter, _("gemiddelde uitkering"))
    locked = lock_for_update(
        parameter, expected_version=expected_version, what=_("gemiddelde uitkering")
    )
    if locked.average_monthly_benefit == average_monthly_benefit:
        return locked
    return versioned_update(
        locked,
        {"average_monthly_benefit": average_monthly_benefit},
        summary=_("Gemiddelde uitkering gewijzigd"),
        actor=user,
    )
