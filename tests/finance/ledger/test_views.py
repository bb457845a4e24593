"""Pages of the books: who may open and change what, posted vouchers stay frozen, query counts."""

from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from finance.forms import parse_money
from finance.ledger import selectors, services
from finance.models import Account, Category, ClosedPeriod, Voucher
from tests.finance.factories import (
    PDF_BYTES,
    add_vouchers,
    category,
    make_voucher,
    open_bank,
)
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
from tests.test_views_organisations import (
    ROLES,
    count_queries,
    expect,
    unexpected_statuses,
)
from unionhub.formatting import money, money_in_words

pytestmark = pytest.mark.django_db

YEAR = "?from=01/01/2025&to=31/12/2025"


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
    from tests.finance.funds import test_budgets, test_drives

    tables = PAGES + test_budgets.PAGES + test_drives.PAGES + test_rules.PAGES
    assert {make.url_name for _name, make, _expected in tables} == {p.name for p in urlpatterns}


def test_anonymous_is_sent_to_login_from_finance_pages(client, fin):
    for _name, make_url, _expected in PAGES:
        response = client.get(make_url(fin))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


# --- writes refused change nothing -----------------------------------------------------------


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


# --- posted vouchers are frozen --------------------------------------------------------------


def test_a_posted_voucher_cannot_be_edited_deleted_or_posted_again_through_any_view(
    client, fin, users
):
    posted = fin.a.receipt
    client.force_login(users.accountant)
    before = snapshot()
    data = {
        "date": "01/03/2025",
        "account": fin.a.cash.pk,
        "category": category("T02").pk,
        "amount": "9.999.999",
        "counterparty": "Ai đó",
        "description": "Sửa trộm",
    }
    for name, payload in [("voucher_edit", data), ("voucher_delete", {}), ("voucher_post", {})]:
        path = reverse(f"finance:{name}", args=[posted.pk])
        for response in (client.get(path), client.post(path, payload)):
            assert response.status_code == 302, name
            assert response["Location"] == reverse("finance:voucher_detail", args=[posted.pk])
    assert snapshot() == before
    page = client.get(reverse("finance:voucher_detail", args=[posted.pk]), follow=True)
    # The detail page offers no edit or delete for it, only a reversing voucher.
    html = page.content.decode()
    assert reverse("finance:voucher_edit", args=[posted.pk]) not in html
    assert reverse("finance:voucher_delete", args=[posted.pk]) not in html
    assert reverse("finance:voucher_reverse", args=[posted.pk]) in html


def test_editing_a_posted_voucher_says_why(client, fin, users):
    client.force_login(users.accountant)
    response = client.get(reverse("finance:voucher_edit", args=[fin.a.receipt.pk]), follow=True)
    assert "không sửa, không xóa được" in response.content.decode()


# --- forms -----------------------------------------------------------------------------------


def voucher_form(f, **changes):
    return {
        "date": "15/04/2025",
        "account": f.a.cash.pk,
        "category": category("T01").pk,
        "amount": "16.050.000",
        "counterparty": "Nguyễn Văn Nộp",
        "counterparty_member": "",
        "description": "Thu đoàn phí quý II",
        "member": "",
        **changes,
    }


def test_accountant_enters_a_receipt_as_a_draft_then_posts_it(client, fin, users):
    client.force_login(users.accountant)
    response = client.post(url("voucher_create", org=org_a, kind="receipt")(fin), voucher_form(fin))
    voucher = Voucher.objects.get(description="Thu đoàn phí quý II")
    assert response.status_code == 302
    assert response["Location"] == reverse("finance:voucher_detail", args=[voucher.pk])
    assert (voucher.kind, voucher.state, voucher.amount) == ("receipt", "draft", 16_050_000)
    assert voucher.organisation == fin.a.org
    response = client.post(reverse("finance:voucher_post", args=[voucher.pk]), follow=True)
    voucher.refresh_from_db()
    assert voucher.state == Voucher.State.POSTED
    assert voucher.number == 2  # the fixture posted receipt 1 of 2025
    html = response.content.decode()
    assert "PT 0002/2025" in html
    assert money_in_words(16_050_000) in html
    assert "16.050.000đ" in html


