"""The award sheets the import's tests read: the columns, rows of a good sheet, a sheet built
from rows, and the counts a refused import must leave unchanged."""

from datetime import datetime
from io import BytesIO

from openpyxl import Workbook

from emulation.awards.import_rows import COLUMNS
from emulation.models import Award, AwardDecision
from finance.models import Voucher

HEADERS = [header for header, _guide in COLUMNS]


def sheet_bytes(rows, headers=HEADERS, title_rows=()) -> BytesIO:
    book = Workbook()
    sheet = book.active
    for row in title_rows:
        sheet.append(row)
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    out.seek(0)
    return out


def snapshot() -> tuple[int, int, int]:
    return AwardDecision.objects.count(), Award.objects.count(), Voucher.objects.count()


# Số QĐ, Ngày ký, Cơ quan, Năm, Danh hiệu, Khen thưởng của, Đối tượng, Họ và tên, Số thẻ,
# Tập thể, Tiền thưởng
SGD = ["12/QĐ-SGD", "20/12/2025", "Giám đốc Sở", 2025, "Lao động tiên tiến"]
GOOD_ROWS = [
    [*SGD, "", "", "Nguyễn Văn An", "", "", "500.000"],
    # The same decision: an Excel date, the year as text, a name without accents.
    ["12/QĐ-SGD", datetime(2025, 12, 20), "Giám đốc Sở", "2025", "Lao động tiên tiến"]
    + ["", "", "le thi binh", "", "", 300_000],
    ["13/QĐ-SGD", "20/12/2025", "Giám đốc Sở", 2025, "Tập thể lao động tiên tiến"]
    + ["", "", "", "", "Tổ Văn phòng", ""],
    # "Giấy khen" is a title of individuals and of collectives: a card says which.
    ["5/QĐ-CĐ", "15/01/2026", "Công đoàn Viên chức tỉnh", 2025, "Giấy khen"]
    + ["Chính quyền", "", "", "A-001", "", ""],
    ["5/QĐ-CĐ", "15/01/2026", "Công đoàn Viên chức tỉnh", 2025, "Giấy khen"]
    + ["", "Tập thể", "", "", "Tổ Toán", ""],
]
