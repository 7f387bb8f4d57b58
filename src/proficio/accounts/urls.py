from django.urls import path

from proficio.accounts import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.ProficioLoginView.as_view(), name="login"),
    path("logout/", views.ProficioLogoutView.as_view(), name="logout"),
]
