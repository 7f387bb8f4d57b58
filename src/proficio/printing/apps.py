from django.apps import AppConfig


class PrintingConfig(AppConfig):
    name = "proficio.printing"
    label = "printing"
    verbose_name = "Printing"
