"""Dues pages: the group's collection grid, the branch's arrears and remittance, a member's
own year."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from finance.dues import services as dues_services
from finance.ledger import services
from finance.models import Account, DuesPayment, DuesRule, Voucher
from members.models import Member, MemberEvent
from members.registry import services as member_services
from tests.factories import MemberFactory
from tests.finance.pages import org_a, url
from tests.pages import count_queries

pytestmark = pytest.mark.django_db

YEAR = 2025


@pytest.fixture
def dues(tree, users, member_a):
    """Branch A in 2025: 1% of the salary (capped at 10% of 2.340.000đ), 20.000đ without one.

    An (A1, salary 5.000.000đ) owes 50.000đ a month, Bình (A1, no salary) 20.000đ, Cúc (A2,
    salary 3.000.000đ) 30.000đ; Dũng (A1) retired in 2020 and owes nothing; Hà is in branch B.
    """
    DuesRule.objects.create(
        effective_from=date(2024, 1, 1),
        rate=Decimal("1"),
        cap_percent=Decimal("10"),
        base_salary=2_340_000,
        flat_amount=20_000,
        kept_dues_percent=Decimal("60"),
        kept_kpcd_percent=Decimal("75"),
    )
    Member.objects.filter(pk=member_a.pk).update(salary_basis=5_000_000)
    member_a.refresh_from_db()
    dung = MemberFactory(organisation=tree.group_a1, full_name="Hoàng Văn Dũng")
    member_services.member_end(
        member=dung, kind=MemberEvent.Kind.RETIRED, day=date(2020, 1, 1), actor=None
    )
    return type(
        "Dues",
        (),
        {
            "tree": tree,
            "users": users,
            "an": member_a,
            "binh": MemberFactory(organisation=tree.group_a1, full_name="Trần Thị Bình"),
            "cuc": MemberFactory(
                organisation=tree.group_a2, full_name="Lê Thị Cúc", salary_basis=3_000_000
            ),
            "dung": dung,
            "ha": MemberFactory(organisation=tree.group_b1, full_name="Phạm Thị Hà"),
            "cash": services.account_save(
                account=Account(
                    organisation=tree.branch_a,
                    kind=Account.Kind.CASH,
                    name="Quỹ tiền mặt",
                    opening_balance=0,
                    opening_date=date(2025, 1, 1),
                ),
                actor=users.accountant,
            ),
        },
    )


def grid_url(group, year=YEAR) -> str:
    return f"{reverse('finance:dues_grid')}?group={group.pk}&year={year}"


def arrears_url(d, **query) -> str:
    params = "".join(f"&{k}={v}" for k, v in query.items())
    return f"{reverse('finance:dues_arrears')}?org={d.tree.branch_a.pk}&year={YEAR}{params}"


def cells(d, entries: dict, **extra) -> dict:
    """The grid's POST: {(member, month): "amount"} plus the receipt's fields."""
    data = {f"m{m.pk}_{month}": amount for (m, month), amount in entries.items()}
    return {"account": d.cash.pk, "day": "15/03/2025", "control_total": "", **data, **extra}


def collect(d, entries: dict, *, post: bool) -> Voucher:
    voucher = dues_services.dues_collect(
        organisation=d.tree.branch_a,
        group=d.tree.group_a1,
        account=d.cash,
        day=date(2025, 3, 15),
        payments=[(m, YEAR, month, amount) for (m, month), amount in entries.items()],
        control_total=None,
        actor=d.users.accountant,
    )
    if post:
        services.voucher_post(voucher=voucher, actor=d.users.accountant)
    return voucher


# --- the grid --------------------------------------------------------------------------------


def test_grid_lists_the_groups_active_members_with_their_expected_dues(client, dues):
    client.force_login(dues.users.accountant)
    page = client.get(grid_url(dues.tree.group_a1)).content.decode()
    assert "Nguyễn Văn An" in page and "Trần Thị Bình" in page
    assert "Hoàng Văn Dũng" not in page  # retired
    assert "Lê Thị Cúc" not in page  # another group
    assert 'placeholder="50.000"' in page and 'placeholder="20.000"' in page
    assert f'name="m{dues.an.pk}_12"' in page


def test_saving_the_grid_creates_one_draft_receipt_for_the_batch(client, dues):
    client.force_login(dues.users.accountant)
    data = cells(
        dues,
        {(dues.an, 1): "50.000", (dues.an, 2): "50000", (dues.binh, 1): "20.000đ"},
        control_total="120.000",
    )
    response = client.post(grid_url(dues.tree.group_a1), data)
    voucher = Voucher.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("finance:voucher_detail", args=[voucher.pk])
    assert voucher.state == Voucher.State.DRAFT
    assert voucher.kind == Voucher.Kind.RECEIPT
    assert (voucher.amount, voucher.account, voucher.date) == (
        120_000,
        dues.cash,
        date(2025, 3, 15),
    )
    assert sorted(
        DuesPayment.objects.filter(voucher=voucher).values_list("member", "year", "month", "amount")
    ) == sorted(
        [
            (dues.an.pk, YEAR, 1, 50_000),
            (dues.an.pk, YEAR, 2, 50_000),
            (dues.binh.pk, YEAR, 1, 20_000),
        ]
    )
    # The pending months are shown as such and not offered again.
    page = client.get(grid_url(dues.tree.group_a1)).content.decode()
    assert f'name="m{dues.an.pk}_1"' not in page
    assert f'name="m{dues.an.pk}_3"' in page


def test_a_wrong_control_total_redisplays_the_entries_and_saves_nothing(client, dues):
    client.force_login(dues.users.accountant)
    data = cells(dues, {(dues.an, 1): "50.000", (dues.binh, 1): "20.000"}, control_total="60.000")
    response = client.post(grid_url(dues.tree.group_a1), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tổng kiểm tra 60.000đ khác tổng đã nhập 70.000đ." in page
    assert f'name="m{dues.an.pk}_1" value="50.000"' in page
    assert not Voucher.objects.exists() and not DuesPayment.objects.exists()


def test_paid_months_cannot_be_collected_twice(client, dues):
    collect(dues, {(dues.an, 1): 50_000}, post=True)
    client.force_login(dues.users.accountant)
    page = client.get(grid_url(dues.tree.group_a1)).content.decode()
    assert "bi-check-lg" in page and f'name="m{dues.an.pk}_1"' not in page
    response = client.post(grid_url(dues.tree.group_a1), cells(dues, {(dues.an, 1): "50.000"}))
    assert "tháng 1/2025: đã thu đủ hoặc không phải nộp" in response.content.decode()
    assert Voucher.objects.count() == 1


def test_an_empty_grid_or_a_bad_amount_is_refused(client, dues):
    client.force_login(dues.users.accountant)
    response = client.post(grid_url(dues.tree.group_a1), cells(dues, {}))
    assert "Chưa nhập khoản đoàn phí nào." in response.content.decode()
    response = client.post(grid_url(dues.tree.group_a1), cells(dues, {(dues.an, 1): "50,5"}))
    assert "Nguyễn Văn An, tháng 1/2025: nhập số đồng nguyên" in response.content.decode()
    assert not Voucher.objects.exists()


def test_group_leader_collects_in_their_group_and_stays_on_the_grid(client, dues):
    client.force_login(dues.users.group_leader)
    # Without ?group=: their own group.
    assert "Trần Thị Bình" in client.get(reverse("finance:dues_grid")).content.decode()
    response = client.post(grid_url(dues.tree.group_a1), cells(dues, {(dues.binh, 1): "20.000"}))
    # A group leader reads no books: back to the grid, not to the voucher.
    assert response.status_code == 302
    assert response["Location"] == grid_url(dues.tree.group_a1)
    assert Voucher.objects.get().amount == 20_000


def test_group_leader_cannot_open_or_post_another_groups_grid(client, dues):
    client.force_login(dues.users.group_leader)
    assert client.get(grid_url(dues.tree.group_a2)).status_code == 404
    data = cells(dues, {(dues.cuc, 1): "30.000"})
    assert client.post(grid_url(dues.tree.group_a2), data).status_code == 404
    # Cells naming a member of another group, slipped into their own grid.
    response = client.post(grid_url(dues.tree.group_a1), data)
    assert response.status_code == 200
    assert "không có trong bảng này" in response.content.decode()
    assert not Voucher.objects.exists() and not DuesPayment.objects.exists()


def test_an_account_of_another_branch_is_refused(client, dues):
    other = Account.objects.create(
        organisation=dues.tree.branch_b, kind="cash", name="Quỹ B", opening_date=date(2025, 1, 1)
    )
    client.force_login(dues.users.accountant)
    response = client.post(
        grid_url(dues.tree.group_a1), cells(dues, {(dues.an, 1): "50.000"}, account=other.pk)
    )
    assert "chọn một tài khoản của đơn vị" in response.content.decode()
    assert not Voucher.objects.exists()


def test_grid_queries_do_not_grow_with_members(client, dues):
    client.force_login(dues.users.accountant)
    url = grid_url(dues.tree.group_a1)
    before = count_queries(client, url)
    for n in range(5):
        member = MemberFactory(organisation=dues.tree.group_a1, salary_basis=4_000_000 + n)
        collect(dues, {(member, 1): 40_000}, post=n % 2 == 0)
    assert count_queries(client, url) == before


# --- arrears ---------------------------------------------------------------------------------


def test_arrears_show_hand_computed_amounts(client, dues):
    collect(dues, {(dues.an, 1): 50_000, (dues.an, 2): 50_000}, post=True)
    collect(dues, {(dues.binh, 1): 20_000}, post=False)
    client.force_login(dues.users.inspector)
    response = client.get(arrears_url(dues))
    rows = {
        d.member.full_name: (months, d.owed, pending)
        for d, months, pending in response.context["rows"]
    }
    # An: 12 × 50.000 − 100.000 posted; Bình: 12 × 20.000, the draft only pending; Cúc: 12 × 30.000.
    assert rows == {
        "Nguyễn Văn An": ("3–12", 500_000, 0),
        "Trần Thị Bình": ("1–12", 240_000, 20_000),
        "Lê Thị Cúc": ("1–12", 360_000, 0),
    }
    assert response.context["total_owed"] == 1_100_000
    assert response.context["total_pending"] == 20_000
    assert "1.100.000đ" in response.content.decode()
    # The same list as Excel, amounts as numbers.
    xlsx = client.get(arrears_url(dues).replace("/no/", "/no.xlsx"))
    sheet = load_workbook(BytesIO(xlsx.content)).active
    table = {row[1]: row[3:] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert table["Nguyễn Văn An"] == ("3–12", 500_000, None)
    assert table["Trần Thị Bình"] == ("1–12", 240_000, 20_000)
    assert table["Cộng"][1:] == (1_100_000, 20_000)


def test_arrears_of_one_group_and_of_a_member_who_left_mid_year(client, dues):
    member_services.member_end(
        member=dues.cuc, kind=MemberEvent.Kind.LEFT, day=date(2025, 4, 1), actor=None
    )
    client.force_login(dues.users.accountant)
    response = client.get(arrears_url(dues, group=dues.tree.group_a2.pk))
    rows = [(d.member.full_name, months, d.owed) for d, months, _p in response.context["rows"]]
    assert rows == [("Lê Thị Cúc", "1–3", 90_000)]
    other_branch = arrears_url(dues, group=dues.tree.group_b1.pk)
    assert client.get(other_branch).status_code == 404


def test_arrears_queries_do_not_grow_with_members(client, dues):
    client.force_login(dues.users.accountant)
    url = arrears_url(dues)
    before = count_queries(client, url)
    for n in range(5):
        member = MemberFactory(organisation=dues.tree.group_a2, salary_basis=4_000_000 + n)
        collect_group = dues.tree.group_a2
        dues_services.dues_collect(
            organisation=dues.tree.branch_a,
            group=collect_group,
            account=dues.cash,
            day=date(2025, 3, 15),
            payments=[(member, YEAR, 1, 40_000)],
            control_total=None,
            actor=dues.users.accountant,
        )
    assert count_queries(client, url) == before


def test_month_ranges():
    from finance.dues.branch_views import month_ranges

    assert month_ranges([1, 2, 3, 5, 7, 8]) == "1–3, 5, 7–8"
    assert month_ranges([12]) == "12"
    assert month_ranges([]) == ""


# --- a member's own dues ---------------------------------------------------------------------


def test_member_sees_their_own_months(client, dues):
    collect(dues, {(dues.an, 1): 50_000}, post=True)
    collect(dues, {(dues.an, 2): 50_000}, post=False)
    client.force_login(dues.users.member)
    response = client.get(f"{reverse('finance:my_dues')}?year={YEAR}")
    months = {c.month: (c.expected, c.paid, c.pending) for c in response.context["months"]}
    assert months[1] == (50_000, 50_000, 0)
    assert months[2] == (50_000, 0, 50_000)
    assert months[12] == (50_000, 0, 0)
    page = response.content.decode()
    assert "Nguyễn Văn An" in page and "Còn nợ 550.000đ" in page
    assert "Trần Thị Bình" not in page


def test_my_dues_without_a_linked_member_is_404(client, dues):
    client.force_login(dues.users.accountant)
    assert client.get(reverse("finance:my_dues")).status_code == 404


def test_remittance_page_states_the_due_and_drafts_the_payment(client, fin, users):
    from decimal import Decimal

    from finance.models import DuesRule

    DuesRule.objects.create(
        effective_from=date(2025, 1, 1),
        rate=Decimal("1"),
        base_salary=2_340_000,
        kept_dues_percent=Decimal("60"),
        kept_kpcd_percent=Decimal("75"),
    )
    client.force_login(users.accountant)
    path = url("remittance", org=org_a)(fin) + "&from=01/01/2025&to=31/03/2025"
    report = client.get(path).context["report"]
    # Branch A receipted 2.000.000đ of dues (T01) in March: 40% goes upward.
    assert (report.collected, report.due, report.outstanding) == (2_000_000, 800_000, 800_000)
    response = client.post(
        path, {"account": fin.a.cash.pk, "date": "20/04/2025", "amount": "800.000"}
    )
    voucher = Voucher.objects.get(category__code="C07", state="draft")
    assert response["Location"] == reverse("finance:voucher_detail", args=[voucher.pk])
    assert voucher.amount == 800_000 and voucher.kind == "payment"
