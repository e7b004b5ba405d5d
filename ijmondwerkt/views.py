from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets.views import overview as budget_pages
from employers.selectors import werkmakelaar_summary
from ijmondwerkt.accounts.models import Municipality
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.privacy import record_reads
from reports.views.home import manager_reports
from trajectories.selectors import follow_ups_due

# One start-page section per role; later issues fill them with real work.
START_SECTIONS = {
    Role.KLANTMANAGER: "home/klantmanager.html",
    Role.WERKMAKELAAR: "home/werkmakelaar.html",
    Role.MANAGER: "home/manager.html",
    Role.BEHEERDER: "home/beheerder.html",
    Role.PRIVACY_OFFICER: "home/privacy_officer.html",
}


# Follow-up moments (nazorg) shown on the werkmakelaar's start page.
FOLLOW_UPS_SHOWN = 10


def follow_up_moments(request: HttpRequest, user: Any) -> dict[str, Any]:
    """The werkmakelaar's own follow-up moments due today or earlier (one query)."""
    moments = list(
        follow_ups_due(timezone.localdate(), user)
        .filter(**{"responsible_id": user.pk})  # annotated by the selector
        .select_related("placement__client", "placement__employer")[:FOLLOW_UPS_SHOWN]
    )
    record_reads(
        request,
        [m.placement for m in moments],
        purpose=_("Startpagina: nazorg"),
    )
    return {"follow_up_moments": moments}


def manager_budgets(user: Any) -> dict[str, Any]:
    """The budgets of the manager's municipalities this year (a few queries each)."""
    year = timezone.localdate().year
    served = budget_pages.served_municipalities(user)
    return {
        "budget_year": year,
        "budget_sections": budget_pages.sections(user, year, served),
    }


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    sections = [START_SECTIONS[role] for role in user.roles]  # type: ignore[union-attr]
    municipalities = Municipality.objects.for_user(user)  # type: ignore[arg-type]
    context = {"sections": sections, "municipalities": municipalities}
    if user.has_role(Role.WERKMAKELAAR):  # type: ignore[union-attr]
        summary = werkmakelaar_summary(user, timezone.localdate())
        record_reads(
            request,
            summary["open_proposals"],
            purpose=_("Startpagina: mijn voordrachten"),
        )
        context.update(summary)
        context.update(follow_up_moments(request, user))
    if user.has_role(Role.MANAGER):  # type: ignore[union-attr]
        context.update(manager_budgets(user))
        context.update(manager_reports(user))
    return render(request, "home/index.html", context)
