from django.urls import path

from proficio.privacy import views

urlpatterns = [
    path("students/<int:student_id>/export.json", views.export_student, name="student-export"),
    path("students/<int:student_id>/export.pdf", views.export_student_pdf, name="student-export-pdf"),
]
