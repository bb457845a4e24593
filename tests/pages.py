"""Permission tables for page tests: the roles of the shared fixtures, what each role expects
of a page, and the checks every app's page tests run (statuses by role, query counts)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

ROLES = [
    "admin",
    "officer",
    "accountant",
    "inspector",
    "group_leader",
    "member",
    "upper_viewer",
    "officer_b",
]


def expect(default=200, **by_role) -> dict[str, int]:
    return {role: by_role.get(role, default) for role in ROLES}


def page_url(namespace: str):
    """`url(name, *args, **query)` of a namespace's pages, for permission tables: args and
    query values are callables of the test's fixture (or plain values for the query); the
    page's URL name stays on the maker, to check that a table covers every page."""

    def url(name, *args, **query):
        def make(fixture):
            path = reverse(f"{namespace}:{name}", args=[a(fixture) for a in args])
            if query:
                path += "?" + "&".join(
                    f"{k}={v(fixture) if callable(v) else v}" for k, v in query.items()
                )
            return path

        make.url_name = name
        return make

    return url


def unexpected_statuses(client, users, role, world, pages) -> dict[str, str]:
    """GET every page of the table as `role`: the pages whose status differs from the table."""
    client.force_login(getattr(users, role))
    wrong = {}
    for name, make_url, expected in pages:
        status = client.get(make_url(world)).status_code
        if status != expected[role]:
            wrong[name] = f"got {status}, expected {expected[role]}"
    return wrong


def count_queries(client, page: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page)
    assert response.status_code == 200
    return len(queries)
