from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "proficio.api"
    label = "api"
    verbose_name = "JSON API and personal access tokens"

    def ready(self) -> None:
        from proficio.api import tokens  # noqa: F401  (registers the read rules: Model.objects.for_user)
