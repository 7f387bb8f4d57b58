from django.urls import path

from proficio.api import views

urlpatterns = [
    path("account/tokens/", views.token_list, name="api-tokens"),
    path("account/tokens/<int:token_id>/revoke/", views.revoke, name="api-token-revoke"),
]
