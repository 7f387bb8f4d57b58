from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "proficio.evidence"
    label = "evidence"
    verbose_name = "Evidence"
