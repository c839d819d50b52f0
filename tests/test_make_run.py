"""`make run PORT=... HOST=...`: the server listens there and the links seed_demo prints follow."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _make_run(*args, **env):
    """The commands `make run` would run, with a stand-in for Python that prints its PUBLIC_BASE_URL."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    environment = {"PATH": os.environ["PATH"], **env}  # not the caller's MAKEFLAGS or PUBLIC_BASE_URL
    result = subprocess.run(["make", "-s", "run", *args, "STAMP=Makefile", "PY=echo $$PUBLIC_BASE_URL"], cwd=ROOT,
                            env=environment, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_make_run_serves_on_the_port_asked_and_prints_links_for_it():
    lines = _make_run("PORT=8123")
    assert "http://127.0.0.1:8123 manage.py seed_demo" in lines
    assert "http://127.0.0.1:8123 manage.py runserver 127.0.0.1:8123" in lines


def test_make_run_defaults_to_8000_and_names_loopback_when_listening_everywhere():
    assert "http://127.0.0.1:8000 manage.py runserver 127.0.0.1:8000" in _make_run()
    assert "http://127.0.0.1:8000 manage.py runserver 0.0.0.0:8000" in _make_run("HOST=0.0.0.0")


def test_make_run_keeps_a_public_base_url_that_is_set():
    lines = _make_run("PORT=8123", PUBLIC_BASE_URL="https://rwc.example.nl")
    assert "https://rwc.example.nl manage.py seed_demo" in lines

