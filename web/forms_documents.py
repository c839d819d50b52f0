"""The documents' forms: only what a browser form needs; every rule (limits, sniffing, names) is
documents.services', whose refusals land next to the field."""
from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from documents.choices import DocumentKind, RetentionClass
from documents.services import max_upload_bytes

from .forms import DATE


class _File(forms.FileField):
    """A file field that leaves the empty-file rule to the domain (its message, its code)."""

    def __init__(self, **kwargs):
        super().__init__(allow_empty_file=True, max_length=None, **kwargs)


def _file_help():
    return _("PDF, an image, an Office document or plain text; at most %(size)s.") % {
        "size": filesizeformat(max_upload_bytes())}


class DocumentForm(forms.Form):
    file = _File(label=_("File"))
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    author = forms.CharField(label=_("Author or issuer"), max_length=200, required=False)
    document_date = forms.DateField(label=_("Date of the document"), required=False, widget=DATE)
    confidential = forms.BooleanField(label=_("Confidential (only you and the desk's team leads read it)"),
                                      required=False)
    retention_class = forms.ChoiceField(label=_("Keep it"), choices=RetentionClass.choices,
                                        initial=RetentionClass.WITH_RECORD)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _file_help()


class VersionForm(forms.Form):
    file = _File(label=_("New version"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _file_help()


class DeletionForm(forms.Form):
    reason = forms.CharField(label=_("Why delete it?"), max_length=500)
