"""The year view's files: the .xlsx with numbers and the summary, the blocks a report can
place, the landscape PDF and the DOCX, against the year counted by hand."""

from datetime import date
from io import BytesIO

import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook
from pypdf import PdfReader

from emulation.activities.year import activity_year, activity_year_blocks, activity_year_document
from tests.emulation.activities.factories import YEAR
from tests.emulation.scopes import org_a
from tests.pages import page_url
from unionhub.documents import Heading, Paragraph, Table, render_pdf

pytestmark = pytest.mark.django_db

url = page_url("emulation")


# --- the spreadsheet -------------------------------------------------------------------------


def test_xlsx_holds_the_activities_as_numbers_with_a_total_and_the_summary(client, year, users):
    client.force_login(users.officer)
    response = client.get(url("activity_year_xlsx", org=org_a, year=YEAR)(year))
    assert response["Content-Disposition"] == 'attachment; filename="hoat-dong-2025.xlsx"'
    book = load_workbook(BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = rows.index(next(r for r in rows if r[0] == "TT"))
    first = rows[header + 1]
    assert [d.date() for d in first[1:3]] == [date(2025, 3, 5), date(2025, 3, 7)]
    assert sheet.cell(header + 2, 2).number_format == "DD/MM/YYYY"
    assert first[:8] == [
        1,
        *first[1:3],
        "Hội thao, thể dục thể thao",
        "Hội thao ngành",
        "CĐCS Trường A",
        "Nhà thi đấu tỉnh",
        3,
    ]
    assert first[10:] == [
        2_500_000,
        1_500_000,
        4_000_000,
        "Giải ba bóng chuyền hơi nữ\nGiải nhì kéo co",
    ]
    assert rows[header + 3][7:10] == [40, 50, 80.0]
    total = rows[header + 5]
    assert (total[1], total[7], total[12]) == ("Cộng", 69, 7_000_000)
    summary = [list(r) for r in book.worksheets[1].iter_rows(values_only=True)]
    assert [2, "Quốc tế Phụ nữ 8/3", 1, 25, None, 3_000_000] in summary
    assert [3, "Học tập, quán triệt nghị quyết", 2, 41, 78.8, 0] in summary
    assert [None, "Cộng", 4, 69, None, 7_000_000] in summary
    assert [2, "Giải nhì kéo co", "Hội thao ngành"] in [r[:3] for r in summary]


# --- the document ----------------------------------------------------------------------------


def pdf_text(content: bytes) -> tuple[str, list]:
    pages = PdfReader(BytesIO(content)).pages
    return " ".join(" ".join(p.extract_text().split()) for p in pages), pages


def test_the_blocks_are_a_section_a_report_can_place(year):
    blocks = activity_year_blocks(activity_year(year.tree.branch_a, YEAR))
    assert [b.text for b in blocks if isinstance(b, Heading)] == [
        "1. Các hoạt động trong năm",
        "2. Tổng hợp theo loại hoạt động",
        "3. Kết quả, giải thưởng đạt được",
    ]
    assert "tổ chức 4 hoạt động, với 69 lượt người tham gia" in blocks[0].text
    activities, kinds = [b for b in blocks if isinstance(b, Table)]
    assert activities.columns[4] == "Đơn vị tổ chức"
    assert activities.rows[0] == [
        "1",
        "05/03 – 07/03/2025",
        "Hội thao, thể dục thể thao",
        "Hội thao ngành",
        "CĐCS Trường A",
        "3",
        "",
        "4.000.000",
        "Giải ba bóng chuyền hơi nữ; Giải nhì kéo co",
    ]
    assert activities.rows[2][5:8] == ["40", "80,0%", "-"]
    assert activities.footer[5] == "69" and activities.footer[7] == "7.000.000"
    assert kinds.rows[2] == ["3", "Học tập, quán triệt nghị quyết", "2", "41", "78,8%", "-"]
    lines = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert "- Giải nhì kéo co (Hội thao ngành, 05/03 – 07/03/2025)." in lines


def test_a_groups_blocks_drop_the_organiser_column_and_an_empty_year_is_one_sentence(year):
    blocks = activity_year_blocks(activity_year(year.tree.group_a1, YEAR))
    table = next(b for b in blocks if isinstance(b, Table))
    assert "Đơn vị tổ chức" not in table.columns and len(table.rows[0]) == len(table.columns)
    assert "Không có kết quả" in blocks[-1].text
    (empty,) = activity_year_blocks(activity_year(year.tree.branch_a, 2023))
    assert empty.text == "Năm 2023, CĐCS Trường A không có hoạt động nào được ghi nhận."


def test_the_pdf_prints_the_year_landscape(client, year, users):
    client.force_login(users.officer)
    response = client.get(url("activity_year_pdf", org=org_a, year=YEAR)(year))
    assert response.content.startswith(b"%PDF")
    text, pages = pdf_text(response.content)
    assert "BÁO CÁO" in text and "Kết quả tổ chức các hoạt động năm 2025" in text
    assert "Hội thao ngành" in text and "Giải ba bóng chuyền hơi nữ" in text
    assert "7.000.000" in text and "78,8%" in text
    assert all(p.mediabox.width > p.mediabox.height for p in pages)
    empty = render_pdf(activity_year_document(activity_year(year.tree.branch_a, 2023)))
    assert "không có hoạt động nào" in pdf_text(empty)[0]


def test_the_docx_has_the_activities_and_the_summary(client, year, users):
    client.force_login(users.officer)
    response = client.get(url("activity_year_docx", org=org_a, year=YEAR)(year))
    word = WordDocument(BytesIO(response.content))
    text = " ".join(p.text for p in word.paragraphs)
    assert "Kết quả tổ chức các hoạt động năm 2025" in text
    assert "- Giải ba bóng chuyền hơi nữ (Hội thao ngành, 05/03 – 07/03/2025)." in text
    tables = [t for t in word.tables if t.rows[0].cells[0].text == "TT"]
    assert len(tables) == 2
    rows = [[c.text for c in r.cells] for r in tables[0].rows]
    assert rows[1][3] == "Hội thao ngành" and rows[1][7] == "4.000.000"
    assert rows[-1][5] == "69"
