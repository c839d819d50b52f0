"""The WSP counsellor's pages: employers (register, change, the contact log), vacancies (post, change,
the legal status moves), the shortlist and the proposals of a vacancy. Thin: every rule is in
`employers/` (the same services the API's views call); reading is `*_visible_to`, writing needs the
record to be `*_workable_by` the person (a WSP desk of its region)."""
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from clients.access import acting_desk, clients_workable_by
from clients.choices import Sector
from documents.choices import ParentKind
from employers import employers as employer_rules
from employers import matching_events as event_rules
from employers import proposals as proposal_rules
from employers import vacancies as vacancy_rules
from employers.matching_events import event_create, events_visible_to
from employers.shortlist import shortlist
from rwc import processing
from rwc.errors import DomainError, PreconditionFailed, RuleViolation

from .. import forms_employers as f
from .. import panels
from ..pages import STALE, add_domain_error, page

SHORTLIST_ROWS = 25
# the vacancy's moves as a person reads them (the status table names them in plain code words)
VACANCY_MOVES = {"fill": _("Mark filled"), "close": _("Close"), "reopen": _("Reopen")}


def _wsp_desk(request, region_id):
    desk = employer_rules.wsp_desk_in(request.user, region_id)
    if desk is None:
        raise RuleViolation(_("You work at no WSP desk of this region."), code="not_your_desk")
    return desk


# --- employers -------------------------------------------------------------------------------------

def _event_form(request, data=None):
    return f.EventForm(data, prefix="event", employers=employer_rules.employers_workable_by(request.user)
                       .order_by("trade_name", "id"))


def _employers_context(request, form=None, event_form=None):
    from django.db.models import Count, Q

    from employers.choices import VacancyStatus

    rows = list(employer_rules.employers_visible_to(request.user)
                .annotate(open_vacancies=Count("vacancies", filter=Q(vacancies__status=VacancyStatus.OPEN)))
                .order_by("trade_name", "id")[:200])
    events = list(events_visible_to(request.user).order_by("-date", "-id")[:50])
    workable = employer_rules.works_at_wsp(request.user)
    return {"employers": rows, "events": events, "workable": workable,
            "form": form or (f.EmployerForm(prefix="employer") if workable else None),
            "event_form": event_form or (_event_form(request) if workable else None)}


@page("wsp")
def employers(request):
    return render(request, "web/employers.html", _employers_context(request))


@page("wsp")
def employer_new(request):
    form = f.EmployerForm(request.POST, prefix="employer")
    if form.is_valid():
        desks = employer_rules.wsp_desks_of(request.user)
        try:
            with transaction.atomic():
                if not desks:
                    raise RuleViolation(_("Only a WSP desk registers employers."), code="not_a_wsp_desk")
                employer = employer_rules.employer_register(actor=request.user, desk=desks[0],
                                                            data=form.data_for_service())
        except DomainError as exc:
            add_domain_error(form, exc, {**f.EmployerForm.DOMAIN_FIELDS, "kvkNumber": "kvk_number"})
        else:
            return redirect("web:employer", employer_id=employer.uuid)
    return render(request, "web/employers.html", _employers_context(request, form), status=400)


@page("wsp")
def event_new(request):
    """A matching event organised by the person's WSP desk (matching_events.event_create)."""
    form = _event_form(request, request.POST)
    if form.is_valid():
        desks = employer_rules.wsp_desks_of(request.user)
        try:
            if not desks:
                raise RuleViolation(_("You work at no WSP desk of this region."), code="not_your_desk")
            event_create(actor=request.user, desk=desks[0], data={**form.cleaned_data,
                                                                 "employers": list(form.cleaned_data["employers"])})
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return redirect("web:employers")
    return render(request, "web/employers.html", _employers_context(request, event_form=form), status=400)


def _employer(request, employer_id):
    return get_object_or_404(panels.with_document_access(
        employer_rules.employers_visible_to(request.user).select_related("managing_desk"), ParentKind.EMPLOYER,
        request.user), uuid=employer_id)


def _workable_employer(request, employer_id):
    return get_object_or_404(employer_rules.employers_workable_by(request.user), uuid=employer_id)


def _employer_context(request, employer, **forms):
    user = request.user
    workable = employer_rules.employers_workable_by(user).filter(pk=employer.pk).exists()
    vacancies = list(vacancy_rules.vacancies_visible_to(user).filter(employer=employer).order_by("-posted_at", "-id"))
    proposals = list(proposal_rules.proposals_visible_to(user).filter(vacancy__employer=employer)
                     .select_related("vacancy", "client").order_by("-proposed_at"))
    processing.note_subjects(p.client_id for p in proposals)
    return {
        "employer": employer, "workable": workable, "vacancies": vacancies, "proposals": proposals,
        "contacts": list(employer.contacts.select_related("recorded_by").order_by("-at", "-id")[:50]),
        "edit_form": forms.get("edit_form") or f.EmployerEditForm.for_employer(employer),
        "contact_form": forms.get("contact_form") or f.EmployerContactForm(prefix="contact"),
        "vacancy_form": forms.get("vacancy_form") or f.VacancyForm(prefix="vacancy"),
        "error": forms.get("error"),
        **panels.documents_panel(request, ParentKind.EMPLOYER, employer,
                                 panels.document_access(request, ParentKind.EMPLOYER, employer)[1], forms),
    }


