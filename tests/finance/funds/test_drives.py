"""Charity drives and vouched loans: who may open and change what, the rules of the services,
the table of drives by year and its downloads, query counts. Drive money never enters the
books."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from finance.funds import drive_selectors, drives, loans
from finance.ledger import selectors
from finance.models import Drive, DriveContribution, DriveForward, Loan, Voucher
from members.models import Organisation
from tests.factories import MemberFactory, make_org
from tests.finance.pages import (
    A_READ,
    A_WRITE,
    B_READ,
    B_WRITE,
    HOME_BRANCH_PAGE,
    org_a,
    org_b,
    pk,
    url,
)
from tests.test_views_organisations import ROLES, count_queries, expect, unexpected_statuses

pytestmark = pytest.mark.django_db

DAY = date(2025, 5, 10)


def drive(org, actor, name="Ngày vì người nghèo", year=2025) -> Drive:
    return drives.drive_save(
        drive=Drive(organisation=org, year=year, name=name, started_on=date(year, 5, 1)),
        actor=actor,
    )


def give(d: Drive, amount: int, *, actor, day=DAY, **source) -> DriveContribution:
    return drives.contribution_add(drive=d, day=day, amount=amount, actor=actor, **source)


def forward(d: Drive, amount: int, *, actor, day=date(2025, 6, 1)) -> DriveForward:
    return drives.forward_add(
        drive=d, day=day, recipient="LĐLĐ tỉnh Bến Tre", amount=amount, actor=actor
    )


def loan(org, member, actor, *, repaid_on=None, amount=30_000_000, borrowed_on=date(2024, 3, 1)):
    return loans.loan_save(
        loan=Loan(
            organisation=org,
            member=member,
            lender="Ngân hàng Chính sách xã hội",
            amount=amount,
            borrowed_on=borrowed_on,
            due_on=date(2027, 3, 1),
            repaid_on=repaid_on,
            purpose="Sửa nhà",
        ),
        actor=actor,
    )


def make_funds(f, org, group, other_group, actor, tag: str) -> None:
    """In `org`: a 2025 drive with a member's (200.000đ) and a group's (1.000.000đ)
    contribution and a forward (800.000đ), an empty drive, an outstanding and a repaid loan."""
    member = MemberFactory(organisation=group, full_name=f"Nguyễn Văn An {tag}")
    other = MemberFactory(organisation=other_group, full_name=f"Lê Thị Cúc {tag}")
    used = drive(org, actor)
    setattr(f, f"member_{tag}", member)
    setattr(f, f"other_{tag}", other)
    setattr(f, f"drive_{tag}", used)
    setattr(f, f"contribution_{tag}", give(used, 200_000, actor=actor, member=member))
    setattr(f, f"group_gift_{tag}", give(used, 1_000_000, actor=actor, group=other_group))
    setattr(f, f"forward_{tag}", forward(used, 800_000, actor=actor))
    setattr(f, f"empty_{tag}", drive(org, actor, name="Vì Trường Sa - Hoàng Sa"))
    setattr(f, f"loan_{tag}", loan(org, member, actor))
    setattr(f, f"repaid_{tag}", loan(org, other, actor, repaid_on=date(2025, 1, 15)))


@pytest.fixture
def funds(fin, users):
    """The books' fixture (branches A and B), with drives and loans in both."""
    tree = fin.tree
    make_funds(fin, tree.branch_a, tree.group_a1, tree.group_a2, users.accountant, "a")
    make_funds(fin, tree.branch_b, tree.group_b1, tree.group_b1, users.officer_b, "b")
    return fin


def snapshot():
    return [
        list(model.objects.order_by("pk").values())
        for model in (Drive, DriveContribution, DriveForward, Loan, Voucher)
    ]


# --- who may open what -----------------------------------------------------------------------

# Pages that send writers elsewhere: a drive with entries is not deleted, a repaid loan is not
# repaid again.
A_WRITE_REFUSED = {**A_WRITE, **{r: 302 for r in ("admin", "officer", "accountant")}}
# A group of branch B under a drive of branch A: missing for writers, 403 for readers.
A_GRID_FOREIGN = expect(404, inspector=403, upper_viewer=403, group_leader=403, member=403)