def test_the_kind_comes_from_the_page_and_the_categories_follow_it(client, fin, users):
    client.force_login(users.accountant)
    path = url("voucher_create", org=org_a, kind="payment")(fin)
    form = client.get(path).context["form"]
    flows = {c.flow for c in form.fields["category"].queryset}
    assert flows == {Category.Flow.SPENDING}
    # A tampered kind is ignored, and an income line is not a valid choice on a payment.
    response = client.post(path, voucher_form(fin, kind="receipt"))
    assert response.status_code == 200
    assert "category" in response.context["form"].errors
    assert not Voucher.objects.filter(description="Thu đoàn phí quý II").exists()


def test_a_draft_is_edited_through_its_page(client, fin, users):
    client.force_login(users.accountant)
    draft = fin.a.draft
    response = client.post(
        reverse("finance:voucher_edit", args=[draft.pk]),
        voucher_form(fin, amount="1250000", category=category("T03.4").pk),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.amount, draft.category.code, draft.state) == (1_250_000, "T03.4", "draft")


def test_a_date_in_a_closed_period_redisplays_the_form_with_the_error_on_the_date(
    client, fin, users
):
    client.force_login(users.accountant)
    services.period_close(organisation=fin.a.org, year=2025, month=4, actor=users.accountant)
    before = snapshot()
    response = client.post(url("voucher_create", org=org_a, kind="receipt")(fin), voucher_form(fin))
    assert response.status_code == 200
    form = response.context["form"]
    assert "04/2025 đã khóa sổ" in " ".join(form.errors["date"])
    html = response.content.decode()
    assert 'value="15/04/2025"' in html
    assert 'value="16.050.000"' in html
    assert "Thu đoàn phí quý II" in html
    assert snapshot() == before


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("16.050.000", 16_050_000),
        ("16050000", 16_050_000),
        ("16 050 000đ", 16_050_000),
        ("16,050,000", 16_050_000),
        ("1.000", 1_000),
        ("16.050.000,5", None),
        ("1.5", None),
        ("16.05.000", None),
        ("-5000", None),
        ("mười nghìn", None),
    ],
)
def test_amounts_are_whole_dong_typed_with_or_without_thousands_dots(typed, amount):
    assert parse_money(typed) == amount


def test_a_wrong_amount_is_named_in_the_error(client, fin, users):
    client.force_login(users.accountant)
    path = url("voucher_create", org=org_a, kind="receipt")(fin)
    for typed in ("16.050.000,5", "0"):
        response = client.post(path, voucher_form(fin, amount=typed))
        errors = response.context["form"].errors["amount"]
        assert errors and all(e.startswith("Số tiền") for e in errors)


def test_a_voucher_needs_a_payer_member_or_name(client, fin, users):
    client.force_login(users.accountant)
    response = client.post(
        url("voucher_create", org=org_a, kind="receipt")(fin), voucher_form(fin, counterparty="")
    )
    assert "Người nộp tiền" in response.context["form"].errors["counterparty"][0]


def test_accounts_and_members_of_another_branch_are_not_choices(
    client, fin, users, member_a, member_b
):
    client.force_login(users.accountant)
    path = url("voucher_create", org=org_a, kind="receipt")(fin)
    form = client.get(path).context["form"]
    assert list(form.fields["account"].queryset) == [fin.a.cash]
    assert member_a in form.fields["counterparty_member"].queryset
    assert member_b not in form.fields["counterparty_member"].queryset
    before = snapshot()
    response = client.post(
        path, voucher_form(fin, account=fin.b.cash.pk, counterparty_member=member_b.pk)
    )
    assert set(response.context["form"].errors) == {"account", "counterparty_member"}
    assert snapshot() == before


