"""Initiatives (sáng kiến): the services' rules (authors, level of recognition), who may open and
change what, the list's filters, figures and .xlsx, query counts, history, the demo."""

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from emulation.campaigns.initiatives import (
    initiative_delete,
    initiative_figures,
    initiative_save,
    member_initiatives,
)
from emulation.demo.initiatives import DEMO_INITIATIVES, seed_initiatives
from emulation.models import Initiative
from members.models import MemberEvent
from members.registry import services as member_services
from tests.factories import MemberFactory
from tests.pages import ROLES, count_queries, expect, page_url, unexpected_statuses
from unionhub.audit import history_entries

pytestmark = pytest.mark.django_db

Status, Level = Initiative.Status, Initiative.Level
THIS_YEAR = date.today().year


def enter(org, authors=(), *, actor=None, **fields) -> Initiative:
    fields.setdefault("name", "Ứng dụng phần mềm quản lý điểm")
    fields.setdefault("year", 2025)
    return initiative_save(
        initiative=Initiative(organisation=org, **fields), authors=list(authors), actor=actor
    )


@pytest.fixture
def ini(tree, users):
    """Branch A: An (A1), Bình (A2); initiative `a` by An kept by the branch (recognised at the
    unit level), `group` by An kept by group A1. Branch B: Khánh and initiative `b`."""
    an = MemberFactory(organisation=tree.group_a1, full_name="Nguyễn Văn An")
    binh = MemberFactory(organisation=tree.group_a2, full_name="Lê Thị Bình")
    khanh = MemberFactory(organisation=tree.group_b1, full_name="Trần Văn Khánh")
    a = enter(
        tree.branch_a,
        [an],
        name="Ứng dụng phần mềm quản lý điểm và sổ liên lạc điện tử",
        field="Chuyển đổi số",
        status=Status.RECOGNISED,
        level=Level.UNIT,
        benefit="Giảm một nửa thời gian nhập điểm.",
    )
    group = enter(tree.group_a1, [an], name="Sổ tay văn thư điện tử", status=Status.ACCEPTED)
    b = enter(tree.branch_b, [khanh], name="Câu lạc bộ đọc sách")
    return type(
        "Ini",
        (),
        {"tree": tree, "an": an, "binh": binh, "khanh": khanh, "a": a, "group": group, "b": b},
    )


url = page_url("emulation")


def org_a(f):
    return f.tree.branch_a.pk


def org_b(f):
    return f.tree.branch_b.pk


def pk(attr):
    return lambda f: getattr(f, attr).pk


# As the decisions: readers of branch A (its roles, the upper viewer, admins); the group leader
# of A1 reads only what A1 keeps; plain members read no emulation page (403 before any lookup).
A_READ = expect(group_leader=404, member=403, officer_b=404)
A_WRITE = expect(
    accountant=403, inspector=403, upper_viewer=403, group_leader=404, member=403, officer_b=404
)
B_READ = expect(404, admin=200, upper_viewer=200, officer_b=200, member=403)
B_WRITE = expect(404, admin=200, officer_b=200, upper_viewer=403, member=403)
GROUP_READ = expect(member=403, officer_b=404)
GROUP_WRITE = expect(
    accountant=403, inspector=403, upper_viewer=403, group_leader=403, member=403, officer_b=404
)

