"""Every .xlsx the pages hand out stores text as text: a name or a note that starts with "=",
"+", "-" or "@" comes out as a string, never as a formula Excel would run (issue 13), and the
files an officer edits and imports back keep such text text when a cell is edited."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import load_workbook

from emulation.awards.services import Recipient
from emulation.models import Activity, AwardTitle
from emulation.ratings.services import member_ratings_save
from finance.funds import loans
from finance.models import Category, DuesRule, Loan
from members.models import LevelChoice, Organisation
from tests.emulation.activities.factories import held
from tests.emulation.awards.factories import decide
from tests.emulation.campaigns.factories import campaign, enter, register
from tests.factories import MemberFactory
from tests.finance.factories import make_books, make_voucher
from tests.finance.funds.factories import drive, give
from tests.members.registry.sheets import run_import
from tests.pages import page_url

pytestmark = pytest.mark.django_db

LINK = '=HYPERLINK("http://x","y")'
PLUS, MINUS, AT = "+1+1", "-2+3", "@SUM(A1)"
FORMULA_STARTS = ("=", "+", "-", "@")  # what Excel reads as the start of a formula
YEAR = 2025


@pytest.fixture
def hostile(tree, users, settings, tmp_path):
    """Branch A, named LINK, with something hostile in every export: An (group A1, named LINK,
    of the professional level LINK) and Cúc (group A2, named MINUS); the books (category T01
    named PLUS, a receipt from AT for LINK); a drive, a loan (PLUS, MINUS), dues An owes, an
    activity (MINUS, AT), an initiative (AT, MINUS), a campaign, a rating and an award title."""
    settings.MEDIA_ROOT = tmp_path
    a = tree.branch_a
    Organisation.objects.filter(pk=a.pk).update(name=LINK)
    Organisation.objects.filter(pk=tree.group_a2.pk).update(name=MINUS)
    # The first professional level, so that the template's guide (the levels, in order) starts
    # with it.
    level = LevelChoice.objects.filter(kind=LevelChoice.Kind.PROFESSIONAL).order_by("order")[0]
    LevelChoice.objects.filter(pk=level.pk).update(name=LINK)
    an = MemberFactory(
        organisation=tree.group_a1,
        full_name=LINK,
        card_number="A-1",
        professional_level=level,
        salary_basis=5_000_000,
    )
    MemberFactory(organisation=tree.group_a2, full_name="Lê Thị Cúc", card_number="A-2")
    books = make_books(Organisation.objects.get(pk=a.pk), users.accountant)
    Category.objects.filter(code="T01").update(name=PLUS)
    make_voucher(
        books, "receipt", "T01", 300_000, date(2025, 4, 1), counterparty=AT, description=LINK
    )
    give(drive(a, users.accountant, name=LINK), 100_000, actor=users.accountant, member=an)
    loans.loan_save(
        loan=Loan(
            organisation=a,
            member=an,
            lender=PLUS,
            amount=10_000_000,
            borrowed_on=date(2025, 2, 1),
            purpose=MINUS,
        ),
        actor=users.accountant,
    )
    DuesRule.objects.create(
        effective_from=date(2024, 1, 1),
        rate=Decimal("1"),
        cap_percent=Decimal("10"),
        base_salary=2_340_000,
        flat_amount=20_000,
        kept_dues_percent=Decimal("60"),
        kept_kpcd_percent=Decimal("75"),
    )
    held(a, Activity.Kind.SPORTS, LINK, date(2025, 3, 5), listed=[an], place=MINUS, results=AT)
    enter(a, [an], name=LINK, field=AT, benefit=MINUS)
    register(tree.group_a1, campaign(a, LINK), {an: PLUS})
    member_ratings_save(group=a, year=YEAR, ratings={an: "excellent"}, actor=None)
    award = decide(a, [Recipient(an)])
    AwardTitle.objects.filter(pk=award.title_id).update(name=LINK)
    return type("Hostile", (), {"tree": tree, "users": users, "books": books, "an": an})


def org_a(h):
    return h.tree.branch_a.pk


def cash_a(h):
    return h.books.cash.pk


def export(name: str, *args, **query):
    """`page_url`'s maker for the namespaced URL `name` ("finance:loan_xlsx")."""
    namespace, short = name.split(":")
    make = page_url(namespace)(short, *args, **query)
    make.full_name = name
    return make


