"""A book and the lines by month as printed documents and as Excel."""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from finance.ledger import selectors
from finance.ledger.book_reports import book_document, by_month_document, by_month_xlsx
from tests.finance.factories import posted
from tests.finance.pages import org_a, pk, url
from unionhub.documents import render_pdf

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> tuple[str, list]:
    pages = PdfReader(BytesIO(content)).pages
    return " ".join(" ".join(p.extract_text().split()) for p in pages), pages


@pytest.fixture
def march(books):
    posted(books, amount=2_000_000, code="T01", day=date(2025, 3, 1))
    posted(books, kind="payment", amount=350_000, code="C02.1", day=date(2025, 3, 5))
    posted(books, amount=120_000, code="T03.4", day=date(2025, 7, 31))
    return books


def test_the_printed_cash_book_runs_its_balance_and_closes_as_the_selector(march):
    book = selectors.account_book(march.cash, date(2025, 3, 1), date(2025, 3, 31))
    text, pages = pdf_text(render_pdf(book_document(book, issued=date(2025, 4, 1))))
    assert "SỔ QUỸ TIỀN MẶT" in text
    assert "Số dư đầu kỳ (01/03/2025) 5.000.000" in text
    # After the receipt 7.000.000, after the payment 6.650.000: the closing balance.
    assert "2.000.000 7.000.000" in text and "350.000 6.650.000" in text
    assert book.closing == 6_650_000
    assert "Cộng phát sinh; số dư cuối kỳ (31/03/2025) 2.000.000 350.000 6.650.000" in text
    assert all(page.mediabox.width > page.mediabox.height for page in pages)


def test_the_lines_by_month_print_and_export_every_month(march):
    lines = selectors.by_category_by_month(march.org, 2025)
    text, _pages = pdf_text(render_pdf(by_month_document(march.org, 2025, lines)))
    assert "Tháng 3" in text and "Tháng 12" in text and "Cả năm" in text
    assert "2.120.000" in text  # the income of the year, 2.000.000 + 120.000
    sheet = load_workbook(BytesIO(by_month_xlsx(march.org, 2025, lines))).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]}
    assert rows["T01"][2 + 2] == 2_000_000  # March
    assert rows["T03"][2 + 6] == 120_000  # July, in its top-level line
    assert rows["C02"][-1] == 350_000
    totals = [row for row in sheet.iter_rows(values_only=True) if row[1] == "Cộng khoản thu"]
    assert totals[0][-1] == 2_120_000


def test_a_book_too_long_to_print_sends_the_user_back(client, fin, users, monkeypatch):
    monkeypatch.setattr("finance.ledger.downloads.BOOK_PDF_MAX_ROWS", 1)
    client.force_login(users.accountant)
    path = url("book_pdf", pk("a", "cash"))(fin) + "?from=01/01/2025&to=31/12/2025"
    response = client.get(path, follow=True)
    assert response.redirect_chain[0][0].startswith(f"/tai-chinh/so/{fin.a.cash.pk}/")
    assert "quá dài để in" in response.content.decode()


def test_the_disclosure_downloads_in_word(client, fin, users):
    from docx import Document as WordDocument

    client.force_login(users.inspector)
    response = client.get(url("disclosure_docx", org=org_a)(fin) + "&from=01/01/2025&to=31/12/2025")
    word = WordDocument(BytesIO(response.content))
    text = " ".join(p.text for p in word.paragraphs)
    assert "Công khai tài chính" in text
