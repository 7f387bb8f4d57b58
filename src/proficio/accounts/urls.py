from django.urls import path

from proficio.accounts import views
from proficio.accounts.two_factor import views as two_factor

urlpatterns = [
    path("login/", views.ProficioLoginView.as_view(), name="login"),
    path("login/code/", two_factor.verify, name="login_code"),
    path("logout/", views.ProficioLogoutView.as_view(), name="logout"),
    path("account/two-factor/", two_factor.setup, name="two_factor"),
    path("account/two-factor/qr.svg", two_factor.qr_code, name="two_factor_qr"),
]
