from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "proficio.interop"
    label = "interop"
    verbose_name = "Imports and exports (CASE, OneRoster)"