PAGES = [
    ("list", url("initiative_list"), expect(member=403)),
    ("list A", url("initiative_list", org=org_a), A_READ),
    ("list B", url("initiative_list", org=org_b), B_READ),
    ("list A1", url("initiative_list", org=lambda f: f.tree.group_a1.pk), GROUP_READ),
    (
        "list upper",
        url("initiative_list", org=lambda f: f.tree.upper.pk),
        expect(404, admin=200, upper_viewer=200, member=403),
    ),
    ("xlsx A", url("initiative_xlsx", org=org_a), A_READ),
    ("xlsx B", url("initiative_xlsx", org=org_b, year=2025), B_READ),
    ("create A", url("initiative_create", org=org_a), A_WRITE),
    ("create B", url("initiative_create", org=org_b), B_WRITE),
    ("create A1", url("initiative_create", org=lambda f: f.tree.group_a1.pk), GROUP_WRITE),
    ("detail A", url("initiative_detail", pk("a")), A_READ),
    ("detail group A1", url("initiative_detail", pk("group")), GROUP_READ),
    ("detail B", url("initiative_detail", pk("b")), B_READ),
    ("edit A", url("initiative_edit", pk("a")), A_WRITE),
    ("edit group A1", url("initiative_edit", pk("group")), GROUP_WRITE),
    ("edit B", url("initiative_edit", pk("b")), B_WRITE),
    ("delete A", url("initiative_delete", pk("a")), A_WRITE),
    ("delete B", url("initiative_delete", pk("b")), B_WRITE),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_initiative_page_answers_by_role_and_scope(role, client, ini, users):
    assert unexpected_statuses(client, users, role, ini, PAGES) == {}


def test_anonymous_is_sent_to_login_from_initiative_pages(client, ini):
    for _name, make_url, _expected in PAGES:
        response = client.get(make_url(ini))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_officer_of_branch_b_cannot_change_or_delete_branch_a_initiative(client, ini, users):
    client.force_login(users.officer_b)
    edit = client.post(url("initiative_edit", pk("a"))(ini), {"name": "X", "year": 2025})
    delete = client.post(url("initiative_delete", pk("a"))(ini))
    assert (edit.status_code, delete.status_code) == (404, 404)
    ini.a.refresh_from_db()
    assert ini.a.name.startswith("Ứng dụng")


def test_inspector_post_is_refused_and_changes_nothing(client, ini, users):
    client.force_login(users.inspector)
    assert client.post(url("initiative_delete", pk("a"))(ini)).status_code == 403
    assert Initiative.objects.filter(pk=ini.a.pk).exists()


# --- services --------------------------------------------------------------------------------


def test_initiative_needs_a_member_author_or_another_author(ini):
    with pytest.raises(ValidationError) as error:
        enter(ini.tree.branch_a, [], name="Không tác giả")
    assert "authors" in error.value.message_dict
    assert not Initiative.objects.filter(name="Không tác giả").exists()
    saved = enter(ini.tree.branch_a, [], name="Của khách", other_authors="ThS. Phạm Hạnh")
    assert list(saved.authors.all()) == []


def test_recognised_initiative_needs_its_level_and_others_have_none(ini):
    with pytest.raises(ValidationError) as error:
        enter(ini.tree.branch_a, [ini.an], status=Status.RECOGNISED, level="")
    assert "level" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        enter(ini.tree.branch_a, [ini.an], status=Status.ACCEPTED, level=Level.SECTOR)
    assert "level" in error.value.message_dict


def test_errors_of_authors_and_level_come_together(ini):
    with pytest.raises(ValidationError) as error:
        enter(ini.tree.branch_a, [], status=Status.RECOGNISED)
    assert {"authors", "level"} <= set(error.value.message_dict)


def test_authors_must_be_members_of_the_keepers_subtree(ini):
    with pytest.raises(ValidationError) as error:
        enter(ini.tree.branch_a, [ini.an, ini.khanh], name="Lạc nhánh")
    assert "Trần Văn Khánh" in " ".join(error.value.message_dict["authors"])
    # A group keeps only its own members' initiatives.
    with pytest.raises(ValidationError):
        enter(ini.tree.group_a1, [ini.binh], name="Lạc tổ")
    assert not Initiative.objects.filter(name__startswith="Lạc").exists()


def test_new_author_must_be_active_but_a_kept_author_may_have_retired(ini):
    member_services.member_end(
        member=ini.an, kind=MemberEvent.Kind.RETIRED, day=date(2025, 6, 1), actor=None
    )
    with pytest.raises(ValidationError):
        enter(ini.tree.branch_a, [ini.an], name="Sau khi nghỉ hưu")
    ini.a.benefit = "Cập nhật hiệu quả."
    initiative_save(initiative=ini.a, authors=[ini.an, ini.binh], actor=None)
    assert set(ini.a.authors.all()) == {ini.an, ini.binh}


def test_authors_changes_are_in_the_history_with_their_author(ini, users):
    initiative_save(initiative=ini.a, authors=[ini.binh], actor=users.officer)
    latest = ini.a.history.order_by("-history_date", "-history_id")
    assert latest[0].history_user == users.officer
    assert [row.member_id for row in latest[0].authors.all()] == [ini.binh.pk]
    initiative_save(initiative=ini.a, authors=[ini.binh, ini.an], actor=users.officer)
    entries = [
        (e.action, [(c.field, c.old, c.new) for c in e.changes]) for e in history_entries(ini.a)
    ]
    # One entry per save, the creation's with its first authors.
    assert entries == [
        ("Sửa", [("tác giả", "Lê Thị Bình", "Lê Thị Bình, Nguyễn Văn An")]),
        ("Sửa", [("tác giả", "Nguyễn Văn An", "Lê Thị Bình")]),
        ("Tạo mới", [("tác giả", "—", "Nguyễn Văn An")]),
    ]
    ini.a.field = "Quản lý"
    initiative_save(initiative=ini.a, authors=[ini.an], actor=users.officer)
    action, changes = [
        (e.action, [(c.field, c.old, c.new) for c in e.changes]) for e in history_entries(ini.a)
    ][0]
    assert (action, changes) == (
        "Sửa",
        [
            ("lĩnh vực", "Chuyển đổi số", "Quản lý"),
            ("tác giả", "Lê Thị Bình, Nguyễn Văn An", "Nguyễn Văn An"),
        ],
    )


def test_delete_keeps_who_deleted_in_the_history(ini, users):
    pk_a = ini.a.pk
    initiative_delete(initiative=ini.a, actor=users.officer)
    assert not Initiative.objects.filter(pk=pk_a).exists()
    last = Initiative.history.filter(id=pk_a).order_by("-history_date").first()
    assert (last.history_type, last.history_user) == ("-", users.officer)


def test_member_initiatives_newest_first_in_one_query(ini, django_assert_num_queries):
    old = enter(ini.tree.branch_a, [ini.an], name="Cũ", year=2020)
    with django_assert_num_queries(1):
        listed = member_initiatives(ini.an)
        names = [(i.name, i.organisation.name) for i in listed]
    assert [n for n, _org in names][-1] == old.name
    assert len(names) == 3
    assert member_initiatives(ini.an, limit=1)[0].year == 2025


# --- views -----------------------------------------------------------------------------------


def form_data(**changes):
    data = {
        "name": "Bài giảng STEM máy lọc nước mini",
        "year": "2025",
        "field": "Chuyên môn, giảng dạy",
        "status": "registered",
        "level": "",
        "decision": "",
        "other_authors": "",
        "benefit": "",
    }
    data.update(changes)
    return data


def test_create_saves_the_ticked_authors_and_opens_the_initiative(client, ini, users):
    client.force_login(users.officer)
    response = client.post(
        url("initiative_create", org=org_a)(ini),
        form_data(authors=[ini.an.pk, ini.binh.pk]),
    )
    created = Initiative.objects.get(name="Bài giảng STEM máy lọc nước mini")
    assert response.status_code == 302
    assert response["Location"] == reverse("emulation:initiative_detail", args=[created.pk])
    assert set(created.authors.all()) == {ini.an, ini.binh}
    assert (created.organisation, created.created_by) == (ini.tree.branch_a, users.officer)


def test_create_form_lists_the_subtrees_active_members_by_group(client, ini, users):
    client.force_login(users.officer)
    page = client.get(url("initiative_create", org=org_a)(ini))
    groups = dict(page.context["form"].author_groups())
    assert [m.full_name for m, _ticked in groups["Tổ Văn phòng"]] == ["Nguyễn Văn An"]
    assert [m.full_name for m, _ticked in groups["Tổ Toán"]] == ["Lê Thị Bình"]
    assert "Trần Văn Khánh" not in page.content.decode()
    assert page.context["form"]["year"].value() == THIS_YEAR


def test_wrong_form_names_the_fields_and_keeps_what_was_entered(client, ini, users):
    client.force_login(users.officer)
    response = client.post(
        url("initiative_create", org=org_a)(ini),
        form_data(status="recognised", name="Giữ lại tên này"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cấp công nhận: Chọn cấp công nhận sáng kiến." in html
    assert "Giữ lại tên này" in html
    response = client.post(
        url("initiative_create", org=org_a)(ini), form_data(authors=[], name="Giữ lại")
    )
    assert "Tác giả: chọn ít nhất một đoàn viên" in response.content.decode()
    assert not Initiative.objects.filter(name__startswith="Giữ lại").exists()


def test_ticked_authors_stay_ticked_after_an_error(client, ini, users):
    client.force_login(users.officer)
    response = client.post(
        url("initiative_create", org=org_a)(ini), form_data(authors=[ini.binh.pk], year="19")
    )
    ticked = {m.pk for _g, rows in response.context["form"].author_groups() for m, t in rows if t}
    assert ticked == {ini.binh.pk}
    assert "Năm: từ 1975 đến 2100." in response.content.decode()


def test_author_of_another_branch_cannot_be_posted(client, ini, users):
    client.force_login(users.officer)
    response = client.post(
        url("initiative_create", org=org_a)(ini), form_data(authors=[ini.khanh.pk])
    )
    assert response.status_code == 200
    assert "Tác giả: người được chọn không còn trong danh sách" in response.content.decode()


def test_edit_changes_the_authors_and_status(client, ini, users):
    client.force_login(users.officer)
    page = client.get(url("initiative_edit", pk("a"))(ini))
    assert page.context["form"].picked() == {ini.an.pk}
    response = client.post(
        url("initiative_edit", pk("a"))(ini),
        form_data(name=ini.a.name, status="recognised", level="sector", authors=[ini.binh.pk]),
    )
    assert response.status_code == 302
    ini.a.refresh_from_db()
    assert (ini.a.level, list(ini.a.authors.all())) == ("sector", [ini.binh])


def test_delete_asks_first_then_deletes(client, ini, users):
    client.force_login(users.officer)
    confirm = client.get(url("initiative_delete", pk("a"))(ini))
    assert "Xóa hẳn sáng kiến này?" in confirm.content.decode()
    assert Initiative.objects.filter(pk=ini.a.pk).exists()
    done = client.post(url("initiative_delete", pk("a"))(ini))
    assert done.status_code == 302
    assert not Initiative.objects.filter(pk=ini.a.pk).exists()


def test_detail_links_authors_only_where_the_reader_sees_members(client, ini, users):
    """The group leader of A1 reads the group's initiative but not Bình's page (group A2)."""
    initiative_save(initiative=ini.group, authors=[ini.an], actor=None)
    member_services.member_transfer(
        member=ini.an, to=ini.tree.group_a2, day=date(2025, 9, 1), actor=None
    )
    client.force_login(users.group_leader)
    html = client.get(url("initiative_detail", pk("group"))(ini)).content.decode()
    assert "Nguyễn Văn An" in html
    assert ini.an.get_absolute_url() not in html
    client.force_login(users.officer)
    html = client.get(url("initiative_detail", pk("group"))(ini)).content.decode()
    assert ini.an.get_absolute_url() in html


def test_detail_shows_the_history_of_the_authors(client, ini, users):
    initiative_save(initiative=ini.a, authors=[ini.an, ini.binh], actor=users.officer)
    client.force_login(users.inspector)
    page = client.get(url("initiative_detail", pk("a"))(ini))
    assert "Nguyễn Văn An → Lê Thị Bình, Nguyễn Văn An" in page.content.decode()


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


# --- figures ---------------------------------------------------------------------------------


@pytest.fixture
def counted(tree):
    """Branch A in 2025, counted by hand. Members: An, Bình, Cúc, Dũng (A1/A2, active), Em
    (retired), Khánh (branch B): four active members.

    1. by An + Bình, recognised, unit level        (branch A)
    2. by An, recognised, sector level              (group A1)
    3. by Cúc, accepted                              (group A2)
    4. by Dũng, rejected                             (branch A)  -> Dũng not counted
    5. visitor only, registered                      (branch A)
    6. by An, registered, in 2024                    -> another year
    7. by Khánh, recognised national, branch B       -> another branch
    Initiatives: 5; registered 1, accepted 1, recognised 2 (unit 1, sector 1), rejected 1.
    Authors: An, Bình, Cúc = 3 of 4 active members = 75.0%.
    """
    a1, a2 = tree.group_a1, tree.group_a2
    an, binh = MemberFactory(organisation=a1), MemberFactory(organisation=a2)
    cuc, dung = MemberFactory(organisation=a2), MemberFactory(organisation=a1)
    em = MemberFactory(organisation=a1)
    khanh = MemberFactory(organisation=tree.group_b1)
    enter(tree.branch_a, [an, binh], name="1", status=Status.RECOGNISED, level=Level.UNIT)
    enter(a1, [an], name="2", status=Status.RECOGNISED, level=Level.SECTOR)
    enter(a2, [cuc], name="3", status=Status.ACCEPTED)
    enter(tree.branch_a, [dung], name="4", status=Status.REJECTED)
    enter(tree.branch_a, [], name="5", other_authors="Khách mời")
    enter(tree.branch_a, [an], name="6", year=2024)
    enter(
        tree.branch_b,
        [khanh],
        name="7",
        status=Status.RECOGNISED,
        level=Level.NATIONAL,
    )
    # Em's initiative was entered while active; retired since, Em is no longer counted.
    member_services.member_end(
        member=em, kind=MemberEvent.Kind.RETIRED, day=date(2025, 1, 1), actor=None
    )
    return tree


def test_figures_of_a_year_match_the_hand_count(counted):
    figures = initiative_figures(counted.branch_a, 2025)
    assert figures.total == 5
    assert {v: n for v, _label, n in figures.by_status} == {
        "registered": 1,
        "accepted": 1,
        "recognised": 2,
        "rejected": 1,
    }
    assert {v: n for v, _label, n in figures.by_level} == {"unit": 1, "sector": 1, "national": 0}
    assert (figures.authors, figures.members) == (3, 4)
    assert str(figures.share) == "75.0"
    assert figures.target_met


def test_figures_of_a_group_and_of_an_empty_year(counted):
    group = initiative_figures(counted.group_a1, 2025)
    # Group A1: initiative 2 by An; its active members An and Dũng.
    assert (group.total, group.authors, group.members) == (1, 1, 2)
    empty = initiative_figures(counted.branch_a, 2019)
    assert (empty.total, empty.authors, str(empty.share)) == (0, 0, "0.0")
    assert not empty.target_met


def test_list_page_shows_the_chosen_years_figures(client, counted, users):
    client.force_login(users.officer)
    page = client.get(
        reverse("emulation:initiative_list") + f"?org={counted.branch_a.pk}&year=2025"
    )
    figures = page.context["figures"]
    assert (figures.year, figures.total, figures.authors) == (2025, 5, 3)
    assert "75,0%" in page.content.decode()
    default = client.get(reverse("emulation:initiative_list") + f"?org={counted.branch_a.pk}")
    assert default.context["figures"].year == THIS_YEAR


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


# --- demo ------------------------------------------------------------------------------------


def test_demo_initiatives_span_statuses_and_levels_once(tree, users):
    for i in range(6):
        MemberFactory(organisation=tree.group_a1 if i % 2 else tree.group_a2)
    assert seed_initiatives(tree.branch_a, 2025, actor=users.officer) == len(DEMO_INITIATIVES)
    assert seed_initiatives(tree.branch_a, 2025, actor=users.officer) == 0
    rows = Initiative.objects.filter(organisation=tree.branch_a, year=2025)
    assert set(rows.values_list("status", flat=True)) == set(Status.values)
    assert set(rows.exclude(level="").values_list("level", flat=True)) == set(Level.values)
    assert all(i.authors.exists() or i.other_authors for i in rows)
    figures = initiative_figures(tree.branch_a, 2025)
    assert figures.authors > 0


def test_list_queries_do_not_depend_on_the_author_count_of_one_row(client, ini, users):
    """A page whose one initiative has ten authors costs what a page with one author does."""
    client.force_login(users.officer)
    page = url("initiative_list", org=org_a)(ini) + "&year=2025&status=recognised"
    before = count_queries(client, page)
    extra = [MemberFactory(organisation=ini.tree.group_a1) for _ in range(10)]
    initiative_save(initiative=ini.a, authors=[ini.an, *extra], actor=None)
    assert count_queries(client, page) == before
