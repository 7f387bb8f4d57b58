from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "proficio.standards"
    label = "standards"
    verbose_name = "Standards and scales"

    def ready(self) -> None:
        from proficio.standards import signals  # noqa: F401  (connects the receivers)
