"""Resilience runs: faults under load, a webhook receiver that goes away, and a soak. Scripted,
bounded in time, traffic to 127.0.0.1 only; the service is gunicorn with the production settings
(as `make bench`) on a generated data set.

    python -m bench.resilience faults    [--database-url URL]
    python -m bench.resilience webhooks  [--down 300]
    python -m bench.resilience soak      [--minutes 10]

faults    writes contacts (each with a marker) and reads clients at a steady pace; kills a gunicorn
          worker with SIGKILL, then restarts PostgreSQL (--pg-restart). Afterwards: every contact the
          service answered 201 for is stored, every stored one is whole (its timeline event and its
          history row, written in the same transaction), and how long the service took to answer
          again by itself.
webhooks  withdraws referrals sent to a partner while its receiver is up, down for --down seconds,
          and up again, with the delivery worker running; then waits until every event is received.
engine    2,000 referral events to three webhook endpoints (one slow, one down for a while) with
          two Celery workers and beat on Redis; the healthy endpoint's p95 delivery delay (bench/engine.py).
soak      measures capacity with a closed loop of the read/write mix, then runs at 80% of it for
          --minutes, sampling the app's memory (RSS of gunicorn's processes) every 10 s.

Each writes bench/results/resilience-<scenario>.json and .md.
"""
import argparse
import http.client
import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

from bench.run import PORT, PY, ROOT, dataset_size, environment, start_gunicorn, stop
from bench.scenarios import SCENARIOS

RESULTS = ROOT / "bench" / "results"
WORK = ROOT / "var" / "bench"
RECEIVER_PORT = 8002
MIX = ["caseload", "client_detail", "client_timeline", "log_contact", "record_transition"]


class Load:
    """`callers` threads sending requests over keep-alive connections until stopped; every answer is
    kept as (time, scenario, status, latency ms, body or None). With `rate`, the callers together
    send about that many requests a second (an open pace); without, each sends its next request as
    soon as the last one answered."""

    def __init__(self, targets: dict, scenarios: list[str], callers: int, rate: float | None = None,
                 body_for=None, keep_bodies: bool = False, retry_key: str | None = None):
        self.targets, self.scenarios, self.callers, self.rate = targets, scenarios, callers, rate
        self.body_for, self.keep_bodies, self.retry_key = body_for, keep_bodies, retry_key
        self.answers, self.stopping, self.lock = [], threading.Event(), threading.Lock()
        self._sample = iter(range(1, 10**9))
        self.threads = [threading.Thread(target=self._caller, daemon=True) for _ in range(callers)]

    def start(self):
        for t in self.threads:
            t.start()
        return self

    def stop(self):
        self.stopping.set()
        for t in self.threads:
            t.join(timeout=30)

    def _caller(self):
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=15)
        interval = self.callers / self.rate if self.rate else 0
        next_at = time.monotonic()
        while not self.stopping.is_set():
            with self.lock:
                i = next(self._sample)
            name = self.scenarios[i % len(self.scenarios)]
            method, url, body, token, headers = SCENARIOS[name].request(self.targets, i)
            if self.body_for and body is not None:
                body = self.body_for(name, body, i)
            headers = {"Authorization": f"Bearer {self.targets[token]}", "Content-Type": "application/json", **headers}
            retries = self.retry_key and method == "POST"
            if retries:
                headers["Idempotency-Key"] = f"{self.retry_key}-{i}"
            for attempt in range(6 if retries else 1):
                started = time.monotonic()
                status, text = None, None
                try:
                    conn.request(method, url, body=json.dumps(body) if body is not None else None, headers=headers)
                    response = conn.getresponse()
                    status, raw = response.status, response.read()
                    text = raw.decode() if self.keep_bodies and method == "POST" else None
                except (OSError, http.client.HTTPException):
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=15)
                with self.lock:
                    self.answers.append((time.time(), name, status, (time.monotonic() - started) * 1000, text))
                if status is not None and status < 500:
                    break
                time.sleep(0.5 * (attempt + 1))  # again with the same Idempotency-Key, as a partner would
            if interval:
                next_at += interval
                time.sleep(max(0.0, next_at - time.monotonic()))
        conn.close()


