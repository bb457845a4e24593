"""The books as documents: the printed voucher, the summary and the disclosure (PDF, Word), the
summary and a book as Excel."""

from datetime import date
from io import BytesIO

import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook
from pypdf import PdfReader

from finance.ledger import selectors
from finance.ledger.documents import render_voucher_pdf, voucher_sheet
from finance.ledger.reports import book_xlsx, disclosure_document, summary_document, summary_xlsx
from tests.finance.factories import draft, posted
from unionhub.documents import render_docx, render_pdf

pytestmark = pytest.mark.django_db


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


def test_disclosure_announces_the_same_figures_to_the_members(february):
    doc = disclosure_document(february, issued=date(2025, 3, 2))
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(BytesIO(render_pdf(doc))).pages
    )
    assert "THÔNG BÁO" in text and "Công khai tài chính công đoàn từ ngày 01/02/2025" in text
    assert "thông báo đến toàn thể đoàn viên" in text
    assert "Số dư cuối kỳ (28/02/2025)" in text and "40.750.000đ" in text
    assert "/TB-CĐCS" in text and "Các tổ công đoàn (để niêm yết);" in text