PAGES = [
    ("drives", url("drive_list"), HOME_BRANCH_PAGE),
    ("drives A", url("drive_list", org=org_a, year="2025"), A_READ),
    ("drives B", url("drive_list", org=org_b, year="2025"), B_READ),
    ("drive create A", url("drive_create", org=org_a), A_WRITE),
    ("drive create B", url("drive_create", org=org_b), B_WRITE),
    ("drive A", url("drive_detail", pk("drive_a")), A_READ),
    ("drive B", url("drive_detail", pk("drive_b")), B_READ),
    ("drive edit A", url("drive_edit", pk("drive_a")), A_WRITE),
    ("drive edit B", url("drive_edit", pk("drive_b")), B_WRITE),
    ("drive delete A", url("drive_delete", pk("empty_a")), A_WRITE),
    ("drive delete used A", url("drive_delete", pk("drive_a")), A_WRITE_REFUSED),
    ("drive delete B", url("drive_delete", pk("empty_b")), B_WRITE),
    ("give A", url("contribution_create", pk("drive_a")), A_WRITE),
    ("give B", url("contribution_create", pk("drive_b")), B_WRITE),
    ("grid A", url("contribution_grid", pk("drive_a")), A_WRITE),
    (
        "grid A1",
        url("contribution_grid", pk("drive_a"), group=lambda f: f.tree.group_a1.pk),
        A_WRITE,
    ),
    (
        "grid A with B1",
        url("contribution_grid", pk("drive_a"), group=lambda f: f.tree.group_b1.pk),
        A_GRID_FOREIGN,
    ),
    (
        "grid B1",
        url("contribution_grid", pk("drive_b"), group=lambda f: f.tree.group_b1.pk),
        B_WRITE,
    ),
    ("give delete A", url("contribution_delete", pk("drive_a"), pk("contribution_a")), A_WRITE),
    ("give delete B", url("contribution_delete", pk("drive_b"), pk("contribution_b")), B_WRITE),
    # An entry of branch B under a drive of branch A does not exist there.
    (
        "give B under A",
        url("contribution_delete", pk("drive_a"), pk("contribution_b")),
        expect(404, inspector=403, upper_viewer=403, group_leader=403, member=403),
    ),
    ("forward A", url("forward_create", pk("drive_a")), A_WRITE),
    ("forward B", url("forward_create", pk("drive_b")), B_WRITE),
    ("forward delete A", url("forward_delete", pk("drive_a"), pk("forward_a")), A_WRITE),
    ("forward delete B", url("forward_delete", pk("drive_b"), pk("forward_b")), B_WRITE),
    ("table A", url("drive_table", org=org_a), A_READ),
    ("table B", url("drive_table", org=org_b), B_READ),
    ("table PDF A", url("drive_table_pdf", org=org_a), A_READ),
    ("table PDF B", url("drive_table_pdf", org=org_b), B_READ),
    ("table xlsx A", url("drive_table_xlsx", org=org_a), A_READ),
    ("table xlsx B", url("drive_table_xlsx", org=org_b), B_READ),
    ("loans", url("loan_list"), HOME_BRANCH_PAGE),
    ("loans A", url("loan_list", org=org_a), A_READ),
    ("loans B", url("loan_list", org=org_b), B_READ),
    ("loans xlsx A", url("loan_xlsx", org=org_a, state="all"), A_READ),
    ("loans xlsx B", url("loan_xlsx", org=org_b), B_READ),
    ("loan create A", url("loan_create", org=org_a), A_WRITE),
    ("loan create B", url("loan_create", org=org_b), B_WRITE),
    ("loan edit A", url("loan_edit", pk("loan_a")), A_WRITE),
    ("loan edit B", url("loan_edit", pk("loan_b")), B_WRITE),
    ("loan repay A", url("loan_repay", pk("loan_a")), A_WRITE),
    ("loan repay repaid A", url("loan_repay", pk("repaid_a")), A_WRITE_REFUSED),
    ("loan repay B", url("loan_repay", pk("loan_b")), B_WRITE),
    ("loan delete A", url("loan_delete", pk("loan_a")), A_WRITE),
    ("loan delete B", url("loan_delete", pk("loan_b")), B_WRITE),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_drive_and_loan_page_answers_by_role_and_scope(role, client, funds, users):
    assert unexpected_statuses(client, users, role, funds, PAGES) == {}


def test_anonymous_is_sent_to_login_from_drive_and_loan_pages(client, funds):
    for _name, make_url, _expected in PAGES:
        response = client.get(make_url(funds))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def write_requests(f):
    """Every write of these pages on branch A, with plausible data."""
    grid = url("contribution_grid", pk("drive_a"), group=lambda f: f.tree.group_a1.pk)(f)
    loan_data = {
        "member": f.member_a.pk,
        "lender": "Quỹ CEP",
        "amount": "10.000.000",
        "borrowed_on": "01/02/2025",
    }
    return [
        (url("drive_create", org=org_a)(f), {"year": "2025", "name": "Ngày vì trẻ thơ"}),
        (url("drive_edit", pk("drive_a"))(f), {"year": "2025", "name": "Đổi tên"}),
        (url("drive_delete", pk("empty_a"))(f), {}),
        (
            url("contribution_create", pk("drive_a"))(f),
            {"date": "10/05/2025", "member": f.member_a.pk, "amount": "100.000"},
        ),
        (grid, {"date": "10/05/2025", f"a{f.member_a.pk}": "50.000"}),
        (url("contribution_delete", pk("drive_a"), pk("contribution_a"))(f), {}),
        (
            url("forward_create", pk("drive_a"))(f),
            {"date": "10/06/2025", "recipient": "Quỹ", "amount": "100.000"},
        ),
        (url("forward_delete", pk("drive_a"), pk("forward_a"))(f), {}),
        (url("loan_create", org=org_a)(f), loan_data),
        (url("loan_edit", pk("loan_a"))(f), loan_data),
        (url("loan_repay", pk("loan_a"))(f), {"date": "01/06/2025"}),
        (url("loan_delete", pk("loan_a"))(f), {}),
    ]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("inspector", 403),
        ("upper_viewer", 403),
        ("group_leader", 403),
        ("member", 403),
        ("officer_b", 404),
    ],
)
def test_writes_on_branch_a_by_readers_and_outsiders_are_refused_and_change_nothing(
    role, status, client, funds, users
):
    client.force_login(getattr(users, role))
    before = snapshot()
    for path, data in write_requests(funds):
        assert client.post(path, data).status_code == status, path
    assert snapshot() == before


