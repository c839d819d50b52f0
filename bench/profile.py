"""Profile requests of one scenario in-process with pyinstrument (pinned in the bench extra).

    python -m bench.profile client_detail [--requests 100] [--database-url URL]

Runs after `make bench` (it reads the callers and records bench_prepare chose, var/bench/targets.json),
under the bench settings, and prints the call tree of `--requests` requests of the scenario (after
five to warm up) and the CPU milliseconds a request took.
"""
import argparse
import json
import os
import sys
import time
from pathlib import Path

from bench.run import ROOT, environment


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("scenario")
    p.add_argument("--requests", type=int, default=100)
    p.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL",
                                                            "postgres://postgres@127.0.0.1:5432/rwc_gen"))
    args = p.parse_args()
    os.environ.update(environment(args.database_url))  # the bench settings, as under make bench
    import django

    django.setup()
    from django.test import Client
    from pyinstrument import Profiler

    from bench.scenarios import SCENARIOS

    targets = json.loads((ROOT / "var" / "bench" / "targets.json").read_text())
    scenario = SCENARIOS[args.scenario]
    http = Client()

    def send(i):
        method, url, body, token, headers = scenario.request(targets, i)
        extra = {"HTTP_AUTHORIZATION": f"Bearer {targets[token]}",
                 **{f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}}
        if method == "GET":
            return http.get(url, **extra)
        return http.post(url, data=json.dumps(body), content_type="application/json", **extra)

    for i in range(5):
        send(i)
    response = send(5)
    if response.status_code >= 400:
        raise SystemExit(f"{args.scenario} answers {response.status_code}: {response.content[:300]!r}")
    profiler = Profiler(interval=0.0005)
    cpu = time.process_time()
    profiler.start()
    for i in range(6, 6 + args.requests):
        send(i)
    profiler.stop()
    cpu = (time.process_time() - cpu) * 1000 / args.requests
    print(profiler.output_text(unicode=False, color=False))
    print(f"{args.scenario}: {cpu:.1f} ms CPU a request (in-process, profiler included); the queries a "
          "request makes are in the bench results")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
