"""The closed lists of the client record and its consents."""
from django.db import models


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Not stated"


class EducationLevel(models.TextChoices):
    NONE = "none", "None"
    VMBO = "vmbo", "VMBO"
    MBO_1 = "mbo_1", "MBO level 1 (entree)"
    MBO_2 = "mbo_2", "MBO level 2"
    MBO_3 = "mbo_3", "MBO level 3"
    MBO_4 = "mbo_4", "MBO level 4"
    HAVO = "havo", "HAVO"
    VWO = "vwo", "VWO"
    HBO = "hbo", "HBO"
    WO = "wo", "WO"
    FOREIGN_UNKNOWN = "foreign_unknown", "Foreign or unknown"


class Benefit(models.TextChoices):
    NONE = "none", "None (NUG: not working, no benefit)"
    WW = "ww", "WW (unemployment benefit)"
    BIJSTAND = "bijstand", "Bijstand (social assistance)"
    WAJONG = "wajong", "Wajong"
    WIA = "wia", "WIA (work disability)"
    OTHER = "other", "Other"


class TargetGroup(models.TextChoices):
    STATUS_HOLDER = "status_holder", "Status holder (statushouder)"
    DOELGROEPREGISTER = "doelgroepregister", "Work disability / doelgroepregister"
    PSYCHOLOGICAL_VULNERABILITY = "psychological_vulnerability", "Psychological vulnerability"
    LIMITED_DUTCH = "limited_dutch", "Limited Dutch"
    EARLY_SCHOOL_LEAVER = "early_school_leaver", "Early school leaver (vsv)"
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", "Long-term unemployed"
    OVER_55 = "over_55", "Over 55"


class LegalBasis(models.TextChoices):
    CONSENT = "consent", "Consent"
    LEGAL_OBLIGATION = "legal_obligation", "Legal obligation"
    PUBLIC_TASK = "public_task", "Public task"
    CONTRACT = "contract", "Contract"


class Evidence(models.TextChoices):
    SIGNED = "signed", "Signed form"
    VERBAL = "verbal", "Verbal, noted by the counsellor"
    DIGITAL = "digital", "Digital (e.g. DigiD-confirmed form)"


class DataCategory(models.TextChoices):
    IDENTITY = "identity", "Name, birth date"
    BSN = "bsn", "BSN"
    CONTACT = "contact", "Contact details and address"
    EDUCATION = "education", "Education and qualifications"
    WORK_HISTORY = "work_history", "Work history and transitions"
    BENEFITS = "benefits", "Benefit situation"
    TARGET_GROUPS = "target_groups", "Target-group markers"
    HEALTH = "health", "Health and work capacity"
    CASE_NOTES = "case_notes", "Case notes and plan"


class Sector(models.TextChoices):
    """Sectors the region steers on (the talent alliance's priorities, plus logistics and retail)."""

    ZORG = "zorg", "Zorg en welzijn (care)"
    TECHNIEK = "techniek", "Techniek (technical trades)"
    ICT = "ict", "ICT"
    ONDERWIJS = "onderwijs", "Onderwijs (education)"
    CREATIEF = "creatief", "Creatieve sector"
    LOGISTIEK = "logistiek", "Logistiek"
    DETAILHANDEL = "detailhandel", "Detailhandel (retail)"
    BOUW = "bouw", "Bouw (construction)"
    HORECA = "horeca", "Horeca"
    OVERHEID = "overheid", "Overheid (public sector)"
    ZAKELIJK = "zakelijk", "Zakelijke dienstverlening"
    AGRO_FOOD = "agro_food", "Agro en food"
    OTHER = "other", "Other"
