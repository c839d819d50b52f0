"""Which single-sign-on identity belongs to which staff account (managed in the admin, never created
by a sign-in)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExternalIdentity(models.Model):
    """The `sub` the OpenID provider gives a staff member (OIDC_MATCH_CLAIM=sub).

    Only an administrator links a subject to an account; a sign-in with an unlinked subject is refused.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities",
                             verbose_name=_("user"))
    subject = models.CharField(_("subject (sub)"), max_length=255, unique=True,
                               help_text=_("The sub claim the OpenID provider sends for this person."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("single sign-on identity")
        verbose_name_plural = _("single sign-on identities")

    def __str__(self):
        return f"{self.subject} → {self.user}"
