"""The books' writes: vouchers, numbering, reversals, transfers, closed periods, the history
(the reads are in test_selectors, the documents in test_reports)."""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from finance.ledger import selectors, services
from finance.models import Account, Category, ClosedPeriod, Voucher
from tests.finance.factories import START, category, draft, posted
from unionhub.formatting import money_in_words, number_in_words

pytestmark = pytest.mark.django_db


# --- amounts in words -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (16_050_000, "Mười sáu triệu không trăm năm mươi nghìn đồng"),
        (0, "Không đồng"),
        (105, "Một trăm linh năm đồng"),
        (1_015, "Một nghìn không trăm mười lăm đồng"),
        (21_000, "Hai mươi mốt nghìn đồng"),
        (1_000_000, "Một triệu đồng"),
        (2_500_000_000, "Hai tỷ năm trăm triệu đồng"),
        (1_000_000_000_000, "Một nghìn tỷ đồng"),
    ],
)
def test_money_in_words_as_vouchers_write_it(amount, words):
    assert money_in_words(amount) == words


def test_number_in_words_reads_every_group_after_the_first():
    assert number_in_words(1_001_000) == "một triệu không trăm linh một nghìn"
    assert number_in_words(45) == "bốn mươi lăm"


# --- drafts, posting, numbering ---------------------------------------------------------------


def test_posting_numbers_per_kind_and_year_without_gaps(books):
    first = posted(books)
    deleted = draft(books)
    services.voucher_delete(voucher=deleted, actor=None)
    second = posted(books)
    payment = posted(books, kind="payment")
    next_year = posted(books, day=date(2026, 1, 5))
    assert (first.number, second.number, payment.number, next_year.number) == (1, 2, 1, 1)
    assert first.display_number == "PT 0001/2025"
    assert payment.display_number == "PC 0001/2025"
    assert next_year.year == 2026


def test_drafts_have_no_number_and_can_change(books):
    voucher = draft(books)
    assert voucher.number is None and voucher.state == Voucher.State.DRAFT
    services.voucher_update(voucher=voucher, actor=None, amount=2_000_000)
    voucher.refresh_from_db()
    assert voucher.amount == 2_000_000


@pytest.mark.parametrize(
    "change",
    [
        lambda v: services.voucher_update(voucher=v, actor=None, amount=1),
        lambda v: services.voucher_delete(voucher=v, actor=None),
        lambda v: services.voucher_post(voucher=v, actor=None),
    ],
)
def test_posted_vouchers_never_change(books, change):
    voucher = posted(books)
    with pytest.raises(ValidationError):
        change(voucher)
    voucher.refresh_from_db()
    assert (voucher.amount, voucher.number, voucher.state) == (1_000_000, 1, "posted")


def test_receipts_need_an_income_line_and_payments_a_spending_line(books):
    with pytest.raises(ValidationError) as error:
        draft(books, kind="receipt", code="C01")
    assert "category" in error.value.message_dict
    with pytest.raises(ValidationError):
        draft(books, kind="payment", code="T01")


def test_amount_must_be_positive_whole_dong(books):
    with pytest.raises(ValidationError):
        draft(books, amount=0)


def test_voucher_before_the_account_opening_is_refused(books):
    with pytest.raises(ValidationError) as error:
        draft(books, day=date(2024, 12, 31))
    assert "date" in error.value.message_dict


def test_another_branch_account_is_refused(books):
    other = Account.objects.create(
        organisation=books.tree.branch_b, kind="cash", name="Quỹ B", opening_date=START
    )
    with pytest.raises(ValidationError) as error:
        draft(books, account=other)
    assert "account" in error.value.message_dict


# --- reversals --------------------------------------------------------------------------------


def test_a_reversal_is_a_posted_voucher_of_the_other_kind_that_undoes_the_original(books):
    original = posted(books, amount=3_000_000)
    reversal = services.voucher_reverse(voucher=original, day=date(2025, 3, 20), actor=None)
    assert reversal.kind == Voucher.Kind.PAYMENT and reversal.state == "posted"
    assert reversal.reverses == original and reversal.category == original.category
    summary = selectors.finance_summary(books.org, START, date(2025, 12, 31))
    assert summary.total_income == 0
    assert summary.closing == summary.opening == 25_000_000
    with pytest.raises(ValidationError):
        services.voucher_reverse(voucher=original, day=date(2025, 3, 21), actor=None)
    with pytest.raises(ValidationError):
        services.voucher_reverse(voucher=reversal, day=date(2025, 3, 21), actor=None)


def test_a_draft_cannot_be_reversed(books):
    with pytest.raises(ValidationError):
        services.voucher_reverse(voucher=draft(books), day=date(2025, 3, 20), actor=None)


# --- transfers --------------------------------------------------------------------------------


def test_a_transfer_moves_money_between_books_and_is_neither_income_nor_spending(books):
    payment, receipt = services.transfer_create(
        organisation=books.org,
        source=books.bank,
        destination=books.cash,
        day=date(2025, 4, 1),
        amount=4_000_000,
        description="Rút tiền gửi về quỹ",
        actor=None,
    )
    services.voucher_post(voucher=receipt, actor=None)
    payment.refresh_from_db()
    receipt.refresh_from_db()
    assert payment.state == receipt.state == "posted"  # posted together
    assert (payment.display_number, receipt.display_number) == ("PC 0001/2025", "PT 0001/2025")
    day = date(2025, 4, 30)
    assert selectors.balance_on([books.cash], day) == 9_000_000
    assert selectors.balance_on([books.bank], day) == 16_000_000
    summary = selectors.finance_summary(books.org, START, day)
    assert (summary.total_income, summary.total_spending) == (0, 0)
    assert summary.closing == 25_000_000


