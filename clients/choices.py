"""The closed lists of the client record and its consents."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not stated")


class EducationLevel(models.TextChoices):
    NONE = "none", _("None")
    VMBO = "vmbo", _("VMBO")
    MBO_1 = "mbo_1", _("MBO level 1 (entree)")
    MBO_2 = "mbo_2", _("MBO level 2")
    MBO_3 = "mbo_3", _("MBO level 3")
    MBO_4 = "mbo_4", _("MBO level 4")
    HAVO = "havo", _("HAVO")
    VWO = "vwo", _("VWO")
    HBO = "hbo", _("HBO")
    WO = "wo", _("WO")
    FOREIGN_UNKNOWN = "foreign_unknown", _("Foreign or unknown")


class Benefit(models.TextChoices):
    NONE = "none", _("None (NUG: not working, no benefit)")
    WW = "ww", _("WW (unemployment benefit)")
    BIJSTAND = "bijstand", _("Bijstand (social assistance)")
    WAJONG = "wajong", _("Wajong")
    WIA = "wia", _("WIA (work disability)")
    OTHER = "other", _("Other")


class TargetGroup(models.TextChoices):
    STATUS_HOLDER = "status_holder", _("Status holder (statushouder)")
    DOELGROEPREGISTER = "doelgroepregister", _("Work disability / doelgroepregister")
    PSYCHOLOGICAL_VULNERABILITY = "psychological_vulnerability", _("Psychological vulnerability")
    LIMITED_DUTCH = "limited_dutch", _("Limited Dutch")
    EARLY_SCHOOL_LEAVER = "early_school_leaver", _("Early school leaver (vsv)")
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", _("Long-term unemployed")
    OVER_55 = "over_55", _("Over 55")


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Consent")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation")
    PUBLIC_TASK = "public_task", _("Public task")
    CONTRACT = "contract", _("Contract")


class Evidence(models.TextChoices):
    SIGNED = "signed", _("Signed form")
    VERBAL = "verbal", _("Verbal, noted by the counsellor")
    DIGITAL = "digital", _("Digital (e.g. DigiD-confirmed form)")


class DataCategory(models.TextChoices):
    IDENTITY = "identity", _("Name, birth date")
    BSN = "bsn", _("BSN")
    CONTACT = "contact", _("Contact details and address")
    EDUCATION = "education", _("Education and qualifications")
    WORK_HISTORY = "work_history", _("Work history and transitions")
    BENEFITS = "benefits", _("Benefit situation")
    TARGET_GROUPS = "target_groups", _("Target-group markers")
    HEALTH = "health", _("Health and work capacity")
    CASE_NOTES = "case_notes", _("Case notes and plan")


class Sector(models.TextChoices):
    """Sectors the region steers on (the talent alliance's priorities, plus logistics and retail)."""

    ZORG = "zorg", _("Zorg en welzijn (care)")
    TECHNIEK = "techniek", _("Techniek (technical trades)")
    ICT = "ict", _("ICT")
    ONDERWIJS = "onderwijs", _("Onderwijs (education)")
    CREATIEF = "creatief", _("Creatieve sector")
    LOGISTIEK = "logistiek", _("Logistiek")
    DETAILHANDEL = "detailhandel", _("Detailhandel (retail)")
    BOUW = "bouw", _("Bouw (construction)")
    HORECA = "horeca", _("Horeca")
    OVERHEID = "overheid", _("Overheid (public sector)")
    ZAKELIJK = "zakelijk", _("Zakelijke dienstverlening")
    AGRO_FOOD = "agro_food", _("Agro en food")
    OTHER = "other", _("Other")
