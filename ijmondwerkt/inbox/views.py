from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ijmondwerkt.inbox.models import Task
from ijmondwerkt.inbox.services import task_complete, task_reopen
from ijmondwerkt.privacy import client_uuids_in_links, record_reads

PURPOSE = "Takenlijst"  # stored in the access log

VIEWS = {
    "open": Q(done_at__isnull=True),
    "vandaag": Q(done_at__isnull=True),  # narrowed by date below
    "te-laat": Q(done_at__isnull=True),
    "afgerond": Q(done_at__isnull=False),
}


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    current = request.GET.get("weergave", "open")
    if current not in VIEWS:
        current = "open"
    mine = Task.objects.for_user(request.user)
    tasks = mine.filter(VIEWS[current])
    if current == "vandaag":
        tasks = tasks.filter(due_date__lte=today)
    elif current == "te-laat":
        tasks = tasks.filter(due_date__lt=today)
    elif current == "afgerond":
        tasks = tasks.order_by("-done_at")
    counts = mine.aggregate(
        open=Count("pk", filter=Q(done_at__isnull=True)),
        vandaag=Count("pk", filter=Q(done_at__isnull=True, due_date__lte=today)),
        te_laat=Count("pk", filter=Q(done_at__isnull=True, due_date__lt=today)),
    )
    page = Paginator(tasks, 50).get_page(request.GET.get("pagina"))
    # A task names its client (``Task.client``, or a link to the file):
    # showing it is a read.
    rows = list(page.object_list)
    record_reads(
        request,
        [t for t in rows if t.client_id is not None],
        uuids=client_uuids_in_links(t.link for t in rows),
        purpose=PURPOSE,
    )
    return render(
        request,
        "inbox/list.html",
        {"page": page, "current": current, "counts": counts, "today": today},
    )


@login_required
@require_POST
def task_toggle(request: HttpRequest, uuid: str) -> HttpResponse:
    task = get_object_or_404(Task.objects.for_user(request.user), uuid=uuid)
    if task.is_done:
        task_reopen(task=task)
    else:
        task_complete(task=task)
    if request.headers.get("HX-Request"):
        record_reads(
            request,
            [task] if task.client_id is not None else [],
            uuids=client_uuids_in_links([task.link]),
            purpose=PURPOSE,
        )
        return render(
            request,
            "inbox/_task_row.html",
            {"task": task, "today": timezone.localdate()},
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "inbox:list"
    return redirect(target)
