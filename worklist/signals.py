"""Events of other packages, heard without their knowing: a referral's status change (its
`ReferralStatusChange` row, written in the change's own transaction) and a case handed to another
counsellor. Each is passed to the engine once the transaction commits; the engine makes the
notifications and tasks, idempotently (`worklist.notifications`)."""
from django.db.models.signals import post_save
from django.dispatch import receiver

from cases.models import Case
from referrals.models import ReferralStatusChange

from .dispatch import after_commit


@receiver(post_save, sender=ReferralStatusChange, dispatch_uid="worklist.referral_changed")
def _referral_changed(sender, instance, created, **kwargs):
    if created:
        after_commit("worklist.referral_changed", instance.pk)


@receiver(post_save, sender=Case, dispatch_uid="worklist.case_reassigned")
def _case_saved(sender, instance, created, update_fields=None, **kwargs):
    if not created and update_fields and "owner" in update_fields:
        after_commit("worklist.case_reassigned", instance.pk, instance.version)
