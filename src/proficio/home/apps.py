from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "proficio.home"
    label = "home"
    verbose_name = "Home page"