# Every .xlsx URL, with the hostile values it must show as text. The templates show no data
# but the member template's guide lists the professional levels.
EXPORTS = [
    (export("members:member_export", org=org_a), {LINK, MINUS}),
    (export("members:member_import_template"), {LINK}),
    (export("reports:statistics_export", org=org_a), {LINK, MINUS}),
    (export("finance:voucher_export", org=org_a), {LINK, PLUS, AT}),
    (export("finance:voucher_import_template", org=org_a), set()),
    (export("finance:book_xlsx", cash_a, **{"from": "01/01/2025", "to": "31/12/2025"}), {LINK}),
    (export("finance:by_month_xlsx", org=org_a, year=YEAR), {LINK, PLUS}),
    (
        export("finance:summary_xlsx", org=org_a, **{"from": "01/01/2025", "to": "31/12/2025"}),
        {LINK},
    ),
    (export("finance:settlement_xlsx", org=org_a, year=YEAR), {LINK}),
    (export("finance:drive_table_xlsx", org=org_a), {LINK}),
    (export("finance:loan_xlsx", org=org_a, state="all"), {LINK, PLUS, MINUS}),
    (export("finance:dues_arrears_xlsx", org=org_a, year=YEAR), {LINK}),
    (export("emulation:activity_year_xlsx", org=org_a, year=YEAR), {LINK, MINUS, AT}),
    (export("emulation:rating_summary_xlsx", org=org_a, **{"from": YEAR, "to": YEAR}), {LINK}),
    (export("emulation:award_import_template", org=org_a), set()),
    (export("emulation:award_tables_xlsx", org=org_a, **{"from": YEAR, "to": YEAR}), {LINK}),
    (export("emulation:registration_summary_xlsx", org=org_a, year=YEAR), {LINK}),
    (export("emulation:initiative_xlsx", org=org_a), {LINK, MINUS, AT}),
]
# Files an officer edits and imports back: formula-like text also carries the quote prefix.
EDITABLE = {"members:member_export", "finance:voucher_export"}


def xlsx_url_names(patterns=None, namespace="") -> set[str]:
    """The names of every URL whose route ends in .xlsx."""
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= xlsx_url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and str(pattern.pattern).endswith(".xlsx"):
            names.add(f"{namespace}{pattern.name}")
    return names


def download(client, path: str) -> BytesIO:
    response = client.get(path)
    assert response.status_code == 200, path
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return BytesIO(body)


def text_cells(book):
    return [c for s in book.worksheets for row in s.iter_rows() for c in row if c.value]


def test_the_table_lists_every_xlsx_url():
    assert xlsx_url_names() == {make.full_name for make, _expected in EXPORTS}


@pytest.mark.parametrize(("make_url", "expected"), EXPORTS, ids=[m.url_name for m, _e in EXPORTS])
def test_every_export_stores_hostile_text_as_text(client, hostile, make_url, expected):
    client.force_login(hostile.users.admin)
    book = load_workbook(download(client, make_url(hostile)), data_only=False)
    cells = text_cells(book)
    formulas = [f"{c.parent.title}!{c.coordinate} {c.value}" for c in cells if c.data_type == "f"]
    assert formulas == []  # no export writes a formula of its own
    strings = [c.value for c in cells if c.data_type == "s"]
    # Each hostile value starts a text cell (the template's guide lists the levels in one).
    missing = {v for v in expected if not any(s.startswith(v) for s in strings)}
    assert missing == set()
    if make_url.full_name in EDITABLE:
        unquoted = [
            c.coordinate
            for c in cells
            if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS) and not c.quotePrefix
        ]
        assert unquoted == []


def test_a_member_export_with_hostile_text_imports_back_unchanged(client, hostile):
    users = hostile.users
    client.force_login(users.officer)
    exported = download(client, export("members:member_export")(hostile))
    sheet = load_workbook(exported).worksheets[0]
    assert {r[0] for r in sheet.iter_rows(min_row=2, values_only=True)} == {LINK, "Lê Thị Cúc"}
    exported.seek(0)
    result = run_import(exported, hostile.tree.branch_a, users.officer)
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
