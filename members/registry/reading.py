"""Reading a member list from Excel as offices keep it.

`read_member_sheet` finds the header row (the one with "Họ và tên", among the first rows),
understands the office layout of DOMAIN.md (birth date under "Nam"/"Nữ" sub-columns of
"Ngày sinh", members grouped under rows such as "1. Tổ Văn phòng", an "STT" column, a
"Tổng cộng" row and a signature block) and yields one dict per member row, keyed by our column
headers.
"""

import re
from dataclasses import dataclass
from itertools import chain, islice

from django.conf import settings
from django.utils.translation import gettext as _

from unionhub.tables import (
    HEADER_SCAN_ROWS,
    Progress,
    RowError,
    cell_text,
    header_key,
    sheet_rows,
)
from unionhub.text import clean_spaces, fold
from unionhub.uploads import ImportFileError, open_xlsx

from .columns import BIRTH, CARD, COLUMNS, GENDER, GROUP, NAME, NATIONAL_ID, SALARY

STT = "STT"
ROW_KEY = "__row"

# Folded spellings of each header seen in office lists, beside our own headers.
_ALIASES = {
    NAME: ["ho ten", "ho va ten doan vien", "ho ten doan vien", "ho va ten can bo"],
    BIRTH: ["ngay thang nam sinh", "ngay, thang, nam sinh", "sinh ngay"],
    GENDER: ["gioi"],
    GROUP: ["to", "to cd", "to cong doan / don vi", "to / don vi", "cong doan bo phan"],
    CARD: ["so the doan vien", "so the dv", "the doan vien", "so the cong doan"],
    "Đảng viên": ["la dang vien", "dang vien (co/khong)"],
    "Loại hình": ["bien che/hop dong", "loai hinh lao dong", "hinh thuc lao dong"],
    "Trình độ chuyên môn": ["chuyen mon", "trinh do chuyen mon nghiep vu", "trinh do"],
    "Lý luận chính trị": ["trinh do ly luan chinh tri", "chinh tri", "llct", "ly luan ct"],
    "Ngoại ngữ": ["trinh do ngoai ngu"],
    "Tin học": ["trinh do tin hoc"],
    "Ngày vào công đoàn": ["ngay vao cd", "ngay ket nap", "ngay gia nhap cong doan"],
    "Điện thoại": ["so dien thoai", "sdt", "dien thoai di dong"],
    "Email": ["e-mail", "thu dien tu"],
    NATIONAL_ID: ["cccd", "so cccd/cmnd", "cmnd/cccd", "so can cuoc", "can cuoc cong dan"],
    SALARY: ["luong", "tien luong", "luong lam can cu dong doan phi", "muc luong"],
    STT: ["tt", "so tt", "so thu tu"],
}


_key = header_key

HEADERS: dict[str, str] = {_key(header): header for header, _ in COLUMNS}
HEADERS[_key(STT)] = STT
for _header, _spellings in _ALIASES.items():
    for _spelling in _spellings:
        HEADERS.setdefault(_key(_spelling), _header)

_NUMBERED = re.compile(r"^\s*(?:\d{1,3}|[IVXLC]{1,6}|[A-Za-z])\s*[.)/\-]\s*(.+)$")
_GROUP_WORDS = ("tổ ", "công đoàn", "cđbp", "cđ bộ phận", "khối ", "phòng ", "khoa ")
_STOP = re.compile(
    r"^(tong cong|tong so|cong\s*(?::|$|\d)|nguoi lap|tm[. ]|t/m|chu tich|thu truong"
    r"|xac nhan|noi nhan|.*\bngay\b[\s.…_/\d]*\bthang\b)"
)
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")


@dataclass
class Sheet:
    headers: list[str]
    rows: list[dict]  # header -> raw cell value, plus ROW_KEY (the Excel row number)
    errors: list[RowError]
    notices: list[str]
    gender_column: str  # how to name the gender column in messages


