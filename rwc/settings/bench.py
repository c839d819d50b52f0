"""Benchmarks (`make bench`): the production settings on loopback, plus the yardstick views.

Only the differences a load test on 127.0.0.1 needs: plain http (no TLS in front), rate limits out
of the way, and `BENCHMARK_YARDSTICKS` for the yardstick routes (bench/yardsticks.py). The secrets come from the
environment as in production; bench/run.py makes throw-away ones.
"""
from .production import *  # noqa: F401,F403
from .production import REST_FRAMEWORK

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
BENCHMARK_YARDSTICKS = True
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {k: "1000000/min" for k in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]}}
