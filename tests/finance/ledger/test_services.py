"""The books: vouchers, numbering, reversals, transfers, closed periods, summary and books."""

import threading
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from docx import Document as WordDocument
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from finance.ledger import selectors, services
from finance.ledger.documents import render_voucher_pdf, voucher_sheet
from finance.ledger.reports import book_xlsx, disclosure_document, summary_document, summary_xlsx
from finance.models import Account, Category, ClosedPeriod, Voucher
from reports.documents import render_pdf
from reports.docx import render_docx
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


# --- summary and books ------------------------------------------------------------------------


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


# --- the printed voucher ----------------------------------------------------------------------


def test_printed_voucher_states_number_amount_in_words_and_signatures(books):
    member = books.tree.branch_a.members.create(full_name="Nguyễn Thị Hoa", gender="F")
    voucher = posted(
        books,
        amount=16_050_000,
        counterparty_member=member,
        description="Nộp đoàn phí quý I/2025",
    )
    reader = PdfReader(BytesIO(render_voucher_pdf(voucher_sheet(voucher))))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # A5 landscape
    text = " ".join(page.extract_text().split())
    for expected in [
        "PHIẾU THU",
        "Ngày 10 tháng 3 năm 2025",
        "Số: PT 0001/2025",
        "Họ và tên người nộp tiền: Nguyễn Thị Hoa",
        "Lý do nộp: Nộp đoàn phí quý I/2025",
        "16.050.000đ",
        "Mười sáu triệu không trăm năm mươi nghìn đồng",
        "CHỦ TỊCH",
        "KẾ TOÁN",
        "NGƯỜI NỘP TIỀN",
        "THỦ QUỸ",
        "CĐCS TRƯỜNG A",
    ]:
        assert expected in text


def test_a_draft_prints_as_a_draft(books):
    sheet = voucher_sheet(draft(books, kind="payment"))
    assert sheet.title == "PHIẾU CHI" and sheet.number.startswith("NHÁP")
    assert "NGƯỜI NHẬN TIỀN" in sheet.signatures


# --- the books as documents -------------------------------------------------------------------


@pytest.fixture
def february(books):
    posted(books, amount=16_050_000, code="T01", day=date(2025, 2, 1))
    posted(books, kind="payment", amount=300_000, code="C02.1", day=date(2025, 2, 3))
    return selectors.finance_summary(books.org, date(2025, 2, 1), date(2025, 2, 28))


def test_summary_document_prints_the_identity_as_pdf_and_docx(february):
    doc = summary_document(february, number="3", issued=date(2025, 3, 2))
    pdf = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(BytesIO(render_pdf(doc))).pages
    )
    word = WordDocument(BytesIO(render_docx(doc)))
    cells = " ".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    for text in (pdf, cells):
        assert "Số dư đầu kỳ (01/02/2025)" in text and "25.000.000đ" in text
        assert "Tổng thu trong kỳ" in text and "16.050.000đ" in text
        assert "Chi thăm hỏi, trợ cấp" in text and "300.000đ" in text
        assert "Số dư cuối kỳ (28/02/2025)" in text and "40.750.000đ" in text
    assert "Số: 3/BC-CĐCS" in pdf


def test_summary_and_book_xlsx_hold_numbers_that_add_up(books, february):
    sheet = load_workbook(BytesIO(summary_xlsx(february))).active
    rows = {row[0]: row[2] for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert rows["I"] + rows["II"] - rows["III"] == rows["IV"] == 40_750_000
    book = selectors.account_book(books.cash, date(2025, 2, 1), date(2025, 2, 28))
    sheet = load_workbook(BytesIO(book_xlsx(book))).active
    values = list(sheet.iter_rows(min_row=5, values_only=True))
    assert values[0][5] == 5_000_000
    assert [v[5] for v in values[1:-1]] == [21_050_000, 20_750_000]
    assert values[-1][3:] == (16_050_000, 300_000, 20_750_000)


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


def test_disclosure_announces_the_same_figures_to_the_members(february):
    doc = disclosure_document(february, issued=date(2025, 3, 2))
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(BytesIO(render_pdf(doc))).pages
    )
    assert "THÔNG BÁO" in text and "Công khai tài chính công đoàn từ ngày 01/02/2025" in text
    assert "thông báo đến toàn thể đoàn viên" in text
    assert "Số dư cuối kỳ (28/02/2025)" in text and "40.750.000đ" in text
    assert "/TB-CĐCS" in text and "Các tổ công đoàn (để niêm yết);" in text
