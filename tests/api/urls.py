"""The site's URLs, plus the tokens page until the project's URL configuration includes ``proficio.api.urls``."""

from django.urls import include, path

from proficio.config.urls import urlpatterns as site_urlpatterns

urlpatterns = [*site_urlpatterns, path("", include("proficio.api.urls"))]
