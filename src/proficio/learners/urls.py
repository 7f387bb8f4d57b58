from django.urls import path

from proficio.learners import views

urlpatterns = [
    path("students/<int:student_id>/profile/", views.profile, name="learner-profile"),
    path("students/<int:student_id>/profile/accommodations/", views.accommodations, name="learner-accommodations"),
    path("students/<int:student_id>/profile/comments/", views.comment, name="learner-comment"),
    path("students/<int:student_id>/goals/", views.goals, name="learner-goals"),
    path("students/<int:student_id>/goals/checkpoints/", views.goal_checkpoint, name="learner-goal-checkpoint"),
    path("students/<int:student_id>/goals/reflections/", views.goal_reflection, name="learner-goal-reflection"),
    path("students/<int:student_id>/goals/reviews/", views.goal_review, name="learner-goal-review"),
    path("students/<int:student_id>/requests/", views.request_assessment, name="learner-request"),
    path("sections/<int:section_id>/path/", views.learning_path, name="learning-path"),
    path("sections/<int:section_id>/path/steps/", views.path_step, name="learning-path-step"),
    path("sections/<int:section_id>/path/options/", views.path_option, name="learning-path-option"),
    path("sections/<int:section_id>/requests/", views.section_requests, name="section-requests"),
]
