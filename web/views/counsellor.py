"""The counsellor's pages: caseload, client search and registration, the client and the case."""
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from cases import lifecycle
from cases.access import case_visible_to, cases_visible_to, cases_workable_by, contacts_visible_to
from cases.caseload import caseload_for
from cases.choices import CaseStatus, OutcomeKind
from cases.models import Agreement, Outcome, PlacementFollowUp, Programme
from cases.outcomes import follow_up_points, follow_up_record, next_follow_up_point, outcome_record, outcomes_visible_to
from cases.services import agreement_add, agreement_done, case_move, case_open_for, contact_record
from cases.transitions import transition_record, transitions_visible_to
from clients import services as client_services
from clients.access import (
    acting_desk,
    client_list_for,
    client_visible_to,
    clients_visible_to,
    clients_workable_by,
    may_see_full_bsn,
)
from clients.bsn import blind_index
from clients.models import Consent
from clients.rules import clean_bsn, clean_postcode
from clients.search import filter_by_name
from clients.timeline import timeline_for
from documents.choices import ParentKind
from referrals.access import referrals_visible_to
from referrals.choices import ReferralStatus
from referrals.services import referral_send
from rwc import access, processing
from rwc.errors import DomainError, PreconditionFailed, RuleViolation

from .. import forms as f
from .. import panels
from .. import worklist as worklist_context
from ..pages import STALE, add_domain_error, page

SEARCH_LIMIT = 50


@page()
def home(request):
    """The counsellor's caseload; anyone else starts at their own role's page."""
    roles = request.roles
    if not roles.counsellor:
        if roles.manager:
            return redirect("web:dashboard")
        if roles.privacy_officer:
            return redirect("web:processing-log")
        return render(request, "web/home_empty.html")
    caseload = caseload_for(request.user)
    processing.note_subjects(c.client_id for c in caseload["cases"])
    profile = access.profile_for(request.user)
    waiting = (referrals_visible_to(request.user)
               .filter(to_desk_id__in=profile.member_desk_ids, status=ReferralStatus.REQUESTED).count())
    return render(request, "web/home.html", {"caseload": caseload, "referrals_waiting": waiting,
                                             **worklist_context.home_worklist(request)})


@page("counsellor", "privacy_officer")
def client_search(request):
    form = f.ClientSearchForm(request.GET or None)
    bsn_form = f.BsnSearchForm(request.POST or None) if may_see_full_bsn(request.user) else None
    results = None
    if request.method == "POST" and bsn_form is not None:
        if bsn_form.is_valid():
            try:
                bsn = clean_bsn(bsn_form.cleaned_data["bsn"])
            except RuleViolation as exc:
                bsn_form.add_error("bsn", str(exc.detail))
            else:
                results = list(clients_visible_to(request.user).filter(bsn_index=blind_index(bsn))
                               .select_related("registered_by_desk").order_by("surname", "id")[:SEARCH_LIMIT])
        form = f.ClientSearchForm()
    elif form.is_valid() and any(form.cleaned_data.values()):
        qs = client_list_for(request.user).select_related("registered_by_desk")
        data = form.cleaned_data
        if data["name"]:
            qs = filter_by_name(qs, data["name"])
        if data["birth_date"]:
            qs = qs.filter(birth_date=data["birth_date"])
        if data["postcode"]:
            try:
                qs = qs.filter(postcode=clean_postcode(data["postcode"]))
            except RuleViolation as exc:
                form.add_error("postcode", str(exc.detail))
                qs = None
        if qs is not None:
            results = list(qs.order_by("surname", "given_names", "id")[:SEARCH_LIMIT])
    if results:
        processing.note_subjects(c.id for c in results)
    return render(request, "web/client_search.html", {"form": form, "bsn_form": bsn_form, "results": results,
                                                      "limit": SEARCH_LIMIT})


def duplicate_candidates(request, exc) -> list[dict]:
    """The registration's probable duplicates as the page shows them: one the caller may see by name,
    birth date and postcode, any other only as known at its desk."""
    visible = set(clients_visible_to(request.user).filter(id__in=[c.client.id for c in exc.candidates])
                  .values_list("id", flat=True))
    processing.note_subjects(visible)
    return [{"match": c.match, "client": c.client if c.client.id in visible else None,
             "desk": c.client.registered_by_desk} for c in exc.candidates]


@page("counsellor")
def client_new(request):
    form = f.ClientForm(request.POST or None)
    if not may_see_full_bsn(request.user):
        del form.fields["bsn"]
    candidates, overridable = None, False
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["override_reason"] if request.POST.get("override") else None
        try:
            desk = acting_desk(request.user)
            client = client_services.client_register(actor=request.user, desk=desk, data=form.data_for_service(),
                                                     override_reason=reason)
        except client_services.DuplicateClient as exc:
            candidates, overridable = duplicate_candidates(request, exc), exc.overridable
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return redirect("web:client", client_id=client.uuid)
    overriding = overridable or bool(request.POST.get("override"))
    if not overriding:
        form.fields.pop("override_reason")
    return render(request, "web/client_new.html", {"form": form, "candidates": candidates,
                                                   "overridable": overriding})


