"""Activities and events: who may open and change what (the permission table, refused
writes), the list's filters, paging and query counts. The services, the form pages and the
activity's page have their own modules."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from emulation.activities import services
from emulation.models import Activity, ActivityAttachment
from tests.emulation.activities.factories import PDF_BYTES, activity, payment
from tests.emulation.scopes import org_a, org_b, pk
from tests.factories import MemberFactory
from tests.pages import ROLES, count_queries, expect, page_url, unexpected_statuses

pytestmark = pytest.mark.django_db


# --- permissions -----------------------------------------------------------------------------

url = page_url("emulation")


def voucher_of(activity_attr, voucher_attr):
    return [pk(activity_attr), pk(voucher_attr)]


# As the decisions: branch A's officers write; its accountant, inspector and the upper viewer
# read; the group leader of A1 reads only what A1 organises; plain members get 403 everywhere.
A_READ = expect(group_leader=404, member=403, officer_b=404)
A_WRITE = expect(
    accountant=403, inspector=403, upper_viewer=403, group_leader=404, member=403, officer_b=404
)
B_READ = expect(404, admin=200, upper_viewer=200, officer_b=200, member=403)
B_WRITE = expect(404, admin=200, officer_b=200, upper_viewer=403, member=403)
GROUP_READ = expect(member=403, officer_b=404)
POST_ONLY = expect(405)

PAGES = [
    ("list", url("activity_list"), expect(member=403)),
    ("list A", url("activity_list", org=org_a), A_READ),
    ("list A filtered", url("activity_list", org=org_a, year=2025, kind="sports", q="hội"), A_READ),
    ("list B", url("activity_list", org=org_b), B_READ),
    ("list A1", url("activity_list", org=lambda f: f.tree.group_a1.pk), GROUP_READ),
    ("create A", url("activity_create", org=org_a), A_WRITE),
    ("create B", url("activity_create", org=org_b), B_WRITE),
    ("detail A", url("activity_detail", pk("a")), A_READ),
    ("detail A1", url("activity_detail", pk("group")), GROUP_READ),
    ("detail B", url("activity_detail", pk("b")), B_READ),
    ("edit A", url("activity_edit", pk("a")), A_WRITE),
    ("edit B", url("activity_edit", pk("b")), B_WRITE),
    ("delete A", url("activity_delete", pk("a")), A_WRITE),
    ("delete B", url("activity_delete", pk("b")), B_WRITE),
    ("participants A", url("activity_participants", pk("a")), A_WRITE),
    ("participants B", url("activity_participants", pk("b")), B_WRITE),
    ("link voucher A", url("activity_voucher_link", pk("a")), POST_ONLY),
    ("unlink A", url("activity_voucher_unlink", *voucher_of("a", "voucher_a")), A_WRITE),
    ("unlink B", url("activity_voucher_unlink", *voucher_of("b", "voucher_b")), B_WRITE),
    (
        "unlink B's voucher from A",
        url("activity_voucher_unlink", *voucher_of("a", "voucher_b")),
        expect(404, member=403, accountant=403, inspector=403, upper_viewer=403),
    ),
    ("attach A", url("activity_attachment_add", pk("a")), POST_ONLY),
    ("file A", url("activity_attachment_file", pk("file_a")), A_READ),
    ("file B", url("activity_attachment_file", pk("file_b")), B_READ),
    ("file delete A", url("activity_attachment_delete", pk("file_a")), A_WRITE),
    ("file delete B", url("activity_attachment_delete", pk("file_b")), B_WRITE),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_activity_page_answers_by_role_and_scope(role, client, act, users):
    assert unexpected_statuses(client, users, role, act, PAGES) == {}


def test_anonymous_is_sent_to_login_from_activity_pages(client, act):
    for _name, make_url, _expected in PAGES:
        response = client.get(make_url(act))
        assert response.status_code in (302, 405)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login"))


def writes(f) -> list[tuple[str, dict]]:
    """Every write on branch A's activity, with valid data."""
    return [
        (
            url("activity_create", org=org_a)(f),
            {"kind": "tet", "name": "X", "starts_on": "01/02/2025"},
        ),
        (url("activity_edit", pk("a"))(f), {"kind": "tet", "name": "X", "starts_on": "26/03/2025"}),
        (url("activity_delete", pk("a"))(f), {}),
        (url("activity_participants", pk("a"))(f), {"pick": [f.an.pk]}),
        (url("activity_voucher_link", pk("a"))(f), {"voucher": f.voucher_a.pk}),
        (url("activity_voucher_unlink", *voucher_of("a", "voucher_a"))(f), {}),
        (
            url("activity_attachment_add", pk("a"))(f),
            {"file": SimpleUploadedFile("x.pdf", PDF_BYTES)},
        ),
        (url("activity_attachment_delete", pk("file_a"))(f), {}),
    ]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("accountant", 403),
        ("inspector", 403),
        ("upper_viewer", 403),
        ("group_leader", 404),
        ("member", 403),
        ("officer_b", 404),
    ],
)
def test_writes_on_branch_a_by_readers_and_outsiders_are_refused_and_change_nothing(
    role, status, client, act, users
):
    client.force_login(getattr(users, role))
    before = Activity.history.count(), ActivityAttachment.objects.count()
    for target, data in writes(act):
        assert client.post(target, data).status_code == status, target
    assert (Activity.history.count(), ActivityAttachment.objects.count()) == before


