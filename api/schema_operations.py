"""What the OpenAPI document says of each operation, written for a partner system's developer.

One line per operation (NL GOV ADR `operation-description`), and an example for every request body.
Kept here, keyed by operationId, rather than in the views' docstrings: a view's docstring is for the
maintainer (and a mixin's would otherwise become the description of every view that uses it).
`nlgov_postprocess` applies them; `tests/api/test_openapi_document.py` fails when an operation or a
request body has none, so a new endpoint cannot join the document undescribed.
"""

DESCRIPTIONS = {
    "cases_services_list": "Services delivered on the case (advice, coaching, training, work-experience places), by "
                           "planned start; filter by status or service type.",
    "cases_services_create": "Plans a service on the case: its type (offered for the desk and programme), provider, "
                             "dates, hours, course details and, when known, cost, invoice and funding.",
    "cases_services_retrieve": "One service with its funding and approval; the ETag header is the version for "
                               "If-Match.",
    "cases_services_partial_update": "Changes the service fields sent; cost, invoice and funding only until approved. "
                                     "Needs If-Match (412 if stale, 428 without).",
    "cases_services_status_changes_create": "Starts, completes or stops the service early; an illegal move is a 409.",
    "cases_services_approval_create": "A team lead of the case's desk approves the cost and its funding; beyond a "
                                      "budget's remainder it is a 409 naming the budget.",
    "front_door_questions_list": "Questions answered at your desks' front door without a client record, newest "
                                 "first; filter by desk, channel, topic, follow-up or date.",
    "front_door_questions_create": "Logs an anonymous or pseudonymous question: channel, topic, where it was "
                                   "referred, whether a follow-up is needed.",
    "front_door_questions_retrieve": "One front-door question.",
    "front_door_questions_registration_create": "The person came back: registers them as a client at the "
                                                "question's desk (as POST /clients, duplicates a 409 with "
                                                "candidates) and links the question to them, in one step.",
    "front_door_questions_partial_update": "Changes the question fields sent: what was logged, the referral onwards, "
                                           "the follow-up (`followUpNeeded` false closes it). Needs If-Match.",
    "cases_services_refusal_create": "A team lead of the case's desk refuses the funding with a reason; a later "
                                     "approval clears it. 409 once approved.",
    "front_door_questions_conversion_create": "Links the question to the client the person was registered as later; "
                                              "once.",
    "funding_sources_list": "Funds, schemes and programme budgets of your regions with their period, ceiling, what "
                            "approved services spent and what remains.",
    "funding_sources_retrieve": "One funding source with its spending.",
    "service_offerings_list": "The service catalogue of your regions: each service type with the desk kinds and "
                              "programmes that may deliver it.",
    "training_providers_list": "The external training providers of your regions, with their KvK numbers.",
    "caseload_retrieve": "Your own open cases with counts per status, overdue agreements and follow-ups due.",
    "cases_list": "Cases of the desks you work at, newest first; filter by status, desk, programme, owner or client.",
    "cases_create": "Opens a case in status `registered` for a client your desk may work with; 409 if one is open.",
    "cases_retrieve": "The case with its status, owner and programme; the ETag header is the version for If-Match.",
    "cases_agreements_list": "The agreements of the client's plan on this case, soonest due first.",
    "cases_agreements_create": "Adds an agreement (what, who, due date) to the plan; 409 on a closed case.",
    "cases_agreements_completion_create": "Marks the agreement done on `doneOn` (default today); 409 if already done.",
    "cases_assignment_create": "A team lead of the case's desk hands it to another counsellor of that desk.",
    "cases_changes_list": "A page of recorded changes to the case and its contacts, plan and outcomes, newest "
                              "first; a confidential summary shows as \"(confidential)\" unless you may read it.",
    "cases_contacts_list": "The contact moments logged on the case, newest first; confidential ones only for their "
                           "author and the team leads.",
    "cases_contacts_create": "Logs a contact moment (channel, kind, summary) on a case that is not closed.",
    "cases_history_list": "A page of the case's status moves, oldest first, with who made each and why.",
    "cases_outcomes_list": "Placements and credentials recorded on the case, oldest first.",
    "cases_outcomes_create": "Records a placement or credential; the fields a kind needs are listed in the body's "
                             "description, and a missing one is a 400 naming it.",
    "cases_outcomes_follow_up_create": "Records whether the placed client is still in work at the follow-up.",
    "cases_outcomes_instruments_list": "The employer instruments (subsidies, trial placement, job coach) of a placement.",
    "cases_outcomes_instruments_create": "Records an employer instrument on a placement; the region's limits apply.",
    "cases_outcomes_instruments_extension_create": "Extends an instrument once to a later `endOn`, within its "
                                                   "maximum length.",
    "cases_status_changes_create": "Moves the case along its lifecycle; an illegal move is a 409 naming the "
                                   "current status, closing needs a `closingReason`.",
    "clients_list": "A page of the clients you may see, by surname; filter by name, birth date, postcode, "
                    "education level, target group or registering desk.",
    "clients_create": "Registers a client at your desk; a probable duplicate in the region is a 409 listing the "
                      "candidates unless you override it with a reason.",
    "clients__search_create": "Finds clients by BSN, sent in the body so it never appears in a URL or a log.",
    "clients_retrieve": "The client's record as your role may see it; the ETag header is the version for If-Match.",
    "clients_partial_update": "Changes the fields sent; needs If-Match with the ETag last read (412 if stale, "
                              "428 without).",
    "clients_access_retrieve": "Who can see this client and why: desks, partners and the grants behind each.",
    "clients_changes_list": "A page of recorded changes to the client's record and what refers to it, newest "
                                "first, limited to records you may see.",
    "clients_consents_list": "The client's consents and other legal bases, newest first, withdrawn ones included.",
    "clients_consents_create": "Records a consent or other legal basis with its purpose, data categories and "
                               "who it covers.",
    "clients_consents_retrieve": "One consent or legal basis of the client.",
    "clients_consents_withdrawal_create": "Withdraws the consent now; referrals and proposals resting on it stop.",
    "clients_data_export_retrieve": "The client's access request (GDPR art. 15) as a ZIP of JSON and CSV files, "
                                    "for the region's privacy officer.",
    "clients_job_wish_retrieve": "The client's wished sectors, hours range and start date; 404 if none recorded.",
    "clients_job_wish_update": "Replaces the client's work wishes as a whole.",
    "clients_timeline_list": "A page of everything that happened to the client that you may see, oldest first.",
    "clients_transitions_list": "The client's labour-market transitions, oldest first.",
    "clients_transitions_create": "Records a move between labour-market positions; the detail fields each position "
                                  "takes are in the body's description.",
    "desks_list": "The desks (RMT, leerwerkloket, WSP, youth desk) of your regions; filter by region, kind, active.",
    "desks_retrieve": "One desk of your regions.",
    "employers_list": "A page of the employers your region's WSP keeps a relation with.",
    "employers_create": "Registers an employer by KvK number for your WSP desk; a known KvK number is a 409.",
    "employers_retrieve": "The employer with locations and contact persons; the ETag is the version for If-Match.",
    "employers_partial_update": "Changes the employer fields sent (lists are replaced whole); needs If-Match with "
                                "the ETag last read.",
    "employers_changes_list": "A page of recorded changes to the employer, its contact log and vacancies, "
                                  "for the WSP staff who keep the relation.",
    "employers_contacts_list": "The WSP's contact log with this employer, newest first.",
    "employers_contacts_create": "Logs a visit, call, e-mail, meeting or agreement with the employer.",
    "follow_ups_list": "Placements with a follow-up point (the first, 12 or 24 months ...) past due and not yet "
                       "recorded, of your desks' cases, oldest due first.",
    "matching_events_list": "Matching events of your region, newest first.",
    "matching_events_create": "Plans a matching event with its sectors and, optionally, participating employers.",
    "matching_events_retrieve": "One matching event with its participating employers.",
    "matching_events_employers_create": "Adds an employer of your region to the event.",
    "matching_events_matches_list": "Conversations, invitations and hires that came from the event, for the "
                                    "job seekers you may see.",
    "matching_events_matches_create": "Records a match between a registered attendee and a participating employer.",
    "matching_events_registrations_list": "The job seekers registered for the event whom you may see.",
    "matching_events_registrations_create": "Registers a client your desk works with for the event.",
    "matching_events_registrations_attendance_create": "Records whether the registered job seeker attended.",
    "me_retrieve": "Who you are to the API: staff roles and desks, or the partner organisation and scopes.",
    "getOpenApiDocument": "This OpenAPI 3 document, public, as JSON or (with `?format=yaml`) YAML.",
    "partner_organisations_list": "Partner organisations of your regions and those granted to your desks.",
    "partner_organisations_retrieve": "One partner organisation.",
    "processing_log_list": "Who processed which client's data, when and why, newest first; `Accept: text/csv` "
                           "downloads up to 50,000 rows. Privacy officers only.",
    "programmes_list": "The programmes a case can run under.",
    "programmes_retrieve": "One programme.",
    "referrals_list": "Referrals your desks or organisation sent or received; filter by box, status, overdue, desk.",
    "referrals_create": "Sends a referral to a desk or partner; it needs a consent or legal basis covering the "
                        "receiver, and `plannedMeetingAt` when `warmHandover` is true.",
    "referrals_retrieve": "The referral as your side sees it (the receiver sees only the shared categories).",
    "referrals_status_changes_create": "Answers or moves a referral (accept, decline, withdraw, start, complete, "
                                       "fail); an illegal move is a 409.",
    "regions_list": "The regions you work in.",
    "regions_retrieve": "One region you work in.",
    "reports_list": "The report indicators with their definitions, dimensions and measures.",
    "reports_retrieve": "One indicator for a period (a year 2000-2100, a quarter, a month, a range of those or of "
                        "days) by up to two dimensions, every count perturbed (cell key method) so that small counts "
                        "cannot be told or worked out by subtraction; JSON with labels, CSV (also in the Dutch Excel "
                        "dialect) or XLSX.",
    "reports_spend": "Per funding source of your regions whose period overlaps the one asked: its budget, what "
                     "approved services charge to it, what of that was approved in the period and realised, and what "
                     "remains; whole euros; JSON, CSV or XLSX.",
    "reports_cost": "The approved cost of services started in the period per person helped and per placement, by "
                    "region, desk or programme; whole euros, an average over fewer than k people suppressed (null).",
    "reports_period_report": "A region's standing period report as one XLSX workbook: every indicator's total for "
                             "the period, perturbed as in its own report, with the definitions.",
    "transitions_list": "A page of transitions of the clients you may see, newest first; filter by kind, period, desk.",
    "vacancies_list": "A page of your region's vacancies, newest first.",
    "vacancies_create": "Posts a vacancy for an employer of your region.",
    "vacancies_retrieve": "The vacancy; the ETag header is the version for If-Match.",
    "vacancies_partial_update": "Changes the vacancy fields sent; needs If-Match with the ETag last read (412 if "
                                "stale).",
    "vacancies_changes_list": "A page of recorded changes to the vacancy, newest first.",
    "vacancies_proposals_list": "Candidates proposed for the vacancy whose client you may see.",
    "vacancies_proposals_create": "Proposes a client whose consent covers your desk and the vacancy's employer.",
    "vacancies_proposals_status_changes_create": "Invites, hires or rejects a candidate; a hire records the "
                                                 "placement on the client's case.",
    "vacancies_shortlist_list": "Clients you may see who fit the vacancy (sector, hours, level, place) and "
                                "consent to sharing with the employer.",
    "vacancies_status_changes_create": "Marks the vacancy filled, reopens it or closes it; an illegal move is a 409.",
    "webhook_deliveries_list": "Every event sent to your organisation's endpoints with each attempt; filter by "
                               "status, endpoint or referral.",
    "webhook_deliveries_retrieve": "One delivery: the event as sent (schema `WebhookEvent`) and every attempt.",
    "webhook_deliveries_redelivery_create": "Queues a delivered or failed delivery again, due now, with the same "
                                            "`webhook-id`; its retries start over. A pending one is a 409.",
    "webhooks_list": "Your organisation's active webhook endpoints.",
    "webhooks_create": "Registers an https endpoint; each referral status change of your organisation is POSTed "
                       "to it as a `WebhookEvent`, signed with the secret returned once here.",
    "webhooks_retrieve": "One of your organisation's webhook endpoints.",
    "webhooks_destroy": "Removes the endpoint: pending deliveries to it stop, the delivery log stays.",
    "clients_documents_list": "The documents kept with the client, newest first, each with its current version; "
                  "confidential ones only for whoever added them and the desk's team leads.",
    "clients_documents_create": "Adds a document (multipart/form-data: `file` and its metadata) to the client; the type is "
                    "read from the bytes; empty, unknown or path-named files are a 400, too large a 413.",
    "clients_consents_documents_list": "The documents kept with the consent (the signed form), newest first, each with its current version; "
                  "confidential ones only for whoever added them and the desk's team leads.",
    "clients_consents_documents_create": "Adds a document (multipart/form-data: `file` and its metadata) to the consent (the signed form); the type is "
                    "read from the bytes; empty, unknown or path-named files are a 400, too large a 413.",
    "cases_documents_list": "The documents kept with the case, newest first, each with its current version; "
                  "confidential ones only for whoever added them and the desk's team leads.",
    "cases_documents_create": "Adds a document (multipart/form-data: `file` and its metadata) to the case; the type is "
                    "read from the bytes; empty, unknown or path-named files are a 400, too large a 413.",
    "cases_outcomes_documents_list": "The documents kept with the outcome (e.g. the praktijkverklaring certificate), newest first, each with its current version; "
                  "confidential ones only for whoever added them and the desk's team leads.",
    "cases_outcomes_documents_create": "Adds a document (multipart/form-data: `file` and its metadata) to the outcome (e.g. the praktijkverklaring certificate); the type is "
                    "read from the bytes; empty, unknown or path-named files are a 400, too large a 413.",
    "referrals_documents_list": "The documents kept with the referral (the receiving desk reads them only while the referral's consent covers it), newest first, each with its current version; "
                  "confidential ones only for whoever added them and the desk's team leads.",
    "referrals_documents_create": "Adds a document (multipart/form-data: `file` and its metadata) to the referral (the receiving desk reads them only while the referral's consent covers it); the type is "
                    "read from the bytes; empty, unknown or path-named files are a 400, too large a 413.",
    "employers_documents_list": "The documents kept with the employer, newest first, each with its current version; "
                  "confidential ones only for whoever added them and the desk's team leads.",
    "employers_documents_create": "Adds a document (multipart/form-data: `file` and its metadata) to the employer; the type is "
                    "read from the bytes; empty, unknown or path-named files are a 400, too large a 413.",
    "vacancies_documents_list": "The documents kept with the vacancy, newest first, each with its current version; "
                  "confidential ones only for whoever added them and the desk's team leads.",
    "vacancies_documents_create": "Adds a document (multipart/form-data: `file` and its metadata) to the vacancy; the type is "
                    "read from the bytes; empty, unknown or path-named files are a 400, too large a 413.",
    "cases_outcomes_certificate_create": "Makes the praktijkverklaring certificate draft (PDF, from the outcome's "
                                         "crebo, work processes, learning company and school) and keeps it as a "
                                         "document of the outcome; 409 for another kind of outcome.",
    "documents_retrieve": "One document with every version (each downloadable at its `contentUrl`).",
    "documents_versions_create": "Uploads a new version of the document (multipart/form-data `file`); the earlier "
                                 "versions stay readable.",
    "documents_versions_content_retrieve": "The version's file, streamed as an attachment "
                                           "(`Content-Disposition: attachment`, `X-Content-Type-Options: nosniff`); "
                                           "logged in the processing log.",
    "documents_signature_request_create": "Marks the document as awaiting a signature by `dueOn` (or moves that "
                                          "day); a task reminds the case's owner or the desk when it comes near; "
                                          "409 once signed.",
    "documents_signature_create": "Records the document signed (`signedAt`, `signedBy`), optionally with the signed "
                                  "copy as `file`, kept as the next version; 409 when signed already or awaiting "
                                  "no signature.",
    "documents_deletion_create": "Deletes the document with a reason: nobody reads it any more and retention purges "
                                 "it after DOCUMENTS_PURGE_AFTER_DAYS; 409 if it was deleted already.",
    "tasks_list": "Your worklist: tasks assigned to you, your desks' unassigned tasks and, for a team lead, all "
                  "of the desk's tasks, soonest due first, with counts per status and overdue beside the page.",
    "tasks_create": "Makes a task about a client, case, referral or employer you may see, for yourself, a "
                    "counsellor of your desk or the desk's pool; due today or later.",
    "tasks_retrieve": "One task: what it is about (kind and id only), who holds it, when it is due.",
    "tasks_assignment_create": "A team lead gives the task to a counsellor of the desk or back to the pool; anyone "
                               "at the desk picks up an unassigned task. 409 if the holder may not see its record.",
    "tasks_status_changes_create": "Marks an open task done or cancelled; any other move is a 409.",
    "notifications_list": "Your notifications, newest first, with the unread count beside the page.",
    "notifications_retrieve": "One of your notifications; another person's is a 404.",
    "notifications_acknowledgement_create": "Marks your notification read.",
    "notification_preferences_retrieve": "Whether you get your notifications by e-mail at once, daily or never.",
    "notification_preferences_partial_update": "Chooses the e-mail digest (immediate, daily, never) and its "
                                               "language.",
    "appointments_list": "Appointments of the desks you work at, soonest first; filter by status, date or your own.",
    "appointments_create": "Plans an appointment of a counsellor of your desk with a client; overlapping another "
                           "of theirs is a 409 unless forced with a reason.",
    "appointments_retrieve": "One appointment with its time, kind and place.",
    "appointments_rescheduling_create": "Moves a planned appointment to another time, with the same overlap rule.",
    "appointments_status_changes_create": "Records that the appointment was held, that the client did not come, or "
                                          "cancels it.",
    "calendar_feed_create": "Makes a new secret address of your iCalendar feed (the previous one stops working).",
    "calendar_feed_destroy": "Revokes your calendar feed's address.",
    "calendar_feeds_retrieve": "The counsellor's appointments as iCalendar, at the secret address; titles name no "
                               "client.",
}

