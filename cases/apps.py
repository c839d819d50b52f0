from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from clients.access import DESK_VISIBILITY_SOURCES
        from clients.why import ACCESS_REASON_SOURCES

        from .access import case_access_reasons, client_ids_with_case_at

        if client_ids_with_case_at not in DESK_VISIBILITY_SOURCES:
            DESK_VISIBILITY_SOURCES.append(client_ids_with_case_at)
        if case_access_reasons not in ACCESS_REASON_SOURCES:
            ACCESS_REASON_SOURCES.append(case_access_reasons)
