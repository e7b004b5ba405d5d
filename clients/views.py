"""Pages for klantmanagers. Thin: scoped fetch, form, service, redirect or render."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from clients import forms, services
from clients.dashboard import caseload_summary
from clients.filters import ClientFilter
from clients.models import Client, ClientQuerySet, Goal, Handover, Status
from ijmondwerkt.accounts.models import User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.inbox.models import Task
from ijmondwerkt.privacy import client_uuids_in_links, record_reads

PAGE_SIZE = 25


def klantmanager_required(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Client files are for klantmanagers; everyone else gets 403."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _user(request).has_role(Role.KLANTMANAGER):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _user(request: HttpRequest) -> User:
    """Views here run behind login_required, so the user is a staff member."""
    return cast(User, request.user)


def _scoped(request: HttpRequest) -> ClientQuerySet:
    return cast(ClientQuerySet, Client.objects.for_user(_user(request)))


def _client(request: HttpRequest, uuid: Any) -> Client:
    """The file a page works on; the page shows it, so the read is logged."""
    qs = _scoped(request).select_related("municipality", "klantmanager")
    client = get_object_or_404(qs, uuid=uuid)
    record_reads(request, [client], purpose=_purpose(request, client))
    return client


def _run(form: forms.AccessibleForm, action: Callable[[dict[str, Any]], Any]) -> Any:
    """Validate the form and call the service; service errors land on the form."""
    if not form.is_valid():
        return None
    try:
        return action(form.cleaned_data) or True
    except ValidationError as exc:
        form.add_service_error(exc)
        return None


def _purpose(request: HttpRequest, client: Client) -> str:
    if client.klantmanager_id == _user(request).pk:
        return _("Dossierbehandeling: eigen werkvoorraad")
    return _("Dossierbehandeling: werkzoekende van de gemeente")


# --- dashboard and list --------------------------------------------------------


@klantmanager_required
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    tasks = list(Task.objects.for_user(_user(request)).due_by(today)[:10])
    record_reads(
        request,
        uuids=client_uuids_in_links(t.link for t in tasks),
        purpose=_("Werkvoorraad: taken"),
    )
    return render(
        request,
        "clients/dashboard.html",
        {
            "summary": caseload_summary(_user(request), today),
            "tasks": tasks,
            "today": today,
        },
    )


@klantmanager_required
def client_list(request: HttpRequest) -> HttpResponse:
    # A BSN in the address never gets here: ijmondwerkt.bsn_guard refuses it.
    base = (
        _scoped(request)
        .select_related("municipality", "benefit_kind", "klantmanager")
        .with_current_ladder_step()
        .with_intake_deadline()
    )
    filterset = ClientFilter(request.GET or None, queryset=base, request=request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    record_reads(request, page.object_list, purpose=_("Overzicht werkzoekenden"))
    return render(
        request,
        "clients/list.html",
        {
            "filter": filterset,
            "page": page,
            "bsn_form": forms.BsnSearchForm(),
            "today": timezone.localdate(),
        },
    )


@sensitive_post_parameters("bsn")
@klantmanager_required
@require_POST
def bsn_search(request: HttpRequest) -> HttpResponse:
    form = forms.BsnSearchForm(request.POST)
    if form.is_valid():
        client = _scoped(request).filter(bsn=form.cleaned_data["bsn"]).first()
        if client is not None:
            return redirect(client)
        form.add_error("bsn", _("Geen dossier met dit BSN in uw gemeenten."))
    base = _scoped(request).with_current_ladder_step().with_intake_deadline()
    filterset = ClientFilter(None, queryset=base, request=request)
    page = Paginator(
        filterset.qs.select_related("municipality", "benefit_kind", "klantmanager"),
        PAGE_SIZE,
    ).get_page(1)
    record_reads(request, page.object_list, purpose=_("Overzicht werkzoekenden"))
    return render(
        request,
        "clients/list.html",
        {
            "filter": filterset,
            "page": page,
            "bsn_form": form,
            "today": timezone.localdate(),
        },
        status=422,
    )


# --- register and edit ------------------------------------------------------------


def _duplicates_context(
    request: HttpRequest, data: dict[str, Any], exclude: Client | None = None
) -> dict[str, Any]:
    found = services.possible_duplicates(
        first_name=data["first_name"],
        last_name=data["last_name"],
        date_of_birth=data["date_of_birth"],
        exclude=exclude,
    )
    # Name and birth date are not a reason to tell a user about a person in a
    # municipality they do not serve (docs/security.md): only visible files count.
    found = found.filter(municipality_id__in=_user(request).municipality_ids)
    visible = list(found[:5])
    record_reads(request, visible, purpose=_("Controle op dubbele inschrijving"))
    return {"duplicate_count": found.count(), "duplicates": visible}


@sensitive_post_parameters("bsn")
@klantmanager_required
def client_register(request: HttpRequest) -> HttpResponse:
    form = forms.ClientForm(
        request.POST or None,
        user=_user(request),
        initial={"registration_date": timezone.localdate()},
    )
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        context.update(_duplicates_context(request, form.cleaned_data))
        if context["duplicate_count"] and not request.POST.get("toch_aanmelden"):
            context["confirm_duplicate"] = True
        else:
            data = form.service_kwargs()
            client = _run(
                form,
                lambda _d: services.client_register(
                    registered_by=_user(request),
                    municipality=form.cleaned_data["municipality"],
                    registration_date=form.cleaned_data["registration_date"],
                    **data,
                ),
            )
            if client:
                messages.success(
                    request, _("%(name)s is aangemeld.") % {"name": client.full_name}
                )
                return redirect(client)
    return render(
        request, "clients/register.html", context, status=422 if form.errors else 200
    )


@sensitive_post_parameters("bsn")
@klantmanager_required
@require_POST
def duplicate_check(request: HttpRequest) -> HttpResponse:
    """htmx: warn while typing when a file with this name and birth date exists."""
    form = forms.ClientForm(request.POST, user=_user(request))
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    context: dict[str, Any] = {"duplicate_count": 0}
    if all(data.get(k) for k in ("first_name", "last_name", "date_of_birth")):
        context = _duplicates_context(request, data)
    return render(request, "clients/_duplicates.html", context)


@sensitive_post_parameters("bsn")
@klantmanager_required
def client_edit(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = _client(request, uuid)
    form = forms.ClientForm(request.POST or None, user=_user(request), instance=client)
    if request.method == "POST":
        expected = form.data.get("version")
        updated = _run(
            form,
            lambda _d: services.client_update(
                client=client,
                user=_user(request),
                expected_version=int(str(expected)) if str(expected).isdigit() else -1,
                **form.service_kwargs(),
            ),
        )
        if updated:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect(client)
    return render(
        request,
        "clients/edit.html",
        {"form": form, "client": client},
        status=422 if form.errors else 200,
    )


# --- the file -----------------------------------------------------------------------


@klantmanager_required
def client_detail(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = get_object_or_404(
        _scoped(request)
        .select_related(
            "municipality",
            "klantmanager",
            "benefit_kind",
            "education_level",
            "registration_channel",
            "inflow_reason",
        )
        .with_current_ladder_step()
        .with_last_contact(),
        uuid=uuid,
    )
    record_reads(request, [client], purpose=_purpose(request, client))
    timeline = Paginator(client.changes.select_related("user"), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    goals = list(
        Goal.objects.filter(plan__client=client).select_related("plan__client")
    )
    return render(
        request,
        "clients/detail.html",
        {
            "client": client,
            "intake": client.intakes.select_related("held_by").first(),
            "goals": goals,
            "measurements": client.ladder_measurements.select_related("measured_by")[
                :6
            ],
            "contacts": client.contacts.select_related("channel", "recorded_by")[:5],
            "handover": client.handovers.filter(returned_on__isnull=True).first(),
            "outflow": client.outflows.select_related("reason").first()
            if client.status == Status.OUTFLOWED
            else None,
            "barriers": list(client.barrier_categories.all()),
            "page": timeline,
            "today": timezone.localdate(),
        },
    )


def _casework(
    request: HttpRequest,
    uuid: Any,
    form_class: type[forms.AccessibleForm],
    title: str,
    action: Callable[[Client, dict[str, Any]], Any],
    done: str,
    initial: dict[str, Any] | None = None,
) -> HttpResponse:
    """One shape for every casework form: fetch scoped, validate, call the service."""
    client = _client(request, uuid)
    form = form_class(request.POST or None, initial=initial or {})
    if request.method == "POST":
        result = _run(form, lambda data: action(client, data))
        if result:
            messages.success(request, done)
            return redirect(client)
    return render(
        request,
        "clients/form.html",
        {"form": form, "client": client, "title": title},
        status=422 if form.errors else 200,
    )


@klantmanager_required
def intake_plan(request: HttpRequest, uuid: Any) -> HttpResponse:
    return _casework(
        request,
        uuid,
        forms.IntakePlanForm,
        _("Intake plannen"),
        lambda c, d: services.intake_plan(client=c, user=_user(request), **d),
        _("De intake is gepland."),
    )


@klantmanager_required
def intake_record(request: HttpRequest, uuid: Any) -> HttpResponse:
    return _casework(
        request,
        uuid,
        forms.IntakeRecordForm,
        _("Intake en diagnose vastleggen"),
        lambda c, d: services.intake_record(client=c, user=_user(request), **d),
        _("De intake is vastgelegd."),
        initial={"held_date": timezone.localdate()},
    )


@klantmanager_required
def goal_add(request: HttpRequest, uuid: Any) -> HttpResponse:
    def add(client: Client, data: dict[str, Any]) -> Goal:
        goal = services.goal_add(client=client, user=_user(request), **data)
        warning = services.ladder_ceiling_warning(
            client=client, step=goal.target_ladder_step
        )
        if warning:
            messages.warning(request, warning)
        return goal

    return _casework(
        request,
        uuid,
        forms.GoalForm,
        _("Doel toevoegen aan het plan van aanpak"),
        add,
        _("Het doel is toegevoegd."),
    )


@klantmanager_required
@require_POST
def goal_status(request: HttpRequest, uuid: Any, goal_uuid: Any) -> HttpResponse:
    client = _client(request, uuid)
    goal = get_object_or_404(
        Goal.objects.select_related("plan__client"), plan__client=client, uuid=goal_uuid
    )
    try:
        services.goal_set_status(
            goal=goal, user=_user(request), status=request.POST.get("status", "")
        )
    except ValidationError:
        return HttpResponse(status=422)
    if request.headers.get("HX-Request"):
        return render(
            request,
            "clients/_goal_row.html",
            {"goal": goal, "client": client, "today": timezone.localdate()},
        )
    return redirect(client)


@klantmanager_required
def ladder_measure(request: HttpRequest, uuid: Any) -> HttpResponse:
    def measure(client: Client, data: dict[str, Any]) -> Any:
        measurement = services.ladder_measure(
            client=client, user=_user(request), **data
        )
        return measurement

    return _casework(
        request,
        uuid,
        forms.LadderForm,
        _("Meting participatieladder"),
        measure,
        _("De meting is vastgelegd."),
        initial={"measured_on": timezone.localdate()},
    )


@klantmanager_required
def contact_record(request: HttpRequest, uuid: Any) -> HttpResponse:
    def record(client: Client, data: dict[str, Any]) -> Any:
        contact = services.contact_record(client=client, user=_user(request), **data)
        if contact.no_show:
            messages.info(request, _("Er staat een vervolgtaak in de takenlijst."))
        return contact

    return _casework(
        request,
        uuid,
        forms.ContactForm,
        _("Klantcontact vastleggen"),
        record,
        _("Het contact is vastgelegd."),
        initial={"occurred_at": timezone.localtime().replace(second=0, microsecond=0)},
    )


@klantmanager_required
def client_outflow(request: HttpRequest, uuid: Any) -> HttpResponse:
    return _casework(
        request,
        uuid,
        forms.OutflowForm,
        _("Uitstroom vastleggen"),
        lambda c, d: services.client_outflow(client=c, user=_user(request), **d),
        _("De uitstroom is vastgelegd; open doelen en taken zijn afgesloten."),
        initial={"date": timezone.localdate()},
    )


@klantmanager_required
def client_reregister(request: HttpRequest, uuid: Any) -> HttpResponse:
    return _casework(
        request,
        uuid,
        forms.ReregisterForm,
        _("Opnieuw aanmelden"),
        lambda c, d: services.client_reregister(client=c, user=_user(request), **d),
        _("Het dossier is heropend."),
        initial={"registration_date": timezone.localdate()},
    )


@klantmanager_required
def handover_start(request: HttpRequest, uuid: Any) -> HttpResponse:
    return _casework(
        request,
        uuid,
        forms.HandoverForm,
        _("Warme overdracht naar zorg"),
        lambda c, d: services.handover_start(client=c, user=_user(request), **d),
        _("De overdracht is vastgelegd."),
        initial={"started_on": timezone.localdate()},
    )


@klantmanager_required
def handover_return(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = _client(request, uuid)
    handover = get_object_or_404(Handover, client=client, returned_on__isnull=True)
    return _casework(
        request,
        uuid,
        forms.HandoverReturnForm,
        _("Terug van zorg"),
        lambda c, d: services.handover_return(
            handover=handover, user=_user(request), **d
        ),
        _("De werkzoekende is terug in de werkvoorraad."),
        initial={"returned_on": timezone.localdate()},
    )


# --- bulk reassignment ----------------------------------------------------------------


@klantmanager_required
def clients_reassign(request: HttpRequest) -> HttpResponse:
    """Move files of one klantmanager (e.g. a leaving colleague) to another."""
    source = request.GET.get("van", "")
    candidates = (
        _scoped(request)
        .filter(klantmanager__username=source)
        .exclude(status=Status.OUTFLOWED)
        if source
        else _scoped(request).none()
    )
    form = forms.ReassignForm(
        request.POST or None, clients=candidates, user=_user(request)
    )
    # The form lists the files to move (written only when the page is shown).
    record_reads(request, candidates, purpose=_("Herverdelen werkvoorraad"))
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.clients_reassign(
                clients=form.cleaned_data["clients"],
                to=form.cleaned_data["to"],
                user=_user(request),
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "klantmanager" in exc.error_dict:
                exc = ValidationError({"to": exc.error_dict["klantmanager"]})
            form.add_service_error(exc)
        else:
            messages.success(
                request, _("%(n)s werkzoekenden overgedragen.") % {"n": moved}
            )
            return HttpResponseRedirect(f"{reverse('clients:reassign')}?van={source}")
    return render(
        request,
        "clients/reassign.html",
        {
            "form": form,
            "source": source,
            "klantmanagers": forms.klantmanagers_for(_user(request).municipality_ids),
        },
        status=422 if form.errors else 200,
    )