def test_a_draft_transfer_is_deleted_whole(books):
    payment, receipt = services.transfer_create(
        organisation=books.org,
        source=books.cash,
        destination=books.bank,
        day=date(2025, 4, 1),
        amount=1_000,
        description="Nộp tiền vào tài khoản",
        actor=None,
    )
    services.voucher_delete(voucher=payment, actor=None)
    assert not Voucher.objects.exists()


# --- closed periods ---------------------------------------------------------------------------


@pytest.fixture
def march_closed(books):
    kept = posted(books, day=date(2025, 3, 5))
    waiting = draft(books, day=date(2025, 2, 5))
    services.period_close(organisation=books.org, year=2025, month=3, actor=None)
    return kept, waiting


@pytest.mark.parametrize(
    "write",
    [
        lambda b, kept, waiting: draft(b, day=date(2025, 3, 31)),
        lambda b, kept, waiting: services.voucher_update(
            voucher=waiting, actor=None, date=date(2025, 3, 1)
        ),
        lambda b, kept, waiting: services.voucher_reverse(
            voucher=kept, day=date(2025, 3, 20), actor=None
        ),
        lambda b, kept, waiting: services.transfer_create(
            organisation=b.org,
            source=b.cash,
            destination=b.bank,
            day=date(2025, 3, 2),
            amount=5,
            description="x",
            actor=None,
        ),
    ],
)
def test_closed_periods_reject_every_kind_of_write(books, march_closed, write):
    kept, waiting = march_closed
    before = Voucher.objects.count()
    with pytest.raises(ValidationError) as error:
        write(books, kept, waiting)
    assert "03/2025" in str(error.value)
    assert Voucher.objects.count() == before
    waiting.refresh_from_db()
    assert waiting.date == date(2025, 2, 5)


def test_a_draft_inside_a_closed_year_cannot_be_posted_or_deleted(books):
    waiting = draft(books, day=date(2025, 6, 5))
    ClosedPeriod.objects.create(organisation=books.org, year=2025)
    with pytest.raises(ValidationError):
        services.voucher_post(voucher=waiting, actor=None)
    with pytest.raises(ValidationError):
        services.voucher_delete(voucher=waiting, actor=None)


def test_a_period_with_drafts_cannot_be_closed(books):
    draft(books, day=date(2025, 5, 5))
    with pytest.raises(ValidationError, match="nháp"):
        services.period_close(organisation=books.org, year=2025, month=5, actor=None)


def test_reopening_is_recorded_in_the_history(books, users):
    period = services.period_close(organisation=books.org, year=2025, month=1, actor=users.admin)
    services.period_reopen(period=period, actor=users.admin)
    assert not ClosedPeriod.objects.exists()
    deleted = ClosedPeriod.history.filter(history_type="-").get()
    assert deleted.history_user == users.admin


def test_every_change_of_money_is_in_the_history(books, users):
    voucher = draft(books)
    services.voucher_update(voucher=voucher, actor=users.accountant, amount=7_000)
    services.voucher_post(voucher=voucher, actor=users.accountant)
    changes = list(Voucher.history.filter(id=voucher.pk).order_by("history_date"))
    assert [h.amount for h in changes] == [1_000_000, 7_000, 7_000]
    assert changes[-1].history_user == users.accountant and changes[-1].state == "posted"


# --- concurrency (PostgreSQL) ----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_posting_never_gives_a_gap_or_a_duplicate(tree):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: the row lock is PostgreSQL's to prove")
    cash = Account.objects.create(
        organisation=tree.branch_a, kind="cash", name="Tiền mặt", opening_date=START
    )
    # Another transactional test may have flushed the seeded categories before this one.
    dues, _ = Category.objects.get_or_create(
        code="T01", defaults={"name": "Đoàn phí công đoàn", "flow": Category.Flow.INCOME}
    )
    drafts = [
        services.voucher_create(
            organisation=tree.branch_a,
            actor=None,
            kind="receipt",
            date=date(2025, 5, 1),
            account=cash,
            category=dues,
            amount=1000 + n,
            description=f"Đoàn phí {n}",
        )
        for n in range(24)
    ]
    barrier = threading.Barrier(6)
    errors = []

    def worker(chunk):
        try:
            barrier.wait()
            for voucher in chunk:
                services.voucher_post(voucher=voucher, actor=None)
        except Exception as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(drafts[i::6],)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Voucher.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 25))


# --- a voucher's required fields -------------------------------------------------------------


def test_a_voucher_without_date_or_account_names_the_fields(books):
    with pytest.raises(ValidationError) as error:
        services.voucher_create(
            organisation=books.org,
            actor=None,
            kind="receipt",
            date=None,
            category=category("T01"),
            amount=5,
            description="x",
        )
    assert set(error.value.message_dict) == {"date", "account"}
