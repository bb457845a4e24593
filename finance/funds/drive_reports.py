"""The table of drives by year as files: the report (a unionhub.documents Document, printed on a
landscape A4) and an Excel sheet. Functions from a DriveTable to a Document or to bytes."""

from datetime import date

from members.organisations.letterhead import letterhead_for, recipients_for, signature_for
from unionhub.documents import Document, Heading, Paragraph, Table
from unionhub.formatting import money, table_money
from unionhub.sheets import new_sheet, sheet_bytes, style_sheet

from .drive_selectors import DriveTable


def _dong(amount: int) -> str:
    """A cell of the document's tables (unit: đồng, stated once above them); zero as "-"."""
    return table_money(amount, zero="-")


def _year_table(table: DriveTable, attr: str) -> Table:
    """Drives × years, and their total when there is more than one year."""
    years = len(table.years)
    total = [_dong(sum(getattr(table, attr)))] if years > 1 else []
    rows = [
        [str(n), row.name, *map(_dong, getattr(row, attr))]
        + ([_dong(sum(getattr(row, attr)))] if total else [])
        for n, row in enumerate(table.rows, start=1)
    ]
    columns = years + len(total)
    amount_width = min(14, 72 // columns)
    return Table(
        columns=["TT", "Tên quỹ, cuộc vận động", *map(str, table.years)] + (["Cộng"] * len(total)),
        rows=rows,
        widths=[5, 95 - amount_width * columns, *[amount_width] * columns],
        numeric=frozenset({0}),
        amounts=frozenset(range(2, columns + 2)),
        footer=["", "Tổng cộng", *map(_dong, getattr(table, attr)), *total],
    )


def _span(table: DriveTable) -> str:
    first, last = table.years[0], table.years[-1]
    return f"năm {first}" if first == last else f"các năm {first} - {last}"


def drive_table_document(
    table: DriveTable, *, number: str = "", issued: date | None = None
) -> Document:
    """Báo cáo kết quả vận động các quỹ: collected and passed on, per drive and year."""
    org = table.organisation
    issued = issued or date.today()
    span = _span(table)
    held = table.total_collected - table.total_forwarded
    return Document(
        letterhead=letterhead_for(org, kind_code="BC", number=number, issued=issued),
        title="BÁO CÁO",
        subtitle=f"Kết quả vận động các quỹ xã hội, từ thiện {span}",
        blocks=[
            Paragraph(
                f"Ban Chấp hành {org.name} báo cáo kết quả vận động đoàn viên, người lao động "
                f"ủng hộ các quỹ xã hội, từ thiện {span} như sau (đơn vị tính: đồng):"
            ),
            Heading("I. SỐ TIỀN VẬN ĐỘNG ĐƯỢC"),
            _year_table(table, "collected"),
            Heading("II. SỐ TIỀN ĐÃ CHUYỂN ĐẾN NƠI NHẬN"),
            _year_table(table, "forwarded"),
            Paragraph(
                f"Tổng số tiền vận động được {span} là {money(table.total_collected)}; đã "
                f"chuyển đến nơi nhận {money(table.total_forwarded)}; "
                + (f"đơn vị còn giữ {money(held)} để chuyển tiếp." if held else "không còn tồn.")
            ),
            Paragraph(f"Trên đây là báo cáo kết quả vận động các quỹ của {org.name}./."),
        ],
        recipients=recipients_for(org),
        signature=signature_for(org, issued),
        filename=f"van-dong-quy-{table.years[0]}-{table.years[-1]}",
        landscape=True,
    )


def drive_table_xlsx(table: DriveTable) -> bytes:
    """The table as a sheet: a collected and a forwarded column per year, amounts as numbers."""
    book, sheet = new_sheet("Quỹ xã hội")
    sheet.append([table.organisation.name])
    sheet.append([f"Kết quả vận động các quỹ xã hội, từ thiện {_span(table)} (đồng)"])
    sheet.append([])
    header = ["TT", "Tên quỹ, cuộc vận động"]
    for year in table.years:
        header += [f"{year} vận động", f"{year} đã chuyển"]
    sheet.append([*header, "Cộng vận động", "Cộng đã chuyển"])
    for n, row in enumerate(table.rows, start=1):
        cells = [amount for pair in row.cells for amount in pair]
        sheet.append([n, row.name, *cells, row.total_collected, row.total_forwarded])
    totals = [amount for pair in table.totals for amount in pair]
    sheet.append(["", "Tổng cộng", *totals, table.total_collected, table.total_forwarded])
    columns = [sheet.cell(row=4, column=c).column_letter for c in range(3, len(header) + 3)]
    style_sheet(sheet, header_row=4, money_columns=columns, widths={"A": 6, "B": 36})
    for column in columns:
        sheet.column_dimensions[column].width = 16
    return sheet_bytes(book)
