from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "proficio.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"