# --- list ------------------------------------------------------------------------------------


def test_list_shows_the_subtrees_activities_newest_first_with_figures(client, act, users):
    client.force_login(users.officer)
    page = client.get(url("activity_list", org=org_a)(act))
    rows = page.context["rows"]
    assert [r["activity"].name for r in rows] == ["Học tập nghị quyết", "Hội thao 26/3"]
    study, sports = rows
    assert (study["taking_part"], str(study["rate"])) == (14, "93.3")
    assert (sports["taking_part"], sports["cost"]) == (2, 2_500_000)
    assert sports["result"] == "Giải ba bóng chuyền hơi nữ" and sports["more_results"] == 1
    html = page.content.decode()
    assert "Hội thao trường B" not in html
    assert "2.500.000" in html and "Tổ Văn phòng" in html


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("year=2024", ["Quà Tết 2024"]),
        ("kind=study", ["Học tập nghị quyết"]),
        ("q=HỘI+THAO", ["Hội thao 26/3"]),
        ("q=nhà+thi+đấu", ["Hội thao 26/3"]),
        ("q=hoi+thao", ["Hội thao 26/3"]),
        ("year=abc", ["Học tập nghị quyết", "Hội thao 26/3", "Quà Tết 2024"]),
    ],
)
def test_list_filters_by_year_kind_and_name(client, act, users, query, names):
    act.a.place = "Nhà thi đấu tỉnh"
    services.activity_save(activity=act.a, actor=None)
    activity(act.tree.branch_a, name="Quà Tết 2024", kind="tet", starts_on=date(2024, 2, 1))
    client.force_login(users.officer)
    page = client.get(url("activity_list", org=org_a)(act) + "&" + query)
    assert [r["activity"].name for r in page.context["rows"]] == names


def test_empty_list_says_so_and_offers_to_add_one(client, tree, users):
    client.force_login(users.officer)
    html = client.get(reverse("emulation:activity_list") + f"?org={tree.branch_a.pk}").content
    assert "Chưa ghi nhận hoạt động, sự kiện nào." in html.decode()
    assert reverse("emulation:activity_create") in html.decode()


def test_list_paginates(client, tree, users, monkeypatch):
    monkeypatch.setattr("emulation.activities.views.PAGE_SIZE", 2)
    for day in range(1, 6):
        activity(tree.branch_a, name=f"Hoạt động {day}", starts_on=date(2025, 5, day))
    client.force_login(users.officer)
    page = client.get(reverse("emulation:activity_list") + f"?org={tree.branch_a.pk}&page=3")
    assert [r["activity"].name for r in page.context["rows"]] == ["Hoạt động 1"]


def test_list_queries_do_not_grow_with_rows_participants_or_vouchers(client, act, users):
    client.force_login(users.officer)
    page = url("activity_list", org=org_a)(act)
    before = count_queries(client, page)
    members = [MemberFactory(organisation=act.tree.group_a1) for _ in range(5)]
    for n in range(6):
        a = activity(act.tree.branch_a, name=f"Thêm {n}", results="Giải nhất")
        services.activity_participants_set(activity=a, members=members, actor=None)
        voucher = payment(act.cash_a, amount=100_000 + n)
        services.activity_voucher_link(activity=a, voucher=voucher, actor=None)
    assert count_queries(client, page) == before
