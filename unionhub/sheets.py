"""Small .xlsx sheets built in memory with openpyxl (reports of a few thousand rows at most;
long lists stream through XlsxWriter instead, see unionhub.downloads.spooled)."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

MONEY_FORMAT = "#,##0"


def new_sheet(title: str):
    """A workbook and its one sheet, named `title` (Excel allows 31 characters)."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    return book, sheet


def sheet_bytes(book) -> bytes:
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def style_sheet(sheet, *, header_row: int, money_columns, widths: dict[str, int]) -> None:
    """A bold title (A1) and header row, whole đồng with thousands separators in
    `money_columns` below the header, and the columns' widths."""
    sheet["A1"].font = Font(bold=True)
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for column in money_columns:
        for cell in sheet[column][header_row:]:
            cell.number_format = MONEY_FORMAT
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
