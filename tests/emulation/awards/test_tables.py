"""The award year tables (page, .xlsx, PDF, DOCX), the award list their cells open, and the
awards on a member's and an organisation's page: who reads what, counts by hand, queries."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document as WordDocument
from openpyxl import load_workbook
from pypdf import PdfReader

from emulation.awards.documents import award_tables_blocks, award_tables_document
from emulation.awards.selectors import award_table, award_tables
from emulation.awards.services import Recipient
from emulation.models import Award, AwardTitle
from tests.emulation.awards.factories import STATE, UNION
from tests.emulation.awards.factories import decide_title as decide
from tests.emulation.scopes import A1_READ, A_READ, B_READ, HOME, UPPER_READ, org_a, org_b
from tests.factories import MemberFactory
from tests.pages import ROLES, count_queries, page_url, unexpected_statuses
from unionhub.documents import Heading, Table, render_pdf

pytestmark = pytest.mark.django_db

SPAN = {"from": 2024, "to": 2025}


@pytest.fixture
def awards(tree, users, member_a):
    """Awards counted by hand (years 2024-2025 unless said):

    Branch A, state: Lao động tiên tiến 2025 to An (A1, the `member` user) and Bình (A2), 2024
    to An; Chiến sĩ thi đua cơ sở 2025 to An (An's second title that year); the collective
    Tập thể lao động tiên tiến 2025 to group A1; Lao động tiên tiến 2019 to Bình (outside).
    Branch A, union: Đoàn viên công đoàn xuất sắc 2025 to An and Bình; Tổ công đoàn xuất sắc
    2025 to group A2. Branch B, state: Lao động tiên tiến 2025 to Khác (B1).
    """
    binh = MemberFactory(organisation=tree.group_a2, full_name="Lê Thị Bình")
    other = MemberFactory(organisation=tree.group_b1, full_name="Trần Văn Khác")
    a = tree.branch_a
    decide(a, "Lao động tiên tiến", [Recipient(member_a), Recipient(binh, prize=500_000)])
    decide(a, "Chiến sĩ thi đua cơ sở", [Recipient(member_a)], number="13/QĐ")
    decide(a, "Lao động tiên tiến", [Recipient(member_a)], year=2024, number="7/QĐ")
    decide(a, "Lao động tiên tiến", [Recipient(binh)], year=2019, number="2/QĐ")
    decide(
        a,
        "Tập thể lao động tiên tiến",
        [Recipient(organisation=tree.group_a1)],
        subject="collective",
        number="14/QĐ",
    )
    decide(
        a,
        "Đoàn viên công đoàn xuất sắc",
        [Recipient(member_a), Recipient(binh)],
        authority=UNION,
        number="20/QĐ-CĐ",
    )
    decide(
        a,
        "Tổ công đoàn xuất sắc",
        [Recipient(organisation=tree.group_a2)],
        authority=UNION,
        subject="collective",
        number="21/QĐ-CĐ",
    )
    decide(tree.branch_b, "Lao động tiên tiến", [Recipient(other)], number="30/QĐ")
    return type(
        "Awards", (), {"tree": tree, "an": member_a, "binh": binh, "other": other, "users": users}
    )


url = page_url("emulation")

PAGES = [
    ("tables", url("award_tables"), HOME),
    ("tables A", url("award_tables", org=org_a), A_READ),
    ("tables B", url("award_tables", org=org_b), B_READ),
    ("tables A1", url("award_tables", org=lambda w: w.tree.group_a1.pk), A1_READ),
    ("tables upper", url("award_tables", org=lambda w: w.tree.upper.pk), UPPER_READ),
    ("tables xlsx A", url("award_tables_xlsx", org=org_a), A_READ),
    ("tables xlsx B", url("award_tables_xlsx", org=org_b), B_READ),
    ("tables PDF A", url("award_tables_pdf", org=org_a), A_READ),
    ("tables PDF B", url("award_tables_pdf", org=org_b), B_READ),
    ("tables DOCX A", url("award_tables_docx", org=org_a), A_READ),
    ("tables DOCX B", url("award_tables_docx", org=org_b), B_READ),
    ("list", url("award_list"), HOME),
    ("list A", url("award_list", org=org_a), A_READ),
    ("list B", url("award_list", org=org_b), B_READ),
    ("list A1", url("award_list", org=lambda w: w.tree.group_a1.pk), A1_READ),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_award_table_page_answers_by_role_and_scope(role, client, awards, users):
    assert unexpected_statuses(client, users, role, awards, PAGES) == {}


def test_anonymous_is_sent_to_login_from_award_table_pages(client, awards):
    for _name, make_url, _expected in PAGES:
        response = client.get(make_url(awards))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


# --- counts ----------------------------------------------------------------------------------


def page_counts(response) -> dict[tuple[str, str, str], list[int]]:
    """(authority label, section, title) -> counts per year then the total, from the page."""
    found = {}
    for label, sections in response.context["tables"]:
        for section in sections:
            for row in section["rows"]:
                counts = [n for n, _url in row["cells"]]
                found[(label, section["number"], row["title"].name)] = [*counts, row["total"]]
    return found


STATE_LABEL = str(AwardTitle.Authority.STATE.label)
UNION_LABEL = str(AwardTitle.Authority.UNION.label)


def test_a_retired_title_without_awards_leaves_the_tables(awards):
    AwardTitle.objects.filter(name="Huân chương Lao động").update(active=False)
    state, _union = award_tables(awards.tree.upper, 2019, 2025)
    assert "Huân chương Lao động" not in [r.title.name for r in state.individual]


def test_the_tables_page_counts_titles_per_year_by_hand(client, awards, users):
    client.force_login(users.officer)
    response = client.get(url("award_tables", org=org_a, **SPAN)(awards))
    assert response.context["years"] == [2024, 2025]
    counts = page_counts(response)
    assert counts[(STATE_LABEL, "I", "Lao động tiên tiến")] == [1, 2, 3]
    # An's second title in 2025 counts under its own row, once.
    assert counts[(STATE_LABEL, "I", "Chiến sĩ thi đua cơ sở")] == [0, 1, 1]
    # The group's award is a collective's: in II, not among the individuals' rows.
    assert counts[(STATE_LABEL, "II", "Tập thể lao động tiên tiến")] == [0, 1, 1]
    assert sum(c[-1] for (label, section, _t), c in counts.items() if section == "I") == 6
    assert counts[(UNION_LABEL, "I", "Đoàn viên công đoàn xuất sắc")] == [0, 2, 2]
    assert counts[(UNION_LABEL, "II", "Tổ công đoàn xuất sắc")] == [0, 1, 1]
    assert sum(c[-1] for (label, _s, _t), c in counts.items() if label == STATE_LABEL) == 5
    assert "Bảng tổng hợp khen thưởng" in response.content.decode()


def test_a_group_leader_counts_their_group_only(client, awards, users):
    client.force_login(users.group_leader)
    response = client.get(url("award_tables", **SPAN)(awards))
    assert response.context["org"] == awards.tree.group_a1
    counts = page_counts(response)
    assert counts[(STATE_LABEL, "I", "Lao động tiên tiến")] == [1, 1, 2]  # An's, not Bình's
    assert counts[(STATE_LABEL, "II", "Tập thể lao động tiên tiến")] == [0, 1, 1]
    assert counts[(UNION_LABEL, "II", "Tổ công đoàn xuất sắc")] == [0, 0, 0]  # group A2's


def test_the_upper_union_counts_both_branches(client, awards, users):
    client.force_login(users.upper_viewer)
    response = client.get(url("award_tables", **SPAN)(awards))
    assert page_counts(response)[(STATE_LABEL, "I", "Lao động tiên tiến")] == [1, 3, 4]


def test_the_year_range_defaults_to_five_years_and_keeps_ten_at_most(client, awards, users):
    client.force_login(users.officer)
    this_year = date.today().year
    response = client.get(url("award_tables", org=org_a)(awards))
    assert response.context["years"] == list(range(this_year - 4, this_year + 1))
    response = client.get(url("award_tables", org=org_a, **{"from": 2001, "to": 2025})(awards))
    assert response.context["years"] == list(range(2016, 2026))
    # Reversed, it is read the right way round; Bình's 2019 award is in this range.
    response = client.get(url("award_tables", org=org_a, **{"from": 2025, "to": 2019})(awards))
    counts = page_counts(response)[(STATE_LABEL, "I", "Lao động tiên tiến")]
    assert response.context["years"] == list(range(2019, 2026))
    assert (counts[0], counts[-1]) == (1, 4)


def test_each_cell_links_to_exactly_the_awards_it_counts(client, awards, users):
    client.force_login(users.upper_viewer)
    tree = awards.tree
    response = client.get(url("award_tables", org=org_a, **SPAN)(awards))
    checked, zeros, html = 0, [], response.content.decode()
    for _label, sections in response.context["tables"]:
        for section in sections:
            for row in section["rows"]:
                for year, (n, link) in zip([2024, 2025], row["cells"], strict=True):
                    listed = client.get(link).context["page"].object_list
                    expected = Award.objects.filter(
                        title=row["title"],
                        year=year,
                        unit__in=[tree.branch_a, tree.group_a1, tree.group_a2],
                    )
                    assert {a.pk for a in listed} == {a.pk for a in expected}
                    assert len(listed) == n
                    assert (f'href="{link.replace("&", "&amp;")}"' in html) == bool(n)
                    checked += n
                    zeros += [link] if not n else []
    assert checked == 8  # every award of branch A in 2024-2025
    assert zeros  # and the empty cells, unlinked, were checked too


def xlsx_rows(content: bytes) -> dict[tuple[str, str, str], list]:
    """(authority heading, section, title) -> counts and total, read back from the sheet."""
    sheet = load_workbook(BytesIO(content)).active
    found, authority, section = {}, None, None
    for row in sheet.iter_rows(min_row=3, values_only=True):
        if row[0] and row[1] is None:
            authority = row[0]
        elif row[0] in ("I", "II"):
            section = row[0]
        elif isinstance(row[0], int):
            found[(authority, section, row[1])] = [v for v in row[2:] if v is not None]
    return found


def test_the_xlsx_holds_the_same_counts_as_numbers(client, awards, users):
    client.force_login(users.inspector)
    response = client.get(url("award_tables_xlsx", org=org_a, **SPAN)(awards))
    assert response["Content-Disposition"].endswith('khen-thuong-2024-2025.xlsx"')
    rows = xlsx_rows(response.content)
    state, union = STATE_LABEL.upper(), UNION_LABEL.upper()
    assert rows[(state, "I", "Lao động tiên tiến")] == [1, 2, 3]
    assert rows[(state, "I", "Chiến sĩ thi đua cơ sở")] == [0, 1, 1]
    assert rows[(state, "II", "Tập thể lao động tiên tiến")] == [0, 1, 1]
    assert rows[(state, "II", "Giấy khen")] == [0, 0, 0]  # the collective's Giấy khen
    assert rows[(union, "I", "Đoàn viên công đoàn xuất sắc")] == [0, 2, 2]
    assert rows[(union, "II", "Tổ công đoàn xuất sắc")] == [0, 1, 1]


# --- the document ----------------------------------------------------------------------------


def pdf_text(content: bytes) -> tuple[str, list]:
    pages = PdfReader(BytesIO(content)).pages
    return " ".join(" ".join(p.extract_text().split()) for p in pages), pages


def test_the_blocks_are_a_section_a_report_can_place(awards):
    a = awards.tree.branch_a
    blocks = award_tables_blocks(
        award_table(a, STATE, 2024, 2025), award_table(a, UNION, 2024, 2025)
    )
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert headings == ["1. Khen thưởng của Chính quyền", "2. Khen thưởng của Công đoàn"]
    state = [b for b in blocks if isinstance(b, Table)][0]
    assert state.columns == ["TT", "Danh hiệu, hình thức khen thưởng", "2024", "2025", "Cộng"]
    assert state.rows[0][:2] == ["I", "CÁ NHÂN"]
    assert ["1", "Lao động tiên tiến", "1", "2", "3"] in state.rows
    collective = state.rows.index(["II", "TẬP THỂ", "", "", ""])
    assert ["1", "Tập thể lao động tiên tiến", "-", "1", "1"] in state.rows[collective:]


def test_the_pdf_prints_both_tables_and_turns_for_ten_years(client, awards, users):
    client.force_login(users.officer)
    response = client.get(url("award_tables_pdf", org=org_a, **SPAN)(awards))
    assert response.content.startswith(b"%PDF")
    text, pages = pdf_text(response.content)
    assert "BẢNG TỔNG HỢP KHEN THƯỞNG" in text
    assert "Khen thưởng của Chính quyền" in text and "Khen thưởng của Công đoàn" in text
    assert "CÁ NHÂN" in text and "TẬP THỂ" in text
    assert "1 Lao động tiên tiến 1 2 3" in text
    assert "Đoàn viên công đoàn xuất sắc - 2 2" in text
    assert all(p.mediabox.width < p.mediabox.height for p in pages)  # five years or fewer
    a = awards.tree.branch_a
    doc = award_tables_document(
        award_table(a, STATE, 2016, 2025), award_table(a, UNION, 2016, 2025)
    )
    text, pages = pdf_text(render_pdf(doc))
    assert "2016" in text and "2025" in text
    assert all(p.mediabox.width > p.mediabox.height for p in pages)


def test_the_docx_has_the_tables(client, awards, users):
    client.force_login(users.officer)
    response = client.get(url("award_tables_docx", org=org_a, **SPAN)(awards))
    word = WordDocument(BytesIO(response.content))
    assert "BẢNG TỔNG HỢP KHEN THƯỞNG" in " ".join(p.text for p in word.paragraphs)
    # The letterhead and the signature are tables too: the award tables have a TT column.
    tables = [t for t in word.tables if t.rows[0].cells[0].text == "TT"]
    assert len(tables) == 2
    rows = [[c.text for c in r.cells] for r in tables[0].rows]
    assert rows[0][2:] == ["2024", "2025", "Cộng"]
    assert ["1", "Lao động tiên tiến", "1", "2", "3"] in rows


# --- the award list --------------------------------------------------------------------------


def listed(client, **query) -> list[Award]:
    return list(client.get(url("award_list", **query)(None)).context["page"].object_list)


def test_the_list_filters_by_year_title_authority_subject_and_name(client, awards, users):
    client.force_login(users.officer)
    a = awards.tree.branch_a.pk
    assert len(listed(client, org=a)) == 9  # branch B's award is not in branch A's list
    assert {x.year for x in listed(client, org=a, year=2024)} == {2024}
    assert len(listed(client, org=a, authority="union")) == 3
    assert len(listed(client, org=a, subject="collective")) == 2
    assert len(listed(client, org=a, authority="state", subject="individual", year=2025)) == 3
    ldtt = AwardTitle.objects.get(name="Lao động tiên tiến", authority=STATE)
    assert len(listed(client, org=a, title=ldtt.pk)) == 4
    # By name without accents or case, members and collectives alike.
    assert {x.member for x in listed(client, org=a, q="le thi binh")} == {awards.binh}
    assert [x.recipient for x in listed(client, org=a, q="Tổ Toán")] == [awards.tree.group_a2]
    assert listed(client, org=a, q="tran van khac") == []  # branch B's, found in branch B
    assert {x.member for x in listed(client, org=a, member=awards.an.pk)} == {awards.an}
    # A wrong filter is dropped, not an error.
    assert len(listed(client, org=a, year="abc")) == 9
    client.force_login(users.upper_viewer)
    assert len(listed(client, org=awards.tree.upper.pk, q="tran van khac")) == 1


def test_a_list_row_shows_recipient_title_year_decision_and_prize(client, awards, users):
    client.force_login(users.accountant)
    html = client.get(url("award_list", org=org_a, q="binh", year=2025)(awards)).content.decode()
    assert "Lê Thị Bình" in html and "Tổ Toán" in html  # the member's unit
    assert "Số 12/QĐ ngày 20/12/2025" in html and "Giám đốc Sở" in html
    assert "500.000đ" in html


def test_the_list_pages_by_fifty(client, awards, users, monkeypatch):
    monkeypatch.setattr("emulation.awards.table_views.PAGE_SIZE", 4)
    client.force_login(users.officer)
    response = client.get(url("award_list", org=org_a, page=3)(awards))
    assert response.context["page"].number == 3
    assert len(response.context["page"].object_list) == 1  # 9 awards, 4 a page


# --- awards on the member's and the organisation's pages -------------------------------------


def test_a_plain_member_sees_their_own_awards_on_their_profile(client, awards, users):
    client.force_login(users.member)
    html = client.get(awards.an.get_absolute_url()).content.decode()
    assert "Chiến sĩ thi đua cơ sở" in html and "Đoàn viên công đoàn xuất sắc" in html
    assert "QĐ số 13/QĐ ngày 20/12/2025 của Giám đốc Sở" in html
    assert "Tập thể lao động tiên tiến" not in html  # the group's, not An's
    assert reverse("emulation:award_list") not in html  # a list they may not open


def test_an_officer_sees_a_members_awards_and_the_link_to_all(client, awards, users):
    client.force_login(users.officer)
    html = client.get(awards.binh.get_absolute_url()).content.decode()
    assert "Lao động tiên tiến" in html and "2019" in html
    assert f"member={awards.binh.pk}" in html
    html = client.get(awards.other.get_absolute_url())
    assert html.status_code == 404


def test_an_organisation_page_lists_its_own_collective_awards(client, awards, users):
    client.force_login(users.officer)
    html = client.get(awards.tree.group_a1.get_absolute_url()).content.decode()
    assert "Tập thể lao động tiên tiến" in html
    assert "Tổ công đoàn xuất sắc" not in html  # group A2's
    html = client.get(awards.tree.branch_a.get_absolute_url()).content.decode()
    assert "Đơn vị chưa được khen thưởng" in html  # its members' awards are not the branch's
    assert f"{reverse('emulation:award_tables')}?org={awards.tree.branch_a.pk}" in html


# --- query counts ----------------------------------------------------------------------------


def more_awards(awards, n=12):
    tree = awards.tree
    people = [MemberFactory(organisation=tree.group_a1) for _ in range(n)]
    for year in (2024, 2025):
        decide(tree.branch_a, "Giấy khen", [Recipient(p) for p in people], year=year, number="9")
        decide(
            tree.branch_a,
            "Giấy khen",
            [Recipient(organisation=tree.group_a1), Recipient(organisation=tree.group_a2)],
            subject="collective",
            year=year,
            number="10",
        )
    decide(tree.branch_a, "Chiến sĩ thi đua cơ sở", [Recipient(awards.an)], year=2024, number="8")


def test_query_counts_do_not_grow_with_the_awards(client, awards, users):
    client.force_login(users.officer)
    pages = [
        url("award_tables", org=org_a, **SPAN)(awards),
        url("award_list", org=org_a)(awards),
        url("award_list", org=org_a, q="an", authority="state", year=2025)(awards),
        url("award_tables_xlsx", org=org_a, **SPAN)(awards),
        awards.an.get_absolute_url(),
        awards.tree.group_a1.get_absolute_url(),
    ]
    before = [count_queries(client, page) for page in pages]
    more_awards(awards)
    assert [count_queries(client, page) for page in pages] == before
