from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.selectors import werkmakelaar_summary
from ijmondwerkt.accounts.models import Municipality
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.privacy import record_reads

# One start-page section per role; later issues fill them with real work.
START_SECTIONS = {
    Role.KLANTMANAGER: "home/klantmanager.html",
    Role.WERKMAKELAAR: "home/werkmakelaar.html",
    Role.MANAGER: "home/manager.html",
    Role.BEHEERDER: "home/beheerder.html",
    Role.PRIVACY_OFFICER: "home/privacy_officer.html",
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
    return render(request, "home/index.html", context)