def _open_workbook(fileobj):
    return open_xlsx(fileobj, limit=settings.MEMBER_IMPORT_MAX_BYTES)


def _find_header(rows: list[tuple]) -> int | None:
    for index, values in enumerate(rows[:HEADER_SCAN_ROWS]):
        if any(HEADERS.get(_key(v)) == NAME for v in values if v is not None):
            return index
    return None


def _is_sub_header(values: tuple, name_col: int) -> bool:
    """The second row of a two-row header: no name, labels such as "Nam"/"Nữ"/"Chuyên môn"."""
    if name_col < len(values) and cell_text(values[name_col]):
        return False
    filled = [v for v in values if cell_text(v)]
    if not filled or not all(isinstance(v, str) and not re.search(r"\d", v) for v in filled):
        return False  # a data row (dates, numbers) that lacks a name
    return any(_key(v) in ("nam", "nu") or _key(v) in HEADERS for v in filled)


def _map_columns(top: tuple, sub: tuple | None):
    """Column index -> our header; plus the "Nam"/"Nữ" birth-date columns of the office layout."""
    mapping: dict[int, str] = {}
    by_gender: dict[int, str] = {}
    unknown: list[str] = []
    width = max(len(top), len(sub or ()))
    parent = ""
    for col in range(width):
        label = top[col] if col < len(top) else None
        below = sub[col] if sub and col < len(sub) else None
        if cell_text(label):
            parent = label
        elif not cell_text(below):
            parent = ""
        if cell_text(below):
            below_key = _key(below)
            if below_key in ("nam", "nu") and HEADERS.get(_key(parent)) == BIRTH:
                by_gender[col] = "Nam" if below_key == "nam" else "Nữ"
                continue
            if below_key in HEADERS:
                header = HEADERS[below_key]
            else:
                header = HEADERS.get(_key(f"{cell_text(parent)} {cell_text(below)}"))
            if header is None and not cell_text(label):
                unknown.append(f"{cell_text(parent)} – {cell_text(below)}".strip(" –"))
                continue
        else:
            header = None
        if header is None and cell_text(label):
            header = HEADERS.get(_key(label))
            if header is None:
                unknown.append(cell_text(label))
                continue
        if header in mapping.values():
            unknown.append(
                _("%(label)s (trùng cột %(column)s)")
                % {"label": cell_text(label) or cell_text(below), "column": header}
            )
        elif header:
            mapping[col] = header
    return mapping, by_gender, unknown


def _group_row_text(values: tuple, name_col: int) -> str | None:
    """ "1. Tổ Văn phòng" alone on its row (often bold, merged across): the tổ of the rows below."""
    filled = [(col, v) for col, v in enumerate(values) if cell_text(v)]
    if len(filled) != 1 or not isinstance(filled[0][1], str):
        return None
    col, value = filled[0]
    text = clean_spaces(value)
    if not re.search(r"[^\W\d_]", text):
        return None
    numbered = _NUMBERED.match(text)
    body = numbered.group(1) if numbered else text
    if col != name_col or numbered or body.lower().startswith(_GROUP_WORDS):
        return clean_spaces(body)
    return None


def _is_stop_row(values: tuple, name_col: int) -> bool:
    """The "Tổng cộng" row or the first line of the signature block under the list."""
    name = cell_text(values[name_col]) if name_col < len(values) else ""
    if name and not _STOP.match(fold(name)):
        return False
    return any(isinstance(v, str) and _STOP.match(fold(v)) for v in values)


