from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "proficio.privacy"
    label = "privacy"
    verbose_name = "Privacy tools"

    def ready(self) -> None:
        from proficio.privacy import permissions  # noqa: F401  (registers the read rules: Model.objects.for_user)
