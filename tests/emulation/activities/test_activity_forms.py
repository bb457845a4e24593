"""The activity's form pages: create and edit (money, dates, results, errors naming the
field), delete, and the participants grid."""

import pytest
from django.urls import reverse

from emulation.models import Activity
from tests.factories import MemberFactory
from tests.pages import count_queries

pytestmark = pytest.mark.django_db


# --- create and edit -------------------------------------------------------------------------


def form_data(**changes):
    return {
        "kind": "study",
        "name": "Học tập Nghị quyết Đại hội XIII",
        "starts_on": "16/04/2025",
        "ends_on": "",
        "place": "Hội trường",
        "partners": "Chi bộ",
        "participant_count": "",
        "invited_count": "40",
        "other_cost": "1.500.000",
        "results": "  Hoàn thành thu hoạch \n\n Đạt 100%  ",
        "note": "",
        **changes,
    }


def test_create_saves_money_dates_and_results_one_per_line(client, tree, users):
    client.force_login(users.officer)
    response = client.post(
        reverse("emulation:activity_create") + f"?org={tree.branch_a.pk}", form_data()
    )
    a = Activity.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "emulation:activity_detail", args=[a.pk]
    )
    assert (a.organisation, a.other_cost, a.invited_count) == (tree.branch_a, 1_500_000, 40)
    assert a.results == "Hoàn thành thu hoạch\nĐạt 100%"
    assert a.created_by == users.officer


def test_save_and_pick_participants_goes_to_the_participants_page(client, tree, users):
    client.force_login(users.officer)
    response = client.post(
        reverse("emulation:activity_create") + f"?org={tree.branch_a.pk}",
        {**form_data(), "then": "participants"},
    )
    a = Activity.objects.get()
    assert response["Location"] == reverse("emulation:activity_participants", args=[a.pk])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_on": "15/04/2025"}, "Ngày kết thúc: không được trước ngày bắt đầu (16/04/2025)."),
        ({"starts_on": "31/02/2025"}, "Ngày bắt đầu: ngày không hợp lệ"),
        ({"other_cost": "1,5 triệu"}, "Kinh phí từ nguồn khác (đồng): nhập số đồng nguyên"),
        ({"participant_count": "-3"}, "Số người tham gia: không được âm."),
        ({"kind": ""}, "Loại hoạt động: chọn một loại."),
    ],
)
def test_create_shows_errors_naming_the_field_and_keeps_the_input(
    client, tree, users, changes, message
):
    client.force_login(users.officer)
    response = client.post(
        reverse("emulation:activity_create") + f"?org={tree.branch_a.pk}", form_data(**changes)
    )
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert "Học tập Nghị quyết Đại hội XIII" in html
    assert not Activity.objects.exists()


def test_the_form_explains_count_or_list(client, tree, users):
    client.force_login(users.officer)
    html = client.get(reverse("emulation:activity_create") + f"?org={tree.branch_a.pk}").content
    assert "số người nhập ở đây được dùng để tính" in html.decode()


def test_edit_shows_the_stored_values_and_saves_changes(client, act, users):
    client.force_login(users.officer)
    edit = reverse("emulation:activity_edit", args=[act.a.pk])
    assert 'value="500.000"' in client.get(edit).content.decode()
    client.post(edit, form_data(kind="sports", name="Hội thao 2025", starts_on="26/03/2025"))
    act.a.refresh_from_db()
    assert (act.a.name, act.a.other_cost) == ("Hội thao 2025", 1_500_000)


def test_edit_to_another_year_with_vouchers_is_refused_on_the_date(client, act, users):
    client.force_login(users.officer)
    edit = reverse("emulation:activity_edit", args=[act.a.pk])
    response = client.post(edit, form_data(starts_on="26/03/2026"))
    assert "bỏ liên kết các phiếu chi đó" in response.content.decode()
    act.a.refresh_from_db()
    assert act.a.starts_on.year == 2025


def test_delete_asks_first_then_removes_the_activity(client, act, users):
    client.force_login(users.officer)
    target = reverse("emulation:activity_delete", args=[act.a.pk])
    assert "1 tệp đính kèm" in client.get(target).content.decode()
    response = client.post(target)
    assert response.status_code == 302
    assert not Activity.objects.filter(pk=act.a.pk).exists()


# --- participants ----------------------------------------------------------------------------


def participants_url(a):
    return reverse("emulation:activity_participants", args=[a.pk])


def test_participants_page_lists_the_subtrees_active_members_by_group_ticked_as_stored(
    client, act, users
):
    MemberFactory(organisation=act.tree.group_a1, full_name="Phạm Văn Nghỉ", status="retired")
    client.force_login(users.officer)
    page = client.get(participants_url(act.a))
    groups = {
        g.name: [(r.member.full_name, r.checked) for r in rows]
        for g, rows in page.context["form"].groups()
    }
    assert groups == {
        "Tổ Văn phòng": [("Nguyễn Văn An", True)],
        "Tổ Toán": [("Lê Thị Bình", True)],
    }
    html = page.content.decode()
    assert "data-tick-all" in html and "Trần Văn Khánh" not in html


def test_participants_are_saved_at_once(client, act, users):
    extra = MemberFactory(organisation=act.tree.group_a1, full_name="Đỗ Văn Cường")
    client.force_login(users.officer)
    response = client.post(participants_url(act.a), {"pick": [act.an.pk, extra.pk]})
    assert response.status_code == 302
    assert set(act.a.participants.all()) == {act.an, extra}


def test_a_member_outside_the_subtree_posted_as_participant_is_refused(client, act, users):
    client.force_login(users.officer)
    response = client.post(participants_url(act.a), {"pick": [act.an.pk, act.khanh.pk]})
    assert response.status_code == 200
    assert "Danh sách đã thay đổi" in response.content.decode()
    assert set(act.a.participants.all()) == {act.an, act.binh}


def test_participants_page_queries_do_not_grow_with_members(client, act, users):
    client.force_login(users.officer)
    before = count_queries(client, participants_url(act.a))
    for group in (act.tree.group_a1, act.tree.group_a2, act.tree.branch_a):
        for _ in range(4):
            MemberFactory(organisation=group)
    assert count_queries(client, participants_url(act.a)) == before
