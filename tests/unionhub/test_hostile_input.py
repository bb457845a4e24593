"""Hostile input on every page: dates far out of range, ids too large for the database, NUL
bytes, long and malformed strings in every query parameter the code reads, and ids of twenty
digits in the path. No combination may answer a server error.

The pages and their objects are the permission tables' (each app's PAGES, with the fixtures
they run on), so a page is fuzzed as soon as it has a permission test;
`test_every_url_of_the_site_is_fuzzed` fails when a URL is in no table.
"""

import re
from pathlib import Path

import pytest
import weasyprint
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import URLResolver, get_resolver, resolve, reverse

from emulation.activities.forms import ActivityFilterForm
from emulation.awards.forms import DecisionFilterForm, TitlePickForm
from emulation.awards.lists import AwardFilterForm
from emulation.campaigns.forms import CampaignFilterForm
from emulation.campaigns.initiative_forms import InitiativeFilterForm
from members.registry.forms import MemberFilterForm

# The fixtures the permission tables run on, found by name (request.getfixturevalue) here.
from tests.emulation.activities.conftest import act, year  # noqa: F401
from tests.emulation.awards.conftest import aw, imp  # noqa: F401
from tests.emulation.awards.test_tables import awards  # noqa: F401
from tests.emulation.campaigns.conftest import camp, ini  # noqa: F401
from tests.emulation.ratings.conftest import rated  # noqa: F401
from tests.finance.conftest import fin, media  # noqa: F401
from tests.finance.dues.test_rules import ruled  # noqa: F401
from tests.finance.funds.conftest import funds  # noqa: F401
from unionhub.models import Job

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
TWENTY_DIGITS = "9" * 20  # above 2^63 - 1: no database integer holds it

HOSTILE = [
    "01/01/0001",
    "31/12/9999",
    TWENTY_DIGITS,
    "-1",
    "abc\x00def",
    "\x00",  # %00 in the URL
    "x" * 10_000,
    "2024-13-45",
    "'; DROP TABLE members_member; --",
    "../../etc/passwd",
    "",
]


def query_names() -> list[str]:
    """Every query parameter a page reads: request.GET.get("...") and query_*(request, "...")
    in the code, and the fields of the filter forms bound to request.GET."""
    names = {"from", "to"}  # read by query_range(request, ...)
    pattern = re.compile(r"(?:GET\.get|query_\w+)\(\s*(?:request, )?\"(\w+)\"")
    for package in ("unionhub", "members", "finance", "emulation", "reports"):
        for path in (BASE_DIR / package).rglob("*.py"):
            names |= set(pattern.findall(path.read_text()))
    for form in (
        ActivityFilterForm,
        AwardFilterForm,
        CampaignFilterForm,
        DecisionFilterForm,
        MemberFilterForm,
        TitlePickForm,
    ):
        names |= set(form.base_fields)
    names |= {"kind", "state", "account", "category", "q"}  # VoucherFilterForm's, built per branch
    names |= set(InitiativeFilterForm.base_fields) | {"field"}  # and its fields of the branch
    return sorted(names)


def _url(name, *args, **query):
    def make(w):
        path = reverse(name, args=[a(w) for a in args])
        return f"{path}?{'&'.join(f'{k}={v(w)}' for k, v in query.items())}" if query else path

    return make


def _org_a(w):
    return w.tree.branch_a.pk


def _admins_job(w):
    """A finished job of the superuser (AnyRow when only the view names are wanted)."""
    if isinstance(w, AnyRow):
        return w.pk
    admin = get_user_model().objects.filter(is_superuser=True).first()
    job = Job.objects.create(user=admin, kind="members.export", title="Xuất", state="done")
    return job.pk


# Pages in no permission table: the reports', the accounts', the member list's Excel, the jobs'.
OTHER_PAGES = [
    (name, _url(name, *args, **query), None)
    for name, args, query in [
        ("reports:statistics", [], {"org": _org_a}),
        ("reports:movements", [], {"org": _org_a, "figure": lambda w: "admitted"}),
        ("reports:statistics_export", [], {"org": _org_a}),
        ("reports:member_report", [], {"org": _org_a}),
        ("reports:member_report_pdf", [], {"org": _org_a}),
        ("reports:member_report_docx", [], {"org": _org_a}),
        ("reports:letterhead_edit", [_org_a], {}),
        ("members:member_import", [], {"org": _org_a}),
        ("members:member_import_template", [], {"org": _org_a}),
        ("members:member_export", [], {"org": _org_a}),
        ("jobs:list", [], {}),
        ("jobs:detail", [_admins_job], {}),
        ("jobs:status", [_admins_job], {}),
        ("jobs:file", [_admins_job], {}),
        ("login", [], {}),
        ("logout", [], {}),
        ("password_change_done", [], {}),
        ("password_reset", [], {}),
        ("password_reset_done", [], {}),
        ("password_reset_complete", [], {}),
        ("password_reset_confirm", [lambda w: "MQ", lambda w: "set-password"], {}),
    ]
]


