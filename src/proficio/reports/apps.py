from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "proficio.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from proficio.reports import permissions  # noqa: F401  (registers the read rules: Model.objects.for_user)
