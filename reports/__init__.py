"""Outcome reports for managers: indicators computed by aggregation in the database, broken down
by up to two dimensions, every count perturbed (cell key method). Definitions: docs/indicators.md."""
