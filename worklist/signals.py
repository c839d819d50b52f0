"""Events of other packages, heard without their knowing: a referral's status change (its
`ReferralStatusChange` row, written in the change's own transaction) and a case handed to another
counsellor. Each is passed to the engine once the transaction commits; the engine makes the
notifications and tasks, idempotently (`worklist.notifications`).

A case handed over also takes the previous owner's open tasks about it along, in the handing-over's
own transaction (`todo.tasks_follow_case`): no task stays with someone who no longer holds the case."""
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from cases.models import Case
from referrals.models import ReferralStatusChange

from .dispatch import after_commit
from .todo import tasks_follow_case


@receiver(post_save, sender=ReferralStatusChange, dispatch_uid="worklist.referral_changed")
def _referral_changed(sender, instance, created, **kwargs):
    if created:
        after_commit("worklist.referral_changed", instance.pk)


def _owner_saved(instance, update_fields) -> bool:
    return instance.pk is not None and bool(update_fields) and "owner" in update_fields


@receiver(pre_save, sender=Case, dispatch_uid="worklist.case_owner_before")
def _case_saving(sender, instance, update_fields=None, **kwargs):
    if _owner_saved(instance, update_fields):
        instance._worklist_previous_owner_id = (Case.objects.filter(pk=instance.pk)
                                                .values_list("owner_id", flat=True).first())


@receiver(post_save, sender=Case, dispatch_uid="worklist.case_reassigned")
def _case_saved(sender, instance, created, update_fields=None, **kwargs):
    if not created and _owner_saved(instance, update_fields):
        tasks_follow_case(instance, getattr(instance, "_worklist_previous_owner_id", None))
        after_commit("worklist.case_reassigned", instance.pk, instance.version)
