from django.apps import AppConfig


class ProficiencyConfig(AppConfig):
    name = "proficio.proficiency"
    label = "proficiency"
    verbose_name = "Proficiency results"

    def ready(self) -> None:
        from proficio.proficiency import (
            permissions,  # noqa: F401  (registers the read rules: Model.objects.for_user)
            signals,  # noqa: F401  (connects the receivers)
        )
