from django.apps import AppConfig


class ServicesConfig(AppConfig):
    """Services, training and funding delivered on cases, and questions at the front door."""

    name = "services"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cases.access import cases_visible_to
        from rwc.change_history import visible_through

        from .delivery import services_visible_to
        from .models import DeliveredService, FrontDoorQuestion, ServiceFunding
        from .questions import questions_visible_to

        # whose change rows a caller reads: as the records' own endpoints show them
        visible_through(DeliveredService, "case_id", cases_visible_to)
        visible_through(ServiceFunding, "service_id", services_visible_to)
        visible_through(FrontDoorQuestion, "id", questions_visible_to)
