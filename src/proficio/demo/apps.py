from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "proficio.demo"
    label = "demo"
    verbose_name = "Demo district"
