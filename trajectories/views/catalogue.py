"""The instrument catalogue (voorzieningen): read-only for klantmanagers and
werkmakelaars; the functioneel beheerder maintains it in beheer."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ijmondwerkt.access import reads_catalogue
from trajectories.models import Instrument

# The catalogue is short (§6); one page holds it, the skeleton still pages it.
CATALOGUE_PAGE_SIZE = 100


@reads_catalogue
def catalogue(request: HttpRequest) -> HttpResponse:
    instruments = (
        Instrument.objects.for_user(request.user)
        .active()
        .select_related("category")
        .order_by("category__sort_order", "category__label", "name", "pk")
    )
    page = Paginator(instruments, CATALOGUE_PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return render(request, "trajectories/catalogue.html", {"page": page})
