"""The closed lists of cases, contacts, transitions and outcomes."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    INTAKE = "intake", _("Intake")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (CaseStatus.REGISTERED, CaseStatus.INTAKE, CaseStatus.ACTIVE, CaseStatus.PAUSED)


class ClosingReason(models.TextChoices):
    WORK = "work", _("Found work")
    EDUCATION = "education", _("Started education")
    MOVED_AWAY = "moved_away", _("Moved away")
    NO_LONGER_WANTS_HELP = "no_longer_wants_help", _("No longer wants help")
    NO_CONTACT = "no_contact", _("No contact")
    REFERRED_ELSEWHERE = "referred_elsewhere", _("Referred elsewhere")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")


class ContactKind(models.TextChoices):
    INTAKE = "intake", _("Intake")
    COACHING = "coaching", _("Coaching")
    WORKSHOP = "workshop", _("Workshop")
    JOB_MATCHING = "job_matching", _("Job matching")
    FOLLOW_UP = "follow_up", _("Follow-up")


class Position(models.TextChoices):
    EMPLOYED = "employed", _("Employed")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    IN_EDUCATION = "in_education", _("In education")
    UNEMPLOYED_WITH_BENEFIT = "unemployed_with_benefit", _("Unemployed with a benefit")
    NOT_WORKING_NO_BENEFIT = "not_working_no_benefit", _("Not working, no benefit")
    AT_SCHOOL = "at_school", _("At school")


WORK_POSITIONS = (Position.EMPLOYED, Position.SELF_EMPLOYED)
EDUCATION_POSITIONS = (Position.IN_EDUCATION, Position.AT_SCHOOL)


class ContractType(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    FIXED_TERM = "fixed_term", _("Fixed-term")
    TEMP_AGENCY = "temp_agency", _("Temp agency")
    ON_CALL = "on_call", _("On-call")


class LearningRoute(models.TextChoices):
    BOL = "bol", _("BOL (school-based)")
    BBL = "bbl", _("BBL (work-based)")
    LLO = "llo", _("LLO (lifelong learning)")


class Source(models.TextChoices):
    CLIENT = "client", _("Client")
    EMPLOYER = "employer", _("Employer")
    UWV = "uwv", _("UWV")
    SCHOOL = "school", _("School")
    COUNSELLOR = "counsellor", _("Counsellor")


class OutcomeKind(models.TextChoices):
    PLACEMENT = "placement", _("Placement in work")
    PRAKTIJKVERKLARING = "praktijkverklaring", _("Praktijkverklaring")
    DIPLOMA = "diploma", _("Diploma")
    CERTIFICATE = "certificate", _("Certificate")
    EDUCATION_STARTED = "education_started", _("Education started")
    STARTKWALIFICATIE = "startkwalificatie", _("Startkwalificatie obtained")


class EmployerInstrument(models.TextChoices):
    LOONKOSTENSUBSIDIE = "loonkostensubsidie", _("Loonkostensubsidie")
    PROEFPLAATSING = "proefplaatsing", _("Proefplaatsing (trial placement)")
    WERKERVARINGSPLEK = "werkervaringsplek", _("Werkervaringsplek")
    NO_RISKPOLIS = "no_riskpolis", _("No-riskpolis")
    JOBCOACH = "jobcoach", _("Jobcoach")
