"""Tables read from uploaded workbooks: cells as trimmed text and as dates, header cells
compared by their folded spelling, one record per row under a recognised header row, and the
row errors an import reports. The imports of members, vouchers and awards share them.
"""

import re
from datetime import date, datetime
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .dates import check_plausible
from .text import clean_spaces, fold
from .uploads import ImportFileError, open_xlsx

# A header row is looked for among the first rows of a sheet (titles and blank rows above it).
HEADER_SCAN_ROWS = 15


def cell_text(value) -> str:
    """A cell as trimmed text: 12345.0 (a number typed into Excel) reads as "12345"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return clean_spaces(str(value))


_DATE_TEXT = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")


def parse_date(value) -> date | None:
    """A real Excel date, or text as dd/mm/yyyy or d/m/yyyy (also with - or .), or ISO; within
    the plausible bounds of unionhub.dates (ValueError naming the date otherwise)."""
    day = _read_date(value)
    if day is not None:
        try:
            check_plausible(day)
        except ValidationError as error:
            raise ValueError(error.messages[0]) from None
    return day


def _read_date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if not text:
        return None
    match = _DATE_TEXT.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _ISO_DATE.match(text)
        if not match:
            raise ValueError(
                _("'%(value)s' không phải ngày hợp lệ (dd/mm/yyyy).") % {"value": text}
            )
        year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(
            _("'%(value)s' không phải ngày hợp lệ (dd/mm/yyyy).") % {"value": text}
        ) from None


def header_key(text) -> str:
    """A header cell as compared: folded, without colons, stars and extra spaces."""
    return " ".join(fold(cell_text(text)).replace(":", " ").replace("*", " ").split())


def read_table(
    fileobj,
    *,
    limit: int,
    headers: dict[str, str],
    ignored: set[str],
    required: tuple,
    missing: str,
) -> tuple[dict[int, str], list[tuple[int, tuple]], list[str]]:
    """A list of one record per row (vouchers, awards): in the first sheet whose header row,
    among the first HEADER_SCAN_ROWS, names every `required` column, the column index -> our
    header (`headers` maps folded spellings to ours), the data rows below with their Excel row
    numbers, and a notice naming the columns not read (`ignored` ones aside).

    Raises ImportFileError: the file's problem, or `missing` when no header row is found.
    """
    workbook = open_xlsx(fileobj, limit=limit)
    try:
        for worksheet in workbook.worksheets:
            worksheet.reset_dimensions()  # some programs write a wrong "used range"
            rows = [tuple(r) for r in worksheet.iter_rows(values_only=True)]
            for index, values in enumerate(rows[:HEADER_SCAN_ROWS]):
                keys = [header_key(v) for v in values]
                mapping = {c: headers[k] for c, k in enumerate(keys) if k in headers}
                if not all(header in mapping.values() for header in required):
                    continue
                unknown = [
                    cell_text(v)
                    for c, v in enumerate(values)
                    if cell_text(v) and c not in mapping and keys[c] not in ignored
                ]
                notices = (
                    [_("Các cột không dùng khi nhập: %(cols)s.") % {"cols": ", ".join(unknown)}]
                    if unknown
                    else []
                )
                return mapping, list(enumerate(rows[index + 1 :], start=index + 2)), notices
    finally:
        workbook.close()
    raise ImportFileError(missing)


def table_cell(values: tuple, mapping: dict[int, str], header: str):
    """The value of `header`'s column in a row read by read_table (None when absent)."""
    for col, name in mapping.items():
        if name == header and col < len(values):
            return values[col]
    return None


class RowError(NamedTuple):
    """One problem of the file: its Excel row (None for the whole file), column and reason."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column:
            return _("Dòng %(row)s, cột %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}
