"""Every .xlsx the pages hand out is written through here, so that text stays text.

A member named "=HYPERLINK(...)" or a note "+1+1" is data, never a formula Excel would run
(issue 13). Both writers we use would otherwise turn such text into one: openpyxl stores a
string starting with "=" as a formula, XlsxWriter's write() does the same by default.

- Small sheets built in memory with openpyxl (reports of a few thousand rows at most):
  new_sheet(), then sheet_bytes(), which stores every str cell as a string whatever wrote it.
- Long lists and the import templates, streamed with XlsxWriter: text_workbook(), whose
  write() keeps strings strings; cells of a file an officer edits and imports back go through
  EditableCells, which adds Excel's quote prefix to formula-like text.
"""

from io import BytesIO

import xlsxwriter
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

MONEY_FORMAT = "#,##0"
# What Excel reads as the start of a formula when a user types or edits a cell.
FORMULA_STARTS = ("=", "+", "-", "@")
TEXT_AS_TEXT = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}


# --- openpyxl ----------------------------------------------------------------------------------


def new_sheet(title: str):
    """A workbook and its one sheet, named `title` (Excel allows 31 characters)."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    return book, sheet


def sheet_bytes(book) -> bytes:
    """The workbook as .xlsx bytes, every str cell stored as a string.

    openpyxl guesses a cell's type when it is set: "=..." becomes a formula, "#N/A" an error.
    Setting the type back here, at the one way out, covers sheet.append, sheet.cell and
    sheet["A1"] alike; no report of ours writes a formula.
    """
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
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


# --- XlsxWriter --------------------------------------------------------------------------------


def text_workbook(fileobj, *, constant_memory: bool = False) -> xlsxwriter.Workbook:
    """An XlsxWriter workbook writing into `fileobj` whose write() stores every str as a
    string: no formulas, numbers or links guessed from text. `constant_memory` writes each row
    to disk as it goes (rows must then be written in order)."""
    return xlsxwriter.Workbook(fileobj, {**TEXT_AS_TEXT, "constant_memory": constant_memory})


class EditableCells:
    """Writes the cells of a sheet an officer edits and imports back.

    Text starting with a formula character gets the cell format's quote prefix, as when one
    types '=1 in Excel: the stored text is unchanged, so the import reads the same value, and
    Excel keeps the cell text when it is edited instead of turning it into a formula.
    """

    def __init__(self, workbook: xlsxwriter.Workbook):
        self.quoted = workbook.add_format({"quote_prefix": True})

    def write(self, sheet, row: int, col: int, value) -> None:
        """`value` in an unformatted cell (dates and money have their own formats, and no text
        to quote)."""
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            sheet.write_string(row, col, value, self.quoted)
        else:
            sheet.write(row, col, value)
