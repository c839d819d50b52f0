"""The closed lists of cases, contacts, transitions and outcomes."""
from django.db import models


class CaseStatus(models.TextChoices):
    REGISTERED = "registered", "Registered"
    INTAKE = "intake", "Intake"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    CLOSED = "closed", "Closed"


OPEN_STATUSES = (CaseStatus.REGISTERED, CaseStatus.INTAKE, CaseStatus.ACTIVE, CaseStatus.PAUSED)


class ClosingReason(models.TextChoices):
    WORK = "work", "Found work"
    EDUCATION = "education", "Started education"
    MOVED_AWAY = "moved_away", "Moved away"
    NO_LONGER_WANTS_HELP = "no_longer_wants_help", "No longer wants help"
    NO_CONTACT = "no_contact", "No contact"
    REFERRED_ELSEWHERE = "referred_elsewhere", "Referred elsewhere"
    OTHER = "other", "Other"


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "Phone"
    VIDEO = "video", "Video"
    EMAIL = "email", "E-mail"
    LETTER = "letter", "Letter"


class ContactKind(models.TextChoices):
    INTAKE = "intake", "Intake"
    COACHING = "coaching", "Coaching"
    WORKSHOP = "workshop", "Workshop"
    JOB_MATCHING = "job_matching", "Job matching"
    FOLLOW_UP = "follow_up", "Follow-up"


class Position(models.TextChoices):
    EMPLOYED = "employed", "Employed"
    SELF_EMPLOYED = "self_employed", "Self-employed"
    IN_EDUCATION = "in_education", "In education"
    UNEMPLOYED_WITH_BENEFIT = "unemployed_with_benefit", "Unemployed with a benefit"
    NOT_WORKING_NO_BENEFIT = "not_working_no_benefit", "Not working, no benefit"
    AT_SCHOOL = "at_school", "At school"


WORK_POSITIONS = (Position.EMPLOYED, Position.SELF_EMPLOYED)
EDUCATION_POSITIONS = (Position.IN_EDUCATION, Position.AT_SCHOOL)


class ContractType(models.TextChoices):
    PERMANENT = "permanent", "Permanent"
    FIXED_TERM = "fixed_term", "Fixed-term"
    TEMP_AGENCY = "temp_agency", "Temp agency"
    ON_CALL = "on_call", "On-call"


class LearningRoute(models.TextChoices):
    BOL = "bol", "BOL (school-based)"
    BBL = "bbl", "BBL (work-based)"
    LLO = "llo", "LLO (lifelong learning)"


class Source(models.TextChoices):
    CLIENT = "client", "Client"
    EMPLOYER = "employer", "Employer"
    UWV = "uwv", "UWV"
    SCHOOL = "school", "School"
    COUNSELLOR = "counsellor", "Counsellor"


class OutcomeKind(models.TextChoices):
    PLACEMENT = "placement", "Placement in work"
    PRAKTIJKVERKLARING = "praktijkverklaring", "Praktijkverklaring"
    DIPLOMA = "diploma", "Diploma"
    CERTIFICATE = "certificate", "Certificate"
    EDUCATION_STARTED = "education_started", "Education started"
    STARTKWALIFICATIE = "startkwalificatie", "Startkwalificatie obtained"


class EmployerInstrument(models.TextChoices):
    LOONKOSTENSUBSIDIE = "loonkostensubsidie", "Loonkostensubsidie"
    PROEFPLAATSING = "proefplaatsing", "Proefplaatsing (trial placement)"
    WERKERVARINGSPLEK = "werkervaringsplek", "Werkervaringsplek"
    NO_RISKPOLIS = "no_riskpolis", "No-riskpolis"
    JOBCOACH = "jobcoach", "Jobcoach"
