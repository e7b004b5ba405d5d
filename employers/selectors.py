"""Reads of the employer pool used by more than one caller.

Every read starts from the scoping contract (``for_user``, see
docs/scoping.md), so a selector never shows more than its caller may see.
Selectors return data; logging a read of client data is the caller's job
(``ijmondwerkt.privacy.record_reads``), because only the caller knows why.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from employers.models import (
    Employer,
    EmployerContact,
    Proposal,
    ProposalStatus,
    Vacancy,
)

RECENT_DAYS = 14  # "contacten van collega's" on the start page
TIMELINE_SIZE = 50  # contacts and proposals on an employer's page
SUMMARY_SIZE = 5  # rows per list on the start page
PIPELINE_SHOWN = (
    ProposalStatus.PROPOSED,
    ProposalStatus.INVITED,
    ProposalStatus.INTERVIEW,
)


def follow_ups(user: Any) -> Any:
    """The open follow-ups ``user`` agreed with employers, soonest first."""
    return (
        EmployerContact.objects.for_user(user)
        .follow_ups_for(user)
        .order_by("follow_up_date", "pk")
    )


def contact_timeline(employer: Employer) -> QuerySet[EmployerContact]:
    """The employer's contact log, newest first (the last ``TIMELINE_SIZE``)."""
    return employer.contacts.select_related(
        "kind", "werkmakelaar", "contact_person"
    ).order_by("-contact_date", "-created_at")[:TIMELINE_SIZE]


def employer_vacancies(employer: Employer) -> QuerySet[Vacancy]:
    """The employer's vacancies, open ones first, newest first."""
    return employer.vacancies.select_related("location_municipality").order_by(
        Case(
            When(status=Vacancy.Status.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        "-open_date",
    )


def employer_proposals(user: Any, employer: Employer) -> list[Proposal]:
    """Proposals for the employer's vacancies that ``user`` may see, newest first."""
    return list(
        Proposal.objects.for_user(user)
        .filter(vacancy__employer=employer)
        .select_related("vacancy", "client", "proposed_by")
        .order_by("-proposed_on", "-pk")[:TIMELINE_SIZE]
    )


def pipeline_board(user: Any, vacancy: Vacancy) -> list[dict[str, Any]]:
    """The vacancy's pipeline board: one column per status, in pipeline order."""
    by_status: dict[str, list[Proposal]] = {s: [] for s in ProposalStatus.values}
    for proposal in (
        Proposal.objects.for_user(user)
        .filter(vacancy=vacancy)
        .select_related("client", "proposed_by", "placement")
    ):
        by_status[proposal.status].append(proposal)
    return [
        {"status": status, "label": label, "proposals": by_status[status]}
        for status, label in ProposalStatus.choices
    ]


def client_proposals(user: Any, client: Any) -> QuerySet[Proposal]:
    """A client's proposals that ``user`` may see, newest first."""
    return (
        Proposal.objects.for_user(user)
        .filter(client=client)
        .select_related("vacancy__employer")
        .order_by("-proposed_on", "-pk")
    )


def werkmakelaar_summary(user: Any, today: date) -> dict[str, Any]:
    """The werkmakelaar's start page: six queries, whatever the pool's size.

    ``open_proposals`` holds client names: the page that shows them logs the read.
    """
    mine = follow_ups(user)
    counts = mine.aggregate(
        due=Count("pk", filter=Q(follow_up_date__lte=today)),
        week=Count("pk", filter=Q(follow_up_date__lte=today + timedelta(days=7))),
    )
    proposals = Proposal.objects.for_user(user).open().filter(proposed_by=user)
    pipeline = proposals.aggregate(
        **{
            str(status): Count("pk", filter=Q(status=status))
            for status in PIPELINE_SHOWN
        }
    )
    return {
        "pipeline": [
            (ProposalStatus(status).label, count) for status, count in pipeline.items()
        ],
        "open_proposals": list(
            proposals.select_related("vacancy__employer", "client").order_by(
                "-proposed_on", "-pk"
            )[:SUMMARY_SIZE]
        ),
        "follow_ups_due": counts["due"],
        "follow_ups_week": counts["week"],
        "next_follow_ups": list(mine.select_related("employer")[:SUMMARY_SIZE]),
        "open_vacancies": Vacancy.objects.for_user(user).open().count(),
        "colleague_contacts": list(
            EmployerContact.objects.for_user(user)
            .exclude(werkmakelaar=user)
            .filter(contact_date__gte=today - timedelta(days=RECENT_DAYS))
            .select_related("employer", "kind", "werkmakelaar")
            .order_by("-contact_date", "-created_at")[:SUMMARY_SIZE]
        ),
        "recent_days": RECENT_DAYS,
        "today": today,
    }
