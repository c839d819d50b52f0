from django.urls import path

from .views import counsellor as c
from .views import desk as d
from .views import documents as doc
from .views import employers as emp
from .views import manager as m
from .views import privacy as p
from .views import questions as q
from .views import services as svc
from .views import worklist as wl

app_name = "web"

urlpatterns = [
    path("", c.home, name="home"),
    path("clients/", c.client_search, name="client-search"),
    path("clients/new", c.client_new, name="client-new"),
    path("clients/<uuid:client_id>/", c.client_page, name="client"),
    path("clients/<uuid:client_id>/edit", c.client_edit, name="client-edit"),
    path("clients/<uuid:client_id>/consents", c.consent_add, name="consent-add"),
    path("clients/<uuid:client_id>/consents/<uuid:consent_id>/withdrawal", c.consent_withdraw, name="consent-withdraw"),
    path("clients/<uuid:client_id>/cases", c.case_open, name="case-open"),
    path("clients/<uuid:client_id>/referrals", c.referral_new, name="referral-new"),
    path("cases/<uuid:case_id>/", c.case_page, name="case"),
    path("cases/<uuid:case_id>/status", c.case_move_view, name="case-move"),
    path("cases/<uuid:case_id>/contacts", c.contact_add, name="contact-add"),
    path("cases/<uuid:case_id>/agreements", c.agreement_new, name="agreement-add"),
    path("cases/<uuid:case_id>/agreements/<uuid:agreement_id>/done", c.agreement_complete, name="agreement-done"),
    path("cases/<uuid:case_id>/placements", c.placement_add, name="placement-add"),
    path("cases/<uuid:case_id>/outcomes", c.outcome_add, name="outcome-add"),
    path("cases/<uuid:case_id>/outcomes/<uuid:outcome_id>/follow-up", c.follow_up, name="follow-up"),
    path("referrals/", d.referral_list, name="referrals"),
    path("referrals/<uuid:referral_id>/", d.referral_page, name="referral"),
    path("referrals/<uuid:referral_id>/answer", d.referral_answer, name="referral-answer"),
    path("team/", d.team, name="team"),
    path("team/cases/<uuid:case_id>/owner", d.reassign, name="reassign"),
    path("employers/", emp.employers, name="employers"),
    path("employers/new", emp.employer_new, name="employer-new"),
    path("employers/events", emp.event_new, name="event-new"),
    path("employers/events/<uuid:event_id>/", emp.event_page, name="event"),
    path("employers/events/<uuid:event_id>/registrations", emp.event_registration_new, name="event-registration-new"),
    path("employers/events/<uuid:event_id>/registrations/<uuid:registration_id>/attendance", emp.event_attendance,
         name="event-attendance"),
    path("employers/events/<uuid:event_id>/matches", emp.event_match_new, name="event-match-new"),
    path("employers/<uuid:employer_id>/", emp.employer_page, name="employer"),
    path("employers/<uuid:employer_id>/edit", emp.employer_edit, name="employer-edit"),
    path("employers/<uuid:employer_id>/contacts", emp.employer_contact_add, name="employer-contact-add"),
    path("employers/<uuid:employer_id>/vacancies", emp.vacancy_new, name="vacancy-new"),
    path("vacancies/<uuid:vacancy_id>/", emp.vacancy_page, name="vacancy"),
    path("vacancies/<uuid:vacancy_id>/edit", emp.vacancy_edit, name="vacancy-edit"),
    path("vacancies/<uuid:vacancy_id>/status", emp.vacancy_move, name="vacancy-move"),
    path("vacancies/<uuid:vacancy_id>/proposals", emp.proposal_new, name="proposal-new"),
    path("vacancies/<uuid:vacancy_id>/proposals/<uuid:proposal_id>/status", emp.proposal_move,
         name="proposal-move"),
    path("questions/", q.questions, name="questions"),
    path("questions/new", q.question_new, name="question-new"),
    path("questions/<uuid:question_id>/client", q.question_link, name="question-link"),
    path("questions/<uuid:question_id>/edit", q.question_edit, name="question-edit"),
    path("questions/<uuid:question_id>/registration", q.question_registration, name="question-registration"),
    path("dashboard/", m.dashboard, name="dashboard"),
    path("dashboard/download.<str:fmt>", m.dashboard_download, name="dashboard-download"),
    path("privacy/log/", p.processing_log, name="processing-log"),
    path("privacy/clients/<uuid:client_id>/export", p.client_export, name="client-export"),
    path("privacy/retention/", p.retention, name="retention"),
    # the worklist: tasks, notifications, appointments, the calendar feed
    path("tasks/", wl.tasks, name="tasks"),
    path("tasks/<uuid:task_id>/status", wl.task_move, name="task-move"),
    path("tasks/<uuid:task_id>/assignee", wl.task_assign, name="task-assign"),
    path("clients/<uuid:client_id>/tasks", wl.client_task_add, name="client-task-add"),
    path("cases/<uuid:case_id>/tasks", wl.case_task_add, name="case-task-add"),
    path("notifications/", wl.notification_list, name="notifications"),
    path("notifications/preference", wl.notification_preference, name="notification-preference"),
    path("notifications/read", wl.notifications_read_all, name="notifications-read-all"),
    path("notifications/<uuid:notification_id>/read", wl.notification_read, name="notification-read"),
    path("appointments/", wl.appointment_list, name="appointments"),
    path("appointments/calendar-feed", wl.calendar_feed, name="calendar-feed"),
    path("appointments/<uuid:appointment_id>/reschedule", wl.appointment_reschedule, name="appointment-reschedule"),
    path("appointments/<uuid:appointment_id>/status", wl.appointment_move, name="appointment-move"),
    path("cases/<uuid:case_id>/appointments", wl.case_appointment_add, name="case-appointment-add"),
]

# documents on the client, case, referral, employer and vacancy pages, services on the case page, the team
# lead's approvals (web/views/documents.py, services.py)

urlpatterns += [
    path("clients/<uuid:client_id>/documents", doc.client_document_add, name="client-document-add"),
    path("cases/<uuid:case_id>/documents", doc.case_document_add, name="case-document-add"),
    path("referrals/<uuid:referral_id>/documents", doc.referral_document_add, name="referral-document-add"),
    path("employers/<uuid:employer_id>/documents", doc.employer_document_add, name="employer-document-add"),
    path("vacancies/<uuid:vacancy_id>/documents", doc.vacancy_document_add, name="vacancy-document-add"),
    path("documents/<uuid:document_id>/versions", doc.version_add, name="document-version-add"),
    path("documents/<uuid:document_id>/versions/<uuid:version_id>/content", doc.download, name="document-download"),
    path("documents/<uuid:document_id>/deletion", doc.document_delete, name="document-delete"),
    path("cases/<uuid:case_id>/services", svc.service_add, name="service-add"),
    path("cases/<uuid:case_id>/services/<uuid:service_id>/status", svc.service_move, name="service-move"),
    path("cases/<uuid:case_id>/services/<uuid:service_id>/funding", svc.service_funding, name="service-funding"),
    path("team/approvals/", svc.approvals, name="approvals"),
    path("team/approvals/<uuid:service_id>", svc.approve, name="approve"),
]