def test_reversing_a_posted_voucher_links_both_ways(client, fin, users):
    client.force_login(users.accountant)
    original = fin.a.receipt
    response = client.post(
        reverse("finance:voucher_reverse", args=[original.pk]),
        {"date": "20/04/2025", "description": "Thu nhầm đoàn phí"},
    )
    reversal = Voucher.objects.get(reverses=original)
    assert response["Location"] == reverse("finance:voucher_detail", args=[reversal.pk])
    assert (reversal.kind, reversal.state, reversal.amount) == ("payment", "posted", 2_000_000)
    original_page = client.get(reverse("finance:voucher_detail", args=[original.pk]))
    reversal_page = client.get(reverse("finance:voucher_detail", args=[reversal.pk]))
    assert reverse("finance:voucher_detail", args=[reversal.pk]) in original_page.content.decode()
    assert reverse("finance:voucher_detail", args=[original.pk]) in reversal_page.content.decode()
    # Once reversed, there is nothing more to reverse.
    again = client.get(reverse("finance:voucher_reverse", args=[original.pk]))
    assert again.status_code == 302


def test_a_reversal_into_a_closed_month_is_refused_on_the_date(client, fin, users):
    client.force_login(users.accountant)
    services.period_close(organisation=fin.a.org, year=2025, month=4, actor=users.accountant)
    before = snapshot()
    response = client.post(
        reverse("finance:voucher_reverse", args=[fin.a.receipt.pk]),
        {"date": "20/04/2025", "description": "Thu nhầm"},
    )
    assert response.status_code == 200
    assert "đã khóa sổ" in " ".join(response.context["form"].errors["date"])
    assert snapshot() == before


def test_a_draft_is_deleted_after_confirmation(client, fin, users):
    client.force_login(users.accountant)
    path = reverse("finance:voucher_delete", args=[fin.a.draft.pk])
    assert "Xóa hẳn" in client.get(path).content.decode()
    assert Voucher.objects.filter(pk=fin.a.draft.pk).exists()
    assert client.post(path).status_code == 302
    assert not Voucher.objects.filter(pk=fin.a.draft.pk).exists()


def test_a_transfer_creates_a_linked_pair_of_drafts(client, fin, users):
    bank = open_bank(fin.a)
    client.force_login(users.accountant)
    response = client.post(
        url("transfer_create", org=org_a)(fin),
        {
            "source": bank.pk,
            "destination": fin.a.cash.pk,
            "date": "20/04/2025",
            "amount": "3.000.000",
            "description": "Rút tiền gửi về quỹ",
        },
    )
    payment = Voucher.objects.get(account=bank)
    receipt = payment.transfer_pair
    assert response["Location"] == reverse("finance:voucher_detail", args=[payment.pk])
    assert (payment.kind, receipt.kind, receipt.account) == ("payment", "receipt", fin.a.cash)
    assert payment.category is None and receipt.category is None
    # Posting one side posts both; the transfer is neither income nor spending.
    client.post(reverse("finance:voucher_post", args=[receipt.pk]))
    assert set(
        Voucher.objects.filter(pk__in=[payment.pk, receipt.pk]).values_list("state", flat=True)
    ) == {"posted"}
    report = client.get(url("summary", org=org_a)(fin) + "&from=01/04/2025&to=30/04/2025").context[
        "report"
    ]
    assert (report.total_income, report.total_spending) == (0, 0)
    # Its page names the other side, and offers no reversal (a transfer back does that).
    html = client.get(reverse("finance:voucher_detail", args=[receipt.pk])).content.decode()
    assert reverse("finance:voucher_detail", args=[payment.pk]) in html
    assert reverse("finance:voucher_reverse", args=[receipt.pk]) not in html


def test_a_transfer_to_the_same_account_is_refused_on_the_destination(client, fin, users):
    open_bank(fin.a)
    client.force_login(users.accountant)
    response = client.post(
        url("transfer_create", org=org_a)(fin),
        {
            "source": fin.a.cash.pk,
            "destination": fin.a.cash.pk,
            "date": "20/04/2025",
            "amount": "3.000.000",
            "description": "Nộp tiền",
        },
    )
    assert "destination" in response.context["form"].errors


