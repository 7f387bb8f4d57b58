from django.urls import include, path

from proficio.interop import views

urlpatterns = [
    path("interop/", views.index, name="interop"),
    path("interop/case/", views.upload_case, name="interop-upload-case"),
    path("interop/oneroster/", views.upload_oneroster, name="interop-upload-oneroster"),
    path("interop/jobs/<str:token>/", views.job, name="interop-job"),
    path("interop/jobs/<str:token>/status/", views.job_status, name="interop-job-status"),
    path("interop/jobs/<str:token>/import/", views.job_commit, name="interop-job-commit"),
    path("interop/imports/<int:record_id>/", views.record, name="interop-record"),
    path(
        "interop/districts/<int:district_id>/oneroster-gradebook.zip",
        views.export_gradebook,
        name="interop-export-gradebook",
    ),
    path("", include("proficio.interop.case.urls")),
]
