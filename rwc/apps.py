from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RwcConfig(AppConfig):
    name = "rwc"
    verbose_name = _("Organisation")  # the admin's heading
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib import admin

        if admin.site.is_registered(self.get_model("Region")):  # the admin's autodiscover has run
            from .admin import close_unscoped_admins

            close_unscoped_admins()
