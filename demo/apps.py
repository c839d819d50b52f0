from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and benchmark tooling: seed_demo, generate_dataset, bench_prepare, resilience_prepare and
    the marks of what the demo invented. Nothing below imports it."""

    name = "demo"
    default_auto_field = "django.db.models.BigAutoField"