def test_an_account_is_opened_and_its_opening_balance_is_fixed_once_used(client, fin, users):
    client.force_login(users.accountant)
    response = client.post(
        url("account_create", org=org_a)(fin),
        {
            "kind": "bank",
            "name": "Tiền gửi Vietcombank",
            "bank_account": "0071001234567",
            "opening_balance": "20.000.000",
            "opening_date": "01/01/2025",
        },
    )
    assert response.status_code == 302
    bank = Account.objects.get(name="Tiền gửi Vietcombank")
    assert (bank.organisation, bank.opening_balance) == (fin.a.org, 20_000_000)
    # The cash box has vouchers: a changed opening balance is ignored, the rename is kept.
    response = client.post(
        reverse("finance:account_edit", args=[fin.a.cash.pk]),
        {
            "kind": "cash",
            "name": "Quỹ tiền mặt văn phòng",
            "opening_balance": "1",
            "opening_date": "01/01/2020",
        },
    )
    assert response.status_code == 302
    fin.a.cash.refresh_from_db()
    assert (fin.a.cash.name, fin.a.cash.opening_balance) == ("Quỹ tiền mặt văn phòng", 5_000_000)


def test_a_duplicate_account_name_is_named_in_the_error(client, fin, users):
    client.force_login(users.accountant)
    response = client.post(
        url("account_create", org=org_a)(fin),
        {
            "kind": "cash",
            "name": "quỹ tiền mặt",
            "opening_balance": "0",
            "opening_date": "01/01/2025",
        },
    )
    assert response.context["form"].errors["name"][0].startswith("Tên")


def test_a_period_is_closed_from_the_periods_page(client, fin, users):
    client.force_login(users.accountant)
    path = url("period_close", org=org_a)(fin)
    # March 2025 still has a draft: the service refuses and the form says why.
    response = client.post(path, {"year": "2025", "month": "3"})
    assert response.status_code == 200
    assert "nháp" in " ".join(response.context["form"].non_field_errors())
    response = client.post(path, {"year": "2025", "month": "2"})
    assert response.status_code == 302
    assert ClosedPeriod.objects.filter(organisation=fin.a.org, year=2025, month=2).exists()
    again = client.post(path, {"year": "2025", "month": "2"})
    assert "đã khóa sổ" in again.context["form"].errors["month"][0]
    assert "đã khóa sổ" in client.post(path, {"year": "2024"}).context["form"].errors["year"][0]


# --- reports of the books --------------------------------------------------------------------


def test_the_summary_page_shows_the_figures_of_finance_summary(client, fin, users):
    make_voucher(fin.a, "receipt", "T03.4", 41_250, date(2025, 6, 30))
    make_voucher(fin.a, "payment", "C07", 1_725_000, date(2025, 7, 1))
    make_voucher(fin.a, "receipt", "T01", 777_000, date(2026, 1, 5))  # after the range
    client.force_login(users.inspector)
    response = client.get(url("summary", org=org_a)(fin) + "&from=01/03/2025&to=31/12/2025")
    expected = selectors.finance_summary(fin.a.org, date(2025, 3, 1), date(2025, 12, 31))
    report = response.context["report"]
    assert (report.opening, report.total_income, report.total_spending, report.closing) == (
        expected.opening,
        expected.total_income,
        expected.total_spending,
        expected.closing,
    )
    html = response.content.decode()
    assert f"{money(expected.opening)}<" in html
    assert f"{money(expected.total_income)}<" in html
    assert f"{money(expected.total_spending)}<" in html
    assert "Số dư cuối kỳ (31/12/2025)" in html
    assert f"{money(expected.closing)}<" in html
    for line in expected.income + expected.spending:
        assert line.category.name in html
    # 5.000.000 opening; +2.000.000 +41.250 income; -500.000 -1.725.000 spending.
    assert expected.closing == 5_000_000 + 2_041_250 - 2_225_000
    assert expected.closing == expected.opening + expected.total_income - expected.total_spending


def test_the_summary_defaults_to_the_year_so_far(client, fin, users):
    client.force_login(users.accountant)
    report = client.get(url("summary", org=org_a)(fin)).context["report"]
    today = date.today()
    assert (report.start, report.end) == (date(today.year, 1, 1), today)


def test_the_cash_book_shows_running_balances_and_defaults_to_this_month(client, fin, users):
    client.force_login(users.accountant)
    path = reverse("finance:account_book", args=[fin.a.cash.pk])
    book = client.get(path).context["book"]
    today = date.today()
    assert (book.start.day, book.start.month, book.end.month) == (1, today.month, today.month)
    response = client.get(path + YEAR)
    book = response.context["book"]
    assert [row.balance for row in book.rows] == [7_000_000, 6_500_000]
    assert (book.opening, book.closing) == (5_000_000, 6_500_000)
    html = response.content.decode()
    assert "Sổ quỹ tiền mặt" in html and "6.500.000đ" in html and "Số dư đầu kỳ" in html


