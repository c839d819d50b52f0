"""The navigation's unread-notification count: one query per page, shared with the page (web.worklist)."""
from django import template

from ..worklist import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context):
    request = context.get("request")
    roles = getattr(request, "roles", None)
    if request is None or roles is None or not roles.counsellor:
        return 0
    return unread_count(request)
