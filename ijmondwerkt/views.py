from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ijmondwerkt.accounts.models import Municipality
from ijmondwerkt.accounts.roles import Role

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
    return render(
        request,
        "home/index.html",
        {"sections": sections, "municipalities": municipalities},
    )