def test_a_long_book_is_paged_and_the_balance_runs_on(client, fin, users, monkeypatch):
    monkeypatch.setattr("finance.ledger.book_views.BOOK_PAGE_SIZE", 1)
    client.force_login(users.accountant)
    path = reverse("finance:account_book", args=[fin.a.cash.pk]) + YEAR
    first, second = client.get(path), client.get(path + "&page=2")
    assert [row.balance for row in first.context["page"]] == [7_000_000]
    assert [row.balance for row in second.context["page"]] == [6_500_000]
    assert second.context["book"].closing == 6_500_000  # the totals cover the whole range
    assert "Trang 2 / 2" in second.content.decode()


def test_the_voucher_list_filters_and_totals_the_posted_ones(client, fin, users):
    make_voucher(fin.a, "receipt", "T01", 300_000, date(2025, 5, 1), description="Thu bổ sung")
    client.force_login(users.accountant)
    base = url("voucher_list", org=org_a)(fin)
    response = client.get(base)
    assert response.context["totals"] is None  # no selection: the index shows the balances
    assert len(response.context["page"].object_list) == 4  # drafts are listed too
    response = client.get(base + "&from=01/01/2025&to=31/12/2025")
    assert response.context["totals"] == {"receipts": 2_300_000, "payments": 500_000}
    response = client.get(base + "&kind=receipt&state=posted")
    assert {v.pk for v in response.context["page"]} == {
        fin.a.receipt.pk,
        Voucher.objects.get(description="Thu bổ sung").pk,
    }
    response = client.get(base + "&q=bổ sung")
    assert [v.description for v in response.context["page"]] == ["Thu bổ sung"]
    assert response.context["totals"] == {"receipts": 300_000, "payments": 0}
    # A line with sub-lines stands for them all: C02 finds the C02.1 payment.
    response = client.get(base + f"&category={category('C02').pk}")
    assert [v.pk for v in response.context["page"]] == [fin.a.payment.pk]
    response = client.get(base + "&from=02/03/2025&to=09/03/2025")
    assert [v.pk for v in response.context["page"]] == [fin.a.payment.pk]
    # Newest first.
    dates = [v.date for v in client.get(base).context["page"]]
    assert dates == sorted(dates, reverse=True)


def test_the_index_shows_balances_and_the_write_buttons_to_writers_only(client, fin, users):
    client.force_login(users.accountant)
    html = client.get(url("index", org=org_a)(fin)).content.decode()
    assert "6.500.000đ" in html  # 5.000.000 + 2.000.000 - 500.000
    assert "Lập phiếu thu" in html and "Thêm tài khoản" in html
    client.force_login(users.inspector)
    html = client.get(url("index", org=org_a)(fin)).content.decode()
    assert "6.500.000đ" in html
    assert "Lập phiếu thu" not in html and "Lập phiếu chi" not in html


def test_a_transfer_needs_two_accounts(client, fin, users):
    client.force_login(users.accountant)
    response = client.get(url("transfer_create", org=org_a)(fin))
    assert response["Location"].startswith(reverse("finance:account_create"))
    index = client.get(url("index", org=org_a)(fin)).content.decode()
    assert reverse("finance:transfer_create") not in index


def test_a_branch_without_accounts_is_told_how_to_start(client, tree, users):
    client.force_login(users.accountant)
    response = client.get(reverse("finance:index"))
    html = response.content.decode()
    assert "Thêm tài khoản tiền mặt/tiền gửi với số dư đầu kỳ" in html
    # Entering a voucher first sends the accountant to open an account.
    response = client.get(reverse("finance:voucher_create") + f"?org={tree.branch_a.pk}")
    assert response["Location"].startswith(reverse("finance:account_create"))


