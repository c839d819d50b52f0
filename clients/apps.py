from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientsConfig(AppConfig):
    name = "clients"
    verbose_name = _("Clients")  # the admin's heading
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from rwc.change_history import visible_through

        from .access import clients_visible_to
        from .models import Client, ClientDeskGrant, ClientTargetGroup, Consent, JobWish, JobWishSector

        # whose change rows a caller reads: as the records' own endpoints show them
        visible_through(Client, "id", clients_visible_to)
        for part_of_client in (ClientTargetGroup, Consent, JobWish, JobWishSector):  # shown with the client
            visible_through(part_of_client, "client_id", clients_visible_to)
        visible_through(ClientDeskGrant, "content_object_id", clients_visible_to)  # the client's access reasons
