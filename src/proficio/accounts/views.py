from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse


class ProficioLoginView(LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def home(request: HttpRequest) -> HttpResponse:
    return HttpResponse("todo")


def logout_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("todo")
