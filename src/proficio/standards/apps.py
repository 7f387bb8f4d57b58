from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "proficio.standards"
    label = "standards"
    verbose_name = "Standards and scales"