def test_the_upper_viewer_chooses_a_branch(client, fin, users):
    client.force_login(users.upper_viewer)
    response = client.get(reverse("finance:index"))
    names = [b.name for b in response.context["page"]]
    assert names == [fin.tree.branch_a.name, fin.tree.branch_b.name]


def test_the_voucher_page_shows_amount_in_words_poster_and_history(client, fin, users):
    client.force_login(users.inspector)
    html = client.get(reverse("finance:voucher_detail", args=[fin.a.receipt.pk])).content.decode()
    assert "PT 0001/2025" in html
    assert money_in_words(2_000_000) in html
    assert users.accountant.username in html  # who posted it
    assert "Lịch sử thay đổi" in html and "Đã ghi sổ" in html


def test_the_finance_menu_is_shown_to_readers_of_the_books_only(client, fin, users):
    menu = reverse("finance:index")
    client.force_login(users.inspector)
    assert f'href="{menu}"' in client.get(reverse("home")).content.decode()
    client.force_login(users.group_leader)
    assert f'href="{menu}"' not in client.get(reverse("home")).content.decode()


# --- query counts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        lambda f: url("index", org=org_a)(f),
        lambda f: url("voucher_list", org=org_a)(f),
        lambda f: url("voucher_list", org=org_a)(f) + "&kind=payment&page=2",
        lambda f: url("account_book", pk("a", "cash"))(f) + YEAR,
        lambda f: url("summary", org=org_a)(f) + "&from=01/01/2025&to=31/12/2025",
        lambda f: url("periods", org=org_a)(f),
        lambda f: url("voucher_detail", pk("a", "receipt"))(f),
    ],
)
def test_finance_pages_query_count_does_not_grow_with_vouchers(page, client, fin, users):
    add_vouchers(fin.a, 60)  # enough for a second page of payments
    client.force_login(users.accountant)
    before = count_queries(client, page(fin))
    add_vouchers(fin.a, 30)
    assert count_queries(client, page(fin)) == before


def test_the_services_refuse_a_member_of_another_branch_on_a_voucher(fin, member_b):
    with pytest.raises(ValidationError):
        make_voucher(fin.a, "payment", "C02.1", 100_000, date(2025, 5, 1), member=member_b)


