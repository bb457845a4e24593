"""The settlement (quyết toán) as files: a Document for PDF and Word, and an .xlsx workbook.

Functions from a finance.funds.budgets.Settlement to a Document or to bytes, like
finance.ledger.reports.
"""

from datetime import date

from members.organisations.letterhead import letterhead_for, recipients_for, signature_for
from unionhub.documents import Document, Heading, Paragraph, Table
from unionhub.formatting import money, table_money, vn_date
from unionhub.sheets import new_sheet, sheet_bytes, style_sheet

from .budgets import Figures, Settlement, SettlementLine, percent_text

COLUMNS = ["TT", "Nội dung", "Dự toán", "Thực hiện", "Chênh lệch", "% dự toán"]
# The money columns are wide enough for 1.500.000.000 at the documents' 13pt.
WIDTHS = [6, 27, 19, 19, 19, 10]


_amount = table_money


def _cells(figures: Figures) -> list[str]:
    return [
        _amount(figures.budget),
        _amount(figures.actual),
        _amount(figures.difference),
        percent_text(figures.percent),
    ]


def _numbered(lines: list[SettlementLine]) -> list[tuple[str, SettlementLine]]:
    """ "1", "2", ... for the lines, "2.1", "2.2", ... for their parts."""
    numbered, n, sub = [], 0, 0
    for line in lines:
        if line.part:
            sub += 1
            numbered.append((f"{n}.{sub}", line))
        else:
            n, sub = n + 1, 0
            numbered.append((str(n), line))
    return numbered


def _flow_table(lines: list[SettlementLine], total: Figures, total_label: str) -> Table:
    # On paper a sub-line with neither budget nor vouchers is noise: the page shows it, the
    # document leaves it out (every top-level line stays, as the upper union's form has them).
    printed = [line for line in lines if not line.part or line.budget or any(line.months)]
    return Table(
        columns=COLUMNS,
        rows=[[number, line.label, *_cells(line)] for number, line in _numbered(printed)],
        widths=WIDTHS,
        numeric=frozenset({0, 5}),
        amounts=frozenset({2, 3, 4}),
        footer=["", total_label, *_cells(total)],
    )


def _balance_table(report: Settlement) -> Table:
    income, spending = report.total_income, report.total_spending
    return Table(
        columns=["TT", "Nội dung", "Số tiền"],
        rows=[
            ["1", "Số dư năm trước chuyển sang", _amount(report.opening)],
            ["2", "Tổng thu trong năm", _amount(income.actual)],
            ["3", "Tổng chi trong năm", _amount(spending.actual)],
        ],
        widths=[8, 62, 30],
        numeric=frozenset({0}),
        amounts=frozenset({2}),
        footer=[
            "4",
            f"Số dư chuyển năm sau ({vn_date(date(report.year, 12, 31))})",
            _amount(report.closing),
        ],
    )


def settlement_document(
    report: Settlement, *, number: str = "", issued: date | None = None
) -> Document:
    """Báo cáo quyết toán thu, chi tài chính công đoàn năm N, sent upward."""
    org, year = report.organisation, report.year
    issued = issued or date.today()
    income, spending = report.total_income, report.total_spending
    return Document(
        letterhead=letterhead_for(org, kind_code="BC", number=number, issued=issued),
        title="BÁO CÁO QUYẾT TOÁN",
        subtitle=f"Thu, chi tài chính công đoàn năm {year}",
        blocks=[
            Paragraph(
                f"Ban Chấp hành {org.name} báo cáo quyết toán thu, chi tài chính công đoàn năm "
                f"{year} so với dự toán như sau (đơn vị tính: đồng):"
            ),
            Heading("I. CÁC KHOẢN THU"),
            _flow_table(report.income, income, "Cộng thu"),
            Heading("II. CÁC KHOẢN CHI"),
            _flow_table(report.spending, spending, "Cộng chi"),
            Heading("III. CÂN ĐỐI THU, CHI"),
            _balance_table(report),
            Paragraph(
                f"Năm {year}, tổng thu (không kể số dư năm trước chuyển sang) là "
                f"{money(income.actual)}, đạt {percent_text(income.percent)}% dự toán; tổng chi "
                f"là {money(spending.actual)}, bằng {percent_text(spending.percent)}% dự toán; "
                f"số dư chuyển năm sau là {money(report.closing)}."
            ),
            Paragraph(f"Trên đây là báo cáo quyết toán tài chính năm {year} của {org.name}./."),
        ],
        recipients=recipients_for(org),
        signature=signature_for(org, issued),
        filename=f"quyet-toan-{year}",
    )


def settlement_xlsx(report: Settlement) -> bytes:
    """Two sheets: the settlement (budget, actual, difference, %) and the lines by month.
    Amounts are numbers, percentages numbers to 0.1."""
    book, sheet = new_sheet("Quyết toán")
    sheet.append([report.organisation.name])
    sheet.append([f"Quyết toán thu, chi tài chính công đoàn năm {report.year} (đồng)"])
    sheet.append([])
    sheet.append(["Mã", "Nội dung", "Dự toán", "Thực hiện", "Chênh lệch", "% dự toán"])
    sheet.append(["", "Số dư năm trước chuyển sang", None, report.opening])
    for title, lines, total in (
        ("Tổng thu", report.income, report.total_income),
        ("Tổng chi", report.spending, report.total_spending),
    ):
        sheet.append(["", title, *_numbers(total)])
        for line in lines:
            label = f"   {line.label}" if line.part else line.label
            sheet.append([line.code, label, *_numbers(line)])
    sheet.append(["", "Số dư chuyển năm sau", None, report.closing])
    style_sheet(
        sheet,
        header_row=4,
        money_columns="CDE",
        widths={"A": 8, "B": 46, "C": 16, "D": 16, "E": 16, "F": 11},
    )
    for cell in sheet["F"][4:]:
        cell.number_format = "0.0"

    months = book.create_sheet("Theo tháng")
    months.append([f"Thực hiện theo tháng so với dự toán năm {report.year} (đồng)"])
    months.append([])
    months.append(["Mã", "Nội dung", *[f"T{m}" for m in range(1, 13)], "Cả năm", "Dự toán"])
    for title, lines in (("Các khoản thu", report.income), ("Các khoản chi", report.spending)):
        months.append(["", title])
        for line in lines:
            label = f"   {line.label}" if line.part else line.label
            months.append([line.code, label, *line.months, line.actual, line.budget])
    style_sheet(months, header_row=3, money_columns="CDEFGHIJKLMNOP", widths={"A": 8, "B": 40})
    return sheet_bytes(book)


def _numbers(figures: Figures) -> list:
    return [figures.budget, figures.actual, figures.difference, figures.percent]
