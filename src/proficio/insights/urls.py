from django.urls import path

from proficio.insights import views

urlpatterns = [
    path("insights/", views.index, name="insights"),
    path("insights/schools/<int:school_id>/", views.school, name="insights-school"),
    path("insights/schools/<int:school_id>/readiness.csv", views.readiness_csv, name="insights-readiness-csv"),
    path("insights/schools/<int:school_id>/at-risk.csv", views.at_risk_csv, name="insights-at-risk-csv"),
    path("insights/schools/<int:school_id>/outcomes/", views.outcomes_page, name="insights-outcomes"),
    path("insights/schools/<int:school_id>/consistency/", views.consistency_page, name="insights-consistency"),
    path("insights/my-grading/", views.my_grading, name="insights-my-grading"),
    path("insights/schools/<int:school_id>/flags/", views.flags_page, name="insights-flags"),
]