def test_the_same_writes_by_the_accountant_go_through(client, funds, users):
    """The refusal test above proves something only if these requests do change things."""
    client.force_login(users.accountant)
    for path, data in write_requests(funds):
        response = client.post(path, data)
        assert response.status_code == 302, (path, response.content.decode()[:2000])
    assert Drive.objects.filter(organisation=funds.a.org, name="Ngày vì trẻ thơ").exists()
    assert not Loan.objects.filter(pk=funds.loan_a.pk).exists()


# --- drives: services ------------------------------------------------------------------------


def test_totals_of_a_drive_are_collected_forwarded_and_held(funds, users):
    d = drive_selectors.with_totals(Drive.objects.filter(pk=funds.drive_a.pk)).get()
    assert (d.collected, d.forwarded, d.held) == (1_200_000, 800_000, 400_000)
    listed = {x.name: x for x in drive_selectors.drives_of_year(funds.a.org, 2025)}
    assert (listed["Ngày vì người nghèo"].held, listed["Vì Trường Sa - Hoàng Sa"].held) == (
        400_000,
        0,
    )
    assert drive_selectors.contributions_by_group(funds.drive_a) == [
        ("Tổ Văn phòng", 200_000),
        ("Tổ Toán", 1_000_000),
    ]


def test_entries_record_who_entered_them(funds, users):
    assert funds.contribution_a.recorded_by == users.accountant
    assert funds.forward_a.recorded_by == users.accountant
    assert funds.contribution_a.history.get().history_user == users.accountant


def test_a_member_or_group_of_another_branch_cannot_give(funds, users):
    with pytest.raises(ValidationError) as error:
        give(funds.drive_a, 100_000, actor=users.accountant, member=funds.member_b)
    assert "member" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        give(funds.drive_a, 100_000, actor=users.accountant, group=funds.tree.group_b1)
    assert "group" in error.value.message_dict
    # Neither or both is refused too; the branch itself is not a group.
    for source in ({}, {"member": funds.member_a, "group": funds.tree.group_a1}):
        with pytest.raises(ValidationError):
            give(funds.drive_a, 100_000, actor=users.accountant, **source)
    with pytest.raises(ValidationError):
        give(funds.drive_a, 100_000, actor=users.accountant, group=funds.tree.branch_a)
    assert funds.drive_a.contributions.count() == 2


def test_nothing_is_dated_after_today(funds, users):
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        give(funds.drive_a, 1, actor=users.accountant, member=funds.member_a, day=tomorrow)
    assert "date" in error.value.message_dict
    with pytest.raises(ValidationError):
        forward(funds.drive_a, 1, actor=users.accountant, day=tomorrow)


def test_a_drive_passes_on_no_more_than_it_holds(funds, users):
    with pytest.raises(ValidationError) as error:
        forward(funds.drive_a, 400_001, actor=users.accountant)
    assert "400.000đ" in error.value.message_dict["amount"][0]
    forward(funds.drive_a, 400_000, actor=users.accountant)
    # Now all of it is passed on: a contribution can no longer be taken back.
    with pytest.raises(ValidationError):
        drives.contribution_delete(contribution=funds.contribution_a, actor=users.accountant)
    assert DriveContribution.objects.filter(pk=funds.contribution_a.pk).exists()


def test_deleting_entries_changes_the_totals(funds, users):
    drives.forward_delete(forward=funds.forward_a, actor=users.accountant)
    drives.contribution_delete(contribution=funds.contribution_a, actor=users.accountant)
    d = drive_selectors.with_totals(Drive.objects.filter(pk=funds.drive_a.pk)).get()
    assert (d.collected, d.forwarded, d.held) == (1_000_000, 0, 1_000_000)


