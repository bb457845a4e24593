"""Member lists as .xlsx files in memory, and the two ways into the import: the page and the
function."""

from datetime import date, datetime
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from members.registry.importing import import_members_xlsx

HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Tổ công đoàn",
    "Số thẻ",
    "Trình độ chuyên môn",
    "Email",
]


IMPORT_URL = reverse("members:member_import")


def xlsx(rows, *, above=(), header=HEADER) -> BytesIO:
    """An .xlsx file in memory: optional title rows, the header row, then `rows`."""
    workbook = Workbook()
    sheet = workbook.active
    for line in above:
        sheet.append(line)
    if header:
        sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def upload(client, fileobj, organisation, name="danh-sach.xlsx", **kwargs):
    """POST the file to the import page (follow=True: on to the page of the check's job)."""
    data = fileobj.getvalue() if hasattr(fileobj, "getvalue") else fileobj
    return client.post(
        IMPORT_URL,
        {
            "action": "upload",
            "organisation": organisation.pk,
            "file": SimpleUploadedFile(name, data),
        },
        **kwargs,
    )


def run_import(fileobj, organisation, user, dry_run=False):
    return import_members_xlsx(fileobj, organisation=organisation, user=user, dry_run=dry_run)


def good_rows():
    return [
        [1, "  Lê   Thị  Hoa ", "05/09/1985", " nữ ", "Tổ Văn phòng", "CD100", "Thạc sỹ", ""],
        [2, "Phạm Văn Đức", "5/9/1980", "Nam", " tổ toán ", "CD101", "thạc sĩ ", "duc@x.vn"],
        [],
        [3, "Trần Minh Tâm", datetime(1990, 1, 2), "NAM", "", "", "Thạc sĩ", ""],
        [4, "Đỗ Thu Trang", date(1992, 12, 31), "Nữ", None, "CD103", "đại học", None],
    ]


TITLE = [
    ["CÔNG ĐOÀN VIÊN CHỨC TỈNH", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["CĐCS TRƯỜNG A", None, None, None, "Độc lập - Tự do - Hạnh phúc"],
    [],
    [None, "DANH SÁCH ĐOÀN VIÊN CÔNG ĐOÀN CƠ SỞ TRƯỜNG A"],
    [None, "(Tính đến ngày 24/11/2026)"],
]


TRAILER = [
    [None, "Tổng cộng: 4 đồng chí"],
    [],
    [None, "Người lập biểu", None, None, "TM. BAN CHẤP HÀNH"],
    [None, "Nguyễn Văn Lập", None, None, "Trần Văn Chủ"],
]
