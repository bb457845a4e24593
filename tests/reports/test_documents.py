"""Administrative documents rendered: long dates and table money, the member report as PDF
(its pages numbered from the second, the bundled font and nothing fetched from elsewhere), as
DOCX (portrait and landscape) and as escaped HTML."""

from dataclasses import replace
from datetime import date
from io import BytesIO

import pytest
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from reports.member_report import member_report
from tests.factories import MemberFactory
from tests.reports.factories import DAY, ISSUED
from unionhub.documents import pdf, render_docx, render_html, render_pdf
from unionhub.formatting import long_date, table_money

pytestmark = pytest.mark.django_db


def normalised(text: str) -> str:
    return " ".join(text.split())


# --- formats ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2017, 5, 15), "ngày 15 tháng 5 năm 2017"),
        (date(2017, 2, 5), "ngày 05 tháng 02 năm 2017"),
        (date(2017, 1, 9), "ngày 09 tháng 01 năm 2017"),
        (date(2017, 12, 1), "ngày 01 tháng 12 năm 2017"),
    ],
)
def test_long_date_pads_days_below_ten_and_the_first_two_months(day, expected):
    assert long_date(day) == expected


def test_table_money_drops_the_unit_the_text_states_once():
    assert table_money(16_050_000) == "16.050.000"
    assert table_money(-1_500) == "-1.500"
    assert table_money(0) == "0"
    assert table_money(0, zero="-") == "-"


# --- renderings ---------------------------------------------------------------------------


@pytest.fixture
def report(report_branch):
    return member_report(report_branch.branch_a, DAY, number="7", issued=ISSUED)


EXPECTED_SENTENCES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 7/BC-CĐCS",
    "Bến Tre, ngày 05 tháng 7 năm 2022",
    "BÁO CÁO",
    "Tổng số cán bộ, đoàn viên tại ngày 30/06/2022 là 04 đồng chí (02 nữ), với 02 tổ Công đoàn.",
    "Trình độ chính trị: Cử nhân 01 đ/c; chưa ghi nhận 03 đ/c.",
    "Nơi nhận:",
    "- Lưu: VT.",
    "TM. BAN CHẤP HÀNH",
    "CHỦ TỊCH",
]


def test_pdf_holds_the_sentences_and_numbers_its_pages_from_the_second(report_branch):
    # Enough units to run onto a second page.
    for n in range(40):
        MemberFactory(organisation=report_branch.group_a1, full_name=f"Thêm {n}")
    doc = member_report(report_branch.branch_a, date.today(), number="7")
    reader = PdfReader(BytesIO(render_pdf(doc)))
    assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=0.5)  # A4 in points
    pages = [normalised(page.extract_text()) for page in reader.pages]
    assert len(pages) >= 2
    text = " ".join(pages)
    for sentence in EXPECTED_SENTENCES[:3] + EXPECTED_SENTENCES[4:5] + EXPECTED_SENTENCES[7:]:
        assert sentence in text
    assert "Tổng số cán bộ, đoàn viên hiện nay là 44 đồng chí" in text
    assert top_margin_text(reader.pages[0]) == ""
    assert top_margin_text(reader.pages[1]) == "2"


def top_margin_text(page) -> str:
    """The text printed above the body: the page number (top margin 20 mm)."""
    top = float(page.mediabox.height) - 20 * 72 / 25.4
    found = []

    def visit(text, cm, tm, _font, _size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]  # the text matrix placed on the page
        if text.strip() and y > top:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return " ".join(found)


def test_pdf_embeds_the_bundled_font_and_no_other(report, monkeypatch):
    fetched = []
    real_fetch = pdf._fetch

    def recording_fetch(url, *args, **kwargs):
        fetched.append(url)
        return real_fetch(url, *args, **kwargs)

    monkeypatch.setattr(pdf, "_fetch", recording_fetch)
    reader = PdfReader(BytesIO(render_pdf(report)))
    assert {url.rsplit("/", 1)[-1] for url in fetched} >= {
        "LiberationSerif-Regular.ttf",
        "LiberationSerif-Bold.ttf",
        "LiberationSerif-Italic.ttf",
    }
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[str(font["/BaseFont"]).split("+")[-1]] = descriptor["/FontFile2"].get_data()
    # Named after the family only our @font-face rules define: no machine font stood in.
    assert set(fonts) <= {
        "UnionHub-Serif",
        "UnionHub-Serif-Bold",
        "UnionHub-Serif-Italic",
        "UnionHub-Serif-Bold-Italic",
    }

    # Every glyph drawn in the subset is one of the bundled file's outlines.
    def outlines(font):
        glyf = font["glyf"]
        return {
            tuple(glyf[name].getCoordinates(glyf)[0])
            for name in font.getGlyphOrder()
            if glyf[name].numberOfContours
        }

    bundled = outlines(TTFont(pdf.FONT_DIR / "LiberationSerif-Regular.ttf"))
    embedded = outlines(TTFont(BytesIO(fonts["UnionHub-Serif"])))
    assert len(embedded) > 40
    assert embedded <= bundled


def test_pdf_fetches_nothing_outside_the_font_folder():
    with pytest.raises(ValueError, match="outside"):
        pdf._fetch("file:///etc/passwd")
    with pytest.raises(ValueError, match="outside"):
        pdf._fetch("https://example.org/x.css")


def test_docx_holds_the_same_sentences_in_times_new_roman(report):
    word = WordDocument(BytesIO(render_docx(report)))
    cells = [
        paragraph.text
        for table in word.tables
        for row in table.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
    ]
    text = "\n".join([p.text for p in word.paragraphs] + cells)
    for sentence in EXPECTED_SENTENCES:
        assert sentence in text
    assert word.styles["Normal"].font.name == "Times New Roman"
    section = word.sections[0]
    assert round(section.left_margin.mm) == 30 and round(section.page_width.mm) == 210
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    group_table = word.tables[1]
    assert [c.text for c in group_table.rows[1].cells] == ["1", "Tổ Văn phòng", "02", "01"]


def test_docx_of_a_landscape_document_turns_the_page_and_widens_its_tables(report):
    word = WordDocument(BytesIO(render_docx(replace(report, landscape=True))))
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    assert section.orientation == WD_ORIENT.LANDSCAPE
    body = section.page_width - section.left_margin - section.right_margin
    assert sum(column.width for column in word.tables[1].columns) == pytest.approx(body, rel=0.01)


def test_html_escapes_what_officers_type(report_branch):
    report_branch.branch_a.name = "CĐCS <b>Trường A</b>"
    report_branch.branch_a.save()
    html = render_html(member_report(report_branch.branch_a, DAY, issued=ISSUED))
    assert "<b>Trường A</b>" not in html
    assert "&lt;b&gt;Trường A" in html
