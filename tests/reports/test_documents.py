"""Administrative documents: the letterhead, the member report, its PDF, DOCX and pages."""

from dataclasses import replace
from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from members.models import Body, Member, Organisation, Position
from members.organisations.letterhead import letterhead_for
from members.registry import services
from reports.member_report import member_report
from reports.models import LetterheadSettings
from tests.factories import BodyFactory, MemberFactory, PositionFactory
from unionhub.documents import Table, pdf, render_docx, render_html, render_pdf
from unionhub.formatting import long_date, table_money

pytestmark = pytest.mark.django_db

DAY = date(2022, 6, 30)
ISSUED = date(2022, 7, 5)


@pytest.fixture
def report_branch(branch_history):
    """branch_history plus an executive committee: Bình chairs it from 2020; An was a member
    until 2021 (not on the day); Cúc joined it in 2023 (after the day)."""
    tree = branch_history
    tree.branch_a.address = "12 Đồng Khởi, phường 3, tỉnh Bến Tre"
    tree.branch_a.save()
    members = {m.full_name: m for m in Member.objects.all()}
    body = BodyFactory(organisation=tree.branch_a, kind=Body.Kind.EXECUTIVE, term=None)
    PositionFactory(
        body=body, member=members["Bình"], title=Position.Title.CHAIR, start=date(2020, 1, 1)
    )
    PositionFactory(body=body, member=members["An"], start=date(2020, 1, 1), end=date(2021, 1, 1))
    PositionFactory(body=body, member=members["Cúc"], start=date(2023, 1, 1))
    PositionFactory(body=body, member=members["Dũng"], start=date(2020, 1, 1))
    return tree


def text_of(doc) -> str:
    """Every string a Document holds, to check the renderings against."""
    parts = [doc.title, doc.subtitle, *doc.recipients]
    for block in doc.blocks:
        if isinstance(block, Table):
            parts += [cell for row in block.rows for cell in row]
        else:
            parts.append(getattr(block, "lead", "") + block.text)
    return "\n".join(parts)


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


# --- letterhead ---------------------------------------------------------------------------


def test_letterhead_defaults_come_from_the_tree_and_the_address(report_branch):
    head = letterhead_for(report_branch.branch_a, kind_code="BC", number="12", issued=ISSUED)
    assert head.upper_body == "CÔNG ĐOÀN VIÊN CHỨC TỈNH"
    assert head.issuer == "CĐCS TRƯỜNG A"
    assert head.number == "Số: 12/BC-CĐCS"
    assert head.motto == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert head.motto_sub == "Độc lập - Tự do - Hạnh phúc"
    assert head.place_date == "Bến Tre, ngày 05 tháng 7 năm 2022"


def test_letterhead_settings_replace_the_defaults(report_branch):
    LetterheadSettings.objects.create(
        organisation=report_branch.branch_a,
        upper_body="LĐLĐ tỉnh Bến Tre",
        issuer="Công đoàn Trường A",
        code="CĐTA",
        place="Mỏ Cày",
        heading=LetterheadSettings.Heading.UNION,
    )
    head = letterhead_for(report_branch.branch_a, kind_code="BC", issued=ISSUED)
    assert (head.upper_body, head.issuer) == ("LĐLĐ TỈNH BẾN TRE", "CÔNG ĐOÀN TRƯỜNG A")
    assert head.number.startswith("Số: ") and head.number.endswith("/BC-CĐTA")
    assert head.number[4:-8].strip() == ""  # room for a handwritten number
    assert (head.motto, head.motto_sub) == ("CÔNG ĐOÀN VIỆT NAM", "")
    assert head.place_date == "Mỏ Cày, ngày 05 tháng 7 năm 2022"


# --- the member report --------------------------------------------------------------------


def test_member_report_states_the_hand_counted_figures(report_branch):
    doc = member_report(report_branch.branch_a, DAY, number="7", issued=ISSUED)
    text = text_of(doc)
    assert (
        "Tổng số cán bộ, đoàn viên tại ngày 30/06/2022 là 04 đồng chí (02 nữ), "
        "với 02 tổ Công đoàn." in text
    )
    assert "Đoàn viên là đảng viên: 01 đ/c." in text
    assert "Trình độ chính trị: Cử nhân 01 đ/c; chưa ghi nhận 03 đ/c." in text
    assert "Trình độ chuyên môn: Thạc sĩ 01 đ/c; chưa ghi nhận 03 đ/c." in text
    assert "Theo hình thức tuyển dụng: Hợp đồng 01 đ/c." in text
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert table.rows == [["1", "Tổ Văn phòng", "02", "01"], ["2", "Tổ Toán", "02", "01"]]
    assert table.footer == ["", "Tổng cộng", "04", "02"]


def test_member_report_lists_the_bodies_as_they_stood_on_the_day(report_branch):
    doc = member_report(report_branch.branch_a, DAY, issued=ISSUED)
    composition = [b for b in doc.blocks if isinstance(b, Table)][1]
    assert composition.rows == [["1", "Bình", "Chủ tịch"], ["2", "Dũng", "Ủy viên"]]
    assert "Gồm 02 đồng chí." in text_of(doc)
    assert doc.signature.name == "Bình"  # the chair on the issue date
    assert doc.recipients == [
        "Công đoàn Viên chức tỉnh (để báo cáo);",
        "Ban Chấp hành;",
        "Lưu: VT.",
    ]


