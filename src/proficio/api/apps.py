from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "proficio.api"
    label = "api"
    verbose_name = "JSON API and personal access tokens"
