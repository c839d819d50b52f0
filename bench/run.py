"""`make bench`: the service under gunicorn with the production settings on PostgreSQL, driven by
locust at a fixed concurrency, one scenario after another, each scenario's yardstick in the same run.

    python -m bench.run [--database-url URL] [--users 8] [--duration 20] [--workers 4] [--label NAME]
                        [--scenarios caseload,client_search]

A yardstick (bench/yardsticks.py) is a plain DRF view doing a scenario's job: the same rows, page
size and exact count, the same bearer authentication, no access filter and no processing log. It
is measured right before the first scenario that is compared with it.

Writes bench/results/<label>.json and .md: per scenario throughput, p50/p95/p99 latency, errors,
queries per request, the server's CPU per request (gunicorn's processes, so less noisy than
throughput on a shared machine), and the ratio to its yardstick; and the CPU the load generator
itself used. Traffic goes to 127.0.0.1 only, and every run is bounded by --duration per scenario.
"""
import argparse
import csv
import json
import os
import resource
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

from bench.scenarios import SCENARIOS, auth_headers

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PORT = 8001


def main() -> int:
    args = _args()
    work = ROOT / "var" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    env = environment(args.database_url)
    targets = work / "targets.json"
    # the web's pages name their static files through the manifest of the production storage
    _run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    _run([PY, "manage.py", "bench_prepare", "--out", str(targets), "--referrals", str(args.referrals)], env)
    dataset = dataset_size(env)
    server = start_gunicorn(env, args.workers, work)
    try:
        warm_up(json.loads(targets.read_text()), args.scenarios, args.workers)
        results = {}
        for name in args.scenarios:
            results[name] = _load(name, args, env, targets, work, server)
            r = results[name]
            print(f"{name:22} {r['rps']:8.1f} req/s  p95 {r['p95_ms']:6.0f} ms  errors {r['failures']}  "
                  f"server {r['server_cpu_ms_per_request']} ms CPU/request  load generator {r['load_cpu_cores']} "
                  f"cores", flush=True)
    finally:
        stop(server)
    chosen = json.loads(targets.read_text())
    report = _report(args, dataset, results, chosen["queries"])
    report["readers"] = {k: chosen[k] for k in READERS}
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{args.label}.json").write_text(json.dumps(report, indent=2) + "\n")
    (out / f"{args.label}.md").write_text(_markdown(report))
    print(f"Wrote bench/results/{args.label}.json and .md")
    return 0


def _args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL",
                                                            "postgres://postgres@127.0.0.1:5432/rwc_gen"))
    p.add_argument("--users", type=int, default=8, help="Concurrent callers (default 8).")
    p.add_argument("--duration", type=int, default=20, help="Seconds per scenario (default 20).")
    p.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4).")
    p.add_argument("--referrals", type=int, default=4000, help="Referrals to accept (default 4000).")
    p.add_argument("--label", default=datetime.now().strftime("%Y-%m-%d"))
    p.add_argument("--scenarios", default=",".join(SCENARIOS),
                   help="Comma-separated, in this order (default all); each one's yardstick is measured right before it.")
    args = p.parse_args()
    chosen = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    unknown = sorted(set(chosen) - set(SCENARIOS))
    if unknown:
        p.error(f"unknown scenarios: {', '.join(unknown)}")
    args.scenarios = run_order(chosen)
    return args


def run_order(chosen: list[str]) -> list[str]:
    """The scenarios in the order given, each yardstick (and scenario compared to) inserted before the
    first scenario it measures."""
    order = []
    for name in chosen:
        other = SCENARIOS[name].compare_to
        if other and other not in order:
            order.extend(n for n in run_order([other]) if n not in order)
        yardstick = SCENARIOS[name].yardstick
        if yardstick and yardstick not in order:
            order.append(yardstick)
        if name not in order:
            order.append(name)
    return order


def environment(database_url: str) -> dict:
    from cryptography.fernet import Fernet

    return {**os.environ, "DJANGO_SETTINGS_MODULE": "rwc.settings.bench", "DATABASE_URL": database_url,
            "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1",
            "BSN_ENCRYPTION_KEYS": Fernet.generate_key().decode(), "BSN_INDEX_KEY": secrets.token_urlsafe(32),
            "REPORT_CELL_KEY_SECRET": secrets.token_urlsafe(32), "STATIC_ROOT": str(ROOT / "var" / "bench" / "static"),
            "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/2"),
            "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/4"), "PYTHONPATH": str(ROOT)}


def start_gunicorn(env: dict, workers: int, work: Path) -> subprocess.Popen:
    """gunicorn on 127.0.0.1:PORT in a session of its own (so it stops whole), once ready."""
    server = subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), "rwc.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{PORT}",
         "--access-logfile", "/dev/null", "--error-logfile", str(work / "gunicorn.log")],
        cwd=ROOT, env=env, start_new_session=True)
    _wait_ready()
    return server


