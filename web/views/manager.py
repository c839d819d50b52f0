"""The manager's dashboard: the indicators of the reports engine, charted, filtered, downloadable."""
import io

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Programme
from rwc.errors import DomainError
from rwc.spreadsheets import csv_writer

from .. import reports
from ..charts import bar_chart, chart_points
from ..forms import DashboardForm
from ..pages import add_domain_error, not_found, page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _form(request):
    data = request.GET.copy()
    year = timezone.localdate().year
    data.setdefault("indicator", reports.INDICATORS[0].key)
    data.setdefault("period", f"{year - 1}..{year}")
    data.setdefault("grain", "quarter")
    data.setdefault("breakdown", "desk")
    form = DashboardForm(data)
    form.fields["indicator"].choices = [(i.key, _(i.title)) for i in reports.INDICATORS]
    form.fields["programme"].choices = [("", _("all programmes"))] + list(
        Programme.objects.order_by("name").values_list("code", "name"))
    return form


def _report(request, form, by):
    d = form.cleaned_data
    return reports.report(request.user, d["indicator"], period=d["period"], by=by, programme=d["programme"] or None)


@page("manager")
def dashboard(request):
    form = _form(request)
    context = {"form": form}
    if form.is_valid():
        indicator = reports.BY_KEY[form.cleaned_data["indicator"]]
        d = form.cleaned_data
        dims = indicator.dimensions
        try:
            trend = _report(request, form, [d["grain"]] if d["grain"] in dims else [])
            breakdown = _report(request, form, [d["breakdown"]]) if d["breakdown"] in dims else None
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            measure = indicator.measures[-1] if indicator.measures[-1].kind == "rate" else indicator.measures[0]
            rate = measure.kind == "rate"
            title = _(indicator.title)
            context.update(
                indicator=indicator, title=title, definition=_(indicator.definition), measure=measure,
                measures=[m.key for m in indicator.measures], trend=trend, breakdown=breakdown,
                total=trend["total"],
                trend_chart=bar_chart(_("%(title)s per %(grain)s") % {"title": title, "grain": _(d["grain"])},
                                      _every_period(trend, d, measure.key), rate=rate)
                if d["grain"] in dims else None,
                breakdown_chart=bar_chart(_("%(title)s by %(dimension)s") % {"title": title,
                                                                             "dimension": _(d["breakdown"])},
                                          chart_points(breakdown, d["breakdown"], measure.key), rate=rate)
                if breakdown else None,
                no_breakdown=breakdown is None, query=request.GET.urlencode(),
            )
    return render(request, "web/dashboard.html", context)


def _every_period(rep, d, measure) -> list[tuple[str, object]]:
    """The trend with a bar for every period, also those the report leaves out (published as 0)."""
    found = dict(chart_points(rep, d["grain"], measure))
    labels = [reports.bucket_label(p.start, d["grain"]) for p in reports.buckets(rep["period"], d["grain"])]
    return [(label, found.get(label, 0)) for label in labels]


def dutch_cell(value):
    """A number as Dutch Excel reads it (decimal comma); text as it is (neutralised by the writer)."""
    if isinstance(value, float):
        return f"{value}".replace(".", ",")
    return value


@page("manager")
def dashboard_download(request, fmt):
    if fmt not in ("csv", "xlsx"):
        return not_found(request)
    form = _form(request)
    if not form.is_valid():
        return render(request, "web/dashboard.html", {"form": form}, status=400)
    d = form.cleaned_data
    indicator = reports.BY_KEY[d["indicator"]]
    by = [x for x in (d["grain"], d["breakdown"]) if x in indicator.dimensions]
    try:
        rep = _report(request, form, by)
    except DomainError as exc:
        add_domain_error(form, exc)
        return render(request, "web/dashboard.html", {"form": form}, status=400)
    name = f"{indicator.key}-{d['period'].replace('..', '_')}"
    if fmt == "xlsx":
        response = HttpResponse(reports.to_xlsx(rep), content_type=XLSX)
    else:
        out = io.StringIO()
        out.write("\ufeff")  # UTF-8 BOM: Excel then reads the accents right
        writer = csv_writer(out, delimiter=";", lineterminator="\r\n")
        header, rows = reports.table(rep)
        writer.writerow(header or ["value"])
        writer.writerows([dutch_cell(v) for v in row] for row in rows)
        response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
