from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "proficio.evidence"
    label = "evidence"
    verbose_name = "Evidence"

    def ready(self) -> None:
        from proficio.evidence import permissions  # noqa: F401  (registers the read rules: Model.objects.for_user)
