"""Clients are deliberately not in the Django admin.

Functional administrators manage the organisation, not people: client records, consents and
timelines hold personal data that only the client's desks and the privacy officer may read, and
registering goes through the duplicate and BSN rules of `clients.services`. The API is the way in.
"""
