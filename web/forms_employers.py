"""The WSP counsellor's forms: employers, their contact log, vacancies and proposals. They check only
what a browser form needs; every rule is the domain service's (`employers/`), shown next to the field."""
from django import forms
from django.utils.translation import gettext_lazy as _

from cases.choices import ContractType
from clients.choices import EducationLevel, Sector
from employers.choices import EmployerContactKind, MatchKind, SizeClass

from .forms import DATE, blank


class EmployerForm(forms.Form):
    kvk_number = forms.CharField(label=_("KvK number"), max_length=20)
    trade_name = forms.CharField(label=_("Trade name"), max_length=200)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    size_class = forms.ChoiceField(label=_("Size"), choices=SizeClass.choices)
    sbb_recognised = forms.BooleanField(label=_("Recognised learning company (SBB)"), required=False)
    location_city = forms.CharField(label=_("City of the main location"), max_length=80, required=False)
    location_postcode = forms.CharField(label=_("Postcode of the main location"), max_length=10, required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=120, required=False)
    contact_email = forms.CharField(label=_("Contact person's e-mail"), max_length=254, required=False)
    contact_phone = forms.CharField(label=_("Contact person's phone"), max_length=30, required=False)

    # the form's fields beside the record's: where a domain error on `locations` or `contact_persons` lands
    DOMAIN_FIELDS = {"locations": "location_city", "contact_persons": "contact_name"}

    def data_for_service(self, employer=None) -> dict:
        d = self.cleaned_data
        data = {n: d[n] for n in ("kvk_number", "trade_name", "sector", "size_class", "sbb_recognised")}
        locations = list(employer.locations[1:]) if employer else []
        if d["location_city"] or d["location_postcode"]:
            locations.insert(0, {"name": (employer.locations[0].get("name", "") if employer and employer.locations
                                          else ""), "city": d["location_city"], "postcode": d["location_postcode"]})
        data["locations"] = locations
        persons = list(employer.contact_persons[1:]) if employer else []
        if d["contact_name"] or d["contact_email"] or d["contact_phone"]:
            persons.insert(0, {"name": d["contact_name"], "email": d["contact_email"], "phone": d["contact_phone"],
                               "role": (employer.contact_persons[0].get("role", "") if employer
                                        and employer.contact_persons else "")})
        data["contact_persons"] = persons
        return data


class EmployerEditForm(EmployerForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    @classmethod
    def for_employer(cls, employer, prefix="employer"):
        location = employer.locations[0] if employer.locations else {}
        person = employer.contact_persons[0] if employer.contact_persons else {}
        return cls(prefix=prefix, initial={
            "kvk_number": employer.kvk_number, "trade_name": employer.trade_name, "sector": employer.sector,
            "size_class": employer.size_class, "sbb_recognised": employer.sbb_recognised,
            "location_city": location.get("city", ""), "location_postcode": location.get("postcode", ""),
            "contact_name": person.get("name", ""), "contact_email": person.get("email", ""),
            "contact_phone": person.get("phone", ""), "version": employer.version})


class EmployerContactForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=EmployerContactKind.choices)
    summary = forms.CharField(label=_("Summary"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    contact_person = forms.CharField(label=_("With whom"), max_length=120, required=False)
    follow_up_on = forms.DateField(label=_("Follow up on"), required=False, widget=DATE)


class VacancyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    occupation = forms.CharField(label=_("Occupation"), max_length=120)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    hours_per_week = forms.DecimalField(label=_("Hours per week"), max_digits=4, decimal_places=1)
    education_level = forms.ChoiceField(label=_("Education level asked"), choices=blank(EducationLevel.choices),
                                        required=False)
    city = forms.CharField(label=_("Place"), max_length=80)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    places = forms.IntegerField(label=_("Places"), initial=1)
    description = forms.CharField(label=_("Description"), max_length=5000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def data_for_service(self) -> dict:
        return {n: self.cleaned_data[n] for n in self.base_fields if n != "version"}


class VacancyEditForm(VacancyForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    @classmethod
    def for_vacancy(cls, vacancy, prefix="vacancy"):
        return cls(prefix=prefix, initial={**{n: getattr(vacancy, n) for n in VacancyForm.base_fields},
                                           "version": vacancy.version})


class VacancyMoveForm(forms.Form):
    status = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ProposeForm(forms.Form):
    client = forms.UUIDField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note for the employer"), max_length=500, required=False)


class ProposalMoveForm(forms.Form):
    """Invite, reject or hire; a hire records the placement (first working day, contract)."""

    status = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    date = forms.DateField(label=_("First working day"), required=False, widget=DATE)
    contract_type = forms.ChoiceField(label=_("Contract"), choices=blank(ContractType.choices), required=False)


class EventForm(forms.Form):
    name = forms.CharField(label=_("Name of the event"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=200)
    sectors = forms.MultipleChoiceField(label=_("Sectors"), choices=Sector.choices,
                                        widget=forms.CheckboxSelectMultiple, required=False)
    employers = forms.ModelMultipleChoiceField(label=_("Employers taking part"), queryset=None, required=False,
                                               widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, employers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employers"].queryset = employers


class EventRegistrationForm(forms.Form):
    """Register a client one works with for the event."""

    client = forms.UUIDField(label=_("Client id (from the client's page)"),
                             error_messages={"invalid": _("Give the client id as shown on the client's page.")})


class AttendanceForm(forms.Form):
    attended = forms.TypedChoiceField(label=_("Attended"), choices=[("yes", _("came")), ("no", _("did not come"))],
                                      coerce=lambda v: v == "yes")


class EventMatchForm(forms.Form):
    """What came of the event for one attendee and one participating employer."""

    registration = forms.ModelChoiceField(label=_("Job seeker"), queryset=None)
    employer = forms.ModelChoiceField(label=_("Employer"), queryset=None)
    kind = forms.ChoiceField(label=_("What came of it"), choices=MatchKind.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, registrations, employers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = registrations
        self.fields["registration"].label_from_instance = lambda r: r.client.full_name
        self.fields["employer"].queryset = employers
        self.fields["employer"].label_from_instance = lambda e: e.trade_name
