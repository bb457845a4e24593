"""The books as files: a voucher's PDF, the summary as PDF, Word and Excel, a book as Excel.

Each view resolves the row or branch as the pages do (finance.views), then wraps a function
from data to bytes (finance.documents, finance.reports, reports.documents)."""

from calendar import monthrange
from datetime import date

from reports.documents import render_pdf
from reports.docx import render_docx
from unionhub.access import Perm
from unionhub.downloads import DOCX, PDF, XLSX, attachment

from . import selectors
from .documents import render_voucher_pdf, voucher_sheet
from .models import Account
from .reports import book_xlsx, disclosure_document, summary_document, summary_xlsx
from .views import _range, _row, _voucher, books_page


def voucher_pdf(request, pk):
    """Phiếu thu / phiếu chi to print and sign (a draft prints marked as such)."""
    sheet = voucher_sheet(_voucher(request, pk))
    return attachment(render_voucher_pdf(sheet), f"{sheet.filename}.pdf", PDF)


def _summary(request, org):
    today = date.today()
    start, end = _range(request, date(today.year, 1, 1), today)
    return selectors.finance_summary(org, start, end)


@books_page()
def summary_pdf(request, org):
    doc = summary_document(_summary(request, org), number=request.GET.get("so", "")[:16])
    return attachment(render_pdf(doc), f"{doc.filename}.pdf", PDF)


@books_page()
def summary_docx(request, org):
    doc = summary_document(_summary(request, org), number=request.GET.get("so", "")[:16])
    return attachment(render_docx(doc), f"{doc.filename}.docx", DOCX)


@books_page()
def disclosure_pdf(request, org):
    """Công khai tài chính: the summary announced to the members, to post in each group."""
    doc = disclosure_document(_summary(request, org), number=request.GET.get("so", "")[:16])
    return attachment(render_pdf(doc), f"{doc.filename}.pdf", PDF)


@books_page()
def summary_excel(request, org):
    report = _summary(request, org)
    name = f"thu-chi-{report.start:%Y-%m-%d}-{report.end:%Y-%m-%d}.xlsx"
    return attachment(summary_xlsx(report), name, XLSX)


def book_excel(request, pk):
    account = _row(request, Account.objects.all(), pk, Perm.VIEW_FINANCE)
    today = date.today()
    start, end = _range(
        request,
        date(today.year, today.month, 1),
        date(today.year, today.month, monthrange(today.year, today.month)[1]),
    )
    book = selectors.account_book(account, start, end)
    name = f"so-{account.kind}-{account.pk}-{start:%Y-%m-%d}-{end:%Y-%m-%d}.xlsx"
    return attachment(book_xlsx(book), name, XLSX)
