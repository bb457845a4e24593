"""Dues as files: the arrears list as an .xlsx sheet. A function from data to bytes."""

from unionhub.sheets import new_sheet, sheet_bytes, style_sheet


def arrears_xlsx(rows, *, title: str) -> bytes:
    """Đoàn viên nợ đoàn phí: (MemberDues, months as text, pending đồng) per member."""
    book, sheet = new_sheet("Nợ đoàn phí")
    sheet.append([title])
    sheet.append([])
    sheet.append(["STT", "Họ và tên", "Đơn vị", "Tháng còn nợ", "Còn nợ (đồng)", "Chờ ghi sổ"])
    for n, (dues, months, pending) in enumerate(rows, start=1):
        member = dues.member
        sheet.append([n, member.full_name, member.group_name, months, dues.owed, pending or None])
    sheet.append(
        ["", "Cộng", "", "", sum(d.owed for d, _m, _p in rows), sum(p for _d, _m, p in rows)]
    )
    style_sheet(
        sheet, header_row=3, money_columns="EF", widths={"B": 28, "C": 28, "D": 16, "E": 16}
    )
    return sheet_bytes(book)