def _client_context(request, client, **forms):
    user = request.user
    workable = clients_workable_by(user).filter(pk=client.pk).exists()
    cases = list(cases_visible_to(user).filter(client=client).select_related("desk", "programme", "owner")
                 .order_by("-opened_at", "id"))
    consents = list(Consent.objects.filter(client=client).select_related("recorded_by_desk")
                    .prefetch_related("desks").order_by("-given_at", "id"))
    region_desks = access.desks_visible_to(user).filter(region_id=client.region_id, is_active=True).order_by("name")
    context = {
        "client": client, "workable": workable, "cases": cases, "consents": consents,
        "timeline": list(timeline_for(client, user).reverse()[:100]),
        "transitions": list(transitions_visible_to(user).filter(client=client).order_by("-date", "-id")),
        "referrals": list(referrals_visible_to(user).filter(client=client).select_related("to_desk", "from_desk",
                                                                                             "to_partner")
                          .order_by("-sent_at", "-id")),
        "consent_form": forms.get("consent_form") or f.ConsentForm(desks=region_desks, prefix="consent"),
        "case_form": forms.get("case_form") or f.CaseOpenForm(programmes=Programme.objects.filter(is_active=True)
                                                              .order_by("name"), prefix="case"),
        "referral_form": forms.get("referral_form") or f.ReferralForm(
            desks=region_desks.exclude(id__in=access.profile_for(user).member_desk_ids), prefix="referral"),
        "withdraw_form": f.WithdrawForm(prefix="withdraw"),
        "error": forms.get("error"),
        **worklist_context.subject_worklist(request, client=client, forms=forms),
        **panels.documents_panel(request, ParentKind.CLIENT, client, workable, forms),
    }
    processing.note_subject(client.pk)
    return context


def _visible_client(request, client_id):
    client = client_visible_to(request.user, client_id, related=("registered_by_desk", "region"))
    if client is None:
        raise Http404
    return client


def _workable_client(request, client_id):
    client = _visible_client(request, client_id)
    if not clients_workable_by(request.user).filter(pk=client.pk).exists():
        raise DomainError(_("Your desk only reads this client."))
    return client


@page("counsellor", "privacy_officer")
def client_page(request, client_id):
    client = _visible_client(request, client_id)
    return render(request, "web/client.html", _client_context(request, client))


@page("counsellor")
def client_edit(request, client_id):
    client = _visible_client(request, client_id)
    form = f.ClientEditForm(request.POST) if request.method == "POST" else f.ClientEditForm.for_client(client)
    stale = False
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            client = client_services.client_update(actor=request.user, client=_workable_client(request, client_id),
                                                   data=data, expected_version=form.cleaned_data["version"])
        except PreconditionFailed:  # someone else changed it: show the record as it is now
            stale = True
            client.refresh_from_db()
            form = f.ClientEditForm.for_client(client)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return redirect("web:client", client_id=client.uuid)
    processing.note_subject(client.pk)
    status = 412 if stale else 400 if form.is_bound else 200
    return render(request, "web/client_edit.html", {"client": client, "form": form, "stale": STALE if stale else None},
                  status=status)


