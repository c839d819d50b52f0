"""The closed lists of the employer record and a job seeker's work wishes."""
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class SizeClass(models.TextChoices):
    """Headcount classes as the KvK and CBS count them."""

    MICRO = "micro", _("1-9 employees")
    SMALL = "small", _("10-49 employees")
    MEDIUM = "medium", _("50-249 employees")
    LARGE = "large", _("250 employees or more")


class EmployerContactKind(models.TextChoices):
    VISIT = "visit", _("Company visit")
    CALL = "call", _("Phone call")
    EMAIL = "email", _("E-mail")
    MEETING = "meeting", _("Meeting (video or at the WSP)")
    AGREEMENT = "agreement", _("Agreement made")