def warm_up(targets: dict, scenarios: list[str], workers: int) -> None:
    """A few requests of every read scenario before measuring, so no scenario pays a worker's first
    request (the URL resolver, the OpenAPI document behind the query-parameter check, connections)."""
    for name in scenarios:
        scenario = SCENARIOS[name]
        if scenario.kind != "read":
            continue
        for i in range(3 * workers):
            method, url, _, token, headers = scenario.request(targets, i)
            request = urllib.request.Request(f"http://127.0.0.1:{PORT}{url}", method=method,
                                             headers={**auth_headers(scenario, targets, token), **headers})
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def _run(cmd, env):
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


# Counted by the server's own manage.py (its settings, its database); tests/bench runs it too.
DATASET_SIZE_CODE = ("import json; from clients.models import Client; from employers.models import Employer, Vacancy; "
                     "from cases.models import Case, ContactMoment; from worklist.models import Appointment, Task; "
                     "from referrals.models import Referral; print(json.dumps({'clients': Client.objects.count(), "
                     "'cases': Case.objects.count(), 'contacts': ContactMoment.objects.count(), "
                     "'referrals': Referral.objects.count(), 'employers': Employer.objects.count(), "
                     "'vacancies': Vacancy.objects.count(), 'tasks': Task.objects.count(), "
                     "'appointments': Appointment.objects.count()}))")