def read_member_sheet(fileobj, *, progress: Progress | None = None) -> Sheet:
    """The member rows of the first sheet that has a header row, each sheet read as a stream
    within the import limits (`progress(rows_read, rows_expected)` is told as rows are read).
    Raises ImportFileError."""
    workbook = _open_workbook(fileobj)
    try:
        any_values = False
        for worksheet in workbook.worksheets:
            rows = sheet_rows(worksheet, progress=progress)
            head = list(islice(rows, HEADER_SCAN_ROWS))
            header_index = _find_header(head)
            if header_index is not None:
                return _read_rows([*head, *rows], header_index)
            any_values = any_values or any(cell_text(v) for r in chain(head, rows) for v in r)
            rows.close()
    finally:
        workbook.close()
    if not any_values:
        raise ImportFileError(_("Tệp không có dữ liệu. Hãy chọn tệp có danh sách đoàn viên."))
    raise ImportFileError(
        _(
            "Không tìm thấy dòng tiêu đề: trong %(rows)s dòng đầu không có cột "
            "“Họ và tên”. Hãy dùng tệp mẫu hoặc thêm dòng tiêu đề."
        )
        % {"rows": HEADER_SCAN_ROWS}
    )


def _read_rows(rows: list[tuple], header_index: int) -> Sheet:
    top = rows[header_index]
    sub = None
    first_data = header_index + 1
    name_col = next(c for c, v in enumerate(top) if HEADERS.get(_key(v)) == NAME)
    if first_data < len(rows) and _is_sub_header(rows[first_data], name_col):
        sub = rows[first_data]
        first_data += 1
    mapping, by_gender, unknown = _map_columns(top, sub)
    notices = [
        _("Cột “%(label)s” không dùng khi nhập, đã bỏ qua.") % {"label": label} for label in unknown
    ]
    office = bool(by_gender)
    headers = [h for h in mapping.values() if h != STT]
    if office:
        headers += [h for h in (BIRTH, GENDER) if h not in headers]
    if CARD not in headers:
        headers.append(CARD)  # the import matches on it; an absent column means "all new"
    errors: list[RowError] = []
    data_rows: list[dict] = []
    group_text = None
    for offset, values in enumerate(rows[first_data:]):
        excel_row = first_data + offset + 1
        if not any(cell_text(v) for v in values):
            continue
        if _is_stop_row(values, name_col):
            break
        name = cell_text(values[name_col]) if name_col < len(values) else ""
        if _COLUMN_NUMBER.match(name):
            continue  # the "(1) (2) (3)" row some lists put under the header
        if HEADERS.get(_key(name)) == NAME or (sub and _is_sub_header(values, name_col)):
            continue  # the header again, as printed lists repeat it on every page
        group = _group_row_text(values, name_col)
        if group is not None:
            group_text = group
            continue
        row = {h: None for h in headers}
        for col, header in mapping.items():
            if header != STT and col < len(values):
                row[header] = values[col]
        has_data = any(cell_text(v) for h, v in row.items() if h != NAME)
        if office:
            filled = [(g, values[c]) for c, g in by_gender.items() if c < len(values)]
            filled = [(g, v) for g, v in filled if cell_text(v)]
            has_data = has_data or bool(filled)
            if len(filled) > 1:
                errors.append(
                    RowError(
                        excel_row,
                        BIRTH,
                        _("Có ngày sinh ở cả cột Nam và cột Nữ; chỉ ghi ở một cột."),
                    )
                )
                continue
            if filled and not cell_text(row.get(GENDER)):
                row[GENDER], row[BIRTH] = filled[0]
        if not name and not has_data:
            continue  # an empty or numbered-only row
        if group_text and not cell_text(row.get(GROUP)):
            row[GROUP] = group_text
        row[ROW_KEY] = excel_row
        data_rows.append(row)
    if group_text and GROUP not in headers:
        headers.append(GROUP)
        for row in data_rows:
            row.setdefault(GROUP, None)
    if not data_rows and not errors:
        raise ImportFileError(
            _("Không có dòng đoàn viên nào dưới dòng tiêu đề. Hãy kiểm tra lại tệp.")
        )
    gender_column = (
        _("%(birth)s (Nam/Nữ)") % {"birth": BIRTH}
        if office and GENDER not in mapping.values()
        else GENDER
    )
    return Sheet(
        headers=headers,
        rows=data_rows,
        errors=errors,
        notices=notices,
        gender_column=gender_column,
    )
