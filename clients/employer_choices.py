"""The closed lists of the employer record and a job seeker's work wishes."""
from django.db import models


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


class SizeClass(models.TextChoices):
    """Headcount classes as the KvK and CBS count them."""

    MICRO = "micro", "1-9 employees"
    SMALL = "small", "10-49 employees"
    MEDIUM = "medium", "50-249 employees"
    LARGE = "large", "250 employees or more"


class EmployerContactKind(models.TextChoices):
    VISIT = "visit", "Company visit"
    CALL = "call", "Phone call"
    EMAIL = "email", "E-mail"
    MEETING = "meeting", "Meeting (video or at the WSP)"
    AGREEMENT = "agreement", "Agreement made"
