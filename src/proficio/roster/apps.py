from django.apps import AppConfig


class RosterConfig(AppConfig):
    name = "proficio.roster"
    label = "roster"
    verbose_name = "Roster"

    def ready(self) -> None:
        from proficio.roster import permissions  # noqa: F401  (registers the read rules: Model.objects.for_user)
