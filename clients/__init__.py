"""People and employers the work centre serves, their identifiers and consent (see issue: clients)."""
