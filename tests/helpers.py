"""Assertions the API tests share."""
from django.db import connection
from django.test.utils import CaptureQueriesContext


def problem(response, status: int) -> dict:
    """The response is problem+json with this status; returns its body."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


def invalid_names(body: dict) -> set[str]:
    return {p["name"] for p in body["invalidParams"]}


def count_queries(client, url: str) -> int:
    """How many queries one successful GET of `url` makes."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)
