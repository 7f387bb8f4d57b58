from django.apps import AppConfig


class LearnersConfig(AppConfig):
    name = "proficio.learners"
    label = "learners"
    verbose_name = "Learner profiles and paths"

    def ready(self) -> None:
        from proficio.learners import permissions  # noqa: F401  (registers the read rules: Model.objects.for_user)
