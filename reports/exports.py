"""Statistics as .xlsx: a function from figures to a workbook (views only wrap it)."""

from members.models import LevelChoice
from members.registry.statistics import Movements, Statistics
from unionhub.sheets import text_workbook


def statistics_xlsx(stats: Statistics, movements: Movements, *, start, end, fileobj) -> None:
    """One sheet: the day's figures by section, then the period's movements."""
    book = text_workbook(fileobj)
    sheet = book.add_worksheet("Thống kê")
    title = book.add_format({"bold": True, "font_size": 14})
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    cell = book.add_format({"border": 1})
    number = book.add_format({"border": 1, "num_format": "0"})
    sheet.set_column(0, 0, 46)
    sheet.set_column(1, 2, 12)
    row = 0

    def line(*values, fmt=cell):
        nonlocal row
        for col, value in enumerate(values):
            sheet.write(row, col, value, number if isinstance(value, int) else fmt)
        row += 1

    def section(name: str, *columns: str):
        nonlocal row
        row += 1
        for col, value in enumerate((name, *columns)):
            sheet.write(row, col, value, header)
        row += 1

    sheet.write(row, 0, f"THỐNG KÊ ĐOÀN VIÊN – {stats.organisation.name.upper()}", title)
    row += 1
    sheet.write(row, 0, f"Tại ngày {stats.day:%d/%m/%Y}")
    row += 1
    section("Chung", "Số lượng")
    line("Tổng số đoàn viên", stats.total)
    line("Nữ", stats.women)
    line("Đảng viên", stats.party)
    section("Theo đơn vị trực thuộc", "Đoàn viên", "Nữ")
    for unit, n, women in stats.by_unit:
        line(unit.name, n, women)
    section("Theo độ tuổi", "Số lượng")
    for _index, label, n in stats.age_bands:
        line(label, n)
    if stats.unknown_age:
        line("Chưa ghi ngày sinh", stats.unknown_age)
    section("Theo loại hình", "Số lượng")
    for _value, label, n in stats.employment:
        line(label, n)
    for kind, entries in stats.levels.items():
        section(str(LevelChoice.Kind(kind).label), "Số lượng")
        for _pk, name, n in entries:
            line(name, n)
    section(f"Biến động từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}", "Số lượng")
    line("Kết nạp mới", movements.admitted)
    line("Sinh hoạt trở lại", movements.reinstated)
    line("Chuyển đến (từ đơn vị khác trong hệ thống)", movements.transferred_in)
    line("Chuyển sang đơn vị khác trong hệ thống", movements.transferred_out)
    for _kind, label, n in movements.departures:
        line(label, n)
    book.close()
