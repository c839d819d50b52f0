from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")  # the admin's heading
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from clients.access import DESK_VISIBILITY_SOURCES
        from clients.why import ACCESS_REASON_SOURCES

        from .access import case_access_reasons, client_ids_with_case_at

        if client_ids_with_case_at not in DESK_VISIBILITY_SOURCES:
            DESK_VISIBILITY_SOURCES.append(client_ids_with_case_at)
        if case_access_reasons not in ACCESS_REASON_SOURCES:
            ACCESS_REASON_SOURCES.append(case_access_reasons)
        self._change_history_visibility()

    @staticmethod
    def _change_history_visibility():
        """Whose change rows a caller reads: as the records' own endpoints show them. A case's parts
        go with the case (the contacts, agreements and outcomes routes start from cases_visible_to;
        so does outcomes_visible_to); a transition with its client (transitions_visible_to). Judged
        by the parent's key, an index probe, rather than by the row's own id through a set of the
        desk's cases or clients."""
        from clients.access import clients_visible_to
        from rwc.change_history import visible_through

        from .access import cases_visible_to
        from .models import Agreement, Case, ContactMoment, InstrumentUse, Outcome, PlacementFollowUp, Transition
        from .outcomes import outcomes_visible_to

        visible_through(Case, "id", cases_visible_to)
        for part_of_case in (ContactMoment, Agreement, Outcome):
            visible_through(part_of_case, "case_id", cases_visible_to)
        visible_through(Transition, "client_id", clients_visible_to)
        for part_of_placement in (InstrumentUse, PlacementFollowUp):
            visible_through(part_of_placement, "placement_id", outcomes_visible_to)

