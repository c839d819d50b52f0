"""The body the service POSTs to a partner's webhook endpoint, as OpenAPI components.

The document is OpenAPI 3.0, which has no top-level `webhooks`: the event is the component
`WebhookEvent`, named in the description of `POST /webhooks` and used as the `event.payload` of the
delivery log, so the log and the document agree. Built by referrals.events._payload.
"""
from referrals.choices import ReferralStatus, Side
from referrals.events import EVENT_TYPE

_TEXT = {"type": "string"}

WEBHOOK_SCHEMAS = {
    "WebhookEvent": {
        "type": "object",
        "description": (
            "POSTed as `application/json` to each active endpoint of the organisation, with the headers "
            "`webhook-id` (the event id), `webhook-timestamp` (Unix seconds) and `webhook-signature` "
            "(`v1,<base64 HMAC-SHA256 of \"<id>.<timestamp>.<body>\">` keyed with the endpoint's secret, base64-decoded after its `whsec_` prefix). Answer 2xx "
            "to acknowledge; anything else is retried with back-off. The same event may arrive twice: "
            "deduplicate on `id`. It carries no personal data."
        ),
        "properties": {
            "id": {"type": "string", "format": "uuid", "description": "The event id, also in `webhook-id`."},
            "type": {"type": "string", "enum": [EVENT_TYPE]},
            "occurredAt": {"type": "string", "format": "date-time"},
            "data": {"$ref": "#/components/schemas/ReferralStatusChangedData"},
        },
        "required": ["id", "type", "occurredAt", "data"],
    },
    "ReferralStatusChangedData": {
        "type": "object",
        "description": "The referral after the change; read more through `GET /referrals/{id}` within your scopes.",
        "properties": {
            "referral": {"type": "string", "format": "uuid", "description": "The referral's id."},
            "status": {"type": "string", "enum": list(ReferralStatus.values)},
            "previousStatus": {"type": "string", "enum": [*ReferralStatus.values, None], "nullable": True,
                               "description": "Null for a new referral."},
            "side": {"type": "string", "enum": list(Side.values),
                     "description": "Your organisation's side of the referral."},
            "answerDueAt": {"type": "string", "format": "date-time"},
            "declineReason": _TEXT,
            "outcomeSummary": _TEXT,
            "failureReason": _TEXT,
            "partnerReference": {"type": "string", "description": "Only to the sender: its own reference."},
        },
        "required": ["referral", "status", "previousStatus", "side", "answerDueAt", "declineReason",
                     "outcomeSummary", "failureReason"],
    },
}
