"""The URL configuration the bench settings give (BENCHMARK_YARDSTICKS): the real one plus the yardsticks."""
from bench.yardsticks import urlpatterns as yardsticks
from rwc.urls import handler400, handler403, handler404, handler500  # noqa: F401
from rwc.urls import urlpatterns as real_patterns

urlpatterns = [*yardsticks, *real_patterns]
