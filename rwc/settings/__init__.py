"""Settings modules: `local` (default, SQLite under var/), `production` and `test` (PostgreSQL)."""
