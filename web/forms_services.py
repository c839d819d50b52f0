"""The services' forms: what a browser form needs; the rules (catalogue, provider, dates, money,
budgets) are services.delivery's and services.funding's, shown next to the field they name."""
from django import forms
from django.utils.translation import gettext_lazy as _

from services.choices import ProviderKind, ServiceStatus, ServiceType

from .forms import DATE, blank

FUNDING_LINES = 3


class ServiceForm(forms.Form):
    service_type = forms.ChoiceField(label=_("Service"), choices=())
    provider_kind = forms.ChoiceField(label=_("Provided by"), choices=ProviderKind.choices)
    partner_organisation = forms.ModelChoiceField(label=_("Partner organisation"), queryset=None, required=False)
    training_provider = forms.ModelChoiceField(label=_("Training provider"), queryset=None, required=False)
    planned_start = forms.DateField(label=_("Planned start"), widget=DATE)
    planned_end = forms.DateField(label=_("Planned end"), required=False, widget=DATE)
    hours = forms.DecimalField(label=_("Hours"), required=False, decimal_places=1, max_digits=6)
    course_name = forms.CharField(label=_("Course name (training or language course)"), max_length=200,
                                  required=False)
    course_level = forms.CharField(label=_("Course level"), max_length=40, required=False)
    qualification_code = forms.CharField(label=_("Crebo or other qualification code"), max_length=20,
                                         required=False)
    cost = forms.CharField(label=_("Cost in euros (e.g. 1250.00)"), max_length=20, required=False)
    invoice_reference = forms.CharField(label=_("Invoice reference"), max_length=60, required=False)
    note = forms.CharField(label=_("Note"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, service_types, partners, providers, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ServiceType.choices)
        self.fields["service_type"].choices = [(t, labels[t]) for t in service_types]
        self.fields["partner_organisation"].queryset = partners
        self.fields["training_provider"].queryset = providers

    def data_for_service(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        if data.get("cost") is not None:
            data["cost"] = data["cost"].replace(",", ".")
        return data


class ServiceMoveForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=())
    date = forms.DateField(label=_("On"), required=False, widget=DATE)
    reason = forms.CharField(label=_("Reason (when stopping early)"), max_length=500, required=False)
    certificate_obtained = forms.TypedChoiceField(
        label=_("Certificate obtained (when completing a course)"), required=False, empty_value=None,
        coerce=lambda v: v == "yes", choices=[("", _("not known")), ("yes", _("Yes")), ("no", _("No"))])
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, moves, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ServiceStatus.choices)
        self.fields["status"].choices = [(m, labels[m]) for m in moves]


class FundingForm(forms.Form):
    """The cost and its split over up to FUNDING_LINES sources (the current lines filled in)."""

    cost = forms.CharField(label=_("Cost in euros"), max_length=20)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, sources, **kwargs):
        """`sources`: the region's funding sources, read once for every form on the page."""
        super().__init__(*args, **kwargs)
        self.sources = {str(s.uuid): s for s in sources}
        choices = blank([(key, str(s.name)) for key, s in self.sources.items()])
        for n in range(1, FUNDING_LINES + 1):
            self.fields[f"source_{n}"] = forms.ChoiceField(label=_("Funding source %(n)s") % {"n": n},
                                                           choices=choices, required=False)
            self.fields[f"amount_{n}"] = forms.CharField(label=_("Amount %(n)s in euros") % {"n": n}, max_length=20,
                                                         required=False)

    @classmethod
    def for_service(cls, service, *, sources, prefix):
        initial = {"cost": service.cost if service.cost is not None else "", "version": service.version}
        for n, line in enumerate(service.funding.all(), start=1):
            if n <= FUNDING_LINES:
                initial[f"source_{n}"], initial[f"amount_{n}"] = str(line.source.uuid), line.amount
        return cls(initial=initial, sources=sources, prefix=prefix)

    def lines(self) -> list[dict]:
        """The filled lines as the domain takes them; the field names of each line's place."""
        out = []
        for n in range(1, FUNDING_LINES + 1):
            key, amount = self.cleaned_data.get(f"source_{n}"), self.cleaned_data.get(f"amount_{n}")
            if key or amount:
                out.append({"source": self.sources.get(key), "amount": (amount or "").replace(",", "."), "n": n})
        return out
