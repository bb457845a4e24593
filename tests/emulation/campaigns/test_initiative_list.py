"""The initiatives' list: its filters and search, what each row shows, query counts of the
list, the .xlsx, the page and the form, and the .xlsx of the filtered list."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from emulation.campaigns.initiatives import initiative_save
from emulation.models import Initiative
from tests.emulation.campaigns.factories import enter
from tests.emulation.scopes import org_a, pk
from tests.factories import MemberFactory
from tests.pages import count_queries, page_url

pytestmark = pytest.mark.django_db


Status, Level = Initiative.Status, Initiative.Level


url = page_url("emulation")


# --- list ------------------------------------------------------------------------------------


def listed(client, ini, org=org_a, query=""):
    page = client.get(url("initiative_list", org=org)(ini) + ("&" + query if query else ""))
    return [i.name for i in page.context["page"].object_list]


@pytest.fixture
def more(ini):
    """Branch A also has, in 2024, "Thư viện xanh" by Bình (rejected, field "Thư viện") and
    "Tiết kiệm điện" by a visitor (recognised at the sector level)."""
    enter(
        ini.tree.branch_a,
        [ini.binh],
        name="Thư viện xanh",
        year=2024,
        status=Status.REJECTED,
        field="Thư viện",
    )
    enter(
        ini.tree.group_a2,
        [],
        name="Tiết kiệm điện",
        year=2024,
        status=Status.RECOGNISED,
        level=Level.SECTOR,
        other_authors="Kỹ sư Đỗ Minh",
    )
    return ini


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("", ["Sổ tay văn thư điện tử", "Ứng dụng phần mềm quản lý điểm và sổ liên lạc điện tử"]),
        ("year=2024", ["Thư viện xanh", "Tiết kiệm điện"]),
        ("status=rejected", ["Thư viện xanh"]),
        ("level=sector", ["Tiết kiệm điện"]),
        ("field=Thư+viện", ["Thư viện xanh"]),
        ("q=le+thi+binh", ["Thư viện xanh"]),
        ("q=Bình", ["Thư viện xanh"]),
        ("q=phần+mềm", ["Ứng dụng phần mềm quản lý điểm và sổ liên lạc điện tử"]),
        ("q=Đỗ+Minh", ["Tiết kiệm điện"]),
        ("q=UNG+DUNG+phan+mem", ["Ứng dụng phần mềm quản lý điểm và sổ liên lạc điện tử"]),
        ("q=do+minh", ["Tiết kiệm điện"]),
        ("year=abc&status=accepted", ["Sổ tay văn thư điện tử"]),
    ],
)
def test_list_filters_by_year_status_level_field_and_search(client, more, users, query, names):
    client.force_login(users.officer)
    got = listed(client, more, query=query)
    if not query:
        assert got[:2] == names  # 2025 first, then by name
        assert len(got) == 4
    else:
        assert got == names


def test_list_of_the_upper_union_holds_both_branches_and_a_branch_only_its_own(client, ini, users):
    client.force_login(users.upper_viewer)
    assert "Câu lạc bộ đọc sách" in listed(client, ini, org=lambda f: f.tree.upper.pk)
    client.force_login(users.officer)
    assert "Câu lạc bộ đọc sách" not in listed(client, ini)
    assert listed(client, ini, org=lambda f: f.tree.group_a1.pk) == ["Sổ tay văn thư điện tử"]


def test_list_shows_every_author_and_the_other_authors(client, more, users):
    initiative_save(initiative=more.a, authors=[more.an, more.binh], actor=None)
    client.force_login(users.officer)
    html = client.get(url("initiative_list", org=org_a)(more)).content.decode()
    assert "Nguyễn Văn An, Lê Thị Bình" in html
    assert "Kỹ sư Đỗ Minh" in html


def _grow(ini, n=12):
    members = [MemberFactory(organisation=ini.tree.group_a2) for _ in range(n)]
    for i in range(n):
        enter(
            ini.tree.group_a2 if i % 2 else ini.tree.branch_a,
            members[: i % 4 + 1],
            name=f"Sáng kiến thêm {i}",
            year=2025 - i % 3,
            status=Status.RECOGNISED if i % 2 else Status.REGISTERED,
            level=Level.UNIT if i % 2 else "",
            field=f"Lĩnh vực {i % 3}",
        )


def test_list_queries_do_not_grow_with_rows_or_authors(client, ini, users):
    client.force_login(users.officer)
    page = url("initiative_list", org=org_a)(ini)
    before = count_queries(client, page)
    _grow(ini)
    assert count_queries(client, page) == before


def test_xlsx_queries_do_not_grow_with_rows(client, ini, users):
    client.force_login(users.officer)
    page = url("initiative_xlsx", org=org_a)(ini)
    before = count_queries(client, page)
    _grow(ini)
    assert count_queries(client, page) == before


def test_detail_and_form_queries_do_not_grow_with_authors(client, ini, users):
    client.force_login(users.officer)
    pages = [url("initiative_detail", pk("a"))(ini), url("initiative_edit", pk("a"))(ini)]
    before = [count_queries(client, p) for p in pages]
    extra = [MemberFactory(organisation=ini.tree.group_a2) for _ in range(8)]
    initiative_save(initiative=ini.a, authors=[ini.an, *extra], actor=users.officer)
    initiative_save(initiative=ini.a, authors=[ini.an, *extra[:3]], actor=users.officer)
    after = [count_queries(client, p) for p in pages]
    # Two more history records to diff (unionhub.audit reads each pair's authors): the same
    # count for 2 authors and for 9, growing only with the number of edits shown.
    assert after[0] - before[0] == after[1] - before[1]
    initiative_save(initiative=ini.a, authors=[ini.an, *extra], actor=users.officer)
    again = [count_queries(client, p) for p in pages]
    assert again[0] - after[0] == again[1] - after[1]


def test_list_queries_do_not_depend_on_the_author_count_of_one_row(client, ini, users):
    """A page whose one initiative has ten authors costs what a page with one author does."""
    client.force_login(users.officer)
    page = url("initiative_list", org=org_a)(ini) + "&year=2025&status=recognised"
    before = count_queries(client, page)
    extra = [MemberFactory(organisation=ini.tree.group_a1) for _ in range(10)]
    initiative_save(initiative=ini.a, authors=[ini.an, *extra], actor=None)
    assert count_queries(client, page) == before


# --- .xlsx -----------------------------------------------------------------------------------


def test_xlsx_holds_the_filtered_list_with_its_columns(client, more, users):
    initiative_save(initiative=more.a, authors=[more.an, more.binh], actor=None)
    client.force_login(users.officer)
    response = client.get(url("initiative_xlsx", org=org_a)(more) + "&year=2025")
    assert response["Content-Disposition"] == 'attachment; filename="sang-kien-2025.xlsx"'
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "CĐCS Trường A"
    assert rows[1][0] == "Danh sách sáng kiến năm 2025"
    assert rows[3] == [
        "STT",
        "Tên sáng kiến",
        "Tác giả",
        "Lĩnh vực",
        "Năm",
        "Tình trạng",
        "Cấp công nhận",
        "Hiệu quả",
    ]
    assert rows[4:] == [
        [1, "Sổ tay văn thư điện tử", "Nguyễn Văn An", None, 2025, "Được chấp nhận", None, None],
        [
            2,
            "Ứng dụng phần mềm quản lý điểm và sổ liên lạc điện tử",
            "Nguyễn Văn An, Lê Thị Bình",
            "Chuyển đổi số",
            2025,
            "Được công nhận",
            "Cấp cơ sở",
            "Giảm một nửa thời gian nhập điểm.",
        ],
    ]


def test_xlsx_names_other_authors_and_the_filters(client, more, users):
    client.force_login(users.officer)
    response = client.get(url("initiative_xlsx", org=org_a)(more) + "&level=sector")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == "Danh sách sáng kiến · Cấp ngành, cấp tỉnh"
    assert rows[4][:3] == (1, "Tiết kiệm điện", "Kỹ sư Đỗ Minh")
    assert len(rows) == 5
