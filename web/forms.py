"""The forms of the pages. They check only what a browser form needs (a date is a date); every rule
is the domain service's, whose refusals land next to the field (`pages.add_domain_error`)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from cases.choices import (
    Channel,
    ClosingReason,
    ContactKind,
    ContractType,
    EmployerInstrument,
    OutcomeKind,
    Position,
    Source,
)
from clients.choices import DataCategory, Evidence, LegalBasis, Sector

DATE = forms.DateInput(attrs={"type": "date"})


def blank(choices, label=_("(none)")):
    return [("", label), *choices]


class ClientSearchForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    birth_date = forms.DateField(label=_("Birth date"), required=False, widget=DATE)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)


class BsnSearchForm(forms.Form):
    bsn = forms.CharField(label=_("BSN"), max_length=20, widget=forms.TextInput(attrs={"autocomplete": "off"}))


class ClientForm(forms.Form):
    given_names = forms.CharField(label=_("Given names"), max_length=100)
    name_prefix = forms.CharField(label=_("Name prefix"), max_length=20, required=False)
    surname = forms.CharField(label=_("Surname"), max_length=100)
    birth_date = forms.DateField(label=_("Birth date"), widget=DATE)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=_("City"), max_length=80, required=False)
    email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    bsn = forms.CharField(label=_("BSN"), max_length=20, required=False,
                          widget=forms.TextInput(attrs={"autocomplete": "off"}))
    override_reason = forms.CharField(
        label=_("Register anyway: why is this not the same person?"), max_length=500, required=False,
        widget=forms.Textarea(attrs={"rows": 2}))

    def data_for_service(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "override_reason" and v not in ("", None)}
        return data


class ClientEditForm(forms.Form):
    """Change the client's details; `version` is the record as the page showed it (the API's If-Match)."""

    given_names = forms.CharField(label=_("Given names"), max_length=100)
    name_prefix = forms.CharField(label=_("Name prefix"), max_length=20, required=False)
    surname = forms.CharField(label=_("Surname"), max_length=100)
    birth_date = forms.DateField(label=_("Birth date"), widget=DATE)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=_("City"), max_length=80, required=False)
    email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    @classmethod
    def for_client(cls, client):
        return cls(initial={**{name: getattr(client, name) for name in cls.base_fields if name != "version"},
                            "version": client.version})


class ConsentForm(forms.Form):
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices)
    evidence = forms.ChoiceField(label=_("Evidence"), choices=blank(Evidence.choices), required=False)
    data_categories = forms.MultipleChoiceField(label=_("Data categories"), choices=DataCategory.choices,
                                                widget=forms.CheckboxSelectMultiple)
    desks = forms.ModelMultipleChoiceField(label=_("Desks it covers"), queryset=None, required=False,
                                           widget=forms.CheckboxSelectMultiple)
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DATE)

    def __init__(self, *args, desks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desks"].queryset = desks


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason for withdrawal"), max_length=500, required=False)


class CaseOpenForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None)

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes


class MoveForm(forms.Form):
    status = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)
    closing_reason = forms.ChoiceField(label=_("Closing reason"), choices=blank(ClosingReason.choices),
                                       required=False)


class ContactForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=ContactKind.choices)
    summary = forms.CharField(label=_("Summary"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=0, max_value=1440, required=False)
    follow_up_on = forms.DateField(label=_("Follow up on"), required=False, widget=DATE)
    confidential = forms.BooleanField(label=_("Confidential note (only you and the team leads read it)"),
                                      required=False)


class AgreementForm(forms.Form):
    what = forms.CharField(label=_("What was agreed"), max_length=500)
    who = forms.CharField(label=_("Who does it"), max_length=100)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)


class PlacementForm(forms.Form):
    """A placement: the client's transition into work and the outcome resting on it, in one go."""

    from_position = forms.ChoiceField(label=_("Position before"), choices=Position.choices)
    to_position = forms.ChoiceField(label=_("New position"), choices=[
        (Position.EMPLOYED, Position.EMPLOYED.label), (Position.SELF_EMPLOYED, Position.SELF_EMPLOYED.label)])
    date = forms.DateField(label=_("Start date"), widget=DATE)
    employer_name = forms.CharField(label=_("Employer"), max_length=200, required=False)
    sector = forms.ChoiceField(label=_("Sector"), choices=blank(Sector.choices), required=False)
    contract_type = forms.ChoiceField(label=_("Contract"), choices=blank(ContractType.choices), required=False)
    hours_per_week = forms.DecimalField(label=_("Hours per week"), min_value=0, max_value=60, required=False)
    instrument = forms.ChoiceField(label=_("Employer instrument"), choices=blank(EmployerInstrument.choices),
                                   required=False)
    source = forms.ChoiceField(label=_("Reported by"), choices=Source.choices, initial=Source.COUNSELLOR)


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of outcome"), choices=[
        c for c in OutcomeKind.choices if c[0] not in (OutcomeKind.PLACEMENT, OutcomeKind.PRAKTIJKVERKLARING)])
    date = forms.DateField(label=_("Date"), widget=DATE)
    qualification_title = forms.CharField(label=_("Qualification"), max_length=200, required=False)
    school = forms.CharField(label=_("School"), max_length=200, required=False)


class FollowUpForm(forms.Form):
    still_in_work = forms.TypedChoiceField(label=_("Still in work?"), coerce=lambda v: v == "yes",
                                           choices=[("yes", _("Yes")), ("no", _("No"))])
    # which point (months after the placement) the page offered; without it the next one not recorded
    months = forms.IntegerField(required=False, min_value=1, max_value=60, widget=forms.HiddenInput)


class ReferralForm(forms.Form):
    to_desk = forms.ModelChoiceField(label=_("To desk"), queryset=None)
    reason = forms.CharField(label=_("Why you refer the client"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}))
    service_requested = forms.CharField(label=_("Service asked for"), max_length=300)
    shared_categories = forms.MultipleChoiceField(label=_("Data shared"), choices=DataCategory.choices,
                                                  widget=forms.CheckboxSelectMultiple, initial=["identity"])

    def __init__(self, *args, desks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_desk"].queryset = desks


class ReferralAnswerForm(forms.Form):
    status = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note (a reason when declining, a summary when completing)"), max_length=500,
                           required=False)
    programme = forms.ModelChoiceField(label=_("Open a case under programme"), queryset=None, required=False)

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes


class ReassignForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("New counsellor"), queryset=None)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, counsellors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = counsellors


class DashboardForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"), choices=())
    period = forms.CharField(label=_("Period (2025, 2025-Q3, 2024..2025)"), max_length=30)
    grain = forms.ChoiceField(label=_("Trend per"), choices=[("month", _("month")), ("quarter", _("quarter")),
                                                             ("year", _("year"))], initial="quarter")
    breakdown = forms.ChoiceField(label=_("Breakdown by"), choices=[
        ("desk", _("desk")), ("programme", _("programme")), ("target_group", _("target group"))], initial="desk")
    programme = forms.ChoiceField(label=_("Programme"), required=False, choices=())


class LogSearchForm(forms.Form):
    client = forms.UUIDField(label=_("Client id"), required=False)
    username = forms.CharField(label=_("User name"), max_length=150, required=False)
    since = forms.DateField(label=_("From"), required=False, widget=DATE)
    until = forms.DateField(label=_("Until"), required=False, widget=DATE)
