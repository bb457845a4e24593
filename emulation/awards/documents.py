"""The award year tables as a document section, a whole document (PDF and DOCX through
unionhub.documents) and an .xlsx: functions from AwardTable to blocks or bytes.

A report that recounts the term's awards places `award_tables_blocks(...)` among its own
blocks; the page's downloads wrap the same blocks in `award_tables_document(...)`.
"""

from datetime import date

from openpyxl.styles import Alignment, Font

from emulation.models import AwardTitle
from members.organisations.letterhead import letterhead_for, signature_for
from unionhub.documents import Block, Document, Heading, Paragraph, Table
from unionhub.sheets import new_sheet, sheet_bytes

from .selectors import AwardTable, TitleRow

# Up to this many years, the table fits a portrait A4 page; more turn the page.
PORTRAIT_YEARS = 6
SECTIONS = (("I", "CÁ NHÂN", "individual"), ("II", "TẬP THỂ", "collective"))


def authority_label(table: AwardTable) -> str:
    return str(AwardTitle.Authority(table.authority).label)


def years_label(years: list[int]) -> str:
    return f"năm {years[0]}" if len(years) == 1 else f"các năm {years[0]} – {years[-1]}"


def _sections(table: AwardTable) -> list[tuple[str, str, list[TitleRow]]]:
    return [(number, label, getattr(table, attr)) for number, label, attr in SECTIONS]


def _cell(count: int) -> str:
    # A dash, as printed tables write "none", so that the figures stand out.
    return str(count) if count else "-"


def award_table_block(table: AwardTable) -> Table:
    """One authority's table: "I. CÁ NHÂN" and "II. TẬP THỂ", a row per title, a column per
    year and the total of the range."""
    rows = []
    for number, label, titles in _sections(table):
        rows.append([number, label, *[""] * (len(table.years) + 1)])
        for n, row in enumerate(titles, start=1):
            rows.append([str(n), row.title.name, *map(_cell, row.counts), _cell(row.total)])
    figures = frozenset(range(2, len(table.years) + 3))
    # Percentages of the page's width: the titles take what the figures leave.
    year = min(8, 50 // len(table.years))
    return Table(
        columns=["TT", "Danh hiệu, hình thức khen thưởng", *map(str, table.years), "Cộng"],
        rows=rows,
        widths=[6, 86 - year * len(table.years), *[year] * len(table.years), 8],
        numeric=frozenset({0}) | figures,
    )


def award_tables_blocks(state_table: AwardTable, union_table: AwardTable) -> list[Block]:
    """The section "Khen thưởng" of a report: the state's table then the union's, counts of
    awards (a person with two titles in a year counts once under each)."""
    blocks: list[Block] = [
        Paragraph(
            f"Số lượt cá nhân, tập thể được khen thưởng {years_label(state_table.years)}, "
            "theo năm khen thưởng của quyết định.",
            keep_with_next=True,
        )
    ]
    for n, table in enumerate((state_table, union_table), start=1):
        blocks.append(Heading(f"{n}. {authority_label(table)}", level=2))
        blocks.append(award_table_block(table))
    return blocks


def award_tables_document(
    state_table: AwardTable, union_table: AwardTable, *, issued: date | None = None
) -> Document:
    """Bảng tổng hợp khen thưởng of an organisation's subtree over a range of years, signed by
    its chair; landscape when the years do not fit a portrait page."""
    org = state_table.organisation
    issued = issued or date.today()
    years = state_table.years
    return Document(
        letterhead=letterhead_for(org, kind_code="BC", issued=issued),
        title="BẢNG TỔNG HỢP KHEN THƯỞNG",
        subtitle=f"Khen thưởng của Chính quyền và của Công đoàn {years_label(years)}",
        blocks=award_tables_blocks(state_table, union_table),
        signature=signature_for(org, issued),
        filename=f"khen-thuong-{years[0]}-{years[-1]}",
        landscape=len(years) > PORTRAIT_YEARS,
    )


def award_tables_xlsx(state_table: AwardTable, union_table: AwardTable) -> bytes:
    """Both tables on one sheet, counts as numbers (0 where none), a total column."""
    org = state_table.organisation
    years = state_table.years
    book, sheet = new_sheet("Khen thưởng")
    sheet.append([org.name])
    sheet.append([f"Bảng tổng hợp khen thưởng {years_label(years)}"])
    bold = []
    for table in (state_table, union_table):
        sheet.append([])
        sheet.append([authority_label(table).upper()])
        bold.append(sheet.max_row)
        sheet.append(["TT", "Danh hiệu, hình thức khen thưởng", *years, "Cộng"])
        bold.append(sheet.max_row)
        for number, label, titles in _sections(table):
            sheet.append([number, label])
            bold.append(sheet.max_row)
            for n, row in enumerate(titles, start=1):
                sheet.append([n, row.title.name, *row.counts, row.total])
    sheet["A1"].font = Font(bold=True)
    for row in bold:
        for cell in sheet[row]:
            cell.font = Font(bold=True)
    for column in range(3, len(years) + 4):
        for cell in next(sheet.iter_cols(min_col=column, max_col=column)):
            cell.alignment = Alignment(horizontal="center")
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 48
    return sheet_bytes(book)
