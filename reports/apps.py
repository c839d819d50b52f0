from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The outcome reports (docs/indicators.md): indicators, dimensions, periods, the cell key method,
    the exports. No models of its own; it reads every package below it."""

    name = "reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.backends.signals import connection_created

        from .cellkey import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="rwc_record_key")
