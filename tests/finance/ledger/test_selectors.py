"""Reads of the books: the summary, an account's book, the lines by month; the identity closing
= opening + income - spending holds for any vouchers and range."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finance.ledger import selectors, services
from finance.models import Voucher
from tests.finance.factories import START, draft, posted

pytestmark = pytest.mark.django_db


def test_summary_prints_each_line_and_the_sub_lines_count_in_their_parent(books):
    posted(books, amount=16_050_000, code="T01", day=date(2025, 2, 1))
    posted(books, amount=500_000, code="T03.4", day=date(2025, 2, 2))
    posted(books, kind="payment", amount=300_000, code="C02.1", day=date(2025, 2, 3))
    posted(books, kind="payment", amount=200_000, code="C02", day=date(2025, 2, 4))
    draft(books, amount=999, day=date(2025, 2, 5))  # drafts do not count
    summary = selectors.finance_summary(books.org, date(2025, 2, 1), date(2025, 2, 28))
    income = {line.category.code: line.amount for line in summary.income}
    spending = {line.category.code: line.amount for line in summary.spending}
    assert income == {"T01": 16_050_000, "T02": 0, "T03": 500_000}
    assert spending["C02"] == 500_000 and sum(spending.values()) == 500_000
    assert summary.opening == 25_000_000
    assert summary.closing == 25_000_000 + 16_550_000 - 500_000


def test_cash_book_runs_the_balance_from_the_opening(books):
    posted(books, amount=1_000_000, day=date(2025, 1, 10))
    posted(books, kind="payment", amount=300_000, day=date(2025, 2, 10))
    posted(books, amount=50_000, day=date(2025, 2, 11))
    book = selectors.account_book(books.cash, date(2025, 2, 1), date(2025, 2, 28))
    assert book.opening == 6_000_000
    assert [(r.receipt, r.payment, r.balance) for r in book.rows] == [
        (0, 300_000, 5_700_000),
        (50_000, 0, 5_750_000),
    ]
    assert book.closing == 5_750_000


VOUCHERS = st.lists(
    st.tuples(
        st.sampled_from(["receipt", "payment", "transfer", "reversal"]),
        st.integers(min_value=0, max_value=700),  # days after 01/01/2025
        st.integers(min_value=1, max_value=50_000_000),
        st.booleans(),  # cash or bank
        st.booleans(),  # posted or left as a draft
    ),
    max_size=25,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(vouchers=VOUCHERS, first=st.integers(0, 730), length=st.integers(0, 400))
def test_summary_identity_and_books_hold_for_any_vouchers_and_range(books, vouchers, first, length):
    Voucher.objects.update(reverses=None, transfer_pair=None)
    Voucher.objects.all().delete()
    last_posted = None
    for kind, offset, amount, in_cash, post in vouchers:
        day = START + timedelta(days=offset)
        account, other = (books.cash, books.bank) if in_cash else (books.bank, books.cash)
        if kind == "transfer":
            payment, _receipt = services.transfer_create(
                organisation=books.org,
                source=account,
                destination=other,
                day=day,
                amount=amount,
                description="Chuyển",
                actor=None,
            )
            if post:
                services.voucher_post(voucher=payment, actor=None)
        elif kind == "reversal":
            if last_posted is not None and last_posted.date <= day:
                services.voucher_reverse(voucher=last_posted, day=day, actor=None)
                last_posted = None
        else:
            voucher = draft(books, kind=kind, day=day, amount=amount, account=account)
            if post:
                last_posted = services.voucher_post(voucher=voucher, actor=None)
    start = START + timedelta(days=first)
    end = start + timedelta(days=length)
    summary = selectors.finance_summary(books.org, start, end)
    assert summary.closing == summary.opening + summary.total_income - summary.total_spending
    assert summary.opening == selectors.balance_on([books.cash, books.bank], start - timedelta(1))
    assert summary.closing == selectors.balance_on([books.cash, books.bank], end)
    cash = selectors.account_book(books.cash, start, end)
    bank = selectors.account_book(books.bank, start, end)
    assert cash.opening + bank.opening == summary.opening
    assert cash.closing + bank.closing == summary.closing
    for book in (cash, bank):
        assert book.closing == book.opening + book.total_receipts - book.total_payments
        running = book.opening
        for row in book.rows:
            running += row.receipt - row.payment
            assert row.balance == running


def test_lines_by_month_add_up_to_the_summary(books):
    posted(books, amount=1_000_000, code="T01", day=date(2025, 1, 5))
    posted(books, amount=2_000_000, code="T01", day=date(2025, 3, 5))
    posted(books, amount=400_000, code="T03.4", day=date(2025, 3, 6))
    spent = posted(books, kind="payment", amount=300_000, code="C02.5", day=date(2025, 3, 7))
    services.voucher_reverse(voucher=spent, day=date(2025, 4, 1), actor=None)
    posted(books, amount=9, code="T01", day=date(2026, 1, 1))  # another year
    lines = {line.category.code: line for line in selectors.by_category_by_month(books.org, 2025)}
    assert lines["T01"].months[:4] == [1_000_000, 0, 2_000_000, 0]
    assert lines["T03"].months[2] == 400_000
    assert lines["C02"].months[2:4] == [300_000, -300_000] and lines["C02"].total == 0
    summary = selectors.finance_summary(books.org, date(2025, 1, 1), date(2025, 12, 31))
    for line in summary.income + summary.spending:
        assert lines[line.category.code].total == line.amount
    assert list(lines)[0].startswith("T")  # income lines first
