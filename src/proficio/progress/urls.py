from django.urls import path

from proficio.progress import views

urlpatterns = [
    path("students/<int:student_id>/progress/", views.student_progress, name="student-progress"),
    path("family/", views.family, name="family"),
    path("account/language/", views.set_language, name="set-language"),
]
