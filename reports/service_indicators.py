"""The figures of services, refused funding, training and front-door questions (issue 22), as indicators of the
engine: counts only, each perturbed by the cell key method like every other. Definitions also in
docs/indicators.md. Euro figures (spend per funding source against its budget, cost per person
helped and per placement) are sums, not counts, and live in services/figures.py."""
from django.db.models import F, Q

from services.choices import TRAINING_TYPES, ServiceStatus
from services.models import DeliveredService, FrontDoorQuestion

from .engine import Counted, Indicator, Measure

SERVICE_PATHS = {"region": "case__desk__region", "desk": "case__desk", "programme": "case__programme",
                 "client": "case__client"}


def _started(period, today):
    """Services whose actual start falls in the period (a service only planned has not been delivered)."""
    return DeliveredService.objects.filter(actual_start__gte=period.start, actual_start__lte=period.end)


SERVICE_INDICATORS = [
    Indicator(
        "services-delivered", "Services delivered",
        "Services started in the period (advice, coaching, IPS job coaching, training, work-experience places, "
        "language courses), by service type and provider, and the people they were delivered to.",
        _started, "actual_start", SERVICE_PATHS,
        [Measure("services", "count", Counted()), Measure("people", "count", Counted("case__client"))],
        extra_dimensions=("service_type", "provider_kind"),
        expressions={"service_type": F("service_type"), "provider_kind": F("provider_kind")},
    ),
    Indicator(
        "services-refused", "Services refused funding",
        "Services whose funding a team lead refused in the period and that have not been approved since, by "
        "service type and provider, and the people they were for.",
        lambda p, today: DeliveredService.objects.filter(refused_at__gte=p.bounds()[0], refused_at__lt=p.bounds()[1]),
        "refused_at", SERVICE_PATHS,
        [Measure("refused", "count", Counted()), Measure("people", "count", Counted("case__client"))],
        extra_dimensions=("service_type", "provider_kind"),
        expressions={"service_type": F("service_type"), "provider_kind": F("provider_kind")},
    ),
    Indicator(
        "training", "Training started and completed",
        "Training and language courses started in the period: how many, how many were completed so far and how "
        "many of those with a certificate or diploma, and how many stopped early.",
        lambda p, today: _started(p, today).filter(service_type__in=TRAINING_TYPES), "actual_start", SERVICE_PATHS,
        [Measure("started", "count", Counted()),
         Measure("completed", "count", Counted(where=Q(status=ServiceStatus.COMPLETED))),
         Measure("withCertificate", "count", Counted(where=Q(status=ServiceStatus.COMPLETED,
                                                             certificate_obtained=True))),
         Measure("stoppedEarly", "count", Counted(where=Q(status=ServiceStatus.STOPPED_EARLY))),
         Measure("people", "count", Counted("case__client"))],
        extra_dimensions=("service_type",), expressions={"service_type": F("service_type")},
    ),
    Indicator(
        "front-door-questions", "Questions at the front door",
        "Questions answered at the front door without a client record, asked in the period, by topic and "
        "channel: how many needed a follow-up and how many people were registered as a client later.",
        lambda p, today: FrontDoorQuestion.objects.filter(asked_at__gte=p.bounds()[0], asked_at__lt=p.bounds()[1]),
        "asked_at", {"region": "region", "desk": "desk"},
        [Measure("questions", "count", Counted()),
         Measure("followUpsNeeded", "count", Counted(where=Q(follow_up_needed=True))),
         Measure("registeredLater", "count", Counted(where=Q(client__isnull=False)))],
        extra_dimensions=("topic", "channel"), expressions={"topic": F("topic"), "channel": F("channel")},
    ),
]
