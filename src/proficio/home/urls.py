from django.urls import path

from proficio.home import views

urlpatterns = [
    path("", views.home, name="home"),
]
