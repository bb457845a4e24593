"""Charity drives and vouched loans: who may open and change what (one table for both), the
rules of the drives' services, the demo's drives and loans (pages in test_drive_views and
test_loans)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from finance.funds import drive_selectors, drives, loans
from finance.models import Drive, DriveContribution, Loan
from members.models import Organisation
from tests.factories import MemberFactory, make_org
from tests.finance.funds.factories import DAY, drive, forward, give, snapshot
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
from tests.pages import ROLES, expect, unexpected_statuses

pytestmark = pytest.mark.django_db


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
