from django.urls import path

from proficio.evidence import views

urlpatterns = [
    path("sections/<int:section_id>/assessments/new/", views.new_assessment, name="new-assessment"),
    path("sections/<int:section_id>/work-habits/check/", views.work_habits_check, name="work-habits-check"),
    path("sections/<int:section_id>/retake-candidates/", views.retake_candidates, name="retake-candidates"),
    path("assessments/<int:assessment_id>/edit/", views.edit_assessment, name="edit-assessment"),
    path("assessments/<int:assessment_id>/score/", views.score_assessment, name="score-assessment"),
    path("assessments/<int:assessment_id>/scores/", views.save_score, name="save-score"),
    path("assessments/<int:assessment_id>/not-assessed/", views.mark_not_assessed, name="mark-not-assessed"),
]
