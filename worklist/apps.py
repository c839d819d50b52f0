from django.apps import AppConfig


class WorklistConfig(AppConfig):
    """The counsellors' work: tasks (assigned to a person or a desk), in-app notifications with an
    e-mail digest, derived reminders as tasks, and appointments with a personal calendar feed.

    Events of the referrals and cases packages reach it through the task engine (`worklist.tasks`,
    started on commit by the signals connected below); those packages never import it."""

    name = "worklist"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from rwc.change_history import visible_through

        from . import signals  # noqa: F401 - connects the on-commit hooks
        from .appointments import appointments_visible_to
        from .models import Appointment, Task
        from .todo import tasks_visible_to

        visible_through(Task, "id", tasks_visible_to)
        visible_through(Appointment, "id", appointments_visible_to)
