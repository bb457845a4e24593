"""A book and the lines by month as documents (PDF through unionhub.documents) and the lines by
month as .xlsx. Amounts in the documents' tables are whole đồng without "đ" (said once above
them), so that the columns fit a page."""

from dataclasses import replace
from datetime import date

from finance.models import Account, Category
from members.organisations.letterhead import letterhead_for, signature_for
from unionhub.documents import Document, Heading, Paragraph, Table
from unionhub.formatting import money, table_money, vn_date
from unionhub.sheets import new_sheet, sheet_bytes, style_sheet

from .selectors import Book, MonthlyLine

# A longer book is not printed (WeasyPrint would take minutes): a shorter range, or Excel.
BOOK_PDF_MAX_ROWS = 3000
HALVES = [(1, 6), (7, 12)]
NBSP = "\u00a0"


def _dong(amount: int) -> str:
    return table_money(amount, zero="")


def book_title(account: Account) -> str:
    return "SỔ QUỸ TIỀN MẶT" if account.kind == Account.Kind.CASH else "SỔ TIỀN GỬI NGÂN HÀNG"


def book_document(book: Book, *, issued: date | None = None) -> Document:
    """Sổ quỹ tiền mặt / sổ tiền gửi of a range: each voucher, what came in and went out, and
    the balance after it; signed by the chair (the accountant and cashier sign beside)."""
    account = book.account
    org = account.organisation
    issued = issued or date.today()
    start, end = vn_date(book.start), vn_date(book.end)
    rows = [["", "", "", f"Số dư đầu kỳ ({start})", "", "", _dong(book.opening)]]
    for row in book.rows:
        voucher = row.voucher
        number = voucher.display_number.replace(" ", NBSP)  # "PT 0076/2026" on one line
        rows.append(
            [
                vn_date(voucher.date),
                number if row.receipt else "",
                "" if row.receipt else number,
                voucher.description,
                _dong(row.receipt),
                _dong(row.payment),
                _dong(row.balance),
            ]
        )
    name = account.name + (
        f" (số tài khoản {account.bank_account})" if account.bank_account else ""
    )
    return Document(
        # A book is kept, not issued: no document number under the letterhead.
        letterhead=replace(letterhead_for(org, kind_code="BC", issued=issued), number=""),
        title=book_title(account),
        subtitle=f"{name}, từ ngày {start} đến ngày {end}",
        blocks=[
            Paragraph("Đơn vị tính: đồng."),
            Table(
                columns=["Ngày", "Số phiếu thu", "Số phiếu chi", "Diễn giải", "Thu", "Chi", "Tồn"],
                rows=rows,
                widths=[10, 12, 12, 30, 12, 12, 12],
                numeric=frozenset({0, 1, 2}),
                amounts=frozenset({4, 5, 6}),
                footer=[
                    "",
                    "",
                    "",
                    f"Cộng phát sinh; số dư cuối kỳ ({end})",
                    _dong(book.total_receipts),
                    _dong(book.total_payments),
                    _dong(book.closing),
                ],
            ),
            Paragraph(
                f"Sổ có {len(book.rows)} chứng từ. Số dư cuối kỳ {money(book.closing)} = số dư "
                f"đầu kỳ {money(book.opening)} + thu {money(book.total_receipts)} − chi "
                f"{money(book.total_payments)}. Người ghi sổ (kế toán) và thủ quỹ ký xác nhận."
            ),
        ],
        signature=signature_for(org, issued),
        filename=f"so-{account.kind}-{account.pk}-{book.start:%Y-%m-%d}-{book.end:%Y-%m-%d}",
        landscape=True,
    )


def _month_table(lines: list[MonthlyLine], first: int, last: int, *, total: bool) -> Table:
    months = range(first - 1, last)
    rows = [
        [line.category.code, line.category.name, *(_dong(line.months[m]) for m in months)]
        + ([_dong(line.total)] if total else [])
        for line in lines
    ]
    sums = [sum(line.months[m] for line in lines) for m in months]
    return Table(
        columns=["Mã", "Mục", *(f"Tháng {m + 1}" for m in months)] + (["Cả năm"] if total else []),
        rows=rows,
        widths=[6, 28, *[11] * len(months)] + ([13] if total else []),
        amounts=frozenset(range(2, 2 + len(months) + total)),
        footer=["", "Cộng", *map(_dong, sums)]
        + ([_dong(sum(line.total for line in lines))] if total else []),
    )


def by_month_document(organisation, year: int, lines: list[MonthlyLine]) -> Document:
    """Thu, chi theo mục và theo tháng of a year: income then spending, each in two halves of
    the year so that every month's column fits a landscape A4."""
    issued = date.today()
    income = [line for line in lines if line.category.flow == Category.Flow.INCOME]
    spending = [line for line in lines if line.category.flow == Category.Flow.SPENDING]
    blocks = [Paragraph("Chứng từ đã ghi sổ; phiếu điều chỉnh trừ vào tháng của nó. Đơn vị: đồng.")]
    for heading, group in (("I. CÁC KHOẢN THU", income), ("II. CÁC KHOẢN CHI", spending)):
        blocks.append(Heading(heading))
        for first, last in HALVES:
            blocks.append(_month_table(group, first, last, total=last == 12))
    return Document(
        letterhead=letterhead_for(organisation, kind_code="BC", number="", issued=issued),
        title="BẢNG TỔNG HỢP",
        subtitle=f"Thu, chi tài chính công đoàn theo mục và theo tháng năm {year}",
        blocks=blocks,
        signature=signature_for(organisation, issued),
        filename=f"thu-chi-theo-thang-{year}",
        landscape=True,
    )


def by_month_xlsx(organisation, year: int, lines: list[MonthlyLine]) -> bytes:
    """The lines by month as a sheet: a column per month and the year, amounts as numbers."""
    book, sheet = new_sheet("Theo tháng")
    sheet.append([organisation.name])
    sheet.append([f"Thu, chi theo mục và theo tháng năm {year} (đồng)"])
    sheet.append([])
    sheet.append(["Mã", "Mục", *(f"Tháng {m}" for m in range(1, 13)), "Cả năm"])
    for flow, label in Category.Flow.choices:
        group = [line for line in lines if line.category.flow == flow]
        sheet.append(["", str(label).upper()])
        for line in group:
            sheet.append([line.category.code, line.category.name, *line.months, line.total])
        sums = [sum(line.months[m] for line in group) for m in range(12)]
        sheet.append(["", f"Cộng {str(label).lower()}", *sums, sum(sums)])
    columns = [sheet.cell(row=4, column=c).column_letter for c in range(3, 16)]
    style_sheet(sheet, header_row=4, money_columns=columns, widths={"A": 8, "B": 40})
    return sheet_bytes(book)
