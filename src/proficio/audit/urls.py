"""The audit trail (issue 7)."""

from django.urls import path

from proficio.audit import views

urlpatterns = [
    path("audit/", views.events, name="audit-events"),
    path("audit/my-scores/", views.my_scores, name="audit-my-scores"),
]
