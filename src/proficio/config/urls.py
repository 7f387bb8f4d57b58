from django.contrib import admin
from django.urls import include, path

from proficio.api.site import api

admin.site.site_header = "proficio administration"
admin.site.site_title = "proficio admin"
admin.site.index_title = "Data"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("proficio.home.urls")),
    path("", include("proficio.accounts.urls")),
    path("", include("proficio.proficiency.urls")),
    path("", include("proficio.evidence.urls")),
    path("", include("proficio.interop.urls")),
    path("", include("proficio.audit.urls")),
    path("", include("proficio.api.urls")),
    path("", include("proficio.privacy.urls")),
    path("", include("proficio.progress.urls")),
    path("", include("proficio.learners.urls")),
    path("", include("proficio.reports.urls")),
    path("", include("proficio.insights.urls")),
    path("", include("proficio.programs.urls")),
]
