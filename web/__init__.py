"""The web client: server-rendered pages for counsellors, team leads, managers and privacy officers.

It sits beside `api` (neither imports the other) and calls the same domain services and
`*_visible_to` functions, so a page and the API cannot disagree about a rule.
"""
