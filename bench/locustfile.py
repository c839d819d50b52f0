"""Locust load for one scenario (BENCH_SCENARIO) with the targets of bench_prepare (BENCH_TARGETS).

FastHttpUser (geventhttpclient): a fraction of the CPU of the requests-based HttpUser, so the load
generator takes less of the machine from the server it measures (bench.run reports its CPU use).
Closed loop without think time: each simulated caller sends its next request when the last one
answered, so the fixed number of callers is the concurrency.
"""
import itertools
import json
import os

from locust import constant, task
from locust.contrib.fasthttp import FastHttpUser
from locust.exception import StopUser

from bench.scenarios import SCENARIOS, auth_headers

TARGETS = json.loads(open(os.environ["BENCH_TARGETS"]).read())
NAME = os.environ["BENCH_SCENARIO"]
SCENARIO = SCENARIOS[NAME]
_next = itertools.count(1)  # 0 went to bench_prepare's query count


class Caller(FastHttpUser):
    wait_time = constant(0)

    @task
    def request(self):
        i = next(_next)
        if NAME == "accept_referral" and i >= len(TARGETS["referrals"]):
            raise StopUser()  # every referral of the pool answered: accepting one twice is a 409, not load
        method, url, body, token, headers = SCENARIO.request(TARGETS, i)
        headers = {**auth_headers(SCENARIO, TARGETS, token), **headers}
        if method == "GET":
            self.client.get(url, headers=headers, name=NAME)
        else:
            self.client.post(url, json=body, headers=headers, name=NAME)
