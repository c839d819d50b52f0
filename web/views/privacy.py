"""The privacy officer's pages: the processing log, a client's access request, the retention dry run."""
from datetime import datetime, time, timedelta

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from clients.access import clients_visible_to
from privacy import subject_access
from privacy.retention import clients_past_retention, retention_end
from rwc import processing
from rwc.processing_log import operations_visible_to, privacy_regions, with_parties

from ..forms import LogSearchForm
from ..pages import page

PAGE = 50


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


@page("privacy_officer")
def processing_log(request):
    form = LogSearchForm(request.GET or None)
    rows, more = [], False
    if form.is_valid():
        d = form.cleaned_data
        qs = operations_visible_to(request.user, client_uuid=d["client"])
        if d["username"]:
            qs = qs.filter(username=d["username"])
        if d["since"]:
            qs = qs.filter(started_at__gte=_start_of(d["since"]))
        if d["until"]:
            qs = qs.filter(started_at__lt=_start_of(d["until"] + timedelta(days=1)))
        rows = with_parties(list(qs[:PAGE + 1]))
        more, rows = len(rows) > PAGE, rows[:PAGE]
    return render(request, "web/processing_log.html", {"form": form, "rows": rows, "more": more,
                                                       "searched": form.is_bound})


@page("privacy_officer")
def client_export(request, client_id):
    client = get_object_or_404(clients_visible_to(request.user), uuid=client_id)
    op = processing.current()
    if op is not None:
        op.activity = subject_access.PURPOSE
    processing.note_subject(client.pk)
    response = HttpResponse(subject_access.to_zip(subject_access.archive_for(client)), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="client-{client.uuid}.zip"'
    return response


@page("privacy_officer")
def retention(request):
    """What `apply_retention` would anonymise today in the officer's regions: nothing is changed here."""
    qs = clients_past_retention().filter(region_id__in=privacy_regions(request.user))
    rows = list(qs.select_related("region")[:PAGE])
    for c in rows:
        c.retention_ends = retention_end(c.retention_key)
    processing.note_subjects(c.id for c in rows)
    return render(request, "web/retention.html", {"rows": rows, "total": qs.count(), "limit": PAGE})
