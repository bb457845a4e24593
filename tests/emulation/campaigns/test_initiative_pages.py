"""The initiatives' pages: who may open and change what (the permission table, refused
writes), the create and edit form (authors ticked by group, errors naming the field), deleting,
the initiative's page."""

from datetime import date

import pytest
from django.urls import reverse

from emulation.campaigns.initiatives import initiative_save
from emulation.models import Initiative
from members.registry import services as member_services
from tests.emulation.campaigns.factories import THIS_YEAR
from tests.emulation.scopes import org_a, org_b, pk
from tests.pages import ROLES, expect, page_url, unexpected_statuses

pytestmark = pytest.mark.django_db


url = page_url("emulation")


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
