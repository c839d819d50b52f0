"""The referral lifecycle as an explicit table: each allowed move and which side may make it.

requested -> accepted | declined (receiver, with a reason) | withdrawn (sender) | expired (system,
when the receiver did not answer within its response time); accepted -> in_progress (receiver);
in_progress -> completed (with an outcome summary) | failed (with a reason); accepted -> failed
too (the receiver could not even start). Anything else is a Conflict.
"""
from django.utils.translation import gettext_lazy as _

from rwc.states import StateTable

from .choices import ReferralStatus as S
from .choices import Side

MOVES = StateTable({
    (S.REQUESTED, S.ACCEPTED): Side.RECEIVER,
    (S.REQUESTED, S.DECLINED): Side.RECEIVER,
    (S.REQUESTED, S.WITHDRAWN): Side.SENDER,
    (S.REQUESTED, S.EXPIRED): Side.SYSTEM,
    (S.ACCEPTED, S.IN_PROGRESS): Side.RECEIVER,
    (S.ACCEPTED, S.FAILED): Side.RECEIVER,
    (S.IN_PROGRESS, S.COMPLETED): Side.RECEIVER,
    (S.IN_PROGRESS, S.FAILED): Side.RECEIVER,
}, illegal=_("A %(status)s referral cannot become %(to_status)s."))

NEEDS_REASON = {S.DECLINED: "decline_reason", S.FAILED: "failure_reason", S.COMPLETED: "outcome_summary"}
NEEDS_REASON_WORDS = {"decline_reason": _("decline reason"), "failure_reason": _("failure reason"),
                      "outcome_summary": _("outcome summary")}


side_for = MOVES.what  # which side may make this move, or None when the move is not in the table


def allowed_moves(status: str, side: str) -> list[str]:
    return MOVES.allowed_moves(status, side)
