"""Questions at the front door (the Leerwerkloket and the youth desk): log an anonymous or
pseudonymous question, list the desk's questions, link one to the client once registered. Thin:
the rules and who sees what are `services.questions`'s."""
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clients.access import clients_visible_to, may_see_full_bsn
from clients.services import DuplicateClient
from rwc import processing
from rwc.access import profile_for
from rwc.errors import DomainError, PreconditionFailed
from rwc.models import Desk, PartnerOrganisation
from services.questions import (
    question_convert,
    question_record,
    question_register,
    question_update,
    questions_visible_to,
    questions_workable_by,
)

from .. import forms_questions as f
from ..pages import STALE, add_domain_error, page
from .counsellor import duplicate_candidates

ROWS = 100
READ_ONLY = _("You may read the question but not change it.")


def _form(request, data=None):
    profile = profile_for(request.user)
    desks = list(Desk.objects.filter(id__in=profile.member_desk_ids, is_active=True).order_by("name"))
    regions = {d.region_id for d in desks}
    return f.QuestionForm(data, prefix="question", desks=Desk.objects.filter(pk__in=[d.pk for d in desks]),
                          to_desks=Desk.objects.filter(region_id__in=regions, is_active=True).order_by("name"),
                          partners=PartnerOrganisation.objects.filter(region_id__in=regions, is_active=True)
                          .order_by("name"))


def _render(request, status=200, form=None, convert=None, error=None):
    questions = list(questions_visible_to(request.user)
                     .select_related("desk", "referred_to_desk", "referred_to_partner", "client")
                     .order_by("-asked_at", "-id")[:ROWS])
    processing.note_subjects(q.client_id for q in questions)
    workable = set(questions_workable_by(request.user).filter(pk__in=[q.pk for q in questions])
                   .values_list("pk", flat=True))
    for q in questions:
        q.changeable = q.pk in workable
        q.workable = q.changeable and q.client_id is None
        q.convert_form = (convert[1] if convert and convert[0] == q.pk
                          else f.ConvertForm(prefix=f"q-{q.uuid}", initial={"version": q.version}))
    return render(request, "web/questions.html", {"questions": questions, "form": form or _form(request),
                                                  "error": error}, status=status)


@page("front_door")
def questions(request):
    return _render(request)


@page("front_door")
def question_new(request):
    form = _form(request, request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        desk = data.pop("desk")
        try:
            question_record(actor=request.user, desk=desk, data=data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return redirect("web:questions")
    return _render(request, status=400, form=form)


@page("front_door")
def question_link(request, question_id):
    question = get_object_or_404(questions_visible_to(request.user), uuid=question_id)
    form = f.ConvertForm(request.POST, prefix=f"q-{question.uuid}")
    if form.is_valid():
        client = clients_visible_to(request.user, as_set=True).filter(uuid=form.cleaned_data["client"]).first()
        if client is None:
            form.add_error("client", _("No client with this id that you may see."))
        else:
            try:
                question = get_object_or_404(questions_workable_by(request.user), pk=question.pk)
                question_convert(actor=request.user, question=question, client=client,
                                 expected_version=form.cleaned_data["version"])
            except PreconditionFailed:
                return _render(request, status=412, error=STALE)
            except DomainError as exc:
                if exc.status == 409:
                    return _render(request, status=409, error=exc.detail)
                add_domain_error(form, exc)
            else:
                return redirect("web:questions")
    return _render(request, status=400, convert=(question.pk, form))


def _changeable(request, question_id):
    """The question to change, or the page that says why not: a 404 for one the person may not see,
    a 403 for one they may read but not change."""
    question = get_object_or_404(questions_visible_to(request.user).select_related("desk"), uuid=question_id)
    if not questions_workable_by(request.user).filter(pk=question.pk).exists():
        return question, _render(request, status=403, error=READ_ONLY)
    return question, None


def _edit_form(question, data=None):
    initial = {name: getattr(question, name) for name in
               ("channel", "topic", "pseudonym", "summary", "follow_up_needed", "follow_up_on")}
    initial.update(referred_to_desk=question.referred_to_desk_id, referred_to_partner=question.referred_to_partner_id,
                   version=question.version)
    return f.QuestionEditForm(
        data, prefix="question", initial=initial,
        to_desks=Desk.objects.filter(region_id=question.region_id, is_active=True).order_by("name"),
        partners=PartnerOrganisation.objects.filter(region_id=question.region_id, is_active=True).order_by("name"))


def _back(question):
    return redirect(reverse("web:questions") + f"#question-{question.uuid}")


@page("front_door")
def question_edit(request, question_id):
    """Correct a question, refer it onwards, plan or close its follow-up."""
    question, refused = _changeable(request, question_id)
    if refused:
        return refused
    form = _edit_form(question, request.POST if request.method == "POST" else None)
    status, error = 200, None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                question = question_update(actor=request.user, question=question, data=data,
                                           expected_version=version)
            except PreconditionFailed:
                status, error = 412, STALE
                form = _edit_form(questions_visible_to(request.user).select_related("desk").get(pk=question.pk))
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                return _back(question)
    return render(request, "web/question_edit.html", {"question": question, "form": form, "error": error},
                  status=status)


@page("front_door")
def question_registration(request, question_id):
    """Register the person who asked as a client at the question's desk and link the question to
    them, in one step; a probable duplicate is shown as on the registration page."""
    question, refused = _changeable(request, question_id)
    if refused:
        return refused
    if question.client_id is not None:
        return _render(request, status=409, error=_("The question is linked to a registered client already."))
    form = f.QuestionRegisterForm(request.POST or None, prefix="client", initial={"version": question.version})
    if not may_see_full_bsn(request.user):
        del form.fields["bsn"]
    status, error, candidates, overridable = 200, None, None, False
    if request.method == "POST":
        status = 400
        if form.is_valid():
            reason = form.cleaned_data["override_reason"] if request.POST.get("override") else None
            try:
                question, _client = question_register(actor=request.user, question=question,
                                                       data=form.data_for_service(), override_reason=reason,
                                                       expected_version=form.cleaned_data["version"])
            except PreconditionFailed:  # the input is kept, with the question as it is now
                question = questions_visible_to(request.user).select_related("desk").get(pk=question.pk)
                if question.client_id is not None:
                    return _render(request, status=409,
                                   error=_("The question is linked to a registered client already."))
                data = request.POST.copy()
                data["client-version"] = question.version
                form = f.QuestionRegisterForm(data, prefix="client")
                if not may_see_full_bsn(request.user):
                    del form.fields["bsn"]
                form.is_valid()
                status, error = 412, STALE
            except DuplicateClient as exc:
                status, candidates, overridable = 409, duplicate_candidates(request, exc), exc.overridable
            except DomainError as exc:
                if exc.status == 409:
                    return _render(request, status=409, error=exc.detail)
                add_domain_error(form, exc)
            else:
                return _back(question)
    overriding = overridable or bool(request.POST.get("override"))
    if not overriding:
        form.fields.pop("override_reason")
    return render(request, "web/question_register.html",
                  {"question": question, "form": form, "error": error, "candidates": candidates,
                   "overridable": overriding}, status=status)
