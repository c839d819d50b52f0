"""Peak memory of a large document upload through the real HTTP stack (README "Documents").

    DATABASE_URL=... python manage.py bench_document_upload            # 50 MB, after seed_demo
    python manage.py bench_document_upload --megabytes 200 --json bench/results/documents-upload.json

Serves the project's WSGI application (every middleware, authentication, the multipart parser with
Django's TemporaryFileUploadHandler, the encrypted `documents` storage) on 127.0.0.1 with a
threaded wsgiref server in this process, and sends one multipart upload of a generated text file
with http.client, streamed from a file on disk, as a demo counsellor (a bearer token) to a demo
client of theirs. Measured over the request: the peak of Python's allocations (tracemalloc) and the
process's peak resident memory before and after (resource.getrusage: ru_maxrss). The document it
makes is purged afterwards (file included).
"""
import http.client
import json
import os
import resource
import secrets
import tempfile
import threading
import time
import tracemalloc
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.core.management.base import BaseCommand, CommandError
from django.core.wsgi import get_wsgi_application

from clients.access import clients_visible_to
from documents.models import Document
from documents.services import document_purge
from rwc.models import User
from rwc.oauth import issue_staff_token

LINE = b"Werkervaring: logistiek medewerker, heftruckcertificaat, ploegendienst. " * 8 + b"\n"


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class Command(BaseCommand):
    help = "Measure the peak memory of one large document upload through the HTTP stack."

    def add_arguments(self, parser):
        parser.add_argument("--megabytes", type=int, default=50)
        parser.add_argument("--username", default="midden-rmt-counsellor")
        parser.add_argument("--json", metavar="PATH", help="Also write the figures as JSON here.")

    def handle(self, *args, megabytes=50, username="midden-rmt-counsellor", **options):
        from django.conf import settings

        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username}: run seed_demo first.")
        client = clients_visible_to(user).order_by("id").first()
        if client is None:
            raise CommandError(f"{username} sees no client: run seed_demo first.")
        size = megabytes * 1024 * 1024
        settings.DOCUMENTS_MAX_UPLOAD_BYTES = max(settings.DOCUMENTS_MAX_UPLOAD_BYTES, size)
        token = issue_staff_token(user)
        boundary = secrets.token_hex(16)
        with tempfile.TemporaryDirectory() as folder:
            body_path = os.path.join(folder, "body")
            head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nBench upload\r\n"
                    f"--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nother\r\n"
                    f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.txt\"\r\n"
                    f"Content-Type: text/plain\r\n\r\n").encode()
            with open(body_path, "wb") as out:
                out.write(head)
                written = 0
                while written < size:
                    piece = LINE[:size - written]
                    out.write(piece)
                    written += len(piece)
                out.write(f"\r\n--{boundary}--\r\n".encode())
            server = make_server("127.0.0.1", 0, get_wsgi_application(), server_class=_Server, handler_class=_Quiet)
            port = server.server_address[1]
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            try:
                rss_before = _maxrss_mb()
                tracemalloc.start()
                started = time.perf_counter()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
                with open(body_path, "rb") as body:
                    connection.request("POST", f"/api/v1/clients/{client.uuid}/documents", body=body, headers={
                        "Authorization": f"Bearer {token}", "Content-Length": str(os.path.getsize(body_path)),
                        "Content-Type": f"multipart/form-data; boundary={boundary}"})
                    response = connection.getresponse()
                    answer = response.read()
                seconds = time.perf_counter() - started
                _, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                rss_after = _maxrss_mb()
            finally:
                server.shutdown()
        if response.status != 201:
            raise CommandError(f"The upload was answered {response.status}: {answer[:300]!r}")
        document_id = json.loads(answer)["id"]
        document_purge(Document.objects.filter(uuid=document_id))
        figures = {"megabytes": megabytes, "status": response.status, "seconds": round(seconds, 2),
                   "tracemalloc_peak_mb": round(peak / 1024 / 1024, 2), "maxrss_before_mb": round(rss_before, 1),
                   "maxrss_after_mb": round(rss_after, 1), "storage": settings.STORAGES["documents"]["BACKEND"]}
        self.stdout.write(json.dumps(figures, indent=2))
        if options.get("json"):
            with open(options["json"], "w") as out:
                out.write(json.dumps(figures, indent=2) + "\n")
