"""The CASE 1.1 read API, included at the site root so its paths are the specification's own."""

from django.urls import path

from proficio.interop.case import views

app_name = "case"

urlpatterns = [
    path("ims/case/v1p1/CFDocuments", views.documents, name="documents"),
    path("ims/case/v1p1/CFDocuments/<str:identifier>", views.document, name="document"),
    path("ims/case/v1p1/CFPackages/<str:identifier>", views.package, name="package"),
    path("ims/case/v1p1/CFItems/<str:identifier>", views.item, name="item"),
]