_UUID_A = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
_UUID_B = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
_UUID_C = "9b2d1c40-1f0e-4a55-8d3e-6a1c2b3d4e5f"

# One realistic body per operation with a request body (ids are placeholders: use your own). No
# `postcode` in them: the ADR 2.2 linter's `problem-invalid-input` matches any key under `paths`
# containing "post" (or get, put, patch, delete) and takes the example for an operation.
EXAMPLES = {
    "cases_services_create": {"serviceType": "training", "providerKind": "training_provider",
                              "trainingProvider": _UUID_A, "plannedStart": "2026-09-01", "plannedEnd": "2027-01-31",
                              "hours": 120, "courseName": "Logistiek medewerker", "courseLevel": "mbo 2",
                              "qualificationCode": "25498", "cost": 2450.00, "invoiceReference": "ROC-2026-0412",
                              "funding": [{"source": _UUID_B, "amount": 1450.00},
                                          {"source": _UUID_C, "amount": 1000.00}]},
    "cases_services_partial_update": {"plannedEnd": "2027-02-28", "hours": 140},
    "cases_services_status_changes_create": {"status": "completed", "date": "2027-01-31", "certificateObtained": True},
    "front_door_questions_create": {"channel": "walk_in", "topic": "training", "pseudonym": "Sam",
                                    "summary": "Wants to retrain as a teaching assistant; asked about funding.",
                                    "followUpNeeded": True, "followUpOn": "2026-06-15"},
    "front_door_questions_conversion_create": {"client": _UUID_A},
    "front_door_questions_registration_create": {"givenNames": "Sam", "namePrefix": "de", "surname": "Vries",
                                                 "birthDate": "1988-04-12", "city": "Utrecht"},
    "front_door_questions_partial_update": {"followUpNeeded": False, "referredToDesk": _UUID_B},
    "cases_services_refusal_create": {"reason": "Ask the sector training fund first."},
    "cases_create": {"client": _UUID_A, "programme": _UUID_B},
    "cases_agreements_create": {"what": "Update the CV", "who": "client", "dueOn": "2026-06-30"},
    "cases_agreements_completion_create": {"doneOn": "2026-06-12"},
    "cases_assignment_create": {"owner": _UUID_A},
    "cases_contacts_create": {"channel": "in_person", "kind": "intake", "summary": "Intake: wants work in care.",
                              "durationMinutes": 45, "followUpOn": "2026-06-15"},
    "cases_outcomes_create": {"kind": "praktijkverklaring", "date": "2026-05-20", "qualificationTitle":
                              "Helpende zorg en welzijn", "workProcesses": ["Biedt ondersteuning bij wonen"],
                              "learningCompany": "Zorggroep Utrecht", "school": "ROC Midden Nederland",
                              "sector": "zorg"},
    "cases_outcomes_follow_up_create": {"stillInWork": True, "recordedOn": "2026-09-01"},
    "cases_outcomes_instruments_create": {"instrument": "proefplaatsing", "startOn": "2026-05-01",
                                          "endOn": "2026-07-31", "intendedContractMonths": 12},
    "cases_outcomes_instruments_extension_create": {"endOn": "2026-10-31"},
    "cases_status_changes_create": {"status": "closed", "closingReason": "work",
                                    "reason": "Started at Zorggroep Utrecht"},
    "clients_create": {"givenNames": "Anna", "namePrefix": "van der", "surname": "Berg", "birthDate": "1990-05-17",
                       "houseNumber": 12, "city": "Utrecht", "phone": "+31 6 12345678",
                       "educationLevel": "mbo_2"},
    "clients__search_create": {"bsn": "111222333"},
    "clients_partial_update": {"phone": "+31 30 123 4567", "educationLevel": "mbo_3"},
    "clients_consents_create": {"purpose": "Trajectory and referral to partners", "legalBasis": "consent",
                                "evidence": "signed", "dataCategories": ["identity", "contact"],
                                "desks": [_UUID_A], "partnerOrganisations": [_UUID_B]},
    "clients_consents_withdrawal_create": {"reason": "The client withdrew by phone."},
    "clients_job_wish_update": {"sectors": ["zorg", "logistiek"], "minHours": 24, "maxHours": 32,
                                "availableFrom": "2026-07-01"},
    "clients_transitions_create": {"date": "2026-05-01", "fromPosition": "unemployed_with_benefit",
                                   "toPosition": "employed", "source": "employer", "contractType": "fixed_term",
                                   "hoursPerWeek": 32, "employerName": "Zorggroep Utrecht", "sector": "zorg",
                                   "occupation": "Helpende"},
    "employers_create": {"kvkNumber": "12345678", "tradeName": "Zorggroep Utrecht", "sector": "zorg",
                         "sizeClass": "large", "locations": [{"name": "Hoofdkantoor", "city": "Utrecht"}],
                         "contactPersons": [{"name": "P. de Wit", "role": "HR", "email": "hr@zorggroep.example"}]},
    "employers_partial_update": {"sizeClass": "medium"},
    "employers_contacts_create": {"kind": "visit", "summary": "Two vacancies for helpenden expected in June.",
                                  "contactPerson": "P. de Wit", "followUpOn": "2026-06-01"},
    "matching_events_create": {"name": "Banenmarkt zorg", "date": "2026-06-18", "place": "Utrecht, Jaarbeurs",
                               "sectors": ["zorg"], "employers": [_UUID_A]},
    "matching_events_employers_create": {"employer": _UUID_A},
    "matching_events_matches_create": {"registration": _UUID_A, "employer": _UUID_B, "kind": "conversation"},
    "matching_events_registrations_create": {"client": _UUID_A},
    "matching_events_registrations_attendance_create": {"attended": True},
    "referrals_create": {"client": _UUID_A, "toPartner": _UUID_B, "reason": "Needs debt counselling first",
                         "serviceRequested": "Debt counselling", "urgency": "soon", "warmHandover": True,
                         "plannedMeetingAt": "2026-06-10T10:00:00+02:00", "sharedCategories": ["identity", "contact"],
                         "consent": _UUID_C},
    "referrals_status_changes_create": {"status": "accepted", "note": "Intake planned next week."},
    "vacancies_create": {"employer": _UUID_A, "title": "Helpende zorg", "occupation": "Helpende", "sector": "zorg",
                         "hoursPerWeek": 24, "educationLevel": "mbo_2", "city": "Utrecht", "places": 2},
    "vacancies_partial_update": {"places": 3},
    "vacancies_proposals_create": {"client": _UUID_A, "note": "Finished the praktijkverklaring helpende."},
    "vacancies_proposals_status_changes_create": {"status": "hired", "date": "2026-06-01",
                                                  "contractType": "fixed_term", "hoursPerWeek": 24},
    "vacancies_status_changes_create": {"status": "filled"},
    "webhooks_create": {"url": "https://partner.example.nl/rwc/events", "description": "Referral updates"},
    "clients_documents_create": {"file": "(the file's bytes)", "title": "CV Sanne Visser", "kind": "cv",
                      "author": "Sanne Visser", "documentDate": "2026-03-02", "confidential": False,
                      "retentionClass": "with_record"},
    "clients_consents_documents_create": {"file": "(the file's bytes)", "title": "CV Sanne Visser", "kind": "cv",
                      "author": "Sanne Visser", "documentDate": "2026-03-02", "confidential": False,
                      "retentionClass": "with_record"},
    "cases_documents_create": {"file": "(the file's bytes)", "title": "CV Sanne Visser", "kind": "cv",
                      "author": "Sanne Visser", "documentDate": "2026-03-02", "confidential": False,
                      "retentionClass": "with_record"},
    "cases_outcomes_documents_create": {"file": "(the file's bytes)", "title": "CV Sanne Visser", "kind": "cv",
                      "author": "Sanne Visser", "documentDate": "2026-03-02", "confidential": False,
                      "retentionClass": "with_record"},
    "referrals_documents_create": {"file": "(the file's bytes)", "title": "CV Sanne Visser", "kind": "cv",
                      "author": "Sanne Visser", "documentDate": "2026-03-02", "confidential": False,
                      "retentionClass": "with_record"},
    "employers_documents_create": {"file": "(the file's bytes)", "title": "CV Sanne Visser", "kind": "cv",
                      "author": "Sanne Visser", "documentDate": "2026-03-02", "confidential": False,
                      "retentionClass": "with_record"},
    "vacancies_documents_create": {"file": "(the file's bytes)", "title": "CV Sanne Visser", "kind": "cv",
                      "author": "Sanne Visser", "documentDate": "2026-03-02", "confidential": False,
                      "retentionClass": "with_record"},
    "documents_versions_create": {"file": "(the file's bytes)"},
    "documents_signature_request_create": {"dueOn": "2026-06-30"},
    "documents_signature_create": {"file": "(the signed copy's bytes)"},
    "documents_deletion_create": {"reason": "Uploaded to the wrong client."},
    "tasks_create": {"subjectKind": "case", "subject": _UUID_A, "title": "Call about the CV", "dueOn": "2026-06-30",
                     "priority": "high", "assignee": _UUID_B},
    "tasks_assignment_create": {"assignee": _UUID_B},
    "tasks_status_changes_create": {"status": "done"},
    "notification_preferences_partial_update": {"digest": "immediate", "language": "nl"},
    "appointments_create": {"client": _UUID_A, "case": _UUID_B, "kind": "in_person", "place": "RWC Utrecht",
                            "startsAt": "2026-06-10T10:00:00+02:00", "endsAt": "2026-06-10T10:45:00+02:00"},
    "appointments_rescheduling_create": {"startsAt": "2026-06-11T14:00:00+02:00",
                                         "endsAt": "2026-06-11T14:45:00+02:00", "force": True,
                                         "reason": "Only time the interpreter is free"},
    "appointments_status_changes_create": {"status": "no_show"},
}


def apply_operation_docs(operation: dict) -> None:
    """The description and the request example of one operation, where this module has them."""
    op_id = operation.get("operationId")
    if op_id in DESCRIPTIONS:
        operation["description"] = DESCRIPTIONS[op_id]
    if op_id in EXAMPLES:
        for media in operation.get("requestBody", {}).get("content", {}).values():
            media["examples"] = {"typical": {"summary": "A typical request", "value": EXAMPLES[op_id]}}

