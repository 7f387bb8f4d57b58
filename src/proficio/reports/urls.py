from django.urls import path

from proficio.reports import views

urlpatterns = [
    path("students/<int:student_id>/reports/", views.student_reports, name="reports-student"),
    path("students/<int:student_id>/reports/issue/", views.issue_report, name="reports-issue"),
    path("students/<int:student_id>/reports/<int:document_id>.pdf", views.download_report, name="reports-download"),
    path("sections/<int:section_id>/report-comments/", views.section_comments, name="reports-section-comments"),
    path("schools/<int:school_id>/reports/", views.school_batch, name="reports-school"),
    path("reports/jobs/<str:token>/", views.job, name="reports-job"),
    path("reports/jobs/<str:token>/status/", views.job_status, name="reports-job-status"),
]