def test_a_drive_with_entries_is_not_deleted(funds, users):
    with pytest.raises(ValidationError, match="2 khoản ủng hộ và 1 khoản chuyển đi"):
        drives.drive_delete(drive=funds.drive_a, actor=users.accountant)
    assert Drive.objects.filter(pk=funds.drive_a.pk).exists()
    drives.drive_delete(drive=funds.empty_a, actor=users.accountant)
    assert not Drive.objects.filter(pk=funds.empty_a.pk).exists()


def test_a_drive_name_is_used_once_a_year_per_branch(funds, users):
    with pytest.raises(ValidationError) as error:
        drive(funds.a.org, users.accountant, name="ngày vì người nghèo")
    assert "name" in error.value.message_dict
    drive(funds.a.org, users.accountant, year=2024)  # another year: a new drive
    drive(funds.b.org, users.officer_b, name="Ngày vì trẻ thơ")  # another branch


def test_a_groups_grid_is_saved_all_or_nothing(funds, users):
    tree = funds.tree
    second = MemberFactory(organisation=tree.group_a1, full_name="Trần Văn Bảo")
    before = DriveContribution.objects.count()
    with pytest.raises(ValidationError, match="Lê Thị Cúc a không thuộc Tổ Văn phòng"):
        drives.contributions_save_group(
            drive=funds.drive_a,
            group=tree.group_a1,
            day=DAY,
            amounts=[(funds.member_a, 50_000), (second, 70_000), (funds.other_a, 10_000)],
            actor=users.accountant,
        )
    with pytest.raises(ValidationError, match="Trần Văn Bảo: số tiền phải là số đồng dương"):
        drives.contributions_save_group(
            drive=funds.drive_a,
            group=tree.group_a1,
            day=DAY,
            amounts=[(funds.member_a, 50_000), (second, 0)],
            actor=users.accountant,
        )
    assert DriveContribution.objects.count() == before
    saved = drives.contributions_save_group(
        drive=funds.drive_a,
        group=tree.group_a1,
        day=DAY,
        amounts=[(funds.member_a, 50_000), (second, 70_000)],
        actor=users.accountant,
    )
    assert sorted(c.amount for c in saved) == [50_000, 70_000]
    assert {c.recorded_by for c in saved} == {users.accountant}
    assert DriveContribution.objects.count() == before + 2
    assert DriveContribution.history.filter(history_user=users.accountant).count() >= 2


def test_a_grid_of_another_branchs_group_is_refused(funds, users):
    with pytest.raises(ValidationError) as error:
        drives.contributions_save_group(
            drive=funds.drive_a,
            group=funds.tree.group_b1,
            day=DAY,
            amounts=[(funds.member_b, 50_000)],
            actor=users.accountant,
        )
    assert "group" in error.value.message_dict


# --- drives: pages ---------------------------------------------------------------------------


def test_the_drive_list_shows_each_drives_totals(client, funds, users):
    client.force_login(users.inspector)
    response = client.get(url("drive_list", org=org_a, year="2025")(funds))
    html = response.content.decode()
    assert "Ngày vì người nghèo" in html and "1.200.000đ" in html and "400.000đ" in html
    assert (response.context["collected"], response.context["held"]) == (1_200_000, 400_000)
    # Readers see no write buttons.
    assert reverse("finance:drive_create") not in html
    assert (
        "Ngày vì người nghèo"
        not in client.get(url("drive_list", org=org_a, year="2024")(funds)).content.decode()
    )


def test_the_drive_page_lists_entries_with_totals_and_write_links_for_writers(client, funds, users):
    client.force_login(users.accountant)
    html = client.get(url("drive_detail", pk("drive_a"))(funds)).content.decode()
    for text in ("Nguyễn Văn An a", "Tổ Toán", "LĐLĐ tỉnh Bến Tre", "1.200.000đ", "800.000đ"):
        assert text in html
    assert reverse("finance:contribution_grid", args=[funds.drive_a.pk]) in html


def test_a_drive_is_created_and_a_duplicate_name_is_named_in_the_error(client, funds, users):
    client.force_login(users.accountant)
    path = url("drive_create", org=org_a)(funds)
    response = client.post(path, {"year": "2025", "name": "Ngày vì người nghèo"})
    assert response.status_code == 200
    assert "Tên: năm 2025 đơn vị đã có quỹ" in response.content.decode()
    response = client.post(path, {"year": "2026", "name": " Ngày vì  người nghèo ", "note": ""})
    created = Drive.objects.get(organisation=funds.a.org, year=2026)
    assert response["Location"] == reverse("finance:drive_detail", args=[created.pk])
    assert created.name == "Ngày vì người nghèo"
    assert created.history.get().history_user == users.accountant


