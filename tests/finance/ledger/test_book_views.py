"""Pages of the accounts and their books, the summary and the lines by month, closed periods,
and their downloads."""

from datetime import date

import pytest
from django.urls import reverse

from finance.ledger import selectors
from finance.models import Account, ClosedPeriod
from tests.finance.factories import add_vouchers, make_voucher
from tests.finance.pages import YEAR, org_a, url
from tests.pages import count_queries
from unionhub.formatting import money

pytestmark = pytest.mark.django_db


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
