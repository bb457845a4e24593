"""The books as files: a voucher's PDF, the summary and the disclosure as PDF, Word and Excel,
a book and the lines by month as PDF and Excel.

Each view resolves the row or branch as the pages do (finance.ledger.views), then wraps a function
from data to bytes (finance.ledger.documents, finance.ledger.reports, unionhub.documents)."""

from calendar import monthrange
from datetime import date

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from finance.models import Account
from finance.pages import books_page, books_year, date_range, scoped_row, scoped_voucher
from unionhub.access import Perm
from unionhub.documents import render_docx, render_pdf
from unionhub.downloads import DOCX, PDF, XLSX, attachment

from . import selectors
from .book_reports import BOOK_PDF_MAX_ROWS, book_document, by_month_document, by_month_xlsx
from .documents import render_voucher_pdf, voucher_sheet
from .reports import book_xlsx, disclosure_document, summary_document, summary_xlsx


def voucher_pdf(request, pk):
    """Phiếu thu / phiếu chi to print and sign (a draft prints marked as such)."""
    sheet = voucher_sheet(scoped_voucher(request, pk))
    return attachment(render_voucher_pdf(sheet), f"{sheet.filename}.pdf", PDF)


def _summary(request, org):
    today = date.today()
    start, end = date_range(request, date(today.year, 1, 1), today)
    return selectors.finance_summary(org, start, end)


def _summary_document(request, org, build):
    """The summary of ?from=&to= as the document `build` makes of it, numbered ?so=."""
    return build(_summary(request, org), number=request.GET.get("so", "")[:16])


@books_page()
def summary_pdf(request, org):
    doc = _summary_document(request, org, summary_document)
    return attachment(render_pdf(doc), f"{doc.filename}.pdf", PDF)


@books_page()
def summary_docx(request, org):
    doc = _summary_document(request, org, summary_document)
    return attachment(render_docx(doc), f"{doc.filename}.docx", DOCX)


@books_page()
def disclosure_pdf(request, org):
    """Công khai tài chính: the summary announced to the members, to post in each group."""
    doc = _summary_document(request, org, disclosure_document)
    return attachment(render_pdf(doc), f"{doc.filename}.pdf", PDF)


@books_page()
def disclosure_docx(request, org):
    """The disclosure in Word, for the office to add what its members should know."""
    doc = _summary_document(request, org, disclosure_document)
    return attachment(render_docx(doc), f"{doc.filename}.docx", DOCX)


@books_page()
def summary_excel(request, org):
    report = _summary(request, org)
    name = f"thu-chi-{report.start:%Y-%m-%d}-{report.end:%Y-%m-%d}.xlsx"
    return attachment(summary_xlsx(report), name, XLSX)


def _book(request, pk):
    account = scoped_row(request, Account.objects.all(), pk, Perm.VIEW_FINANCE)
    today = date.today()
    start, end = date_range(
        request,
        date(today.year, today.month, 1),
        date(today.year, today.month, monthrange(today.year, today.month)[1]),
    )
    return selectors.account_book(account, start, end)


def book_excel(request, pk):
    book = _book(request, pk)
    account = book.account
    name = f"so-{account.kind}-{account.pk}-{book.start:%Y-%m-%d}-{book.end:%Y-%m-%d}.xlsx"
    return attachment(book_xlsx(book), name, XLSX)


def book_pdf(request, pk):
    """The book to print and sign; a range too long to print is sent back to the page."""
    book = _book(request, pk)
    if len(book.rows) > BOOK_PDF_MAX_ROWS:
        messages.error(
            request,
            _(
                "Sổ có %(n)s dòng, quá dài để in một lần (tối đa %(max)s): chọn khoảng ngày "
                "ngắn hơn, hoặc tải Excel."
            )
            % {"n": len(book.rows), "max": BOOK_PDF_MAX_ROWS},
        )
        return redirect(f"{reverse('finance:account_book', args=[pk])}?{request.GET.urlencode()}")
    doc = book_document(book)
    return attachment(render_pdf(doc), f"{doc.filename}.pdf", PDF)


@books_page()
def by_month_excel(request, org):
    year = books_year(request)
    content = by_month_xlsx(org, year, selectors.by_category_by_month(org, year))
    return attachment(content, f"thu-chi-theo-thang-{year}.xlsx", XLSX)


@books_page()
def by_month_pdf(request, org):
    year = books_year(request)
    doc = by_month_document(org, year, selectors.by_category_by_month(org, year))
    return attachment(render_pdf(doc), f"{doc.filename}.pdf", PDF)