def test_a_contribution_from_a_member_of_another_branch_is_a_form_error(client, funds, users):
    client.force_login(users.accountant)
    path = url("contribution_create", pk("drive_a"))(funds)
    before = snapshot()
    response = client.post(
        path, {"date": "10/05/2025", "member": funds.member_b.pk, "amount": "100.000"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đoàn viên ủng hộ: chọn một đoàn viên của đơn vị." in html
    assert 'value="100.000"' in html  # the data is shown again
    response = client.post(
        path, {"date": "10/05/2025", "group": funds.tree.group_b1.pk, "amount": "100.000"}
    )
    assert "Tổ công đoàn: chọn một tổ của đơn vị." in response.content.decode()
    response = client.post(path, {"date": "10/05/2025", "amount": "100.000"})
    assert "chọn một đoàn viên hoặc một tổ công đoàn" in response.content.decode()
    assert snapshot() == before
    response = client.post(
        path, {"date": "10/05/2025", "member": funds.member_a.pk, "amount": "100.000"}
    )
    assert response.status_code == 302
    assert funds.drive_a.contributions.filter(member=funds.member_a).count() == 2


def test_a_forward_over_what_is_held_is_refused_on_the_amount(client, funds, users):
    client.force_login(users.accountant)
    path = url("forward_create", pk("drive_a"))(funds)
    response = client.post(
        path, {"date": "10/06/2025", "recipient": "Quỹ Mái ấm", "amount": "500.000"}
    )
    assert "Số tiền: lớn hơn số cuộc vận động đang giữ (400.000đ)." in response.content.decode()
    assert funds.drive_a.forwards.count() == 1


def test_the_group_grid_saves_the_filled_cells_at_once(client, funds, users):
    tree = funds.tree
    second = MemberFactory(organisation=tree.group_a1, full_name="Trần Văn Bảo")
    MemberFactory(organisation=tree.group_a1, full_name="Phạm Thị Chi")  # leaves it empty
    client.force_login(users.accountant)
    path = url("contribution_grid", pk("drive_a"), group=lambda f: tree.group_a1.pk)(funds)
    page = client.get(path)
    # The grid lists the group's members by given name, with what each gave before.
    assert [(m.full_name, given) for m, _v, given, _w in page.context["rows"]] == [
        ("Nguyễn Văn An a", 200_000),
        ("Trần Văn Bảo", 0),
        ("Phạm Thị Chi", 0),
    ]
    data = {"date": "12/05/2025", f"a{funds.member_a.pk}": "50.000", f"a{second.pk}": "70000"}
    response = client.post(path, data, follow=True)
    assert "Đã ghi 2 khoản ủng hộ của Tổ Văn phòng, cộng 120.000đ." in response.content.decode()
    assert funds.drive_a.contributions.count() == 4


def test_a_bad_cell_in_the_grid_saves_nothing_and_names_the_member(client, funds, users):
    tree = funds.tree
    second = MemberFactory(organisation=tree.group_a1, full_name="Trần Văn Bảo")
    client.force_login(users.accountant)
    path = url("contribution_grid", pk("drive_a"), group=lambda f: tree.group_a1.pk)(funds)
    before = snapshot()
    for cells, error in [
        ({f"a{funds.member_a.pk}": "50.000", f"a{second.pk}": "7 chục"}, "Trần Văn Bảo: nhập số"),
        ({f"a{second.pk}": "0"}, "Trần Văn Bảo: số tiền phải lớn hơn 0"),
        ({f"a{funds.member_a.pk}": "1", f"a{funds.member_b.pk}": "2"}, "không có trong bảng"),
        ({}, "Chưa nhập khoản ủng hộ nào."),
    ]:
        response = client.post(path, {"date": "12/05/2025", **cells})
        html = response.content.decode()
        assert response.status_code == 200 and error in html
        # What was typed in the grid's cells is shown again.
        shown = {f"a{m.pk}": value for m, value, _g, _w in response.context["rows"] if value}
        assert shown == {k: v for k, v in cells.items() if k != f"a{funds.member_b.pk}"}
    response = client.post(path, {"date": "31/02/2025", f"a{second.pk}": "50.000"})
    assert "Ngày nhận: ngày không hợp lệ" in response.content.decode()
    assert snapshot() == before


def test_deleting_a_drive_with_entries_says_why_and_an_empty_one_goes(client, funds, users):
    client.force_login(users.accountant)
    path = url("drive_delete", pk("drive_a"))(funds)
    response = client.post(path, follow=True)
    assert "Không xóa được: cuộc vận động đã có 2 khoản ủng hộ" in response.content.decode()
    response = client.get(path, follow=True)
    assert "xóa các khoản đó trước khi xóa" in response.content.decode()
    assert Drive.objects.filter(pk=funds.drive_a.pk).exists()
    confirm = client.get(url("drive_delete", pk("empty_a"))(funds))
    assert "Xóa hẳn" in confirm.content.decode()
    client.post(url("drive_delete", pk("empty_a"))(funds))
    assert not Drive.objects.filter(pk=funds.empty_a.pk).exists()


def test_entries_are_deleted_after_confirmation_and_a_refusal_is_explained(client, funds, users):
    client.force_login(users.accountant)
    path = url("contribution_delete", pk("drive_a"), pk("group_gift_a"))(funds)
    assert "Xóa hẳn khoản này" in client.get(path).content.decode()
    # 1.000.000đ back would leave 200.000đ collected against 800.000đ passed on.
    response = client.post(path, follow=True)
    assert "Không xóa được" in response.content.decode()
    assert DriveContribution.objects.filter(pk=funds.group_gift_a.pk).exists()
    client.post(url("forward_delete", pk("drive_a"), pk("forward_a"))(funds))
    client.post(path)
    assert not DriveContribution.objects.filter(pk=funds.group_gift_a.pk).exists()
    assert not DriveForward.objects.filter(pk=funds.forward_a.pk).exists()


# --- the table of drives by year -------------------------------------------------------------


@pytest.fixture
def years(funds, users):
    """Branch A, by hand (on top of the fixture's 2025 drive: 1.200.000 in, 800.000 out):
    Ngày vì người nghèo 2023: 3.000.000 in, 3.000.000 out; 2024: nothing entered.
    Quỹ Mái ấm Công đoàn 2024: 500.000 + 250.000 in, 600.000 out.
    Vì Trường Sa - Hoàng Sa 2025: the fixture's empty drive.
    Branch B's drives never show."""
    a, actor = funds.a.org, users.accountant
    poor_2023 = drive(a, actor, year=2023)
    give(poor_2023, 3_000_000, actor=actor, group=funds.tree.group_a1, day=date(2023, 10, 1))
    forward(poor_2023, 3_000_000, actor=actor, day=date(2023, 11, 1))
    drive(a, actor, year=2024)
    home = drive(a, actor, name="Quỹ Mái ấm Công đoàn", year=2024)
    give(home, 500_000, actor=actor, member=funds.member_a, day=date(2024, 8, 1))
    give(home, 250_000, actor=actor, member=funds.other_a, day=date(2024, 8, 2))
    forward(home, 600_000, actor=actor, day=date(2024, 9, 1))
    give(funds.drive_b, 9_000_000, actor=users.officer_b, member=funds.member_b)
    return funds


def test_the_table_by_year_holds_hand_computed_figures(years):
    table = drive_selectors.drive_table(years.a.org, 2023, 2025)
    assert table.years == [2023, 2024, 2025]
    # Rows by name in Vietnamese alphabetical order, one per name across the years.
    assert [(r.name, r.collected, r.forwarded) for r in table.rows] == [
        ("Ngày vì người nghèo", [3_000_000, 0, 1_200_000], [3_000_000, 0, 800_000]),
        ("Quỹ Mái ấm Công đoàn", [0, 750_000, 0], [0, 600_000, 0]),
        ("Vì Trường Sa - Hoàng Sa", [0, 0, 0], [0, 0, 0]),
    ]
    assert table.collected == [3_000_000, 750_000, 1_200_000]
    assert (table.total_collected, table.total_forwarded) == (4_950_000, 4_400_000)
    # A narrower range leaves the other years out.
    assert [r.name for r in drive_selectors.drive_table(years.a.org, 2023, 2023).rows] == [
        "Ngày vì người nghèo"
    ]


def test_the_table_page_and_its_range(client, years, users):
    client.force_login(users.upper_viewer)
    path = url("drive_table", org=org_a)(years)
    response = client.get(path + "&from=2023&to=2025")
    assert response.context["table"].total_collected == 4_950_000
    assert "4.950.000đ" in response.content.decode()
    # Reversed bounds are swapped; a range is capped at MAX_YEARS years.
    assert client.get(path + "&from=2025&to=2023").context["table"].years == [2023, 2024, 2025]
    assert len(client.get(path + "&from=2000&to=2025").context["table"].years) == 6
    default = client.get(path).context["table"].years
    assert default == list(range(date.today().year - 4, date.today().year + 1))


def test_the_table_xlsx_reads_back_as_numbers(client, years, users):
    client.force_login(users.accountant)
    response = client.get(url("drive_table_xlsx", org=org_a, **{"from": 2023, "to": 2025})(years))
    assert response["Content-Disposition"] == 'attachment; filename="van-dong-quy-2023-2025.xlsx"'
    sheet = load_workbook(BytesIO(response.content)).active
    rows = {row[1]: row for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert rows["Ngày vì người nghèo"][2:10] == (
        3_000_000,
        3_000_000,
        0,
        0,
        1_200_000,
        800_000,
        4_200_000,
        3_800_000,
    )
    assert rows["Tổng cộng"][8:10] == (4_950_000, 4_400_000)


def test_the_table_pdf_is_the_document_with_its_figures(client, years, users):
    from pypdf import PdfReader

    client.force_login(users.accountant)
    response = client.get(url("drive_table_pdf", org=org_a, **{"from": 2023, "to": 2025})(years))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pages = PdfReader(BytesIO(response.content)).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    for expected in ("BÁO CÁO", "CĐCS TRƯỜNG A", "Quỹ Mái ấm Công đoàn", "750.000", "4.950.000đ"):
        assert expected in text
    # A column per year: the page is turned.
    assert all(page.mediabox.width > page.mediabox.height for page in pages)


def test_drive_money_never_enters_the_books(fin, users):
    """A drive's contributions and forwards are no vouchers: the summary is unchanged."""
    org = fin.a.org
    before = selectors.finance_summary(org, date(2025, 1, 1), date(2025, 12, 31))
    vouchers = Voucher.objects.count()
    d = drive(org, users.accountant)
    give(d, 5_000_000, actor=users.accountant, group=fin.tree.group_a1)
    forward(d, 4_000_000, actor=users.accountant)
    after = selectors.finance_summary(org, date(2025, 1, 1), date(2025, 12, 31))
    assert Voucher.objects.count() == vouchers
    assert (after.opening, after.total_income, after.total_spending, after.closing) == (
        before.opening,
        before.total_income,
        before.total_spending,
        before.closing,
    )


# --- loans -----------------------------------------------------------------------------------


def test_repaid_before_borrowed_is_refused(funds, users):
    with pytest.raises(ValidationError) as error:
        loans.loan_repay(loan=funds.loan_a, day=date(2024, 2, 29), actor=users.accountant)
    assert "date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        loan(funds.a.org, funds.member_a, users.accountant, repaid_on=date(2024, 1, 1))
    assert "repaid_on" in error.value.message_dict
    funds.loan_a.refresh_from_db()
    assert funds.loan_a.repaid_on is None


def test_a_loan_is_repaid_once(funds, users):
    loans.loan_repay(loan=funds.loan_a, day=date(2025, 6, 1), actor=users.accountant)
    funds.loan_a.refresh_from_db()
    assert funds.loan_a.repaid_on == date(2025, 6, 1)
    assert funds.loan_a.history.first().history_user == users.accountant
    with pytest.raises(ValidationError, match="đã được ghi trả hết ngày 01/06/2025"):
        loans.loan_repay(loan=funds.loan_a, day=date(2025, 7, 1), actor=users.accountant)


def test_a_loan_of_a_member_of_another_branch_is_refused(funds, users):
    with pytest.raises(ValidationError) as error:
        loan(funds.a.org, funds.member_b, users.accountant)
    assert "member" in error.value.message_dict


def test_the_loan_form_offers_only_the_branchs_members(client, funds, users):
    client.force_login(users.accountant)
    path = url("loan_create", org=org_a)(funds)
    data = {
        "member": funds.member_b.pk,
        "lender": "Ngân hàng Chính sách xã hội",
        "amount": "20.000.000",
        "borrowed_on": "01/02/2025",
        "repaid_on": "01/01/2025",
    }
    response = client.post(path, data)
    html = response.content.decode()
    assert "Đoàn viên vay: chọn một đoàn viên của đơn vị." in html
    assert 'value="20.000.000"' in html
    response = client.post(path, {**data, "member": funds.member_a.pk})
    assert "Ngày trả không được trước ngày vay." in response.content.decode()
    response = client.post(path, {**data, "member": funds.member_a.pk, "repaid_on": ""})
    assert response.status_code == 302
    created = Loan.objects.get(organisation=funds.a.org, amount=20_000_000)
    assert created.member == funds.member_a


def test_the_repay_page_records_the_day_or_names_the_error(client, funds, users):
    client.force_login(users.accountant)
    path = url("loan_repay", pk("loan_a"))(funds)
    response = client.post(path, {"date": "01/01/2024"})
    assert "Ngày trả hết: không được trước ngày vay (01/03/2024)." in response.content.decode()
    response = client.post(path, {"date": "15/06/2025"})
    assert response["Location"] == url("loan_list", org=org_a)(funds)
    funds.loan_a.refresh_from_db()
    assert funds.loan_a.repaid_on == date(2025, 6, 15)


def test_the_loan_list_filters_searches_and_totals(client, funds, users):
    a = funds.a.org
    MemberFactory(organisation=funds.tree.group_a2, full_name="Đặng Thị Hoa")
    overdue = loan(a, funds.other_a, users.accountant, amount=5_000_000)
    Loan.objects.filter(pk=overdue.pk).update(due_on=date(2020, 1, 1))
    client.force_login(users.inspector)
    path = url("loan_list", org=org_a)(funds)

    def names(query=""):
        page = client.get(path + query).context["page"]
        return sorted(loan.member.full_name for loan in page.object_list)

    assert names() == ["Lê Thị Cúc a", "Nguyễn Văn An a"]  # outstanding by default
    assert names("&state=repaid") == ["Lê Thị Cúc a"]
    assert names("&state=all") == ["Lê Thị Cúc a", "Lê Thị Cúc a", "Nguyễn Văn An a"]
    assert names("&state=all&q=le thi cuc") == ["Lê Thị Cúc a", "Lê Thị Cúc a"]
    assert names("&q=Bình") == []
    response = client.get(path)
    branch = response.context["branch"]
    assert (branch.outstanding_count, branch.outstanding, branch.overdue_count) == (
        2,
        35_000_000,
        1,
    )
    assert "Quá hạn" in response.content.decode()


def test_the_loan_xlsx_holds_the_selection(client, funds, users):
    client.force_login(users.accountant)
    response = client.get(url("loan_xlsx", org=org_a, state="all")(funds))
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    # Newest first: both were borrowed the same day, the repaid one was entered last.
    assert [(r[1], r[4], r[7]) for r in rows[:-1]] == [
        ("Lê Thị Cúc a", 30_000_000, "15/01/2025"),
        ("Nguyễn Văn An a", 30_000_000, None),
    ]
    assert rows[-1][1:5] == ("Cộng", None, None, 60_000_000)
    outstanding = load_workbook(
        BytesIO(client.get(url("loan_xlsx", org=org_a)(funds)).content)
    ).active
    assert outstanding.max_row == 5  # title, blank, header, one loan, total


def test_a_loan_is_deleted_after_confirmation(client, funds, users):
    client.force_login(users.accountant)
    path = url("loan_delete", pk("loan_a"))(funds)
    assert "Xóa hẳn khoản vay này?" in client.get(path).content.decode()
    client.post(path)
    assert not Loan.objects.filter(pk=funds.loan_a.pk).exists()


# --- query counts ----------------------------------------------------------------------------


def add_rows(f, actor, n: int) -> None:
    """n more drives, contributions, forwards and loans in branch A."""
    a = f.a.org
    start = Drive.objects.filter(organisation=a).count()
    for i in range(n):
        d = drive(a, actor, name=f"Cuộc vận động {start + i}")
        member = MemberFactory(organisation=f.tree.group_a1)
        give(d, 100_000, actor=actor, member=member)
        give(f.drive_a, 10_000 + i, actor=actor, member=member)
        give(f.drive_a, 20_000 + i, actor=actor, group=f.tree.group_a2)
        forward(f.drive_a, 1_000, actor=actor)
        loan(a, member, actor)


@pytest.mark.parametrize(
    "page",
    [
        lambda f: url("drive_list", org=org_a, year="2025")(f),
        lambda f: url("drive_detail", pk("drive_a"))(f),
        lambda f: url("drive_detail", pk("drive_a"))(f) + "?page=2",
        lambda f: url("drive_table", org=org_a)(f),
        lambda f: url("loan_list", org=org_a, state="all")(f),
        lambda f: url("contribution_grid", pk("drive_a"), group=lambda f: f.tree.group_a1.pk)(f),
    ],
)
def test_drive_and_loan_pages_query_count_does_not_grow_with_rows(page, client, funds, users):
    add_rows(funds, users.accountant, 60)  # more than a page of the drive's contributions
    client.force_login(users.accountant)
    before = count_queries(client, page(funds))
    add_rows(funds, users.accountant, 30)
    assert count_queries(client, page(funds)) == before


# --- demo ------------------------------------------------------------------------------------


def test_the_demo_enters_drives_and_loans_once(tree, users):
    branch = tree.branch_a
    extra = make_org(Organisation.Kind.GROUP, parent=branch, name="Tổ Lý")
    for group in (tree.group_a1, tree.group_a2, extra):
        for _i in range(3):
            MemberFactory(organisation=group)
    today = date(2026, 3, 15)
    assert drives.demo_drives(branch, users.accountant, today=today) == 9
    assert loans.demo_loans(branch, users.accountant, today=today) == 6
    table = drive_selectors.drive_table(branch, 2024, 2026)
    assert len(table.rows) == 3 and all(table.collected)
    assert DriveContribution.objects.filter(member__isnull=False).exists()
    assert DriveContribution.objects.filter(group__isnull=False).exists()
    assert all(d.held >= 0 for d in drive_selectors.with_totals(Drive.objects.all()))
    assert not DriveContribution.objects.filter(date__gt=today).exists()
    assert drives.demo_drives(branch, users.accountant, today=today) == 0
    assert loans.demo_loans(branch, users.accountant, today=today) == 0