def _shell(env, code: str) -> dict:
    out = subprocess.run([PY, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _prepare(env, referrals: int = 10) -> dict:
    path = WORK / "targets.json"
    subprocess.run([PY, "manage.py", "bench_prepare", "--out", str(path), "--referrals", str(referrals)],
                   cwd=ROOT, env=env, check=True)
    return json.loads(path.read_text())


def _workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(c) for c in children]


def _rss_mb(master: int) -> float:
    total = 0
    for pid in [master, *_workers(master)]:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return round(total / 1024, 1)


def _summary(answers, since=None, until=None) -> dict:
    picked = [a for a in answers if (since is None or a[0] >= since) and (until is None or a[0] < until)]
    ok = [a for a in picked if a[2] is not None and a[2] < 400]
    latencies = sorted(a[3] for a in ok)
    pct = (lambda q: round(latencies[min(len(latencies) - 1, int(q * len(latencies)))], 1) if latencies else None)
    span = (picked[-1][0] - picked[0][0]) if len(picked) > 1 else 0
    return {"requests": len(picked), "errors": len(picked) - len(ok), "rps": round(len(picked) / span, 1) if span else 0,
            "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99),
            "statuses": {str(s): sum(1 for a in picked if a[2] == s) for s in sorted({a[2] for a in picked}, key=str)}}


# --- faults ---------------------------------------------------------------------------------------


def faults(args, env) -> dict:
    targets = _prepare(env)
    run = uuid.uuid4().hex[:8]
    marker = f"resilience-{run}"

    def mark(name, body, i):
        return {**body, "summary": f"{marker}-{i}"} if name == "log_contact" else body

    server = start_gunicorn(env, args.workers, WORK)
    events = {}
    try:
        load = Load(targets, ["log_contact", "client_detail"], callers=4, rate=40, body_for=mark,
                    keep_bodies=True, retry_key=marker).start()
        time.sleep(15)
        victim = _workers(server.pid)[0]
        events["worker_killed"] = time.time()
        os.kill(victim, signal.SIGKILL)
        time.sleep(20)
        events["postgres_restart"] = time.time()
        subprocess.run(args.pg_restart, shell=True, check=True)
        events["postgres_back"] = time.time()
        time.sleep(25)
        load.stop()
        workers_after = len(_workers(server.pid))
    finally:
        stop(server)
    answers = load.answers
    acknowledged = {json.loads(text)["id"] for _, name, status, _, text in answers
                    if name == "log_contact" and status == 201}
    stored = _shell(env, (
        "import json; from cases.models import ContactMoment; from clients.models import ClientEvent; "
        "from django.apps import apps; Change = apps.get_model('cases', 'ContactMomentChange'); "
        f"cs = list(ContactMoment.objects.filter(summary__startswith='{marker}-').values_list('id', 'uuid')); "
        "ids = [c[0] for c in cs]; uuids = [c[1] for c in cs]; "
        "ev = set(ClientEvent.objects.filter(subject_id__in=uuids, kind='contact_recorded').values_list('subject_id', flat=True)); "
        "hi = set(Change.objects.filter(pgh_obj_id__in=ids, pgh_label='insert').values_list('pgh_obj_id', flat=True)); "
        "print(json.dumps({'uuids': [str(u) for u in uuids], "
        "'duplicated': len(cs) - len(set(ContactMoment.objects.filter(id__in=ids).values_list('summary', flat=True))), "
        "'without_event': len([u for u in uuids if u not in ev]), "
        "'without_history': len([i for i in ids if i not in hi])}))"))
    stored_ids = set(stored["uuids"])
    after_restart = [a for a in answers if a[0] >= events["postgres_restart"]]
    first_ok = next((a[0] for a in after_restart if a[0] >= events["postgres_back"] and a[2] is not None
                     and a[2] < 400), None)
    last_error = max((a[0] for a in after_restart if a[2] is None or a[2] >= 500), default=None)
    after_kill = [a for a in answers if events["worker_killed"] <= a[0] < events["postgres_restart"]]
    result = {
        "load": "4 callers paced at up to 40 requests/s: half contacts written (marked), half client reads; a write "
                "that got no answer or a 5xx is retried with its Idempotency-Key, as a partner system would",
        "before_faults": _summary(answers, until=events["worker_killed"]),
        "after_worker_kill": _summary(after_kill),
        "gunicorn_workers_after": workers_after,
        "postgres_restart_seconds": round(events["postgres_back"] - events["postgres_restart"], 1),
        "errors_after_postgres_restart": sum(1 for a in after_restart if a[2] is None or a[2] >= 500),
        "first_answer_after_postgres_is_back_s": round(first_ok - events["postgres_back"], 2) if first_ok else None,
        "last_error_after_restart_began_s": round(last_error - events["postgres_restart"], 1) if last_error else 0,
        "after_recovery": _summary(answers, since=(last_error or events["postgres_back"]) + 0.001),
        "contacts_acknowledged": len(acknowledged),
        "contacts_stored": len(stored_ids),
        "acknowledged_but_lost": len(acknowledged - stored_ids),
        "stored_without_answer": len(stored_ids - acknowledged),
        "stored_twice_despite_the_key": stored["duplicated"],
        "stored_without_timeline_event": stored["without_event"],
        "stored_without_history_row": stored["without_history"],
    }
    result["passed"] = (result["acknowledged_but_lost"] == 0 and stored["without_event"] == 0
                        and stored["duplicated"] == 0
                        and stored["without_history"] == 0 and result["after_recovery"]["errors"] == 0
                        and workers_after == args.workers and first_ok is not None)
    return result


# --- webhooks -------------------------------------------------------------------------------------


class _Receiver:
    """A webhook receiver on 127.0.0.1 that notes each event id it is given (and answers 204)."""

    def __init__(self):
        self.received, self.server, self.lock = [], None, threading.Lock()

    def up(self):
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with outer.lock:
                    outer.received.append((time.time(), json.loads(body)["id"]))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *a):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", RECEIVER_PORT), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def down(self):
        self.server.shutdown()
        self.server.server_close()


