"""Referrals (inbox and outbox, answering) and the team lead's desk (the WSP's pages: views/employers.py)."""
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render

from cases.access import cases_workable_by
from cases.choices import OPEN_STATUSES
from cases.models import Programme
from cases.services import case_reassign, is_team_lead_of
from documents.choices import ParentKind
from referrals import lifecycle
from referrals.access import referrals_visible_to, side_of
from referrals.choices import ReferralStatus
from referrals.services import referral_move
from referrals.sharing import shared_client
from rwc import access, processing
from rwc.errors import DomainError, PreconditionFailed
from rwc.models import User

from .. import forms as f
from .. import panels
from ..pages import STALE, add_domain_error, page

ANSWERED = (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS, ReferralStatus.COMPLETED, ReferralStatus.FAILED)


def _referrals(request):
    return referrals_visible_to(request.user).select_related("client", "from_desk", "to_desk", "from_partner",
                                                             "to_partner")


@page("counsellor")
def referral_list(request):
    profile = access.profile_for(request.user)
    rows = list(_referrals(request).order_by("-sent_at", "-id")[:200])
    inbox = [r for r in rows if r.to_desk_id in profile.member_desk_ids]
    outbox = [r for r in rows if r.from_desk_id in profile.desk_ids and r not in inbox]
    for r in rows:
        processing.note_subject(r.client_id)
    return render(request, "web/referrals.html", {"inbox": inbox, "outbox": outbox})


def _referral(request, referral_id):
    """The referral the person sees, with whether they read and add to its documents (the receiver
    only while the referral's consent covers it: documents.access)."""
    return get_object_or_404(panels.with_document_access(_referrals(request), ParentKind.REFERRAL, request.user),
                             uuid=referral_id)


def _referral_context(request, referral, form=None, error=None, **forms):
    side = side_of(request.user, referral)
    reveal = side == "sender" or side is None or (side == "receiver" and referral.status in ANSWERED)
    moves = lifecycle.allowed_moves(referral.status, side) if side else []
    readable, workable = panels.document_access(request, ParentKind.REFERRAL, referral)
    return {"referral": referral, "side": side, "client": shared_client(referral, reveal_id=reveal),
            "moves": moves, "error": error,
            # the referral's documents: shown and added as the API does (web/views/documents.py)
            **panels.documents_panel(request, ParentKind.REFERRAL, referral, workable, forms, readable=readable),
            "form": form or f.ReferralAnswerForm(programmes=Programme.objects.filter(is_active=True).order_by("name"))}


def render_referral(request, referral, status=200, **forms):
    return render(request, "web/referral.html", _referral_context(request, referral, **forms), status=status)


@page("counsellor")
def referral_page(request, referral_id):
    return render_referral(request, _referral(request, referral_id))


@page("counsellor")
def referral_answer(request, referral_id):
    referral = _referral(request, referral_id)
    form = f.ReferralAnswerForm(request.POST, programmes=Programme.objects.filter(is_active=True).order_by("name"))
    side = side_of(request.user, referral)
    if form.is_valid() and side:
        try:
            referral_move(actor=request.user, side=side, referral=referral, to_status=form.cleaned_data["status"],
                          note=form.cleaned_data["note"], programme=form.cleaned_data["programme"])
        except DomainError as exc:
            if exc.status in (403, 409) and not exc.field:
                return render(request, "web/referral.html",
                              _referral_context(request, referral, form, error=exc.detail), status=exc.status)
            add_domain_error(form, exc)
        else:
            return redirect("web:referral", referral_id=referral.uuid)
    referral.refresh_from_db()
    return render(request, "web/referral.html", _referral_context(request, referral, form), status=400)


# --- team lead -------------------------------------------------------------------------------------

def _desk_cases(request):
    profile = access.profile_for(request.user)
    return (cases_workable_by(request.user).filter(desk_id__in=profile.team_lead_desk_ids, status__in=OPEN_STATUSES)
            .select_related("client", "desk", "owner", "programme"))


def _counsellors(request):
    profile = access.profile_for(request.user)
    return (User.objects.filter(memberships__desk_id__in=profile.team_lead_desk_ids,
                                memberships__ended_at__isnull=True)
            .distinct().order_by("last_name", "first_name", "username"))


@page("team_lead")
def team(request):
    cases = list(_desk_cases(request).order_by("owner__last_name", "owner__username", "status_changed_at", "id")[:500])
    processing.note_subjects(c.client_id for c in cases)
    by_owner: dict = {}
    for case in cases:
        by_owner.setdefault(case.owner, []).append(case)
    counts = dict(_desk_cases(request).values_list("owner").annotate(n=Count("id")).values_list("owner", "n"))
    return render(request, "web/team.html", {
        "groups": [{"owner": o, "cases": cs, "total": counts.get(o.pk if o else None, len(cs))}
                   for o, cs in by_owner.items()],
        "counsellors": list(_counsellors(request)),
    })


@page("team_lead")
def reassign(request, case_id):
    case = get_object_or_404(_desk_cases(request), uuid=case_id)
    form = f.ReassignForm(request.POST, counsellors=_counsellors(request))
    error = None
    if form.is_valid() and is_team_lead_of(request.user, case.desk):
        try:
            case_reassign(actor=request.user, case=case, owner=form.cleaned_data["owner"],
                          expected_version=form.cleaned_data["version"])
        except PreconditionFailed:
            error = STALE
        except DomainError as exc:
            error = exc.detail
        else:
            return redirect("web:team")
    else:
        error = "; ".join(str(e) for errs in form.errors.values() for e in errs)
    processing.note_subject(case.client_id)
    return render(request, "web/reassign_failed.html", {"case": case, "error": error}, status=409 if error else 400)
