"""Questions at the front door (the Leerwerkloket and the youth desk): log an anonymous or
pseudonymous question, list the desk's questions, link one to the client once registered. Thin:
the rules and who sees what are `services.questions`'s."""
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from clients.access import clients_visible_to
from rwc import processing
from rwc.access import profile_for
from rwc.errors import DomainError, PreconditionFailed
from rwc.models import Desk, PartnerOrganisation
from services.questions import question_convert, question_record, questions_visible_to, questions_workable_by

from .. import forms_questions as f
from ..pages import STALE, add_domain_error, page

ROWS = 100


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
        q.workable = q.pk in workable and q.client_id is None
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
