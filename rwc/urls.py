from django.contrib import admin
from django.urls import include, path
from oauth2_provider import views as oauth2_views

from api.lockout import TokenView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("oauth/token", TokenView.as_view(), name="oauth2-token"),  # with sign-in lock-out
    path("oauth/revoke-token", oauth2_views.RevokeTokenView.as_view(), name="oauth2-revoke-token"),
    path("api/v1/", include(("api.urls", "api"), namespace="v1")),
]

handler400 = "api.problems.bad_request"
handler403 = "api.problems.permission_denied"
handler404 = "api.problems.not_found"
handler500 = "api.problems.server_error"
