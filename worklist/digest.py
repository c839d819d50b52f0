"""The e-mail digest: per person, at once or once a day (their choice), through Django's mail
backend (SMTP in production). It says how many notifications of which kind wait and links to the
worklist: no names, no client data, no record ids. Dutch unless the person chose English."""
from collections import Counter

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from rwc.models import User

from .choices import DigestFrequency, NotificationKind
from .models import Notification, NotificationPreference


def preference_of(user_id: int) -> NotificationPreference:
    pref, _created = NotificationPreference.objects.get_or_create(user_id=user_id)
    return pref


def compose(kinds: Counter, language: str) -> tuple[str, str]:
    """Subject and body of a digest: counts per kind and a link, in the person's language."""
    with translation.override(language):
        total = sum(kinds.values())
        subject = ngettext_lazy("RWC: %(count)d new notification", "RWC: %(count)d new notifications",
                                "count") % {"count": total}
        lines = [_("You have new notifications in the RWC worklist:"), ""]
        lines += [f"- {NotificationKind(kind).label}: {count}" for kind, count in sorted(kinds.items())]
        lines += ["", _("Read them at %(url)s") % {"url": f"{settings.PUBLIC_BASE_URL}/api/v1/notifications"}, "",
                  _("This message holds no personal data; sign in to see what it is about.")]
        return str(subject), "\n".join(str(line) for line in lines)


@transaction.atomic
def send_digest(user_id: int, now=None) -> int:
    """Mail the person's unmailed notifications in one message; the number mailed. Under a lock on
    their preference row, so two workers never mail the same notifications. One mailed with
    `never` chosen is marked as handled without a message."""
    now = now or timezone.now()
    preference_of(user_id)
    pref = NotificationPreference.objects.select_for_update().get(user_id=user_id)
    pending = Notification.objects.filter(recipient_id=user_id, emailed_at__isnull=True)
    kinds = Counter(pending.values_list("kind", flat=True))
    if not kinds:
        return 0
    user = User.objects.get(pk=user_id)
    if pref.digest != DigestFrequency.NEVER and user.email:
        subject, body = compose(kinds, pref.language)
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()
    pending.update(emailed_at=now)
    pref.last_digest_at = now
    pref.save(update_fields=["last_digest_at"])
    return sum(kinds.values())


def due_daily(now=None) -> list[int]:
    """People on the daily digest with something unmailed, once the day's hour has come and they
    had none today."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.hour < settings.DIGEST_DAILY_HOUR:
        return []
    start_of_day = local.replace(hour=0, minute=0, second=0, microsecond=0)
    waiting = set(Notification.objects.filter(emailed_at__isnull=True).values_list("recipient_id", flat=True)
                  .distinct())
    other = NotificationPreference.objects.exclude(digest=DigestFrequency.DAILY)  # no row: the default, daily
    other = other.exclude(digest=DigestFrequency.NEVER)  # theirs are marked handled, unmailed
    mailed_today = NotificationPreference.objects.filter(last_digest_at__gte=start_of_day)
    return sorted(waiting - set(other.values_list("user_id", flat=True))
                  - set(mailed_today.values_list("user_id", flat=True)))
