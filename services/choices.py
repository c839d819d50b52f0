"""The choices of services, training, funding and front-door questions (values English, labels translated)."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceType(models.TextChoices):
    LOOPBAANADVIES = "loopbaanadvies", _("Career advice (loopbaanadvies)")
    ONTWIKKELADVIES = "ontwikkeladvies", _("Development advice (ontwikkeladvies)")
    COACHING = "coaching", _("Coaching")
    LIFE_COACHING = "life_coaching", _("Life coaching")
    IPS_JOB_COACHING = "ips_job_coaching", _("IPS job coaching")
    TRAINING = "training", _("Training or course")
    WORK_EXPERIENCE_PLACE = "work_experience_place", _("Work-experience place")
    JOB_APPLICATION_TRAINING = "job_application_training", _("Job-application training")
    LANGUAGE_COURSE = "language_course", _("Language course")


# the service types that are a course: they carry a course name, level, qualification code and certificate
TRAINING_TYPES = (ServiceType.TRAINING, ServiceType.LANGUAGE_COURSE)


class ProviderKind(models.TextChoices):
    OWN_DESK = "own_desk", _("The desk itself")
    PARTNER = "partner", _("A partner organisation")
    TRAINING_PROVIDER = "training_provider", _("An external training provider")


class ServiceStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    STARTED = "started", _("Started")
    COMPLETED = "completed", _("Completed")
    STOPPED_EARLY = "stopped_early", _("Stopped early")


class FundingKind(models.TextChoices):
    FUND = "fund", _("Fund")
    SCHEME = "scheme", _("Scheme")
    PROGRAMME_BUDGET = "programme_budget", _("Programme budget")


class QuestionChannel(models.TextChoices):
    WALK_IN = "walk_in", _("Walk-in")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    CHAT = "chat", _("Chat")
    EVENT = "event", _("Event")


class QuestionTopic(models.TextChoices):
    CAREER = "career", _("Career and work")
    TRAINING = "training", _("Training and learning")
    JOB_SEARCH = "job_search", _("Finding a job")
    BENEFITS = "benefits", _("Benefits and income")
    SCHOOL = "school", _("School and startkwalificatie")
    LANGUAGE = "language", _("Dutch language")
    EMPLOYER = "employer", _("An employer's question")
    OTHER = "other", _("Other")