def test_member_report_counts_movements_of_the_year(report_branch):
    doc = member_report(report_branch.branch_a, date(2023, 6, 30), issued=ISSUED)
    assert "Từ ngày 01/01/2023 đến ngày 30/06/2023: kết nạp mới 01 đ/c; nghỉ hưu 01 đ/c." in (
        text_of(doc)
    )


def test_member_report_reads_a_fixed_number_of_queries(report_branch):
    def count():
        org = Organisation.objects.get(pk=report_branch.branch_a.pk)  # nothing cached
        with CaptureQueriesContext(connection) as ctx:
            member_report(org, DAY, issued=ISSUED)
        return len(ctx.captured_queries)

    before = count()
    members = [MemberFactory(organisation=report_branch.group_a2) for _ in range(20)]
    body = Body.objects.get()
    for member in members[:5]:
        PositionFactory(body=body, member=member, start=date(2021, 1, 1))
    assert count() == before


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


# --- pages --------------------------------------------------------------------------------

PAGES = ["reports:member_report", "reports:member_report_pdf", "reports:member_report_docx"]
REPORT_ROLES = {
    "admin": 200,
    "officer": 200,
    "accountant": 200,
    "inspector": 200,
    "upper_viewer": 200,
    "group_leader": 404,
    "member": 403,
    "officer_b": 404,
}


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize(("role", "status"), REPORT_ROLES.items())
def test_member_report_pages_by_role(client, users, report_branch, name, role, status):
    client.force_login(getattr(users, role))
    params = {"org": report_branch.branch_a.pk, "on": "30/06/2022", "so": "7"}
    response = client.get(reverse(name), params)
    assert response.status_code == status
    if status == 200 and name == "reports:member_report":
        assert "04 đồng chí (02 nữ)" in response.content.decode()
    elif status == 200:
        assert response["Content-Disposition"].startswith(
            'attachment; filename="bao-cao-tinh-hinh-doan-vien-2022-06-30.'
        )


def test_member_report_page_queries_do_not_grow(client, users, report_branch):
    client.force_login(users.officer)
    url = reverse("reports:member_report")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"org": report_branch.branch_a.pk}).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(25):
        MemberFactory(organisation=report_branch.group_a2, full_name=f"Thêm {n}")
    assert count() == before


LETTERHEAD_ROLES = {
    "admin": 200,
    "officer": 200,
    "accountant": 403,
    "inspector": 403,
    "upper_viewer": 403,
    "group_leader": 404,
    "member": 404,
    "officer_b": 404,
}


@pytest.mark.parametrize(("role", "status"), LETTERHEAD_ROLES.items())
def test_letterhead_page_by_role(client, users, report_branch, role, status):
    client.force_login(getattr(users, role))
    url = reverse("reports:letterhead_edit", args=[report_branch.branch_a.pk])
    assert client.get(url).status_code == status
    response = client.post(url, {"heading": "union", "place": "Mỏ Cày"})
    assert response.status_code == (302 if status == 200 else status)
    saved = LetterheadSettings.objects.filter(organisation=report_branch.branch_a).first()
    assert (saved is not None) == (status == 200)


def test_letterhead_saved_settings_head_the_next_document(client, users, report_branch):
    client.force_login(users.officer)
    url = reverse("reports:letterhead_edit", args=[report_branch.branch_a.pk])
    response = client.post(
        url,
        {
            "heading": "national",
            "place": "Mỏ Cày",
            "code": "CĐTA",
            "recipients": "- LĐLĐ huyện (b/c);\n\nLưu: VP.",
            "signer_name": "Nguyễn Văn Ký",
        },
    )
    assert response.status_code == 302
    doc = member_report(report_branch.branch_a, DAY, issued=ISSUED)
    assert doc.letterhead.place_date.startswith("Mỏ Cày, ")
    assert doc.recipients == ["LĐLĐ huyện (b/c);", "Lưu: VP."]
    assert doc.signature.name == "Nguyễn Văn Ký"
    assert LetterheadSettings.history.count() == 1


def test_letterhead_custom_heading_needs_its_text(client, users, report_branch):
    client.force_login(users.officer)
    url = reverse("reports:letterhead_edit", args=[report_branch.branch_a.pk])
    response = client.post(url, {"heading": "custom", "place": "Mỏ Cày"})
    assert response.status_code == 200
    assert "Nhập dòng tiêu đề" in response.content.decode()
    assert 'value="Mỏ Cày"' in response.content.decode()
    assert not LetterheadSettings.objects.exists()


def test_end_of_a_chair_changes_the_signature(report_branch):
    chair = Position.objects.get(title=Position.Title.CHAIR)
    services.position_end(position=chair, end=date(2022, 7, 1), actor=None)
    doc = member_report(report_branch.branch_a, DAY, issued=ISSUED)
    assert doc.signature.name == ""


def test_table_money_drops_the_unit_the_text_states_once():
    assert table_money(16_050_000) == "16.050.000"
    assert table_money(-1_500) == "-1.500"
    assert table_money(0) == "0"
    assert table_money(0, zero="-") == "-"
