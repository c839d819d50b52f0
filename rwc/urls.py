from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from oauth2_provider import views as oauth2_views

from accounts.views import admin_login
from api.lockout import TokenView
from rwc import health

urlpatterns = [
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.ready, name="health-ready"),
    path("signin/", include("accounts.urls")),
    path("admin/login/", admin_login),  # the admin signs in at /signin/ (with the second factor)
    path("admin/", admin.site.urls),
    path("oauth/authorize", oauth2_views.AuthorizationView.as_view(), name="oauth2-authorize"),  # web client (PKCE)
    path("oauth/token", TokenView.as_view(), name="oauth2-token"),  # with sign-in lock-out
    path("oauth/revoke-token", oauth2_views.RevokeTokenView.as_view(), name="oauth2-revoke-token"),
    path("api/v1/", include(("api.urls", "api"), namespace="v1")),
    path("i18n/", include("django.conf.urls.i18n")),  # the language switch of the web client (set_language)
    path("", include("web.urls")),  # the web client (README "Web client")
]

if getattr(settings, "BENCHMARK_YARDSTICKS", False):  # benchmarks only: plain DRF views (bench/yardsticks.py)
    from bench.yardsticks import urlpatterns as yardsticks

    urlpatterns = [*yardsticks, *urlpatterns]

handler400 = "api.problems.bad_request"
handler403 = "api.problems.permission_denied"
handler404 = "api.problems.not_found"
handler500 = "api.problems.server_error"
