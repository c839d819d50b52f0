"""Liveness and readiness for a load balancer or orchestrator (outside the versioned API).

`/health/live`: the process answers (no dependency is touched, so a database outage does not get
every app server restarted). `/health/ready`: the database and the cache answer, so traffic is
sent only to a server that can serve it; 503 otherwise, naming what failed.
"""
import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@require_GET
def live(request):
    return JsonResponse({"status": "live"})


@require_GET
def ready(request):
    checks = {"database": _check(_database), "cache": _check(_cache)}
    ok = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ready" if ok else "unavailable", "checks": checks}, status=200 if ok else 503)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    cache.set("rwc:health", "1", timeout=5)
    if cache.get("rwc:health") != "1":
        raise RuntimeError("the cache did not keep a value")


def _check(probe) -> str:
    try:
        probe()
        return "ok"
    except Exception as exc:  # a readiness probe reports, it does not crash
        logger.warning("Readiness check %s failed: %s", probe.__name__.strip("_"), type(exc).__name__)
        return "failed"