def test_downloads_hold_the_page_figures(client, users, fin):
    """The summary's Excel and the voucher's PDF say what the pages say."""
    from io import BytesIO

    from openpyxl import load_workbook
    from pypdf import PdfReader

    client.force_login(users.accountant)
    params = {"org": fin.a.org.pk, "from": "01/01/2025", "to": "31/12/2025"}
    page = client.get(reverse("finance:summary"), params).context["report"]
    sheet = load_workbook(
        BytesIO(client.get(reverse("finance:summary_xlsx"), params).content)
    ).active
    rows = {row[0]: row[2] for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert (rows["I"], rows["II"], rows["III"], rows["IV"]) == (
        page.opening,
        page.total_income,
        page.total_spending,
        page.closing,
    )
    response = client.get(reverse("finance:voucher_pdf", args=[fin.a.receipt.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(PdfReader(BytesIO(response.content)).pages[0].extract_text().split())
    assert fin.a.receipt.display_number in text


# --- attachments ------------------------------------------------------------------------------


def upload(client, voucher, name, content):
    return client.post(
        reverse("finance:attachment_add", args=[voucher.pk]),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def test_attachments_are_checked_stored_under_a_random_name_and_read_back(client, fin, users):
    client.force_login(users.accountant)
    response = upload(client, fin.a.receipt, "Biên lai số 5.png", b"\x89PNG\r\n\x1a\n" + b"0" * 50)
    assert "Đã đính kèm Biên lai số 5.png" in response.content.decode()
    stored = fin.a.receipt.attachments.get()
    assert stored.name == "Biên lai số 5.png" and stored.content_type == "image/png"
    assert "Biên" not in stored.file.name and stored.file.name.endswith(".png")
    download = client.get(reverse("finance:attachment_file", args=[stored.pk]))
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")
    # A posted voucher keeps its documents: nothing to delete.
    response = client.post(reverse("finance:attachment_delete", args=[stored.pk]), follow=True)
    assert fin.a.receipt.attachments.count() == 1
    assert "đã ghi sổ" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("hoa-don.exe", b"MZ....", "Chỉ đính kèm tệp PDF, JPG hoặc PNG."),
        ("hoa-don.pdf", b"\x89PNG\r\n\x1a\n", "Nội dung tệp hoa-don.pdf không phải PDF."),
        ("anh.jpg", b"GIF89a", "Nội dung tệp anh.jpg không phải JPG."),
    ],
)
def test_attachments_of_the_wrong_kind_are_refused(client, fin, users, name, content, error):
    client.force_login(users.accountant)
    response = upload(client, fin.a.draft, name, content)
    assert error in response.content.decode()
    assert fin.a.draft.attachments.count() == 1  # the fixture's only


def test_attachments_over_the_size_limit_are_refused(client, fin, users, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    client.force_login(users.accountant)
    response = upload(client, fin.a.draft, "lon.pdf", PDF_BYTES + b"0" * 200)
    assert "lớn hơn" in response.content.decode()
    assert fin.a.draft.attachments.count() == 1


def test_no_attachment_goes_into_a_closed_period(client, fin, users):
    ClosedPeriod.objects.create(organisation=fin.a.org, year=2025, month=3)
    client.force_login(users.accountant)
    response = upload(client, fin.a.receipt, "muon.pdf", PDF_BYTES)
    assert "đã khóa sổ" in response.content.decode()
    assert not fin.a.receipt.attachments.exists()


def test_deleting_a_draft_removes_its_files(client, fin, users, django_capture_on_commit_callbacks):
    path = Path(fin.a.attachment.file.path)
    assert path.exists()
    client.force_login(users.accountant)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("finance:voucher_delete", args=[fin.a.draft.pk]))
    assert not Voucher.objects.filter(pk=fin.a.draft.pk).exists()
    assert not path.exists()


def test_lines_by_month_page_matches_the_selector_and_keeps_its_queries(client, fin, users):
    client.force_login(users.accountant)
    path = url("by_month", org=org_a, year="2025")(fin)
    response = client.get(path)
    lines = {line.category.code: line for line in response.context["income"]}
    assert lines["T01"].months[2] == 2_000_000
    assert "2.000.000đ" in response.content.decode()
    before = count_queries(client, path)
    add_vouchers(fin.a, 20)
    assert count_queries(client, path) == before


def test_remittance_page_states_the_due_and_drafts_the_payment(client, fin, users):
    from decimal import Decimal

    from finance.models import DuesRule

    DuesRule.objects.create(
        effective_from=date(2025, 1, 1),
        rate=Decimal("1"),
        base_salary=2_340_000,
        kept_dues_percent=Decimal("60"),
        kept_kpcd_percent=Decimal("75"),
    )
    client.force_login(users.accountant)
    path = url("remittance", org=org_a)(fin) + "&from=01/01/2025&to=31/03/2025"
    report = client.get(path).context["report"]
    # Branch A receipted 2.000.000đ of dues (T01) in March: 40% goes upward.
    assert (report.collected, report.due, report.outstanding) == (2_000_000, 800_000, 800_000)
    response = client.post(
        path, {"account": fin.a.cash.pk, "date": "20/04/2025", "amount": "800.000"}
    )
    voucher = Voucher.objects.get(category__code="C07", state="draft")
    assert response["Location"] == reverse("finance:voucher_detail", args=[voucher.pk])
    assert voucher.amount == 800_000 and voucher.kind == "payment"


def test_the_admin_shows_vouchers_and_the_funds_but_changes_none(client, fin, users):
    from finance.models import BudgetLine, Drive, Loan

    client.force_login(users.admin)
    posted = fin.a.receipt
    change = reverse("admin:finance_voucher_change", args=[posted.pk])
    assert client.get(change).status_code == 200  # read-only view
    before = snapshot()
    response = client.post(change, {"amount": "1", "description": "Sửa trong admin"})
    assert response.status_code == 403
    assert client.post(reverse("admin:finance_voucher_delete", args=[posted.pk])).status_code == 403
    assert snapshot() == before
    for model in (BudgetLine, Drive, Loan):
        name = model._meta.model_name
        assert client.get(reverse(f"admin:finance_{name}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:finance_{name}_add")).status_code == 403