@page("wsp")
def employer_page(request, employer_id):
    employer = _employer(request, employer_id)
    return render(request, "web/employer.html", _employer_context(request, employer))


@page("wsp")
def employer_edit(request, employer_id):
    employer = _employer(request, employer_id)
    form = f.EmployerEditForm(request.POST, prefix="employer")
    if form.is_valid():
        try:
            employer = _workable_employer(request, employer_id)
            employer_rules.employer_update(actor=request.user, employer=employer,
                                           data=form.data_for_service(employer),
                                           expected_version=form.cleaned_data["version"])
        except PreconditionFailed:
            employer = _employer(request, employer_id)
            return render(request, "web/employer.html", _employer_context(request, employer, error=STALE),
                          status=412)
        except DomainError as exc:
            add_domain_error(form, exc, {**f.EmployerForm.DOMAIN_FIELDS, "kvkNumber": "kvk_number"})
        else:
            return redirect("web:employer", employer_id=employer.uuid)
    return render(request, "web/employer.html", _employer_context(request, employer, edit_form=form), status=400)


@page("wsp")
def employer_contact_add(request, employer_id):
    employer = _employer(request, employer_id)
    form = f.EmployerContactForm(request.POST, prefix="contact")
    if form.is_valid():
        try:
            employer = _workable_employer(request, employer_id)
            employer_rules.employer_contact_record(actor=request.user, desk=_wsp_desk(request, employer.region_id),
                                                   employer=employer, data=dict(form.cleaned_data))
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return redirect("web:employer", employer_id=employer.uuid)
    return render(request, "web/employer.html", _employer_context(request, employer, contact_form=form), status=400)


@page("wsp")
def vacancy_new(request, employer_id):
    employer = _employer(request, employer_id)
    form = f.VacancyForm(request.POST, prefix="vacancy")
    if form.is_valid():
        try:
            employer = _workable_employer(request, employer_id)
            vacancy = vacancy_rules.vacancy_post(actor=request.user, desk=_wsp_desk(request, employer.region_id),
                                                 employer=employer, data=form.data_for_service())
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return redirect("web:vacancy", vacancy_id=vacancy.uuid)
    return render(request, "web/employer.html", _employer_context(request, employer, vacancy_form=form), status=400)


# --- a vacancy: its status, the shortlist, the proposals -------------------------------------------

def _vacancy(request, vacancy_id):
    return get_object_or_404(panels.with_document_access(
        vacancy_rules.vacancies_visible_to(request.user).select_related("employer"), ParentKind.VACANCY,
        request.user), uuid=vacancy_id)


def _workable_vacancy(request, vacancy_id):
    return get_object_or_404(vacancy_rules.vacancies_workable_by(request.user).select_related("employer"),
                             uuid=vacancy_id)


def _vacancy_context(request, vacancy, **forms):
    user = request.user
    desk = employer_rules.wsp_desk_in(user, vacancy.employer.region_id)
    workable = desk is not None
    moves = [{"status": to, "label": VACANCY_MOVES.get(vacancy_rules.MOVES[(vacancy.status, to)],
                                                      vacancy_rules.MOVES[(vacancy.status, to)]),
              "form": f.VacancyMoveForm(initial={"status": to, "version": vacancy.version}, prefix=f"move-{to}")}
             for to in vacancy_rules.allowed_moves(vacancy.status)] if workable else []
    proposals = list(proposal_rules.proposals_visible_to(user).filter(vacancy=vacancy)
                     .select_related("client").order_by("-proposed_at", "-id"))
    failed = forms.get("proposal_form")
    for p in proposals:
        p.moves = [{"status": to, "label": proposal_rules.MOVES[(p.status, to)], "hire": to == "hired"}
                   for to in proposal_rules.allowed_moves(p.status)] if workable else []
        p.form = failed if failed is not None and forms.get("proposal") == p.pk else f.ProposalMoveForm(
            prefix=f"proposal-{p.uuid}")
    candidates = []
    if workable and vacancy.status == "open":
        candidates = list(shortlist(user, vacancy, desk).order_by("surname", "given_names", "id")[:SHORTLIST_ROWS])
    processing.note_subjects([*(p.client_id for p in proposals), *(c.id for c in candidates)])
    return {
        "vacancy": vacancy, "employer": vacancy.employer, "workable": workable and vacancy.status != "closed",
        "moves": moves, "proposals": proposals, "candidates": candidates,
        "edit_form": forms.get("edit_form") or f.VacancyEditForm.for_vacancy(vacancy),
        "propose_form": forms.get("propose_form"),
        "error": forms.get("error"),
        **panels.documents_panel(request, ParentKind.VACANCY, vacancy,
                                 panels.document_access(request, ParentKind.VACANCY, vacancy)[1], forms),
    }


