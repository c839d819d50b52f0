"""A client's access request from the command line: everything held about them, as one ZIP."""
import uuid
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clients.models import Client
from privacy import subject_access
from rwc import processing


class Command(BaseCommand):
    help = "Write everything held about a client (JSON and CSV in a ZIP): export_client_data CLIENT_ID [-o FILE]"

    def add_arguments(self, parser):
        parser.add_argument("client", help="The client's id (UUID).")
        parser.add_argument("-o", "--output", help="The ZIP file to write (default client-<id>.zip).")

    def handle(self, *args, client, output=None, **options):
        try:
            client_uuid = uuid.UUID(client)
        except ValueError:
            raise CommandError(f"{client!r} is not a client id (a UUID).") from None
        found = Client.objects.filter(uuid=client_uuid).first()
        if found is None:
            raise CommandError(f"No client {client_uuid}.")
        path = Path(output or f"client-{client_uuid}.zip")
        with processing.command_operation("export_client_data", purpose=subject_access.PURPOSE) as op:
            op.subjects.add(found.pk)
            path.write_bytes(subject_access.to_zip(subject_access.archive_for(found)))
        self.stdout.write(f"Wrote {path} ({path.stat().st_size} bytes).")
