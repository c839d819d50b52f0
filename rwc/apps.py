from django.apps import AppConfig


class RwcConfig(AppConfig):
    name = "rwc"
    verbose_name = "Organisation"
    default_auto_field = "django.db.models.BigAutoField"
