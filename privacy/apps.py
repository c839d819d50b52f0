from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Retention and forgetting (`apply_retention`), the client's access request (`export_client_data`):
    the AVG duties that read across every package. No models of its own."""

    name = "privacy"
    default_auto_field = "django.db.models.BigAutoField"
