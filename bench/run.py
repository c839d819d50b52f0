"""`make bench`: the service under gunicorn with the production settings on PostgreSQL, driven by
locust at a fixed concurrency, one scenario after another, with the baseline in the same run.

    python -m bench.run [--database-url URL] [--users 8] [--duration 20] [--workers 4] [--label NAME]
                        [--scenarios caseload,client_search]

Writes bench/results/<label>.json and .md: per scenario throughput, p50/p95/p99 latency, errors,
queries per request, and throughput and p95 as a ratio to the baseline list. Traffic goes to
127.0.0.1 only, and every run is bounded by --duration per scenario.
"""
import argparse
import csv
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

from bench.scenarios import SCENARIOS

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PORT = 8001


def main() -> int:
    args = _args()
    work = ROOT / "var" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    env = environment(args.database_url)
    targets = work / "targets.json"
    _run([PY, "manage.py", "bench_prepare", "--out", str(targets), "--referrals", str(args.referrals)], env)
    dataset = dataset_size(env)
    server = start_gunicorn(env, args.workers, work)
    try:
        results = {}
        for name in args.scenarios:
            results[name] = _load(name, args, env, targets, work)
            print(f"{name:22} {results[name]['rps']:8.1f} req/s  p95 {results[name]['p95_ms']:6.0f} ms  "
                  f"errors {results[name]['failures']}", flush=True)
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
                   help="Comma-separated, in this order (default all); the baseline is always measured first.")
    args = p.parse_args()
    chosen = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    unknown = sorted(set(chosen) - set(SCENARIOS))
    if unknown:
        p.error(f"unknown scenarios: {', '.join(unknown)}")
    args.scenarios = ["baseline_list", *[s for s in chosen if s != "baseline_list"]]
    return args


def environment(database_url: str) -> dict:
    from cryptography.fernet import Fernet

    return {**os.environ, "DJANGO_SETTINGS_MODULE": "rwc.settings.bench", "DATABASE_URL": database_url,
            "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1",
            "BSN_ENCRYPTION_KEYS": Fernet.generate_key().decode(), "BSN_INDEX_KEY": secrets.token_urlsafe(32),
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


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def _run(cmd, env):
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


def dataset_size(env) -> dict:
    code = ("import json; from clients.models import Client, Employer; "
            "from cases.models import Case, ContactMoment, Vacancy; "
            "from referrals.models import Referral; print(json.dumps({'clients': Client.objects.count(), "
            "'cases': Case.objects.count(), 'contacts': ContactMoment.objects.count(), "
            "'referrals': Referral.objects.count(), 'employers': Employer.objects.count(), "
            "'vacancies': Vacancy.objects.count()}))")
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


def _load(name, args, env, targets, work) -> dict:
    prefix = work / name
    _run([str(Path(PY).parent / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
          "-u", str(args.users), "-r", str(args.users), "-t", f"{args.duration}s", "--host", f"http://127.0.0.1:{PORT}",
          "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "5"],
         {**env, "BENCH_SCENARIO": name, "BENCH_TARGETS": str(targets)})
    with open(f"{prefix}_stats.csv") as f:
        row = next(r for r in csv.DictReader(f) if r["Name"] == "Aggregated")
    return {"requests": int(row["Request Count"]), "failures": int(row["Failure Count"]),
            "rps": float(row["Requests/s"]), "p50_ms": float(row["50%"]), "p95_ms": float(row["95%"]),
            "p99_ms": float(row["99%"])}


TARGETS = "p95 under 50 ms for reads and 100 ms for writes, zero errors; the report under 1 s"


# What bench_prepare chose, kept with the results (never the tokens): who read, and what they searched.
READERS = ("counsellor", "clients_total", "search", "manager", "wsp", "employer_search", "report_year")


def _report(args, dataset, results, queries) -> dict:
    base = results["baseline_list"]
    for name, r in results.items():
        r["queries_per_request"] = queries[name]["queries"]
        r["throughput_vs_baseline"] = round(r["rps"] / base["rps"], 2) if base["rps"] else None
        r["p95_vs_baseline"] = round(r["p95_ms"] / base["p95_ms"], 2) if base["p95_ms"] else None
        limit = 1000 if name.startswith("report") else 100 if SCENARIOS[name].kind == "write" else 50
        r["meets_target"] = r["failures"] == 0 and r["p95_ms"] < limit
    return {"label": args.label, "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "machine": {"cores": os.cpu_count()}, "dataset": dataset,
            "load": {"users": args.users, "duration_s": args.duration, "gunicorn_workers": args.workers,
                     "tool": "locust (headless, closed loop, no think time)"},
            "targets": TARGETS, "scenarios": results}


def _markdown(report) -> str:
    d, load = report["dataset"], report["load"]
    lines = [f"# Benchmark {report['label']} ({report['when']})", "",
             f"{d['clients']:,} clients, {d['cases']:,} cases, {d['contacts']:,} contacts, "
             f"{d['referrals']:,} referrals, "
             f"{d.get('employers', 0):,} employers, {d.get('vacancies', 0):,} vacancies; "
             f"{report['machine']['cores']} cores; {load['users']} concurrent callers for {load['duration_s']} s per "
             f"scenario; gunicorn with {load['gunicorn_workers']} workers; {load['tool']}.", "",
             "| scenario | req/s | x baseline | p50 ms | p95 ms | p99 ms | errors | queries | target |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for name, r in report["scenarios"].items():
        lines.append(f"| {name} | {r['rps']:.1f} | {r['throughput_vs_baseline']} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} "
                     f"| {r['p99_ms']:.0f} | {r['failures']} | {r['queries_per_request']} | "
                     f"{'met' if r['meets_target'] else 'missed'} |")
    lines += ["", f"Targets: {report['targets']}.", ""]
    readers = report.get("readers")
    if readers:
        lines += [f"Readers: counsellor {readers['counsellor']} (sees {readers['clients_total']:,} clients, searches "
                  f"\"{readers['search']}\"), manager {readers['manager']} (reports for {readers['report_year']}), "
                  f"WSP counsellor {readers['wsp']} (searches employers for \"{readers['employer_search']}\").", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
