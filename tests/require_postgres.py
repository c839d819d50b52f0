"""Fail at once, with directions, when the test database server cannot be reached."""
import os
import sys

import environ
import psycopg2

HELP = """
The tests need PostgreSQL, and none answered at {where}.

Start one, then run `make test` again:
  - Debian/Ubuntu:  sudo apt-get install postgresql && sudo pg_ctlcluster 15 main start
  - any machine with Docker:  docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:15
  - or point DATABASE_URL at one:  DATABASE_URL=postgres://user:pass@host:5432/rwc make test
The user needs the right to create databases (the tests create and drop test_<name>).
"""


def main() -> int:
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rwc")
    config = environ.Env.db_url_config(url)
    if "postgres" not in config["ENGINE"]:
        print(f"DATABASE_URL must point at PostgreSQL for the tests, not {config['ENGINE']}.", file=sys.stderr)
        return 1
    where = f"{config.get('HOST') or 'the local socket'}:{config.get('PORT') or 5432}"
    try:
        psycopg2.connect(
            dbname="postgres",
            user=config.get("USER") or None,
            password=config.get("PASSWORD") or None,
            host=config.get("HOST") or None,
            port=config.get("PORT") or None,
            connect_timeout=3,
        ).close()
    except psycopg2.OperationalError as exc:
        print(HELP.format(where=where), file=sys.stderr)
        print(f"(psycopg2 said: {str(exc).strip()})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
