"""The year view of activities (selector, page, .xlsx, PDF, DOCX, report section): counts and
sums by hand, who reads which organisation's year, queries that do not grow with the rows."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document as WordDocument
from openpyxl import load_workbook
from pypdf import PdfReader

from emulation.activities.year import (
    activity_year,
    activity_year_blocks,
    activity_year_document,
)
from emulation.models import Activity
from finance.ledger import services as finance_services
from finance.models import Account, Category
from tests.emulation.scopes import A1_READ, A_READ, B_READ, HOME, UPPER_READ, org_a, org_b
from tests.factories import MemberFactory
from tests.pages import ROLES, count_queries, page_url, unexpected_statuses
from unionhub.documents import Heading, Paragraph, Table, render_pdf

pytestmark = pytest.mark.django_db

YEAR = 2025
Kind = Activity.Kind


def payment(account: Account, amount: int, *, post: bool = True, day=date(2025, 3, 1)):
    voucher = finance_services.voucher_create(
        organisation=account.organisation,
        actor=None,
        kind="payment",
        date=day,
        account=account,
        category=Category.objects.get(code="C01"),
        amount=amount,
        description="Chi hoạt động",
    )
    return finance_services.voucher_post(voucher=voucher, actor=None) if post else voucher


def held(org, kind, name, starts_on, *, listed=(), vouchers=(), **fields) -> Activity:
    activity = Activity.objects.create(
        organisation=org, kind=kind, name=name, starts_on=starts_on, **fields
    )
    activity.participants.set(listed)
    activity.vouchers.add(*vouchers)
    return activity


@pytest.fixture
def year(tree, users):
    """Activities counted by hand. Branch A, 2025, in date order:

    1. Hội thao ngành (branch A, 05-07/03, sports): An, Bình, Chi listed (3); a posted payment
       of 2.000.000, a draft one of 500.000, a posted 1.000.000 since reversed (not counted),
       1.500.000 from other sources: 4.000.000. Won "Giải ba bóng chuyền hơi nữ" and
       "Giải nhì kéo co".
    2. Gặp mặt 8/3 (branch A, 08/03): 25 counted, 3.000.000 from other sources.
    3. Học tập Nghị quyết (group A1, 10/06, study): An and Chi listed but 40 entered (the count
       wins), 50 invited: 80,0%.
    4. Quán triệt Nghị quyết 57 (group A2, 20/11, study): Bình listed, 2 invited: 50,0%.
    Totals: 4 activities, 69 taking part, 7.000.000đ. Study: 41 of 52 invited, 78,8%.
    Left out: branch A's year-end party of 30/12/2024; branch B's Hội diễn văn nghệ (01/04/2025,
    10 counted, 700.000 other, won "Giải nhất văn nghệ"), counted only by the upper union.
    """
    an = MemberFactory(organisation=tree.group_a1, full_name="Nguyễn Văn An")
    binh = MemberFactory(organisation=tree.group_a2, full_name="Lê Thị Bình")
    chi = MemberFactory(organisation=tree.group_a1, full_name="Phạm Thị Chi")
    cash = Account.objects.create(
        organisation=tree.branch_a,
        kind=Account.Kind.CASH,
        name="Tiền mặt",
        opening_balance=20_000_000,
        opening_date=date(2024, 1, 1),
    )
    reversed_payment = payment(cash, 1_000_000)
    finance_services.voucher_reverse(voucher=reversed_payment, day=date(2025, 3, 9), actor=None)
    sports = held(
        tree.branch_a,
        Kind.SPORTS,
        "Hội thao ngành",
        date(2025, 3, 5),
        ends_on=date(2025, 3, 7),
        place="Nhà thi đấu tỉnh",
        listed=[an, binh, chi],
        vouchers=[
            payment(cash, 2_000_000),
            payment(cash, 500_000, post=False),
            reversed_payment,
        ],
        other_cost=1_500_000,
        results="Giải ba bóng chuyền hơi nữ\n\n  Giải nhì kéo co  \n",
    )
    women = held(
        tree.branch_a,
        Kind.WOMEN_0803,
        "Gặp mặt 8/3",
        date(2025, 3, 8),
        participant_count=25,
        other_cost=3_000_000,
    )
    study = held(
        tree.group_a1,
        Kind.STUDY,
        "Học tập Nghị quyết",
        date(2025, 6, 10),
        listed=[an, chi],
        participant_count=40,
        invited_count=50,
    )
    study_57 = held(
        tree.group_a2,
        Kind.STUDY,
        "Quán triệt Nghị quyết 57",
        date(2025, 11, 20),
        listed=[binh],
        invited_count=2,
    )
    held(
        tree.branch_a, Kind.CULTURE, "Liên hoan cuối năm", date(2024, 12, 30), participant_count=60
    )
    other = held(
        tree.branch_b,
        Kind.CULTURE,
        "Hội diễn văn nghệ",
        date(2025, 4, 1),
        participant_count=10,
        other_cost=700_000,
        results="Giải nhất văn nghệ",
    )
    return type(
        "Year",
        (),
        {
            "tree": tree,
            "users": users,
            "cash": cash,
            "members": [an, binh, chi],
            "sports": sports,
            "women": women,
            "study": study,
            "study_57": study_57,
            "other": other,
        },
    )


# --- the selector ----------------------------------------------------------------------------


def figures(view) -> list[tuple]:
    return [(r.activity.name, r.taking_part, r.attendance, r.cost) for r in view.rows]


def test_year_lists_the_branchs_activities_of_the_year_in_date_order_with_figures(year):
    view = activity_year(year.tree.branch_a, YEAR)
    assert figures(view) == [
        ("Hội thao ngành", 3, None, 4_000_000),
        ("Gặp mặt 8/3", 25, None, 3_000_000),
        ("Học tập Nghị quyết", 40, Decimal("80.0"), 0),
        ("Quán triệt Nghị quyết 57", 1, Decimal("50.0"), 0),
    ]
    assert (view.count, view.taking_part, view.cost) == (4, 69, 7_000_000)
    first = view.rows[0]
    assert (first.dates, first.kind_label, first.organiser) == (
        "05/03 – 07/03/2025",
        "Hội thao, thể dục thể thao",
        "CĐCS Trường A",
    )
    assert first.results == ["Giải ba bóng chuyền hơi nữ", "Giải nhì kéo co"]
    assert view.rows[1].dates == "08/03/2025"
    assert view.rows[2].organiser == "Tổ Văn phòng"


def test_year_sums_per_kind_in_the_kinds_order_with_the_attendance_of_the_invited(year):
    view = activity_year(year.tree.branch_a, YEAR)
    kinds = [(k.kind, k.count, k.taking_part, k.cost, k.attendance) for k in view.kinds]
    assert kinds == [
        (Kind.SPORTS, 1, 3, 4_000_000, None),
        (Kind.WOMEN_0803, 1, 25, 3_000_000, None),
        (Kind.STUDY, 2, 41, 0, Decimal("78.8")),
    ]


def test_year_lists_every_result_won_with_its_activity(year):
    view = activity_year(year.tree.branch_a, YEAR)
    assert [(w.text, w.row.activity.name) for w in view.won] == [
        ("Giải ba bóng chuyền hơi nữ", "Hội thao ngành"),
        ("Giải nhì kéo co", "Hội thao ngành"),
    ]


def test_a_reversed_payment_is_not_counted_but_a_draft_is(year):
    """2.000.000 posted + 500.000 draft + 1.500.000 other; the reversed 1.000.000 is left out,
    and posting the draft or reversing the 2.000.000 changes the cost accordingly."""
    view = activity_year(year.tree.branch_a, YEAR)
    assert view.rows[0].cost == 4_000_000
    posted = year.sports.vouchers.get(amount=2_000_000)
    finance_services.voucher_reverse(voucher=posted, day=date(2025, 3, 20), actor=None)
    assert activity_year(year.tree.branch_a, YEAR).rows[0].cost == 2_000_000


def test_listed_participants_count_until_a_count_is_entered(year):
    Activity.objects.filter(pk=year.sports.pk).update(participant_count=120)
    view = activity_year(year.tree.branch_a, YEAR)
    assert view.rows[0].taking_part == 120
    assert view.taking_part == 69 - 3 + 120


def test_other_branches_and_other_years_are_left_out_and_the_upper_union_sums_them(year):
    a = activity_year(year.tree.branch_a, YEAR)
    assert "Hội diễn văn nghệ" not in {r.activity.name for r in a.rows}
    assert "Liên hoan cuối năm" not in {r.activity.name for r in a.rows}
    assert activity_year(year.tree.branch_a, 2024).count == 1
    b = activity_year(year.tree.branch_b, YEAR)
    assert (b.count, b.taking_part, b.cost) == (1, 10, 700_000)
    upper = activity_year(year.tree.upper, YEAR)
    assert (upper.count, upper.taking_part, upper.cost) == (5, 79, 7_700_000)
    assert [r.activity.name for r in upper.rows][:3] == [
        "Hội thao ngành",
        "Gặp mặt 8/3",
        "Hội diễn văn nghệ",
    ]
    assert [w.text for w in upper.won][-1] == "Giải nhất văn nghệ"
    assert [(k.kind, k.count) for k in upper.kinds][1] == (Kind.CULTURE, 1)


def test_a_group_sees_only_what_it_organised(year):
    view = activity_year(year.tree.group_a1, YEAR)
    assert figures(view) == [("Học tập Nghị quyết", 40, Decimal("80.0"), 0)]
    assert not view.several_organisers
    assert activity_year(year.tree.branch_a, YEAR).several_organisers


def test_the_selector_reads_in_one_query_whatever_the_number_of_activities(
    year, django_assert_num_queries
):
    with django_assert_num_queries(1):
        activity_year(year.tree.upper, YEAR)
    grow(year)
    with django_assert_num_queries(1):
        activity_year(year.tree.upper, YEAR)


def grow(year, n: int = 12) -> None:
    for i in range(n):
        held(
            year.tree.group_a2,
            Kind.TRAINING,
            f"Tập huấn {i}",
            date(2025, 9, 1 + i),
            listed=year.members,
            vouchers=[payment(year.cash, 100_000)],
            invited_count=5,
            results=f"Kết quả {i}",
        )


# --- pages and permissions -------------------------------------------------------------------
# Readers as for the award tables: the branch's officer, accountant, inspector, the upper
# viewer, admins; a group leader their group only (branch A above it: 404); a member nowhere.

url = page_url("emulation")


def org_a1(w):
    return w.tree.group_a1.pk


def org_upper(w):
    return w.tree.upper.pk


PAGES = [
    ("year", url("activity_year"), HOME),
    ("year A", url("activity_year", org=org_a, year=YEAR), A_READ),
    ("year B", url("activity_year", org=org_b, year=YEAR), B_READ),
    ("year A1", url("activity_year", org=org_a1, year=YEAR), A1_READ),
    ("year upper", url("activity_year", org=org_upper, year=YEAR), UPPER_READ),
    ("xlsx A", url("activity_year_xlsx", org=org_a, year=YEAR), A_READ),
    ("xlsx B", url("activity_year_xlsx", org=org_b, year=YEAR), B_READ),
    ("PDF A", url("activity_year_pdf", org=org_a, year=YEAR), A_READ),
    ("PDF B", url("activity_year_pdf", org=org_b, year=YEAR), B_READ),
    ("DOCX A", url("activity_year_docx", org=org_a, year=YEAR), A_READ),
    ("DOCX B", url("activity_year_docx", org=org_b, year=YEAR), B_READ),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_activity_year_page_answers_by_role_and_scope(role, client, year, users):
    assert unexpected_statuses(client, users, role, year, PAGES) == {}


def test_anonymous_is_sent_to_login_from_activity_year_pages(client, year):
    for _name, make_url, _expected in PAGES:
        response = client.get(make_url(year))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_page_shows_the_year_its_totals_kinds_and_results(client, year, users):
    client.force_login(users.officer)
    response = client.get(url("activity_year", org=org_a, year=YEAR)(year))
    html = response.content.decode()
    assert response.context["view"].count == 4
    for text in (
        "Hội thao ngành",
        "05/03 – 07/03/2025",
        "Giải ba bóng chuyền hơi nữ",
        "7.000.000đ",
        "4.000.000đ",
        "80,0%",
        "78,8%",
        "Học tập, quán triệt nghị quyết",
        "Tổ Văn phòng",  # the organiser column: group A1 held one
    ):
        assert text in html, text
    assert "Hội diễn văn nghệ" not in html
    links = response.context["links"]
    assert links["prev"].endswith(f"year={YEAR - 1}") and links["next"].endswith(f"year={YEAR + 1}")
    assert f"org={year.tree.branch_a.pk}" in links["xlsx"]


def test_each_activity_links_to_its_page_which_the_reader_may_open(client, year, users):
    client.force_login(users.group_leader)
    response = client.get(url("activity_year", org=org_a1, year=YEAR)(year))
    detail = reverse("emulation:activity_detail", args=[year.study.pk])
    assert f'href="{detail}"' in response.content.decode()
    assert client.get(detail).status_code == 200
    assert f"year={YEAR}" in response.context["links"]["list"]


def test_the_upper_viewer_reads_the_branches_together(client, year, users):
    client.force_login(users.upper_viewer)
    response = client.get(url("activity_year", org=org_upper, year=YEAR)(year))
    html = response.content.decode()
    assert "Hội diễn văn nghệ" in html and "Hội thao ngành" in html
    assert "7.700.000đ" in html


def test_an_empty_year_says_so(client, year, users):
    client.force_login(users.officer)
    response = client.get(url("activity_year", org=org_a, year=2023)(year))
    assert "chưa ghi nhận hoạt động nào trong năm 2023" in response.content.decode()


def test_the_page_defaults_to_this_year_and_the_users_organisation(client, year, users):
    client.force_login(users.officer)
    response = client.get(url("activity_year")(year))
    assert response.context["year"] == date.today().year
    assert response.context["org"] == year.tree.branch_a


def test_page_queries_do_not_grow_with_the_activities(client, year, users):
    client.force_login(users.upper_viewer)
    page = url("activity_year", org=org_upper, year=YEAR)(year)
    before = count_queries(client, page)
    grow(year)
    assert count_queries(client, page) == before


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
