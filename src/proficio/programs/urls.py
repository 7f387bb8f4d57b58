from django.urls import path

from proficio.programs import grid_views

urlpatterns = [
    path("programs/schools/<int:school_id>/grid/", grid_views.school_grid, name="programs-school-grid"),
]
