"""A local OpenID provider for development and tests: django-oauth-toolkit in its OIDC mode, in a
process of its own (`python -m accounts.devprovider`, `make oidc-provider`).

Not part of the service: it stands in for a municipality's or UWV's identity provider, with its own
SQLite database in a temporary folder, a fresh RSA signing key and the people named on its command line.
"""
