"""Every finance page by role and scope: who may open what (the books' and the dues' pages here,
the budgets', drives' and rules' in their rooms' tests), writes refused change nothing, the menu."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from finance.models import ClosedPeriod
from tests.finance.factories import PDF_BYTES, category
from tests.finance.pages import (
    A_READ,
    A_WRITE,
    B_READ,
    B_WRITE,
    HOME_BRANCH_PAGE,
    org_a,
    org_b,
    pk,
    snapshot,
    url,
)
from tests.pages import ROLES, expect, unexpected_statuses

pytestmark = pytest.mark.django_db


# A posted voucher's edit and delete pages send writers back to the voucher (and other
# pages that cannot be used yet send them where they can).
A_WRITE_POSTED = {**A_WRITE, **{r: 302 for r in ("admin", "officer", "accountant")}}

A_REOPEN = expect(403, admin=200, officer_b=404)

# Without ?org=: each user's own branch; an upper union's viewer and the admin get the
# list of branches on the index, and are sent there from branch-only pages.
HOME_INDEX = expect(group_leader=403, member=403)

DUES_A1 = expect(inspector=403, member=404, upper_viewer=403, officer_b=404)

# The group list of branch A; a group leader ignores ?org= and gets their own group's grid.
DUES_A = expect(inspector=403, member=403, upper_viewer=403, officer_b=404)

PAGES = [
    ("index", url("index"), HOME_INDEX),
    ("index A", url("index", org=org_a), A_READ),
    ("index B", url("index", org=org_b), B_READ),
    (
        "index upper",
        url("index", org=lambda f: f.tree.upper.pk),
        expect(404, admin=200, upper_viewer=200, group_leader=403, member=403),
    ),
    ("vouchers", url("voucher_list"), HOME_BRANCH_PAGE),
    ("vouchers A", url("voucher_list", org=org_a), A_READ),
    ("vouchers B", url("voucher_list", org=org_b), B_READ),
    ("voucher A", url("voucher_detail", pk("a", "receipt")), A_READ),
    ("draft A", url("voucher_detail", pk("a", "draft")), A_READ),
    ("voucher B", url("voucher_detail", pk("b", "receipt")), B_READ),
    ("voucher export A", url("voucher_export", org=org_a), A_READ),
    ("voucher export B", url("voucher_export", org=org_b), B_READ),
    ("voucher import A", url("voucher_import", org=org_a), A_WRITE),
    ("voucher import B", url("voucher_import", org=org_b), B_WRITE),
    ("import template A", url("voucher_import_template", org=org_a), A_WRITE),
    ("import template B", url("voucher_import_template", org=org_b), B_WRITE),
    ("receipt create A", url("voucher_create", org=org_a, kind="receipt"), A_WRITE),
    ("payment create A", url("voucher_create", org=org_a, kind="payment"), A_WRITE),
    ("receipt create B", url("voucher_create", org=org_b, kind="receipt"), B_WRITE),
    ("edit draft A", url("voucher_edit", pk("a", "draft")), A_WRITE),
    ("edit posted A", url("voucher_edit", pk("a", "receipt")), A_WRITE_POSTED),
    ("edit draft B", url("voucher_edit", pk("b", "draft")), B_WRITE),
    ("delete draft A", url("voucher_delete", pk("a", "draft")), A_WRITE),
    ("delete posted A", url("voucher_delete", pk("a", "receipt")), A_WRITE_POSTED),
    ("delete draft B", url("voucher_delete", pk("b", "draft")), B_WRITE),
    ("post draft A", url("voucher_post", pk("a", "draft")), A_WRITE),
    ("post draft B", url("voucher_post", pk("b", "draft")), B_WRITE),
    ("reverse A", url("voucher_reverse", pk("a", "receipt")), A_WRITE),
    ("reverse draft A", url("voucher_reverse", pk("a", "draft")), A_WRITE_POSTED),
    ("reverse B", url("voucher_reverse", pk("b", "receipt")), B_WRITE),
    # Branch A has one account: writers are sent to open a second one first.
    ("transfer A", url("transfer_create", org=org_a), A_WRITE_POSTED),
    ("transfer B", url("transfer_create", org=org_b), {**B_WRITE, "admin": 302, "officer_b": 302}),
    ("account create A", url("account_create", org=org_a), A_WRITE),
    ("account create B", url("account_create", org=org_b), B_WRITE),
    ("account edit A", url("account_edit", pk("a", "cash")), A_WRITE),
    ("account edit B", url("account_edit", pk("b", "cash")), B_WRITE),
    ("book A", url("account_book", pk("a", "cash")), A_READ),
    ("book B", url("account_book", pk("b", "cash")), B_READ),
    ("summary", url("summary"), HOME_BRANCH_PAGE),
    ("summary A", url("summary", org=org_a), A_READ),
    ("summary B", url("summary", org=org_b), B_READ),
    ("by month A", url("by_month", org=org_a, year="2025"), A_READ),
    ("by month B", url("by_month", org=org_b, year="2025"), B_READ),
    ("welfare A", url("welfare", org=org_a, year="2025"), A_READ),
    ("welfare B", url("welfare", org=org_b, year="2025"), B_READ),
    ("periods A", url("periods", org=org_a), A_READ),
    ("periods B", url("periods", org=org_b), B_READ),
    ("close A", url("period_close", org=org_a), A_WRITE),
    ("close B", url("period_close", org=org_b), B_WRITE),
    ("voucher PDF A", url("voucher_pdf", pk("a", "receipt")), A_READ),
    ("draft PDF A", url("voucher_pdf", pk("a", "draft")), A_READ),
    ("voucher PDF B", url("voucher_pdf", pk("b", "receipt")), B_READ),
    ("book xlsx A", url("book_xlsx", pk("a", "cash")), A_READ),
    ("book xlsx B", url("book_xlsx", pk("b", "cash")), B_READ),
    ("book PDF A", url("book_pdf", pk("a", "cash")), A_READ),
    ("book PDF B", url("book_pdf", pk("b", "cash")), B_READ),
    ("by month xlsx A", url("by_month_xlsx", org=org_a, year="2025"), A_READ),
    ("by month xlsx B", url("by_month_xlsx", org=org_b, year="2025"), B_READ),
    ("by month PDF A", url("by_month_pdf", org=org_a, year="2025"), A_READ),
    ("by month PDF B", url("by_month_pdf", org=org_b, year="2025"), B_READ),
    ("disclosure DOCX A", url("disclosure_docx", org=org_a), A_READ),
    ("disclosure DOCX B", url("disclosure_docx", org=org_b), B_READ),
    ("summary PDF A", url("summary_pdf", org=org_a), A_READ),
    ("summary PDF B", url("summary_pdf", org=org_b), B_READ),
    ("summary DOCX A", url("summary_docx", org=org_a), A_READ),
    ("summary xlsx A", url("summary_xlsx", org=org_a), A_READ),
    ("disclosure A", url("disclosure_pdf", org=org_a), A_READ),
    ("disclosure B", url("disclosure_pdf", org=org_b), B_READ),
    ("summary xlsx B", url("summary_xlsx", org=org_b), B_READ),
    ("attachment A", url("attachment_file", pk("a", "attachment")), A_READ),
    ("attachment B", url("attachment_file", pk("b", "attachment")), B_READ),
    ("attachment delete A", url("attachment_delete", pk("a", "attachment")), A_WRITE),
    ("attachment delete B", url("attachment_delete", pk("b", "attachment")), B_WRITE),
    # Uploads are POSTed from the voucher page: a GET is refused whoever asks.
    ("attach A", url("attachment_add", pk("a", "draft")), expect(405)),
    ("reopen A", url("period_reopen", pk("a", "period")), A_REOPEN),
    (
        "reopen B",
        url("period_reopen", pk("b", "period")),
        expect(404, admin=200, upper_viewer=403, officer_b=403, group_leader=403, member=403),
    ),
    # Dues collection goes by COLLECT_DUES at the group: the group leader of A1 collects there
    # (and lands on their grid without ?group=); readers of the books do not collect.
    (
        "dues grid",
        url("dues_grid"),
        expect(admin=302, inspector=403, member=403, upper_viewer=403),
    ),
    ("dues grid A", url("dues_grid", org=org_a), DUES_A),
    ("dues grid A1", url("dues_grid", group=lambda f: f.tree.group_a1.pk), DUES_A1),
    (
        "dues grid A2",
        url("dues_grid", group=lambda f: f.tree.group_a2.pk),
        {**DUES_A1, "group_leader": 404},
    ),
    (
        "dues grid B1",
        url("dues_grid", group=lambda f: f.tree.group_b1.pk),
        expect(404, admin=200, officer_b=200, upper_viewer=403),
    ),
    ("dues arrears", url("dues_arrears"), HOME_BRANCH_PAGE),
    ("dues arrears A", url("dues_arrears", org=org_a), A_READ),
    ("dues arrears B", url("dues_arrears", org=org_b), B_READ),
    ("dues arrears xlsx A", url("dues_arrears_xlsx", org=org_a), A_READ),
    ("dues arrears xlsx B", url("dues_arrears_xlsx", org=org_b), B_READ),
    ("remittance A", url("remittance", org=org_a), A_READ),
    ("remittance B", url("remittance", org=org_b), B_READ),
    # Nobody here is linked to a member (see tests/finance/dues/test_views.py for one who is).
    ("my dues", url("my_dues"), expect(404)),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_finance_page_answers_by_role_and_scope(role, client, fin, users):
    assert unexpected_statuses(client, users, role, fin, PAGES) == {}


def test_every_finance_url_is_in_a_permission_table():
    """This module's table and those of the other finance page modules, which run their own."""
    from finance.urls import urlpatterns
    from tests.finance.dues import test_rules
    from tests.finance.funds import test_budget_views, test_drives

    tables = PAGES + test_budget_views.PAGES + test_drives.PAGES + test_rules.PAGES
    assert {make.url_name for _name, make, _expected in tables} == {p.name for p in urlpatterns}


