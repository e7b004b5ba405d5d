"""The import: all rows or none, a file not read twice, bookings not doubled."""

from __future__ import annotations

import csv
import hashlib
from datetime import date
from decimal import Decimal
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets.imports.parsing import MAX_BYTES, Report, Row, decode, read_upload
from budgets.imports.rows import parse_rows
from budgets.models import BUDGET_ROLES, Realisation, RealisationImport
from budgets.services import euro
from ijmondwerkt import scoping
from ijmondwerkt.audit import record


def _already_stored(rows: list[Row], report: Report) -> list[Row]:
    """Drop bookings stored before (same municipality and key); a changed amount is an error."""
    if not rows:
        return rows
    stored = {
        (m, ref): amount
        for m, ref, amount in Realisation.objects.filter(
            municipality_id__in={r.municipality.pk for r in rows},
            reference__in={r.reference for r in rows},
        ).values_list("municipality_id", "reference", "amount")
    }
    fresh = []
    for row in rows:
        key = (row.municipality.pk, row.reference)
        if key not in stored:
            fresh.append(row)
        elif stored[key] != row.amount:
            report.error(
                row.line,
                "boekingskenmerk",
                _(
                    "Deze boeking is al ingelezen met een ander bedrag (%(old)s); "
                    "lever een correctie als aparte boeking aan."
                )
                % {"old": euro(stored[key])},
                row.reference,
            )
        else:
            report.skipped.append({"row": row.line, "reference": row.reference})
    return fresh


@transaction.atomic
def realisation_import(
    *,
    user: Any,
    file: bytes | IO[bytes] | Any,
    year: int | None = None,
    file_name: str = "",
    today: date | None = None,
) -> RealisationImport:
    """Read a realisation export: all rows stored, or none with the reasons.

    Returns the import: ``accepted`` with its counts, or rejected with
    ``report["errors"]`` naming every wrong row and column (an error without
    a row is about the whole file, e.g. the same file a second time). ``year``
    is the year the bookings must lie in (default: this year).
    """
    today = today or timezone.localdate()
    year = year or today.year
    raw, name = read_upload(file)
    report = Report()
    entry = RealisationImport(
        file_name=(file_name or name)[:255],
        file_hash=hashlib.sha256(raw).hexdigest(),
        year=year,
        uploaded_by=user,
        status=RealisationImport.Status.REJECTED,
    )
    served = scoping.served_municipalities(user, BUDGET_ROLES)
    rows: list[Row] = []
    previous = (
        RealisationImport.objects.filter(
            file_hash=entry.file_hash, status=RealisationImport.Status.ACCEPTED
        )
        .select_related("uploaded_by")
        .first()
    )
    if previous is not None:
        report.error(None, None, _duplicate_message(previous))
    elif len(raw) > MAX_BYTES:
        report.error(None, None, _("Het bestand is groter dan 10 MB; splits het."))
    else:
        try:
            text, entry.encoding = decode(raw)
        except UnicodeDecodeError:
            report.error(
                None,
                None,
                _("Het bestand is geen tekst in UTF-8 of Windows-1252 (CSV)."),
            )
        else:
            try:
                rows = parse_rows(
                    text, year=year, today=today, served=served, report=report
                )
            except csv.Error as exc:
                report.error(None, None, _("Het bestand is geen geldige CSV: %s") % exc)
            rows = _already_stored(rows, report) if not report.errors else []
    entry.row_count = report.data_rows
    if report.errors:
        return _reject(entry, report, user)
    entry.status = RealisationImport.Status.ACCEPTED
    entry.imported_count = len(rows)
    entry.skipped_count = len(report.skipped)
    entry.total_amount = sum((r.amount for r in rows), Decimal("0.00"))
    entry.report = report.as_json()
    entry.full_clean()
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:  # the same file accepted at this very moment
        entry.pk = None
        entry.status = RealisationImport.Status.REJECTED
        report.error(None, None, _("Dit bestand is al ingelezen."))
        return _reject(entry, report, user)
    Realisation.objects.bulk_create(
        [
            Realisation(
                municipality=r.municipality,
                funding_stream=r.funding_stream,
                year=year,
                month=r.month,
                booked_on=r.booked_on,
                amount=r.amount,
                description=r.description,
                reference=r.reference,
                source=Realisation.Source.IMPORT,
                source_import=entry,
                created_by=user,
            )
            for r in rows
        ],
        batch_size=2000,
    )
    entry.municipalities.set({r.municipality.pk for r in rows})
    record(
        entry,
        action="realisation_imported",
        summary=_(
            "Realisatie ingelezen uit %(file)s: %(n)s boekingen, %(total)s "
            "(%(skipped)s al eerder ingelezen)"
        )
        % {
            "file": entry.file_name or _("een bestand"),
            "n": entry.imported_count,
            "total": euro(entry.total_amount),
            "skipped": entry.skipped_count,
        },
        actor=user,
    )
    return entry


def _duplicate_message(previous: RealisationImport) -> str:
    uploaded = timezone.localtime(previous.uploaded_at)
    return _(
        "Dit bestand is al ingelezen op %(day)s door %(who)s; er is niets "
        "opnieuw geboekt."
    ) % {
        "day": f"{uploaded:%d-%m-%Y %H:%M}",
        "who": previous.uploaded_by.get_full_name() or previous.uploaded_by.username,
    }


def _reject(entry: RealisationImport, report: Report, user: Any) -> RealisationImport:
    """Keep the attempt and its report (no realisation is stored)."""
    entry.status = RealisationImport.Status.REJECTED
    entry.imported_count = 0
    entry.skipped_count = 0
    entry.total_amount = Decimal("0.00")
    entry.report = report.as_json()
    entry.save()
    record(
        entry,
        action="realisation_import_rejected",
        summary=_("Import realisatie afgewezen: %(n)s fouten")
        % {"n": len(report.errors)},
        actor=user,
    )
    return entry
