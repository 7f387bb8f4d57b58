from django.apps import AppConfig


class ProficiencyConfig(AppConfig):
    name = "proficio.proficiency"
    label = "proficiency"
    verbose_name = "Proficiency results"

    def ready(self) -> None:
        from proficio.proficiency import signals  # noqa: F401  (connects the receivers)
