"""The URL configuration the bench settings give (BENCHMARK_YARDSTICKS): the real one plus the yardsticks."""
from bench.yardsticks import urlpatterns as yardsticks
from rwc.urls import handler400, handler403, handler404, handler500, urlpatterns as real_patterns  # noqa: F401

urlpatterns = [*yardsticks, *real_patterns]
