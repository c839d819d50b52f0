"""The case lifecycle as an explicit table of allowed moves.

registered -> intake -> active <-> paused -> closed. A case may also be closed straight from
registered or intake (the client never showed up, moved away, ...): a counsellor must be able to
end any open case, with a reason. A closed case can be reopened (back to active) within its
programme's reopen period; after that a new case is opened.
"""
from django.utils.translation import gettext_lazy as _

from rwc.states import StateTable

from .choices import CaseStatus as S

MOVES = StateTable({
    (S.REGISTERED, S.INTAKE): _("start the intake"),
    (S.INTAKE, S.ACTIVE): _("start the trajectory"),
    (S.ACTIVE, S.PAUSED): _("pause"),
    (S.PAUSED, S.ACTIVE): _("resume"),
    (S.REGISTERED, S.CLOSED): _("close"),
    (S.INTAKE, S.CLOSED): _("close"),
    (S.ACTIVE, S.CLOSED): _("close"),
    (S.PAUSED, S.CLOSED): _("close"),
    (S.CLOSED, S.ACTIVE): _("reopen"),
}, illegal=_("A %(status)s case cannot become %(to_status)s; allowed: %(value)s."))
allowed_moves = MOVES.allowed_moves
is_allowed = MOVES.is_allowed
