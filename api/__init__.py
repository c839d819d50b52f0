"""The REST layer: HTTP in, domain calls, HTTP out. No business rules live here."""