def test_anonymous_is_sent_to_login_from_finance_pages(client, fin):
    for _name, make_url, _expected in PAGES:
        response = client.get(make_url(fin))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def write_requests(f):
    """Every write of the finance pages on branch A, with plausible data."""
    a = f.a
    voucher_data = {
        "date": "15/04/2025",
        "account": a.cash.pk,
        "category": category("T01").pk,
        "amount": "1.000.000",
        "counterparty": "Nguyễn Văn Nộp",
        "description": "Thu đoàn phí tháng 4",
    }
    return [
        (url("voucher_create", org=org_a, kind="receipt")(f), voucher_data),
        (url("voucher_edit", pk("a", "draft"))(f), voucher_data),
        (url("voucher_delete", pk("a", "draft"))(f), {}),
        (url("voucher_post", pk("a", "draft"))(f), {}),
        (
            url("voucher_reverse", pk("a", "receipt"))(f),
            {"date": "20/04/2025", "description": "Thu nhầm"},
        ),
        (
            url("transfer_create", org=org_a)(f),
            {
                "source": a.cash.pk,
                "destination": a.cash.pk,
                "date": "20/04/2025",
                "amount": "100.000",
                "description": "Nộp tiền",
            },
        ),
        (
            url("account_create", org=org_a)(f),
            {"kind": "cash", "name": "Quỹ 2", "opening_balance": "0", "opening_date": "01/01/2025"},
        ),
        (
            url("account_edit", pk("a", "cash"))(f),
            {"kind": "cash", "name": "Quỹ đổi tên", "opening_date": "01/01/2025"},
        ),
        (url("period_close", org=org_a)(f), {"year": "2023", "month": ""}),
        (url("period_reopen", pk("a", "period"))(f), {}),
        (
            url("attachment_add", pk("a", "draft"))(f),
            {"file": SimpleUploadedFile("them.pdf", PDF_BYTES)},
        ),
        (url("attachment_delete", pk("a", "attachment"))(f), {}),
        (
            url("remittance", org=org_a)(f),
            {"account": f.a.cash.pk, "date": "20/12/2025", "amount": "100.000"},
        ),
    ]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("inspector", 403),
        ("upper_viewer", 403),
        ("group_leader", 403),
        ("member", 403),
        ("officer_b", 404),
    ],
)
def test_writes_on_branch_a_by_readers_and_outsiders_are_refused_and_change_nothing(
    role, status, client, fin, users
):
    client.force_login(getattr(users, role))
    before = snapshot()
    for path, data in write_requests(fin):
        assert client.post(path, data).status_code == status, path
    assert snapshot() == before


def test_reopening_a_period_is_for_administrators_only(client, fin, users):
    path = url("period_reopen", pk("a", "period"))(fin)
    for role in ("officer", "accountant"):
        client.force_login(getattr(users, role))
        assert client.post(path).status_code == 403
    assert ClosedPeriod.objects.filter(pk=fin.a.period.pk).exists()
    client.force_login(users.admin)
    response = client.post(path)
    assert response.status_code == 302
    assert not ClosedPeriod.objects.filter(pk=fin.a.period.pk).exists()
    # The reopening is in the periods page's log, with who did it.
    page = client.get(url("periods", org=org_a)(fin)).content.decode()
    assert "Mở lại sổ" in page and "admin" in page


def test_the_finance_menu_is_shown_to_readers_of_the_books_only(client, fin, users):
    menu = reverse("finance:index")
    client.force_login(users.inspector)
    assert f'href="{menu}"' in client.get(reverse("home")).content.decode()
    client.force_login(users.group_leader)
    assert f'href="{menu}"' not in client.get(reverse("home")).content.decode()