def webhooks(args, env) -> dict:
    env = {**env, "WEBHOOK_ALLOW_INSECURE": "true"}
    prep = WORK / "webhooks.json"
    subprocess.run([PY, "manage.py", "resilience_prepare", "--out", str(prep), "--referrals", str(args.referrals),
                    "--webhook-url", f"http://127.0.0.1:{RECEIVER_PORT}/hook"], cwd=ROOT, env=env, check=True)
    plan = json.loads(prep.read_text())
    receiver = _Receiver()
    receiver.up()
    server = start_gunicorn(env, args.workers, WORK)
    worker = subprocess.Popen([PY, "-m", "celery", "-A", "rwc", "worker", "--beat", "--schedule",
                               str(WORK / "celerybeat-schedule")], cwd=ROOT, env=env, start_new_session=True,
                              stdout=open(WORK / "worker.log", "w"), stderr=subprocess.STDOUT)
    referrals = plan["referrals"]
    third = len(referrals) // 3
    answers, marks = [], {}

    def withdraw(batch):
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=15)
        for ref in batch:
            conn.request("POST", f"/api/v1/referrals/{ref}/status-changes",
                         body=json.dumps({"status": "withdrawn", "note": "Resilience run"}),
                         headers={"Authorization": f"Bearer {plan['token']}", "Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            answers.append(response.status)
            time.sleep(0.5)
        conn.close()

    try:
        withdraw(referrals[:third])
        time.sleep(5)
        marks["down"] = time.time()
        receiver.down()
        withdraw(referrals[third:2 * third])
        time.sleep(max(0.0, args.down - (time.time() - marks["down"])))
        receiver.up()
        marks["up"] = time.time()
        withdraw(referrals[2 * third:])
        expected = set(_shell(env, (
            "import json; from referrals.models import WebhookDelivery; "
            f"print(json.dumps({{'ids': [str(u) for u in WebhookDelivery.objects.filter(endpoint__uuid='{plan['endpoint']}')"
            ".values_list('event__uuid', flat=True)]}))"))["ids"])
        deadline = time.time() + args.wait
        while time.time() < deadline and not expected <= {r[1] for r in receiver.received}:
            time.sleep(2)
        marks["all_in"] = time.time()
    finally:
        stop(worker)
        stop(server)
        receiver.down()
    received = [r[1] for r in receiver.received]
    missing = expected - set(received)
    result = {
        "referrals_withdrawn": sum(1 for s in answers if s == 200),
        "withdrawal_errors": {str(s): answers.count(s) for s in set(answers) if s != 200},
        "receiver_down_s": round(marks["up"] - marks["down"], 1), "events_expected": len(expected),
        "events_received": len(set(received) & expected), "missing": len(missing),
        "received_more_than_once": len(received) - len(set(received)),
        "all_delivered_after_return_s": round(marks["all_in"] - marks["up"], 1) if not missing else None,
        "delivery": "at least once, exponential back-off from 30 s (referrals.delivery)",
    }
    result["passed"] = not missing and not result["withdrawal_errors"]
    return result


# --- soak -----------------------------------------------------------------------------------------


def soak(args, env) -> dict:
    targets = _prepare(env)
    server = start_gunicorn(env, args.workers, WORK)
    try:
        probe = Load(targets, MIX, callers=8).start()
        time.sleep(20)
        probe.stop()
        capacity = _summary(probe.answers)["rps"]
        rate = round(0.8 * capacity, 1)
        memory = []
        load = Load(targets, MIX, callers=8, rate=rate).start()
        started = time.time()
        while time.time() - started < args.minutes * 60:
            time.sleep(10)
            memory.append((round(time.time() - started), _rss_mb(server.pid)))
        load.stop()
    finally:
        stop(server)
    window = max(1, len(memory) // 5)
    early = sum(m for _, m in memory[1:1 + window]) / window  # after the first sample's warm-up
    late = sum(m for _, m in memory[-window:]) / window
    result = {"capacity_rps": capacity, "target_rps": rate, "minutes": args.minutes, "mix": MIX,
              "load": _summary(load.answers), "memory_mb": memory,
              "memory_early_mb": round(early, 1), "memory_late_mb": round(late, 1),
              "memory_growth_pct": round(100 * (late - early) / early, 1)}
    result["passed"] = result["load"]["errors"] == 0 and result["memory_growth_pct"] < 10
    return result


def engine(args, env) -> dict:
    """The task engine: 2,000 events to three endpoints (bench/engine.py), on a database of its own."""
    from bench import engine as engine_bench

    return engine_bench.run(engine_bench.arguments().parse_args(args.engine_args))


SCENARIO_RUNS = {"faults": faults, "webhooks": webhooks, "soak": soak, "engine": engine}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("scenario", choices=[*SCENARIO_RUNS, "all"])
    p.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL",
                                                            "postgres://postgres@127.0.0.1:5432/rwc_gen"))
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--minutes", type=float, default=10, help="soak: minutes at 80%% of capacity (default 10)")
    p.add_argument("--down", type=int, default=300, help="webhooks: seconds the receiver is down (default 300)")
    p.add_argument("--wait", type=int, default=900, help="webhooks: seconds to wait for every event after it")
    p.add_argument("--referrals", type=int, default=30, help="webhooks: referrals to withdraw (default 30)")
    p.add_argument("--pg-restart", default="pg_ctlcluster --skip-systemctl-redirect 15 main restart",
                   help="faults: the command that restarts PostgreSQL")
    args, args.engine_args = p.parse_known_args()  # engine: its own options (python -m bench.engine --help)
    WORK.mkdir(parents=True, exist_ok=True)
    env = environment(args.database_url)
    names = list(SCENARIO_RUNS) if args.scenario == "all" else [args.scenario]
    failed = False
    for name in names:
        when = datetime.now(timezone.utc).isoformat(timespec="seconds")
        if name == "engine":  # a database and a report of its own
            from bench import engine as engine_bench

            result = {"scenario": name, "when": when, **engine(args, env)}
            engine_bench.write(result)
        else:
            result = {"scenario": name, "when": when, "dataset": dataset_size(env), "gunicorn_workers": args.workers,
                      **SCENARIO_RUNS[name](args, env)}
            (RESULTS / f"resilience-{name}.json").write_text(json.dumps(result, indent=2) + "\n")
            (RESULTS / f"resilience-{name}.md").write_text(_markdown(result))
        print(f"{name}: {'passed' if result['passed'] else 'FAILED'} (bench/results/resilience-{name}.md)", flush=True)
        failed |= not result["passed"]
    return 1 if failed else 0


def _markdown(result: dict) -> str:
    lines = [f"# Resilience: {result['scenario']} ({result['when']})", "",
             f"{result['dataset']['clients']:,} clients; gunicorn with {result['gunicorn_workers']} workers. "
             f"**{'Passed' if result['passed'] else 'Failed'}.**", "", "| measure | value |", "|---|---|"]
    for key, value in result.items():
        if key in ("scenario", "when", "dataset", "gunicorn_workers", "passed", "memory_mb"):
            continue
        lines.append(f"| {key.replace('_', ' ')} | {json.dumps(value) if isinstance(value, (dict, list)) else value} |")
    if "memory_mb" in result:
        lines += ["", "Memory (s: MB): " + ", ".join(f"{s}: {m}" for s, m in result["memory_mb"])]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
