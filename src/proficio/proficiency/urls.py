from django.urls import path

from proficio.proficiency import views

urlpatterns = [
    path("sections/<int:section_id>/gradebook/", views.gradebook, name="gradebook"),
    path(
        "sections/<int:section_id>/work-habits/",
        views.gradebook,
        {"work_habits": True},
        name="work-habits-gradebook",
    ),
    path(
        "sections/<int:section_id>/students/<int:student_id>/indicators/<int:indicator_id>/",
        views.cell,
        name="gradebook-cell",
    ),
]
