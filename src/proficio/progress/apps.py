from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "proficio.progress"
    label = "progress"
    verbose_name = "Student progress and family view"
