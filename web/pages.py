"""What every page shares: signed in or off to /signin/, who may open which page, a record one may
not see is a 404 page, and the domain's errors turned into messages next to the fields."""
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from rwc.access import profile_for
from rwc.errors import DomainError, InvalidFields
from rwc.models import RegionRoleKind


@dataclass(frozen=True)
class Roles:
    counsellor: bool  # works at a desk (counsellor or team lead): sees the desk's clients
    team_lead: bool
    wsp: bool
    manager: bool
    privacy_officer: bool
    front_door: bool = False  # works at a Leerwerkloket or youth desk: logs front-door questions

    @classmethod
    def of(cls, user) -> "Roles":
        profile = profile_for(user)
        from rwc.models import Desk, DeskKind

        kinds = getattr(user, "_web_desk_kinds", None)
        if kinds is None:  # one query for the kinds of desk the person works at
            kinds = set(Desk.objects.filter(id__in=profile.member_desk_ids).values_list("kind", flat=True)
                        .distinct()) if profile.member_desk_ids else set()
            user._web_desk_kinds = kinds
        return cls(
            counsellor=bool(profile.member_desk_ids),
            team_lead=bool(profile.team_lead_desk_ids),
            wsp=DeskKind.WSP in kinds,
            manager=bool(profile.regions_with_role(RegionRoleKind.MANAGER)),
            privacy_officer=bool(profile.regions_with_role(RegionRoleKind.PRIVACY_OFFICER)),
            front_door=bool(kinds & {DeskKind.LEERWERKLOKET, DeskKind.YOUTH}),
        )


def not_found(request):
    return render(request, "web/404.html", status=404)


def page(*roles: str):
    """A page for a signed-in person holding one of `roles` (any signed-in person when none): anyone
    else is sent to sign in, or gets the 404 page (a page of another role does not exist for them)."""

    def wrap(view):
        @wraps(view)
        def inner(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            who = Roles.of(request.user)
            request.roles = who
            if roles and not any(getattr(who, r) for r in roles):
                return not_found(request)
            try:
                return view(request, *args, **kwargs)
            except Http404:
                return not_found(request)

        return inner

    return wrap


def add_domain_error(form, exc: DomainError, fields: dict[str, str] | None = None) -> None:
    """Put the domain's refusal next to the field it names (`fields` maps a domain name to the
    form's where they differ), or above the form."""
    fields = fields or {}
    errors = exc.errors if isinstance(exc, InvalidFields) else [(exc.field, exc.code, exc.detail)]
    for name, _code, message in errors:
        name = fields.get(name, name)
        form.add_error(name if name in form.fields else None, str(message))


STALE = _("Someone else changed this record since you opened the page; nothing was saved. "
          "Look at the current state below and try again.")
