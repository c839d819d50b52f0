from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "REST API"

    def ready(self):
        from . import choice_errors, schema  # noqa: F401  (schema registers the OpenAPI extensions)

        choice_errors.install()
