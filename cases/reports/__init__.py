"""Outcome reports for managers: indicators computed by aggregation in the database, broken down
by up to two dimensions, with small cells suppressed. Definitions: docs/indicators.md."""
