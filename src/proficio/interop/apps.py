from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "proficio.interop"
    label = "interop"
    verbose_name = "Imports and exports (CASE, OneRoster)"

    def ready(self) -> None:
        from proficio.interop import permissions  # noqa: F401  (registers the read rules: Model.objects.for_user)
