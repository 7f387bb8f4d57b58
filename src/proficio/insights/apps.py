from django.apps import AppConfig


class InsightsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "proficio.insights"
    verbose_name = "Insights"

    def ready(self) -> None:
        from proficio.insights import permissions  # noqa: F401  (registers the read rule: Model.objects.for_user)