def render_employer(request, employer, status=200, **forms):
    return render(request, "web/employer.html", _employer_context(request, employer, **forms), status=status)


def _render_vacancy(request, vacancy, status=200, **forms):
    return render(request, "web/vacancy.html", _vacancy_context(request, vacancy, **forms), status=status)


@page("wsp")
def vacancy_page(request, vacancy_id):
    return _render_vacancy(request, _vacancy(request, vacancy_id))


@page("wsp")
def vacancy_edit(request, vacancy_id):
    vacancy = _vacancy(request, vacancy_id)
    form = f.VacancyEditForm(request.POST, prefix="vacancy")
    if form.is_valid():
        try:
            vacancy = _workable_vacancy(request, vacancy_id)
            vacancy_rules.vacancy_update(actor=request.user, vacancy=vacancy, data=form.data_for_service(),
                                         expected_version=form.cleaned_data["version"])
        except PreconditionFailed:
            return _render_vacancy(request, _vacancy(request, vacancy_id), status=412, error=STALE)
        except DomainError as exc:
            if exc.status == 409:
                return _render_vacancy(request, vacancy, status=409, error=exc.detail)
            add_domain_error(form, exc)
        else:
            return redirect("web:vacancy", vacancy_id=vacancy.uuid)
    return _render_vacancy(request, vacancy, status=400, edit_form=form)


@page("wsp")
def vacancy_move(request, vacancy_id):
    vacancy = _vacancy(request, vacancy_id)
    to = request.POST.get("to", "")
    form = f.VacancyMoveForm(request.POST, prefix=f"move-{to}")
    if not form.is_valid():
        return _render_vacancy(request, vacancy, status=400, error=_("Choose one of the moves offered."))
    try:
        vacancy = _workable_vacancy(request, vacancy_id)
        vacancy_rules.vacancy_move(actor=request.user, vacancy=vacancy, to_status=form.cleaned_data["status"],
                                   expected_version=form.cleaned_data["version"])
    except PreconditionFailed:
        return _render_vacancy(request, _vacancy(request, vacancy_id), status=412, error=STALE)
    except DomainError as exc:
        return _render_vacancy(request, vacancy, status=exc.status if exc.status in (400, 409) else 400,
                               error=exc.detail)
    return redirect("web:vacancy", vacancy_id=vacancy.uuid)


@page("wsp")
def proposal_new(request, vacancy_id):
    from clients.access import clients_visible_to

    vacancy = _vacancy(request, vacancy_id)
    form = f.ProposeForm(request.POST, prefix="propose")
    if not form.is_valid():
        return _render_vacancy(request, vacancy, status=400, error=_("Choose a candidate from the shortlist."))
    client = get_object_or_404(clients_visible_to(request.user, as_set=True), uuid=form.cleaned_data["client"])
    try:
        vacancy = _workable_vacancy(request, vacancy_id)
        proposal_rules.proposal_make(actor=request.user, desk=_wsp_desk(request, vacancy.employer.region_id),
                                     vacancy=vacancy, client=client, note=form.cleaned_data["note"])
    except DomainError as exc:
        return _render_vacancy(request, vacancy, status=exc.status if exc.status in (400, 409) else 400,
                               error=exc.detail)
    return redirect("web:vacancy", vacancy_id=vacancy.uuid)


@page("wsp")
def proposal_move(request, vacancy_id, proposal_id):
    vacancy = _vacancy(request, vacancy_id)
    proposal = get_object_or_404(proposal_rules.proposals_visible_to(request.user).filter(vacancy=vacancy),
                                 uuid=proposal_id)
    form = f.ProposalMoveForm(request.POST, prefix=f"proposal-{proposal.uuid}")
    if form.is_valid():
        d = form.cleaned_data
        hire = {"date": d["date"], "contract_type": d["contract_type"]}
        try:
            _workable_vacancy(request, vacancy_id)
            proposal_rules.proposal_move(actor=request.user, proposal=proposal, to_status=d["status"],
                                         note=d["note"], hire=hire)
        except DomainError as exc:
            if exc.status == 409:
                return _render_vacancy(request, vacancy, status=409, error=exc.detail)
            add_domain_error(form, exc)
        else:
            return redirect("web:vacancy", vacancy_id=vacancy.uuid)
    return _render_vacancy(request, vacancy, status=400, proposal_form=form, proposal=proposal.pk)


