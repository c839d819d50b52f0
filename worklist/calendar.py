"""A counsellor's personal calendar feed (iCalendar, RFC 5545) at a secret address: only the
token's SHA-256 is stored, a new one replaces the old, and revoking ends it at once. Titles carry
no personal data: the kind of appointment and a link, never the client's name nor the place (a
home visit's place is the client's address)."""
import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from icalendar import Calendar, Event

from .choices import AppointmentKind, AppointmentStatus
from .models import Appointment, CalendarFeed

WINDOW_BACK = timedelta(days=31)
WINDOW_AHEAD = timedelta(days=366)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def feed_create(user) -> str:
    """A new secret address for the user's feed; any earlier one stops working. The token is
    returned once and never stored."""
    feed_revoke(user)
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.create(user=user, token_hash=_hash(token))
    return token


def feed_revoke(user) -> int:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def feed_owner(token: str):
    if not token or len(token) > 100:
        return None
    feed = CalendarFeed.objects.filter(token_hash=_hash(token), revoked_at__isnull=True).select_related("user").first()
    return feed.user if feed is not None and feed.user.is_active else None


def feed_for(user, language: str = "nl", now=None) -> bytes:
    """The user's planned and held appointments from a month back to a year ahead."""
    now = now or timezone.now()
    cal = Calendar()
    cal.add("prodid", "-//RWC//worklist//NL")
    cal.add("version", "2.0")
    appointments = (Appointment.objects.filter(counsellor=user, starts_at__gte=now - WINDOW_BACK,
                                               starts_at__lt=now + WINDOW_AHEAD)
                    .exclude(status=AppointmentStatus.CANCELLED).order_by("starts_at", "id"))
    with translation.override(language):
        cal.add("x-wr-calname", str(_("RWC appointments")))
        for appointment in appointments:
            event = Event()
            event.add("uid", f"{appointment.uuid}@rwc")
            event.add("dtstamp", now)
            event.add("dtstart", appointment.starts_at)
            event.add("dtend", appointment.ends_at)
            event.add("summary", str(_("Appointment with a client (%(kind)s)")
                                         % {"kind": AppointmentKind(appointment.kind).label}))
            event.add("url", f"{settings.PUBLIC_BASE_URL}/api/v1/appointments/{appointment.uuid}")
            event.add("sequence", appointment.times_rescheduled)
            event.add("status", "CONFIRMED")
            cal.add_component(event)
    return cal.to_ical()


def feed_active(user) -> bool:
    """Whether the user has a calendar address that works (its secret is not shown again)."""
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).exists()
