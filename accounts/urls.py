from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.signin_page, name="signin"),
    path("verify", views.verify_page, name="verify"),
    path("enrol", views.enrol_page, name="enrol"),
    path("out", views.signout_page, name="signout"),
    path("oidc/start", views.oidc_start, name="oidc-start"),
    path("oidc/callback", views.oidc_callback, name="oidc-callback"),
]