# --- matching events ---------------------------------------------------------------------------------

READ_ONLY_EVENT = _("You may see this event but not record attendance or matches: that is the WSP desk of its "
                    "region's.")


def _event(request, event_id):
    return get_object_or_404(events_visible_to(request.user).select_related("organising_desk"), uuid=event_id)


def _match_form(request, event, data=None):
    registrations = (event_rules.registrations_visible_to(request.user, event).filter(attended=True)
                     .select_related("client").order_by("client__surname", "id"))
    return f.EventMatchForm(data, prefix="match", registrations=registrations,
                            employers=employer_rules.employers_visible_to(request.user)
                            .filter(matching_events=event).order_by("trade_name", "id"))


def _event_context(request, event, **forms):
    user = request.user
    workable = event_rules.events_workable_by(user).filter(pk=event.pk).exists()
    registrations = list(event_rules.registrations_visible_to(user, event)
                         .select_related("client", "registered_by_desk").order_by("registered_at", "id"))
    matches = list(event_rules.matches_visible_to(user, event).select_related("registration__client", "employer")
                   .order_by("recorded_at", "id"))
    processing.note_subjects([r.client_id for r in registrations])
    return {
        "event": event, "workable": workable, "registrations": registrations, "matches": matches,
        "employers": list(event.employers.order_by("trade_name", "id")),
        "sectors": [Sector(v).label for v in event.sectors if v in Sector.values],
        "registration_form": forms.get("registration_form") or f.EventRegistrationForm(prefix="registration"),
        "match_form": forms.get("match_form") or (_match_form(request, event) if workable else None),
        "error": forms.get("error"),
    }


def _event_page(request, event, status=200, **forms):
    return render(request, "web/event.html", _event_context(request, event, **forms), status=status)


def _refused(exc: DomainError):
    return exc.status if exc.status in (403, 409) else 400


@page("wsp")
def event_page(request, event_id):
    """A matching event: its employers, the job seekers registered (those one may see), whether they came
    and what came of it; the WSP desk of the region records attendance and matches."""
    return _event_page(request, _event(request, event_id))


@page("wsp")
def event_registration_new(request, event_id):
    """Register a client one works with (matching_events.registration_add, as the API does)."""
    event = _event(request, event_id)
    form = f.EventRegistrationForm(request.POST, prefix="registration")
    status, error = 400, None
    if form.is_valid():
        client = clients_workable_by(request.user).filter(uuid=form.cleaned_data["client"]).first()
        if client is None:
            form.add_error("client", _("No client with this id that you work with."))
        else:
            try:
                event_rules.registration_add(actor=request.user, desk=acting_desk(request.user), event=event,
                                             client=client)
            except DomainError as exc:
                status = _refused(exc)
                if status == 400:
                    add_domain_error(form, exc)
                else:
                    error = exc.detail
            else:
                return redirect("web:event", event_id=event.uuid)
    return _event_page(request, event, status, registration_form=form, error=error)


@page("wsp")
def event_attendance(request, event_id, registration_id):
    """Whether the job seeker came (matching_events.attendance_record; the WSP desk of the region)."""
    event = _event(request, event_id)
    registration = get_object_or_404(event_rules.registrations_visible_to(request.user, event), uuid=registration_id)
    if not event_rules.events_workable_by(request.user).filter(pk=event.pk).exists():
        return _event_page(request, event, 403, error=READ_ONLY_EVENT)
    form = f.AttendanceForm(request.POST)
    if not form.is_valid():
        return _event_page(request, event, 400, error=_("Say whether the job seeker came."))
    try:
        event_rules.attendance_record(actor=request.user, registration=registration,
                                      attended=form.cleaned_data["attended"])
    except DomainError as exc:
        return _event_page(request, event, _refused(exc), error=exc.detail)
    return redirect("web:event", event_id=event.uuid)


@page("wsp")
def event_match_new(request, event_id):
    """A match of an attendee with a participating employer (matching_events.match_record)."""
    event = _event(request, event_id)
    if not event_rules.events_workable_by(request.user).filter(pk=event.pk).exists():
        return _event_page(request, event, 403, error=READ_ONLY_EVENT)
    form = _match_form(request, event, request.POST)
    status, error = 400, None
    if form.is_valid():
        data = form.cleaned_data
        try:
            event_rules.match_record(actor=request.user, event=event, registration=data["registration"],
                                     employer=data["employer"], kind=data["kind"], note=data["note"])
        except DomainError as exc:
            status = _refused(exc)
            if status == 400:
                add_domain_error(form, exc)
            else:
                error = exc.detail
        else:
            return redirect("web:event", event_id=event.uuid)
    return _event_page(request, event, status, match_form=form, error=error)
