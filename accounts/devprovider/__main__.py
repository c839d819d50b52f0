"""`python -m accounts.devprovider --port 8001 --client-id rwc-dev --client-secret ... \
    --redirect-uri http://127.0.0.1:8000/signin/oidc/callback --person sub:password:email[:pwd,mfa]`

Sets up a fresh database, the client and the people, prints `ready <issuer>` and serves until stopped.
"""
import argparse
import os
import sys
import tempfile


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m accounts.devprovider", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--client-id", default="rwc-dev")
    parser.add_argument("--client-secret", default="rwc-dev-secret")
    parser.add_argument("--redirect-uri", action="append", required=True, dest="redirect_uris")
    parser.add_argument("--person", action="append", default=[], dest="people")
    args = parser.parse_args(argv)

    folder = tempfile.mkdtemp(prefix="rwc-devprovider-")
    os.environ["DEVPROVIDER_DB"] = os.path.join(folder, "provider.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "accounts.devprovider.settings"
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    from .people import parse

    call_command("migrate", verbosity=0, interactive=False)
    Application.objects.create(
        name="RWC (development)", client_id=args.client_id, client_secret=args.client_secret,
        client_type=Application.CLIENT_CONFIDENTIAL, authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(args.redirect_uris), algorithm=Application.RS256_ALGORITHM, skip_authorization=True)
    for spec in args.people:
        person = parse(spec)
        User.objects.create_user(person.sub, email=person.email, password=person.password, last_name=" ".join(person.amr))
    issuer = f"http://{args.host}:{args.port}/o"
    print(f"ready {issuer}", flush=True)
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, use_threading=True)


if __name__ == "__main__":
    sys.exit(main())
