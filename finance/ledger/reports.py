"""The books as documents: the finance summary (PDF, DOCX through unionhub.documents; .xlsx)
and an account's book (.xlsx). Functions from data to a Document or to bytes."""

from datetime import date

from members.organisations.letterhead import letterhead_for, recipients_for, signature_for
from unionhub.documents import Document, Heading, Paragraph, Table
from unionhub.formatting import money, vn_date
from unionhub.sheets import new_sheet, sheet_bytes, style_sheet

from .selectors import Book, Summary


def _summary_table(summary: Summary) -> Table:
    start, end = vn_date(summary.start), vn_date(summary.end)
    rows = [["I", f"Số dư đầu kỳ ({start})", money(summary.opening)]]
    rows.append(["II", "Tổng thu trong kỳ", money(summary.total_income)])
    rows += [
        [str(n), line.category.name, money(line.amount)]
        for n, line in enumerate(summary.income, start=1)
    ]
    rows.append(["III", "Tổng chi trong kỳ", money(summary.total_spending)])
    rows += [
        [str(n), line.category.name, money(line.amount)]
        for n, line in enumerate(summary.spending, start=1)
    ]
    return Table(
        columns=["TT", "Nội dung", "Số tiền"],
        rows=rows,
        widths=[10, 60, 30],
        numeric=frozenset({0}),
        amounts=frozenset({2}),
        footer=["IV", f"Số dư cuối kỳ ({end})", money(summary.closing)],
    )


def _totals_sentence(summary: Summary) -> Paragraph:
    return Paragraph(
        f"Tổng thu trong kỳ (không kể số dư kỳ trước mang sang) là "
        f"{money(summary.total_income)}; tổng chi là {money(summary.total_spending)}; "
        f"số dư cuối kỳ ({vn_date(summary.end)}) là {money(summary.closing)}."
    )


def summary_document(summary: Summary, *, number: str = "", issued: date | None = None) -> Document:
    """Báo cáo thu chi, sent upward: opening balance, each line, closing balance."""
    org = summary.organisation
    issued = issued or date.today()
    start, end = vn_date(summary.start), vn_date(summary.end)
    return Document(
        letterhead=letterhead_for(org, kind_code="BC", number=number, issued=issued),
        title="BÁO CÁO",
        subtitle=f"Thu, chi tài chính công đoàn từ ngày {start} đến ngày {end}",
        blocks=[
            Paragraph(
                f"Ban Chấp hành {org.name} báo cáo tình hình thu, chi tài chính công đoàn "
                f"từ ngày {start} đến ngày {end} như sau:"
            ),
            Heading("I. SỐ LIỆU THU, CHI"),
            _summary_table(summary),
            _totals_sentence(summary),
            Paragraph(f"Trên đây là báo cáo thu, chi tài chính của {org.name}./."),
        ],
        recipients=recipients_for(org),
        signature=signature_for(org, issued),
        filename=f"bao-cao-thu-chi-{summary.start:%Y-%m-%d}-{summary.end:%Y-%m-%d}",
    )


def disclosure_document(
    summary: Summary, *, number: str = "", issued: date | None = None
) -> Document:
    """Công khai tài chính: the same figures announced to the members, to post in each group."""
    org = summary.organisation
    issued = issued or date.today()
    start, end = vn_date(summary.start), vn_date(summary.end)
    return Document(
        letterhead=letterhead_for(org, kind_code="TB", number=number, issued=issued),
        title="THÔNG BÁO",
        subtitle=f"Công khai tài chính công đoàn từ ngày {start} đến ngày {end}",
        blocks=[
            Paragraph(
                f"Thực hiện quy chế công khai tài chính, Ban Chấp hành {org.name} thông báo "
                f"đến toàn thể đoàn viên tình hình thu, chi tài chính công đoàn từ ngày {start} "
                f"đến ngày {end} như sau:"
            ),
            _summary_table(summary),
            _totals_sentence(summary),
            Paragraph(
                "Đoàn viên có ý kiến về các khoản thu, chi xin phản ánh với Ban Chấp hành hoặc "
                "Ủy ban Kiểm tra công đoàn trong thời hạn 15 ngày kể từ ngày niêm yết./."
            ),
        ],
        recipients=["Các tổ công đoàn (để niêm yết);", "Ủy ban Kiểm tra;", "Lưu: VT."],
        signature=signature_for(org, issued),
        filename=f"cong-khai-tai-chinh-{summary.start:%Y-%m-%d}-{summary.end:%Y-%m-%d}",
    )


def summary_xlsx(summary: Summary) -> bytes:
    """The summary as a sheet: labels in column B, amounts as numbers in column C."""
    book, sheet = new_sheet("Thu chi")
    org = summary.organisation
    sheet.append([org.name])
    sheet.append(
        [f"Báo cáo thu, chi từ ngày {vn_date(summary.start)} đến ngày {vn_date(summary.end)}"]
    )
    sheet.append([])
    sheet.append(["TT", "Nội dung", "Số tiền (đồng)"])
    sheet.append(["I", f"Số dư đầu kỳ ({vn_date(summary.start)})", summary.opening])
    sheet.append(["II", "Tổng thu trong kỳ", summary.total_income])
    for n, line in enumerate(summary.income, start=1):
        sheet.append([n, f"{line.category.code} · {line.category.name}", line.amount])
    sheet.append(["III", "Tổng chi trong kỳ", summary.total_spending])
    for n, line in enumerate(summary.spending, start=1):
        sheet.append([n, f"{line.category.code} · {line.category.name}", line.amount])
    sheet.append(["IV", f"Số dư cuối kỳ ({vn_date(summary.end)})", summary.closing])
    style_sheet(sheet, header_row=4, money_columns="C", widths={"A": 6, "B": 48, "C": 18})
    return sheet_bytes(book)


def book_xlsx(book_data: Book) -> bytes:
    """Sổ quỹ tiền mặt / sổ tiền gửi with the running balance, amounts as numbers."""
    book, sheet = new_sheet("Sổ")
    account = book_data.account
    sheet.append([f"{account.get_kind_display()}: {account.name}"])
    sheet.append([f"Từ ngày {vn_date(book_data.start)} đến ngày {vn_date(book_data.end)}"])
    sheet.append([])
    sheet.append(["Ngày", "Số phiếu", "Diễn giải", "Thu", "Chi", "Tồn"])
    sheet.append(["", "", "Số dư đầu kỳ", None, None, book_data.opening])
    for row in book_data.rows:
        voucher = row.voucher
        sheet.append(
            [
                vn_date(voucher.date),
                voucher.display_number,
                voucher.description,
                row.receipt or None,
                row.payment or None,
                row.balance,
            ]
        )
    sheet.append(
        ["", "", "Cộng", book_data.total_receipts, book_data.total_payments, book_data.closing]
    )
    style_sheet(sheet, header_row=4, money_columns="DEF", widths={"A": 12, "B": 14, "C": 50})
    return sheet_bytes(book)
