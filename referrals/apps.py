from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Referrals")  # the admin's heading
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from rwc.change_history import visible_through

        from .access import referrals_visible_to
        from .models import Referral

        visible_through(Referral, "id", referrals_visible_to)  # whose change rows a caller reads