@page("counsellor")
def consent_add(request, client_id):
    client = _visible_client(request, client_id)
    region_desks = access.desks_visible_to(request.user).filter(region_id=client.region_id, is_active=True)
    form = f.ConsentForm(request.POST, desks=region_desks, prefix="consent")
    if form.is_valid():
        data = dict(form.cleaned_data)
        data["desks"], data["partner_organisations"] = list(data["desks"]), []
        try:
            client = _workable_client(request, client_id)
            client_services.consent_record(actor=request.user, desk=acting_desk(request.user), client=client, data=data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return redirect("web:client", client_id=client.uuid)
    return render(request, "web/client.html", _client_context(request, client, consent_form=form), status=400)


@page("counsellor")
def consent_withdraw(request, client_id, consent_id):
    client = _visible_client(request, client_id)
    consent = get_object_or_404(Consent.objects.filter(client=client), uuid=consent_id)
    form = f.WithdrawForm(request.POST, prefix="withdraw")
    form.is_valid()
    try:
        client = _workable_client(request, client_id)
        client_services.consent_withdraw(actor=request.user, consent=consent, desk=acting_desk(request.user),
                                         reason=form.cleaned_data.get("reason", ""))
    except DomainError as exc:
        return render(request, "web/client.html", _client_context(request, client, error=exc.detail), status=409)
    return redirect("web:client", client_id=client.uuid)


@page("counsellor")
def case_open(request, client_id):
    client = _visible_client(request, client_id)
    form = f.CaseOpenForm(request.POST, programmes=Programme.objects.filter(is_active=True), prefix="case")
    if form.is_valid():
        try:
            case = case_open_for(actor=request.user, client_uuid=client.uuid, desk=acting_desk(request.user),
                                 programme=form.cleaned_data["programme"])
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return redirect("web:case", case_id=case.uuid)
    return render(request, "web/client.html", _client_context(request, client, case_form=form), status=400)


@page("counsellor")
def referral_new(request, client_id):
    client = _visible_client(request, client_id)
    profile = access.profile_for(request.user)
    desks = access.desks_visible_to(request.user).filter(region_id=client.region_id, is_active=True).exclude(
        id__in=profile.member_desk_ids)
    form = f.ReferralForm(request.POST, desks=desks, prefix="referral")
    if form.is_valid():
        data = {"reason": form.cleaned_data["reason"], "service_requested": form.cleaned_data["service_requested"],
                "shared_categories": form.cleaned_data["shared_categories"]}
        try:
            client = _workable_client(request, client_id)
            referral = referral_send(actor=request.user, client=client, data=data, from_desk=acting_desk(request.user),
                                     to_desk=form.cleaned_data["to_desk"])
        except DomainError as exc:
            add_domain_error(form, exc, {"consent": None, "shared_categories": "shared_categories"})
        else:
            return redirect("web:referral", referral_id=referral.uuid)
    return render(request, "web/client.html", _client_context(request, client, referral_form=form), status=400)


# --- the case -----------------------------------------------------------------------------------

def _case(request, case_id):
    case = case_visible_to(request.user, case_id, related=("client", "desk", "programme", "owner"))
    if case is None:
        raise Http404
    processing.note_subject(case.client_id)
    return case


def _case_context(request, case, **forms):
    user = request.user
    workable = cases_workable_by(user).filter(pk=case.pk).exists()
    moves = [{"status": to, "label": lifecycle.MOVES[(case.status, to)], "closing": to == CaseStatus.CLOSED,
              "form": f.MoveForm(initial={"status": to, "version": case.version}, prefix=f"move-{to}")}
             for to in lifecycle.allowed_moves(case.status)]
    if "move_form" in forms:
        for m in moves:
            if m["status"] == forms["move_form"].data.get(f"move-{m['status']}-status"):
                m["form"] = forms["move_form"]
    return {
        "case": case, "client": case.client, "workable": workable, "moves": moves,
        "contacts": list(contacts_visible_to(user, case).select_related("recorded_by").order_by("-at", "-id")),
        "agreements": list(Agreement.objects.filter(case=case).order_by("due_on", "id")),
        "outcomes": _outcome_rows(user, case, workable, forms.get("follow_up")),
        "contact_form": forms.get("contact_form") or f.ContactForm(prefix="contact"),
        "agreement_form": forms.get("agreement_form") or f.AgreementForm(prefix="agreement"),
        "placement_form": forms.get("placement_form") or f.PlacementForm(prefix="placement"),
        "outcome_form": forms.get("outcome_form") or f.OutcomeForm(prefix="outcome"),
        "error": forms.get("error"),
        **worklist_context.subject_worklist(request, case=case, forms=forms),
        **panels.documents_panel(request, ParentKind.CASE, case, workable, forms),
        **panels.services_panel(request, case, workable, forms),
    }


def _outcome_rows(user, case, workable, refused=None):
    """The case's outcomes, newest first, each placement with every follow-up point (`follow_up_points`)
    and, for whoever works on the case, the form for its next point once that may be recorded (the
    refused form, with its error, on the placement it was for). Three queries for any number."""
    outcomes = list(outcomes_visible_to(user).filter(case=case)
                    .select_related("transition", "follow_up_recorded_by", "case__programme")
                    .prefetch_related(Prefetch("later_follow_ups",
                                               PlacementFollowUp.objects.select_related("recorded_by")))
                    .order_by("-date", "-id"))
    rows = []
    for outcome in outcomes:
        points = follow_up_points(outcome)
        upcoming = next_follow_up_point(points)
        form = None
        if refused is not None and refused[0] == outcome.pk:
            form = refused[1]
        elif workable and upcoming is not None and upcoming.recordable:
            form = f.FollowUpForm(prefix="follow-up", initial={"months": upcoming.months})
        rows.append({
            "outcome": outcome, "form": form,
            "points": [{"point": p, "after": ngettext_lazy("%(months)s month", "%(months)s months", "months")
                        % {"months": p.months}} for p in points],
            "record": upcoming and ngettext_lazy("Record the follow-up after %(months)s month",
                                                 "Record the follow-up after %(months)s months", "months")
            % {"months": upcoming.months},
        })
    return rows


def _render_case(request, case, status=400, **forms):
    case.refresh_from_db()
    return render(request, "web/case.html", _case_context(request, case, **forms), status=status)


@page("counsellor", "privacy_officer")
def case_page(request, case_id):
    case = _case(request, case_id)
    return render(request, "web/case.html", _case_context(request, case))


def _workable_case(request, case_id):
    case = _case(request, case_id)
    if not cases_workable_by(request.user).filter(pk=case.pk).exists():
        raise DomainError(_("Your desk only reads this case."))
    return case


@page("counsellor")
def case_move_view(request, case_id):
    case = _case(request, case_id)
    to = request.POST.get("to", "")
    form = f.MoveForm(request.POST, prefix=f"move-{to}")
    if form.is_valid():
        try:
            case = _workable_case(request, case_id)
            case_move(actor=request.user, case=case, to_status=form.cleaned_data["status"],
                      reason=form.cleaned_data["reason"], closing_reason=form.cleaned_data["closing_reason"],
                      expected_version=form.cleaned_data["version"])
        except PreconditionFailed:
            return _render_case(request, case, status=412, error=STALE)
        except DomainError as exc:
            if exc.status == 409:
                return _render_case(request, case, status=409, error=exc.detail)
            add_domain_error(form, exc)
        else:
            return redirect("web:case", case_id=case.uuid)
    return _render_case(request, case, move_form=form)


def _case_form_view(form_class, prefix, key, action):
    @page("counsellor")
    def view(request, case_id):
        case = _case(request, case_id)
        form = form_class(request.POST, prefix=prefix)
        if form.is_valid():
            try:
                with transaction.atomic():
                    action(request, _workable_case(request, case_id), form.cleaned_data)
            except DomainError as exc:
                if exc.status == 409 and not exc.field:
                    return _render_case(request, case, status=409, error=exc.detail, **{key: form})
                add_domain_error(form, exc)
            else:
                return redirect("web:case", case_id=case.uuid)
        return _render_case(request, case, **{key: form})

    return view


def _contact(request, case, data):
    contact_record(actor=request.user, case=case, data={k: v for k, v in data.items() if v not in (None, "")})


def _agreement(request, case, data):
    agreement_add(actor=request.user, case=case, data=data)


def _placement(request, case, data):
    transition = transition_record(actor=request.user, client=case.client, case=case, data={
        "from_position": data["from_position"], "to_position": data["to_position"], "date": data["date"],
        "source": data["source"], "employer_name": data["employer_name"], "sector": data["sector"],
        "contract_type": data["contract_type"], "hours_per_week": data["hours_per_week"]})
    outcome_record(actor=request.user, case=case, data={"kind": OutcomeKind.PLACEMENT, "date": data["date"],
                                                         "transition": transition,
                                                         "instrument": data["instrument"] or None})


def _outcome(request, case, data):
    outcome_record(actor=request.user, case=case, data={k: v for k, v in data.items() if v not in (None, "")})


contact_add = _case_form_view(f.ContactForm, "contact", "contact_form", _contact)
agreement_new = _case_form_view(f.AgreementForm, "agreement", "agreement_form", _agreement)
placement_add = _case_form_view(f.PlacementForm, "placement", "placement_form", _placement)
outcome_add = _case_form_view(f.OutcomeForm, "outcome", "outcome_form", _outcome)


@page("counsellor")
def agreement_complete(request, case_id, agreement_id):
    case = _case(request, case_id)
    agreement = get_object_or_404(Agreement.objects.filter(case=case), uuid=agreement_id)
    try:
        _workable_case(request, case_id)
        agreement_done(actor=request.user, agreement=agreement)
    except DomainError as exc:
        return _render_case(request, case, status=409, error=exc.detail)
    return redirect("web:case", case_id=case.uuid)


@page("counsellor")
def follow_up(request, case_id, outcome_id):
    """Record a follow-up point of a placement: the one the page offered (`months`), else the next
    not recorded; the domain (`follow_up_record`, as the API) refuses one not due or already recorded."""
    case = _case(request, case_id)
    outcome = get_object_or_404(Outcome.objects.filter(case=case), uuid=outcome_id)
    form = f.FollowUpForm(request.POST, prefix="follow-up")
    if form.is_valid():
        try:
            with transaction.atomic():
                _workable_case(request, case_id)
                follow_up_record(actor=request.user, outcome=outcome, still_in_work=form.cleaned_data["still_in_work"],
                                 months=form.cleaned_data["months"])
        except DomainError as exc:
            add_domain_error(form, exc, {"months": None, "recorded_on": None})
            return _render_case(request, case, status=exc.status if exc.status == 409 else 400,
                                follow_up=(outcome.pk, form))
        return redirect("web:case", case_id=case.uuid)
    return _render_case(request, case, follow_up=(outcome.pk, form))
