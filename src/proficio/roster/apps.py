from django.apps import AppConfig


class RosterConfig(AppConfig):
    name = "proficio.roster"
    label = "roster"
    verbose_name = "Roster"
