from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "proficio.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from proficio.audit import (
            permissions,  # noqa: F401  (registers the read rules: Model.objects.for_user)
            signals,
        )

        signals.connect()
