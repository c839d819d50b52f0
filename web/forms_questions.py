"""The front-door questions form (the Leerwerkloket and the youth desk): the rules are
`services.questions`'s, shown next to the field."""
from django import forms
from django.utils.translation import gettext_lazy as _

from rwc.models import Desk
from services.choices import QuestionChannel, QuestionTopic

from .forms import DATE, ClientForm


class QuestionForm(forms.Form):
    desk = forms.ModelChoiceField(label=_("Desk"), queryset=None)
    channel = forms.ChoiceField(label=_("Channel"), choices=QuestionChannel.choices)
    topic = forms.ChoiceField(label=_("Topic"), choices=QuestionTopic.choices)
    pseudonym = forms.CharField(label=_("Pseudonym (empty: anonymous)"), max_length=200, required=False)
    summary = forms.CharField(label=_("Summary (no names or other details that identify the person)"),
                              max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    referred_to_desk = forms.ModelChoiceField(label=_("Referred on to desk"), queryset=None, required=False,
                                              empty_label=_("(none)"))
    referred_to_partner = forms.ModelChoiceField(label=_("Referred on to partner"), queryset=None, required=False,
                                                 empty_label=_("(none)"))
    follow_up_needed = forms.BooleanField(label=_("Follow-up needed"), required=False)
    follow_up_on = forms.DateField(label=_("Follow up on"), required=False, widget=DATE)

    def __init__(self, *args, desks, to_desks, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desk"].queryset = desks
        self.fields["referred_to_desk"].queryset = to_desks
        self.fields["referred_to_partner"].queryset = partners
        if len(desks) == 1:
            self.fields["desk"].initial = desks[0].pk


class ConvertForm(forms.Form):
    client = forms.UUIDField(label=_("Client id (from the client's page)"),
                             error_messages={"invalid": _("Give the client id as shown on the client's page.")})
    version = forms.IntegerField(widget=forms.HiddenInput)


class QuestionEditForm(QuestionForm):
    """Correct a question, refer it onwards, plan or close its follow-up; `version` is the question as
    the page showed it (the API's If-Match). The desk stays the one that answered it."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, to_desks, partners, **kwargs):
        super().__init__(*args, desks=Desk.objects.none(), to_desks=to_desks, partners=partners, **kwargs)
        del self.fields["desk"]


class QuestionRegisterForm(ClientForm):
    """Register the person who asked as a client at the question's desk; `version` as above."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def data_for_service(self) -> dict:
        data = super().data_for_service()
        data.pop("version", None)
        return data