def tables() -> dict[str, list]:
    """The permission tables by the fixture they run on."""
    from tests.emulation import test_index
    from tests.emulation.activities import test_activities, test_year_pages
    from tests.emulation.awards import test_decisions, test_import_pages, test_tables
    from tests.emulation.campaigns import test_campaigns, test_initiative_pages
    from tests.emulation.ratings import test_ratings
    from tests.finance import test_pages as finance_pages
    from tests.finance.dues import test_rules
    from tests.finance.funds import test_budget_views, test_drives
    from tests.members.organisations import test_views as structure
    from tests.members.registry import test_views as registry

    return {
        "world": registry.PAGES + structure.PAGES + OTHER_PAGES,
        "fin": finance_pages.PAGES + test_budget_views.PAGES,
        "funds": test_drives.PAGES,
        "ruled": test_rules.PAGES,
        "tree": test_index.PAGES,
        "act": test_activities.PAGES,
        "year": test_year_pages.PAGES,
        "rated": test_ratings.PAGES,
        "awards": test_tables.PAGES,
        "imp": test_import_pages.PAGES,
        "aw": test_decisions.PAGES,
        "ini": test_initiative_pages.PAGES,
        "camp": test_campaigns.PAGES,
    }


def pages_of(fixture_name: str, fixture) -> dict[str, str]:
    """One URL per view of a table, the one both the admin and branch A's officer open when
    there is one (the page itself rather than a redirection or a refusal)."""
    urls = {}
    rank = {}
    for _name, make, expected in tables()[fixture_name]:
        url = make(fixture)
        view = resolve(url.split("?")[0]).view_name
        opens = 2 if expected is None else (expected["admin"] == 200) + (expected["officer"] == 200)
        if view not in urls or opens > rank[view]:
            urls[view], rank[view] = url, opens
    return urls


def _error(response) -> str:
    exc = getattr(response, "exc_info", None)
    if exc:
        return f"{response.status_code} {exc[0].__name__}: {str(exc[1])[:100]}"
    return str(response.status_code)


@pytest.fixture
def fuzz_client(client, monkeypatch):
    """A client that gets the 500 page instead of the exception, and PDFs without their layout
    (WeasyPrint's costly part; the HTML it would lay out is still built from the values)."""
    client.raise_request_exception = False
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self: b"%PDF-1.7")
    return client


@pytest.mark.parametrize("fixture_name", list(tables()))
def test_no_query_value_breaks_a_page(fuzz_client, users, request, fixture_name):
    """Every query parameter set to each hostile value at once, as a superuser and as branch
    A's officer. The page's own parameters (?org= of the table's URL) are kept, so that the
    page itself reads the values; then, as the superuser, they too are given numbers no
    database integer holds (most pages answer that at once: another organisation, 404)."""
    fixture = request.getfixturevalue(fixture_name)
    names = query_names()
    errors = []

    def fuzz(user, page, values, keep):
        path = page.split("?")[0]
        for value in values:
            response = fuzz_client.get(path, {name: value for name in names} | keep)
            if response.status_code >= 500:
                errors.append(f"{user.username} {page} {value[:20]!r}: {_error(response)}")

    for user in (users.admin, users.officer):
        fuzz_client.force_login(user)
        for _view, url in pages_of(fixture_name, fixture).items():
            own = url.partition("?")[2]
            fuzz(user, url, HOSTILE, keep=dict(p.split("=", 1) for p in own.split("&") if p))
            if own and user == users.admin:
                fuzz(user, url, [TWENTY_DIGITS, "9" * 10_000], keep={})
    assert errors == []


@pytest.mark.parametrize("fixture_name", list(tables()))
def test_an_id_of_twenty_digits_in_the_path_is_not_found(fuzz_client, users, request, fixture_name):
    fixture = request.getfixturevalue(fixture_name)
    fuzz_client.force_login(users.admin)
    wrong = []
    for view, url in pages_of(fixture_name, fixture).items():
        match = resolve(url.split("?")[0])
        for name, value in match.kwargs.items():
            if isinstance(value, int):
                path = reverse(view, kwargs=match.kwargs | {name: TWENTY_DIGITS})
                response = fuzz_client.get(path)
                if response.status_code not in (404, 405):  # 405: a POST-only page
                    wrong.append(f"{view} {name}: {_error(response)}")
    assert wrong == []


def test_admin_pages_take_hostile_values(fuzz_client, users, world):
    """The admin's lists searched with each value; its object pages with ids of twenty
    digits (the admin answers those with a redirection to its index)."""
    fuzz_client.force_login(users.admin)
    errors = []
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        changelist = reverse("admin:{}_{}_changelist".format(*info))
        for value in HOSTILE:
            response = fuzz_client.get(changelist, {"q": value})
            if response.status_code >= 500:
                errors.append(f"{changelist} {value[:20]!r}: {_error(response)}")
        for page in ("change", "history", "delete"):
            path = reverse("admin:{}_{}_{}".format(*info, page), args=[TWENTY_DIGITS])
            response = fuzz_client.get(path)
            if response.status_code >= 500:
                errors.append(f"{path}: {_error(response)}")
    assert errors == []


def test_member_import_reads_an_org_of_ten_thousand_digits(fuzz_client, users, tree):
    fuzz_client.force_login(users.officer)
    response = fuzz_client.get(reverse("members:member_import"), {"org": "9" * 10_000})
    assert response.status_code == 200


def _view_names(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace) if n)
            yield from _view_names(pattern, inner if pattern.namespace else namespace)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


class AnyRow:
    """Stands for a fixture when only the tables' view names are wanted: every attribute is
    another row, of pk 1."""

    pk = 1

    def __getattr__(self, name):
        return self


def test_every_url_of_the_site_is_fuzzed():
    fuzzed = {view for fixture_name in tables() for view in pages_of(fixture_name, AnyRow())}
    # The admin's pages: test_admin_pages_take_hostile_values.
    site = {name for name in _view_names(get_resolver()) if not name.startswith("admin:")}
    assert site - fuzzed == set()