def dataset_size(env) -> dict:
    code = DATASET_SIZE_CODE
    out = subprocess.run([PY, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _wait_ready(timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health/ready", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("gunicorn did not become ready; see var/bench/gunicorn.log")


def _cpu_seconds(server: subprocess.Popen) -> float:
    """CPU time (user + system) of gunicorn's master and workers so far."""
    import psutil

    total = 0.0
    parent = psutil.Process(server.pid)
    for proc in [parent, *parent.children(recursive=True)]:
        try:
            t = proc.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def _load(name, args, env, targets, work, server) -> dict:
    prefix = work / name
    server_before = _cpu_seconds(server)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    _run([str(Path(PY).parent / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
          "-u", str(args.users), "-r", str(args.users), "-t", f"{args.duration}s", "--host", f"http://127.0.0.1:{PORT}",
          "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "5"],
         {**env, "BENCH_SCENARIO": name, "BENCH_TARGETS": str(targets)})
    elapsed = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_cpu = _cpu_seconds(server) - server_before
    load_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with open(f"{prefix}_stats.csv") as f:
        row = next(r for r in csv.DictReader(f) if r["Name"] == "Aggregated")
    requests = int(row["Request Count"])
    return {"requests": requests, "failures": int(row["Failure Count"]),
            "rps": float(row["Requests/s"]), "p50_ms": float(row["50%"]), "p95_ms": float(row["95%"]),
            "p99_ms": float(row["99%"]),
            "server_cpu_ms_per_request": round(1000 * server_cpu / requests, 1) if requests else None,
            "load_cpu_cores": round(load_cpu / elapsed, 2)}


TARGETS = ("every read at least 0.5x its yardstick's throughput; detail and timeline p95 under 50 ms; "
           "writes p95 under 100 ms; the worklist (tasks, notifications) within the caseload's p50, the web's "
           "home page within 2x of it; zero errors")


# What bench_prepare chose, kept with the results (never the tokens): who read, and what they searched.
READERS = ("counsellor", "clients_total", "search", "manager", "wsp", "employer_search", "report_year")


def _report(args, dataset, results, queries) -> dict:
    for name, r in results.items():
        scenario = SCENARIOS[name]
        r["queries_per_request"] = queries[name]["queries"]
        ys = results.get(scenario.yardstick) if scenario.yardstick else None
        if ys is not None:
            r["yardstick"] = scenario.yardstick
            r["throughput_vs_yardstick"] = round(r["rps"] / ys["rps"], 2) if ys["rps"] else None
            r["cpu_vs_yardstick"] = (round(r["server_cpu_ms_per_request"] / ys["server_cpu_ms_per_request"], 2)
                                     if ys.get("server_cpu_ms_per_request") else None)
        other = results.get(scenario.compare_to) if scenario.compare_to else None
        if other is not None:
            r["compared_to"], r["within"] = scenario.compare_to, scenario.within
            r["p50_vs_compared"] = round(r["p50_ms"] / other["p50_ms"], 2) if other["p50_ms"] else None
            r["throughput_vs_compared"] = round(r["rps"] / other["rps"], 2) if other["rps"] else None
        r["meets_target"] = _meets(name, r)
    return {"label": args.label, "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "machine": {"cores": os.cpu_count()}, "dataset": dataset,
            "load": {"users": args.users, "duration_s": args.duration, "gunicorn_workers": args.workers,
                     "tool": "locust FastHttpUser (headless, closed loop, no think time)"},
            "targets": TARGETS, "scenarios": results}


def _meets(name: str, r: dict) -> bool | None:
    """The issue's targets: None for a yardstick (it is the measure, not measured)."""
    if name.startswith("yardstick_"):
        return None
    ok = r["failures"] == 0
    if "throughput_vs_yardstick" in r:
        ok = ok and (r["throughput_vs_yardstick"] or 0) >= 0.5
    if "p50_vs_compared" in r:
        ok = ok and (r["p50_vs_compared"] or 0) <= r["within"]
    if name in ("client_detail", "client_timeline"):
        ok = ok and r["p95_ms"] < 50
    if SCENARIOS[name].kind == "write":
        ok = ok and r["p95_ms"] < 100
    return ok


def _markdown(report) -> str:
    d, load = report["dataset"], report["load"]
    runs = report["scenarios"]
    lines = [f"# Benchmark {report['label']} ({report['when']})", "",
             f"{d['clients']:,} clients, {d['cases']:,} cases, {d['contacts']:,} contacts, "
             f"{d['referrals']:,} referrals, "
             f"{d.get('employers', 0):,} employers, {d.get('vacancies', 0):,} vacancies, {d.get('tasks', 0):,} tasks, "
             f"{d.get('appointments', 0):,} appointments; "
             f"{report['machine']['cores']} cores; {load['users']} concurrent callers for {load['duration_s']} s per "
             f"scenario; gunicorn with {load['gunicorn_workers']} workers; {load['tool']}.", "",
             "| scenario | yardstick req/s | req/s | ratio | yardstick p95 ms | p95 ms | p99 ms | errors "
             "| yardstick queries | queries | yardstick CPU ms/req | CPU ms/req | CPU ratio | load gen. cores "
             "| target |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for name, r in runs.items():
        if name.startswith("yardstick_"):
            continue
        ys = runs.get(r.get("yardstick"), {})
        dash = "-"
        lines.append(f"| {name} | {_n(ys.get('rps'), 1)} | ")
        lines[-1] += (
            f"{r['rps']:.1f} | {r.get('throughput_vs_yardstick', dash)} | {_n(ys.get('p95_ms'))} | "
            f"{r['p95_ms']:.0f} | {r['p99_ms']:.0f} | {r['failures']} | {ys.get('queries_per_request', dash)} | "
            f"{r['queries_per_request']} | {ys.get('server_cpu_ms_per_request', dash)} | "
            f"{r['server_cpu_ms_per_request']} | {r.get('cpu_vs_yardstick', dash)} | {r['load_cpu_cores']} | "
            f"{'met' if r['meets_target'] else 'missed'} |")
    compared = {n: r for n, r in runs.items() if "compared_to" in r}
    if compared:
        lines += ["", "| scenario | against | its p50 ms | p50 ms | p50 ratio | bound | req/s ratio | target |",
                  "|---|---|---:|---:|---:|---:|---:|---|"]
        for name, r in compared.items():
            other = runs[r["compared_to"]]
            lines.append(f"| {name} | {r['compared_to']} | {other['p50_ms']:.0f} | {r['p50_ms']:.0f} | "
                         f"{r['p50_vs_compared']} | {r['within']} | {r['throughput_vs_compared']} | "
                         f"{'met' if r['meets_target'] else 'missed'} |")
    lines += ["", "Yardsticks (plain DRF, bench/yardsticks.py): "
              + ", ".join(f"{n} {r['rps']:.1f} req/s, p95 {r['p95_ms']:.0f} ms, {r['queries_per_request']} queries, "
                          f"{r['server_cpu_ms_per_request']} ms CPU/request"
                          for n, r in runs.items() if n.startswith("yardstick_")) + ".",
              "", f"Targets: {report['targets']}. \"ratio\": req/s over the yardstick's; \"CPU ratio\": gunicorn's "
              "CPU per request over the yardstick's.", ""]
    readers = report.get("readers")
    if readers:
        lines += [f"Readers: counsellor {readers['counsellor']} (sees {readers['clients_total']:,} clients, searches "
                  f"\"{readers['search']}\"), manager {readers['manager']} (reports for {readers['report_year']}), "
                  f"WSP counsellor {readers['wsp']} (searches employers for \"{readers['employer_search']}\").", ""]
    return "\n".join(lines)


def _n(value, digits: int = 0) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


if __name__ == "__main__":
    sys.exit(main())
