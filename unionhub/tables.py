"""Tables read from uploaded workbooks: sheets streamed within the import limits (rows,
columns, characters of a cell), cells as trimmed text and as dates, header cells compared by
their folded spelling, one record per row under a recognised header row, and the row errors an
import lists. The imports of members, vouchers and awards share them.
"""

import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from itertools import chain, islice
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from .dates import check_plausible
from .text import clean_spaces, fold
from .uploads import ImportFileError, open_xlsx

# A header row is looked for among the first rows of a sheet (titles and blank rows above it).
HEADER_SCAN_ROWS = 15
# A reader's `progress(rows_read, rows_expected)` is called after this many rows, and at the end.
PROGRESS_ROWS = 500

Progress = Callable[[int, int | None], None]


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


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _too_many_rows(worksheet) -> ImportFileError:
    return ImportFileError(
        _(
            "Trang “%(sheet)s” có hơn %(rows)s dòng. Hãy chia danh sách thành nhiều tệp, mỗi "
            "tệp tối đa %(rows)s dòng."
        )
        % {"sheet": worksheet.title, "rows": _count(settings.IMPORT_MAX_ROWS)}
    )


def _too_many_columns(worksheet) -> ImportFileError:
    return ImportFileError(
        _(
            "Trang “%(sheet)s” có dữ liệu bên phải cột %(last)s (tối đa %(columns)s cột). Hãy "
            "xóa các cột thừa bên phải bảng, lưu lại rồi tải lên lại."
        )
        % {
            "sheet": worksheet.title,
            "last": get_column_letter(settings.IMPORT_MAX_COLUMNS),
            "columns": settings.IMPORT_MAX_COLUMNS,
        }
    )


def sheet_rows(worksheet, *, progress: Progress | None = None) -> Iterator[tuple]:
    """The rows of a read-only sheet as tuples of values, from row 1, without the empty cells
    at their end, read as a stream within the import limits: a sheet whose declared size, or
    whose rows as read, pass IMPORT_MAX_ROWS or IMPORT_MAX_COLUMNS, or a cell longer than
    IMPORT_MAX_CELL_CHARS, raise ImportFileError. Cells right of the last column allowed (and
    one more, to tell) are never built, whatever the sheet says of its size.

    `progress(rows_read, rows_expected)` is called every PROGRESS_ROWS rows and at the end;
    rows_expected is the sheet's declared number of rows, None when it declares none.
    """
    max_rows, max_columns = settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_COLUMNS
    max_chars = settings.IMPORT_MAX_CELL_CHARS
    expected, declared_columns = worksheet.max_row, worksheet.max_column
    if expected and expected > max_rows:
        raise _too_many_rows(worksheet)
    if declared_columns and declared_columns > max_columns:
        raise _too_many_columns(worksheet)
    worksheet.reset_dimensions()  # some programs write too small a "used range": read it all
    read = 0
    for values in worksheet.iter_rows(max_col=max_columns + 1, values_only=True):
        read += 1
        if read > max_rows:
            raise _too_many_rows(worksheet)
        end = len(values)
        while end and values[end - 1] is None:
            end -= 1
        if end > max_columns:
            raise _too_many_columns(worksheet)
        values = values[:end]
        for column, value in enumerate(values, start=1):
            if isinstance(value, str) and len(value) > max_chars:
                raise ImportFileError(
                    _(
                        "Dòng %(row)s, cột %(column)s: ô dài hơn %(chars)s ký tự (giới hạn "
                        "của Excel). Hãy kiểm tra lại ô này."
                    )
                    % {
                        "row": read,
                        "column": get_column_letter(column),
                        "chars": _count(max_chars),
                    }
                )
        if progress is not None and read % PROGRESS_ROWS == 0:
            progress(read, expected)
        yield values
    if progress is not None:
        progress(read, expected)


def read_table(
    fileobj,
    *,
    limit: int,
    headers: dict[str, str],
    ignored: set[str],
    required: tuple,
    missing: str,
    progress: Progress | None = None,
) -> tuple[dict[int, str], list[tuple[int, tuple]], list[str]]:
    """A list of one record per row (vouchers, awards): in the first sheet whose header row,
    among the first HEADER_SCAN_ROWS, names every `required` column, the column index -> our
    header (`headers` maps folded spellings to ours), the data rows below with their Excel row
    numbers, and a notice naming the columns not read (`ignored` ones aside). The sheets are
    read as streams within the import limits (sheet_rows, which calls `progress`).

    Raises ImportFileError: the file's problem, or `missing` when no header row is found.
    """
    workbook = open_xlsx(fileobj, limit=limit)
    try:
        for worksheet in workbook.worksheets:
            rows = sheet_rows(worksheet, progress=progress)
            head = list(islice(rows, HEADER_SCAN_ROWS))
            for index, values in enumerate(head):
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
                data = list(enumerate(chain(head[index + 1 :], rows), start=index + 2))
                return mapping, data, notices
            rows.close()
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
