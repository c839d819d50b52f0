from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("REST API")  # the admin's heading

    def ready(self):
        from . import choice_errors, schema  # noqa: F401  (schema registers the OpenAPI extensions)

        choice_errors.install()
