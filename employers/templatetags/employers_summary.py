"""The werkmakelaar's start-page summary, as an inclusion tag.

The home view renders one section per role and knows nothing about
employers; the section fetches its own figures here.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import template
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import EmployerContact, Proposal, ProposalStatus, Vacancy
from ijmondwerkt.privacy import record_reads

register = template.Library()

RECENT_DAYS = 14


@register.inclusion_tag("employers/_werkmakelaar_summary.html", takes_context=True)
def werkmakelaar_summary(context: dict[str, Any]) -> dict[str, Any]:
    user = context["request"].user
    today = timezone.localdate()
    follow_ups = EmployerContact.objects.for_user(user).follow_ups_for(user)
    counts = follow_ups.aggregate(
        due=Count("pk", filter=Q(follow_up_date__lte=today)),
        week=Count("pk", filter=Q(follow_up_date__lte=today + timedelta(days=7))),
    )
    colleagues = (
        EmployerContact.objects.for_user(user)
        .exclude(werkmakelaar=user)
        .filter(contact_date__gte=today - timedelta(days=RECENT_DAYS))
        .select_related("employer", "kind", "werkmakelaar")
        .order_by("-contact_date", "-created_at")[:5]
    )
    mine = Proposal.objects.for_user(user).open().filter(proposed_by=user)
    pipeline = mine.aggregate(
        **{
            str(status): Count("pk", filter=Q(status=status))
            for status in (
                ProposalStatus.PROPOSED,
                ProposalStatus.INVITED,
                ProposalStatus.INTERVIEW,
            )
        }
    )
    open_proposals = list(
        mine.select_related("vacancy__employer", "client").order_by(
            "-proposed_on", "-pk"
        )[:5]
    )
    record_reads(
        context["request"], open_proposals, purpose=_("Startpagina: mijn voordrachten")
    )
    return {
        "pipeline": [
            (ProposalStatus(status).label, count) for status, count in pipeline.items()
        ],
        "open_proposals": open_proposals,
        "follow_ups_due": counts["due"],
        "follow_ups_week": counts["week"],
        "next_follow_ups": follow_ups.select_related("employer").order_by(
            "follow_up_date"
        )[:5],
        "open_vacancies": Vacancy.objects.for_user(user).open().count(),
        "colleague_contacts": colleagues,
        "recent_days": RECENT_DAYS,
        "today": today,
    }
