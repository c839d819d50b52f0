"""The closed lists of documents."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class ParentKind(models.TextChoices):
    """The record a document is kept with (exactly one)."""

    CLIENT = "client", _("Client")
    CASE = "case", _("Case")
    REFERRAL = "referral", _("Referral")
    OUTCOME = "outcome", _("Outcome")
    CONSENT = "consent", _("Consent")
    EMPLOYER = "employer", _("Employer")
    VACANCY = "vacancy", _("Vacancy")


class DocumentKind(models.TextChoices):
    CV = "cv", _("CV")
    CONSENT_FORM = "consent_form", _("Signed consent form")
    CERTIFICATE = "certificate", _("Certificate or diploma")
    PRAKTIJKVERKLARING = "praktijkverklaring", _("Praktijkverklaring")
    TRIAL_PLACEMENT_AGREEMENT = "trial_placement_agreement", _("Trial-placement agreement (proefplaatsing)")
    WORK_EXPERIENCE_AGREEMENT = "work_experience_agreement", _("Work-experience agreement (werkervaringsplek)")
    AGREEMENT = "agreement", _("Other agreement")
    IPS_PLAN = "ips_plan", _("IPS plan")
    CORRESPONDENCE = "correspondence", _("Correspondence")
    OTHER = "other", _("Other")


class RetentionClass(models.TextChoices):
    """How long a document is kept. Whatever the class, it goes at the latest with its record: when
    the client's retention ends (`privacy.retention`), every document of the client goes."""

    WITH_RECORD = "with_record", _("As long as the record it belongs to")
    ONE_YEAR = "one_year", _("One year after the document's date")
    SEVEN_YEARS = "seven_years", _("Seven years after the document's date (financial records)")


RETENTION_MONTHS = {RetentionClass.ONE_YEAR: 12, RetentionClass.SEVEN_YEARS: 84}
