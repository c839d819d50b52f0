"""The worklist's forms (tasks, appointments). They check only what a browser form needs; every rule
is the domain's (worklist.todo, worklist.appointments), whose refusals land next to the field."""
from django import forms
from django.utils.translation import gettext_lazy as _

from worklist.choices import AppointmentKind, AppointmentStatus, DigestFrequency, TaskPriority, TaskStatus

from .forms import DATE

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
POOL = ""


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class TaskForm(forms.Form):
    """A task about the page's client or case; no assignee: the desk's pool."""

    title = forms.CharField(label=_("What is to be done"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)
    priority = forms.ChoiceField(label=_("Priority"), choices=TaskPriority.choices, initial=TaskPriority.NORMAL)
    assignee = UserChoice(label=_("For"), queryset=None, required=False, empty_label=_("The desk's pool (anyone there)"),
                          to_field_name="uuid")
    desk = forms.ModelChoiceField(label=_("Desk"), queryset=None, to_field_name="uuid")

    def __init__(self, *args, colleagues, desks, several_desks: bool, me=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = colleagues
        self.fields["desk"].queryset = desks
        if me is not None and not self.is_bound:
            self.initial.setdefault("assignee", me.uuid)
        if not several_desks:  # one desk: nothing to choose
            del self.fields["desk"]


class TaskAssignForm(forms.Form):
    assignee = UserChoice(label=_("Give to"), queryset=None, required=False,
                          empty_label=_("The desk's pool (anyone there)"), to_field_name="uuid")

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = colleagues


class TaskMoveForm(forms.Form):
    status = forms.ChoiceField(choices=[(TaskStatus.DONE, TaskStatus.DONE.label),
                                        (TaskStatus.CANCELLED, TaskStatus.CANCELLED.label)])


class TaskFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[*TaskStatus.choices, ("all", _("all"))])
    who = forms.ChoiceField(label=_("Whose"), required=False, choices=[
        ("mine", _("mine")), ("desk", _("the desk's pool")), ("all", _("all I may see"))])


class _Overlap(forms.Form):
    """Asked for only after the domain said the time overlaps another appointment (as in the API)."""

    force = forms.BooleanField(label=_("Plan it anyway, over the other appointment"), required=False)
    reason = forms.CharField(label=_("Why it may overlap"), max_length=300, required=False)

    def drop_overlap_unless(self, asked: bool):
        if not asked:
            self.fields.pop("force")
            self.fields.pop("reason")


class AppointmentForm(_Overlap):
    kind = forms.ChoiceField(label=_("Kind"), choices=AppointmentKind.choices)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME, input_formats=DATETIME_FORMATS)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME, input_formats=DATETIME_FORMATS)
    field_order = ["kind", "place", "starts_at", "ends_at", "force", "reason"]


class RescheduleForm(_Overlap):
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME, input_formats=DATETIME_FORMATS)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME, input_formats=DATETIME_FORMATS)
    field_order = ["starts_at", "ends_at", "force", "reason"]


class AppointmentMoveForm(forms.Form):
    status = forms.ChoiceField(choices=[(s, s.label) for s in (AppointmentStatus.HELD, AppointmentStatus.NO_SHOW,
                                                               AppointmentStatus.CANCELLED)])


# the domain names the overlap's field in the API's spelling
APPOINTMENT_FIELDS = {"startsAt": "starts_at", "endsAt": "ends_at"}


class DigestForm(forms.Form):
    """How the person gets notifications by e-mail (worklist.digest): at once, once a day, or not."""

    digest = forms.ChoiceField(label=_("E-mail about new notifications"), choices=DigestFrequency.choices,
                               widget=forms.RadioSelect)
    language = forms.ChoiceField(label=_("Language of the e-mail"), choices=[("nl", "Nederlands"),
                                                                             ("en", "English")])
