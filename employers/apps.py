from django.apps import AppConfig


class EmployersConfig(AppConfig):
    """The WerkgeversServicepunt: employers, their contacts, vacancies, proposals, the shortlist,
    matching events and the WSP figures. Its models moved here from clients and cases with their
    tables (see employers/migrations/0001_initial.py)."""

    name = "employers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from rwc.change_history import visible_through

        from .employers import employers_visible_to, employers_workable_by
        from .models import Employer, EmployerContact, Proposal, Vacancy
        from .proposals import proposals_visible_to
        from .vacancies import vacancies_visible_to

        # whose change rows a caller reads: as the records' own endpoints show them
        visible_through(Employer, "id", employers_visible_to)
        visible_through(EmployerContact, "employer_id", employers_workable_by)  # the contact log: the WSP's
        visible_through(Vacancy, "id", vacancies_visible_to)
        visible_through(Proposal, "id", proposals_visible_to)
