from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "proficio.standards"
    label = "standards"
    verbose_name = "Standards and scales"

    def ready(self) -> None:
        from proficio.standards import (
            permissions,  # noqa: F401  (registers the read rules: Model.objects.for_user)
            signals,  # noqa: F401  (connects the receivers)
        )
