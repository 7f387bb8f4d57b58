from django.urls import path

from proficio.insights import cycle_views, growth_views, outcome_views, plan_views, strategy_views, views

urlpatterns = [
    path("insights/", views.index, name="insights"),
    path("insights/schools/<int:school_id>/", views.school, name="insights-school"),
    path("insights/schools/<int:school_id>/readiness.csv", views.readiness_csv, name="insights-readiness-csv"),
    path("insights/schools/<int:school_id>/at-risk.csv", views.at_risk_csv, name="insights-at-risk-csv"),
    path("insights/schools/<int:school_id>/growth/", growth_views.growth_page, name="insights-growth"),
    path("insights/schools/<int:school_id>/growth.csv", growth_views.growth_csv, name="insights-growth-csv"),
    path("insights/schools/<int:school_id>/outcomes/", outcome_views.outcomes_page, name="insights-outcomes"),
    path("insights/schools/<int:school_id>/consistency/", views.consistency_page, name="insights-consistency"),
    path("insights/schools/<int:school_id>/students/", views.students_page, name="insights-students"),
    path("insights/schools/<int:school_id>/students.csv", views.students_csv, name="insights-students-csv"),
    path("insights/my-grading/", views.my_grading, name="insights-my-grading"),
    path("insights/schools/<int:school_id>/flags/", plan_views.flags_page, name="insights-flags"),
    path("insights/schools/<int:school_id>/plans/", plan_views.school_plans, name="insights-plans"),
    path("insights/my-students/", plan_views.my_students, name="insights-my-students"),
    path("insights/students/<int:student_id>/plans/new/", plan_views.new_plan, name="insights-plan-new"),
    path("insights/plans/<int:plan_id>/", plan_views.plan_page, name="insights-plan"),
    path("insights/plans/<int:plan_id>/notes/", plan_views.plan_note, name="insights-plan-note"),
    path("insights/plans/<int:plan_id>/end/", plan_views.plan_end, name="insights-plan-end"),
    path("insights/schools/<int:school_id>/cycles/", cycle_views.school_cycles, name="insights-cycles"),
    path("insights/cycles/<int:cycle_id>/", cycle_views.cycle_page, name="insights-cycle"),
    path("insights/strategies/", strategy_views.library, name="insights-strategies"),
]
