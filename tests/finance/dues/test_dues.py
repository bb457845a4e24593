"""Expected dues against hand-computed figures: rule changes, salary changes, mid-year moves."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from finance.dues.selectors import expected_dues, monthly_dues
from finance.models import DuesRule, SalaryBasis
from members.models import MemberEvent
from members.registry import services
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

YEAR = 2024


@pytest.fixture
def rules(tree):
    """1% of the salary capped at 10% of 1.800.000đ; from 01/07/2024 the base salary is
    2.340.000đ; members without a salary pay 20.000đ."""
    common = {"rate": Decimal("1"), "cap_percent": Decimal("10"), "flat_amount": 20_000}
    shares = {"kept_dues_percent": Decimal("60"), "kept_kpcd_percent": Decimal("75")}
    DuesRule.objects.create(
        effective_from=date(2023, 7, 1), base_salary=1_800_000, **common, **shares
    )
    DuesRule.objects.create(
        effective_from=date(2024, 7, 1), base_salary=2_340_000, **common, **shares
    )
    return tree


def test_monthly_dues_take_the_rate_the_cap_or_the_flat_amount():
    rule = DuesRule(
        rate=Decimal("1"),
        cap_percent=Decimal("10"),
        base_salary=2_340_000,
        flat_amount=20_000,
        kept_dues_percent=Decimal("60"),
        kept_kpcd_percent=Decimal("75"),
    )
    assert monthly_dues(rule, 5_000_000) == 50_000
    assert monthly_dues(rule, 30_000_000) == 234_000  # capped at 10% of 2.340.000đ
    assert monthly_dues(rule, 4_567_850) == 45_679  # rounded half up to the đồng
    assert monthly_dues(rule, None) == monthly_dues(rule, 0) == 20_000
    rule.cap_percent = None
    assert monthly_dues(rule, 30_000_000) == 300_000


def test_a_base_salary_change_mid_year_moves_the_cap(rules):
    high = MemberFactory(organisation=rules.group_a1, salary_basis=30_000_000)
    owed = expected_dues([high], rules.branch_a, YEAR)[high.pk]
    assert [owed[m] for m in range(1, 13)] == [180_000] * 6 + [234_000] * 6


def test_a_salary_change_counts_from_its_month(rules):
    member = MemberFactory(organisation=rules.group_a1, salary_basis=6_000_000)
    SalaryBasis.objects.create(member=member, effective_from=date(2024, 5, 1), amount=5_000_000)
    owed = expected_dues([member], rules.branch_a, YEAR)[member.pk]
    # Before the first entry, the profile's salary basis.
    assert [owed[m] for m in (1, 4, 5, 12)] == [60_000, 60_000, 50_000, 50_000]


def test_members_owe_only_the_months_they_belonged(rules):
    joined = MemberFactory(
        organisation=rules.group_a1, salary_basis=5_000_000, joined_on=date(2024, 4, 20)
    )
    retired = MemberFactory(organisation=rules.group_a1, salary_basis=5_000_000)
    services.member_end(
        member=retired, kind=MemberEvent.Kind.RETIRED, day=date(2024, 9, 1), actor=None
    )
    left_and_back = MemberFactory(organisation=rules.group_a1, salary_basis=5_000_000)
    services.member_end(
        member=left_and_back, kind=MemberEvent.Kind.LEFT, day=date(2024, 2, 1), actor=None
    )
    services.member_reinstate(
        member=left_and_back, organisation=rules.group_a1, day=date(2024, 11, 5), actor=None
    )
    owed = expected_dues([joined, retired, left_and_back], rules.branch_a, YEAR)
    assert sorted(owed[joined.pk]) == list(range(4, 13))
    assert sorted(owed[retired.pk]) == list(range(1, 9))
    assert sorted(owed[left_and_back.pk]) == [1, 11, 12]


def test_a_branch_rule_replaces_the_installation_rule_from_its_date(rules):
    DuesRule.objects.create(
        organisation=rules.branch_a,
        effective_from=date(2024, 10, 1),
        rate=Decimal("0.5"),
        cap_percent=None,
        base_salary=2_340_000,
        kept_dues_percent=Decimal("70"),
        kept_kpcd_percent=Decimal("75"),
    )
    member = MemberFactory(organisation=rules.group_a1, salary_basis=8_000_000)
    other = MemberFactory(organisation=rules.group_b1, salary_basis=8_000_000)
    assert expected_dues([member], rules.branch_a, YEAR)[member.pk][9] == 80_000
    assert expected_dues([member], rules.branch_a, YEAR)[member.pk][10] == 40_000
    assert expected_dues([other], rules.branch_b, YEAR)[other.pk][10] == 80_000


def test_no_rule_yet_means_nothing_expected(rules):
    member = MemberFactory(organisation=rules.group_a1, salary_basis=5_000_000)
    assert expected_dues([member], rules.branch_a, 2022)[member.pk] == {}


def test_expected_dues_take_three_queries_whatever_the_number_of_members(rules):
    members = [
        MemberFactory(organisation=rules.group_a2, salary_basis=5_000_000 + i) for i in range(30)
    ]
    with CaptureQueriesContext(connection) as few:
        expected_dues(members[:3], rules.branch_a, YEAR)
    with CaptureQueriesContext(connection) as many:
        expected_dues(members, rules.branch_a, YEAR)
    assert len(few.captured_queries) == len(many.captured_queries) == 3


# --- collection and arrears -------------------------------------------------------------------


@pytest.fixture
def cash(rules):
    from finance.models import Account

    return Account.objects.create(
        organisation=rules.branch_a, kind="cash", name="Tiền mặt", opening_date=date(2024, 1, 1)
    )


def collect(tree, cash, payments, control=None):
    from finance.dues import services as dues_services

    return dues_services.dues_collect(
        organisation=tree.branch_a,
        group=tree.group_a1,
        account=cash,
        day=date(2024, 3, 15),
        payments=payments,
        control_total=control,
        actor=None,
    )


def test_collecting_a_group_makes_one_draft_receipt_and_the_payments_behind_it(rules, cash):
    an = MemberFactory(organisation=rules.group_a1, full_name="An", salary_basis=5_000_000)
    binh = MemberFactory(organisation=rules.group_a1, full_name="Bình", salary_basis=6_000_000)
    voucher = collect(
        rules,
        cash,
        [(an, YEAR, 1, 50_000), (an, YEAR, 2, 50_000), (binh, YEAR, 1, 60_000)],
        160_000,
    )
    assert (voucher.state, voucher.amount, voucher.category.code) == ("draft", 160_000, "T01")
    assert "tháng 1/2024, 2/2024" in voucher.description
    assert voucher.dues_payments.count() == 3


@pytest.mark.parametrize(
    ("make_payments", "control", "message"),
    [
        (lambda t, a, b: [(a, YEAR, 1, 50_000)], 60_000, "Tổng kiểm tra"),
        (lambda t, a, b: [(b, YEAR, 1, 50_000)], None, "không thuộc Tổ Văn phòng"),
        (lambda t, a, b: [(a, YEAR, 1, 0)], None, "số tiền phải là số đồng dương"),
        (lambda t, a, b: [], None, "Chưa nhập"),
    ],
)
def test_a_wrong_batch_saves_nothing(rules, cash, make_payments, control, message):
    from django.core.exceptions import ValidationError

    from finance.models import DuesPayment, Voucher

    an = MemberFactory(organisation=rules.group_a1, salary_basis=5_000_000)
    outsider = MemberFactory(organisation=rules.group_a2, salary_basis=5_000_000)
    with pytest.raises(ValidationError, match=message):
        collect(rules, cash, make_payments(rules, an, outsider), control)
    assert not Voucher.objects.exists() and not DuesPayment.objects.exists()


def test_arrears_count_posted_receipts_and_show_drafts_apart(rules, cash):
    from finance.dues.selectors import dues_of_year
    from finance.ledger import services

    an = MemberFactory(
        organisation=rules.group_a1, salary_basis=5_000_000, joined_on=date(2024, 10, 3)
    )
    posted = collect(rules, cash, [(an, YEAR, 10, 50_000)])
    services.voucher_post(voucher=posted, actor=None)
    collect(rules, cash, [(an, YEAR, 11, 50_000)])  # still a draft
    (year,) = dues_of_year([an], rules.branch_a, YEAR)
    assert year.expected == {10: 50_000, 11: 50_000, 12: 50_000}
    assert (year.paid, year.pending) == ({10: 50_000}, {11: 50_000})
    assert year.owed == 100_000 and year.months_owed == [11, 12]


def test_a_reversed_dues_receipt_no_longer_counts_and_a_batch_amount_is_not_edited(rules, cash):
    from django.core.exceptions import ValidationError

    from finance.dues.selectors import dues_of_year
    from finance.ledger import services

    an = MemberFactory(organisation=rules.group_a1, salary_basis=5_000_000)
    voucher = collect(rules, cash, [(an, YEAR, 3, 50_000)])
    with pytest.raises(ValidationError, match="tổng các khoản"):
        services.voucher_update(voucher=voucher, actor=None, amount=10)
    posted = services.voucher_post(voucher=voucher, actor=None)
    assert dues_of_year([an], rules.branch_a, YEAR)[0].paid == {3: 50_000}
    services.voucher_reverse(voucher=posted, day=date(2024, 3, 20), actor=None)
    assert dues_of_year([an], rules.branch_a, YEAR)[0].paid == {}


def test_remittance_due_takes_each_months_share_of_dues_and_kpcd_and_what_was_sent(rules, cash):
    from finance.dues.selectors import remittance_due
    from finance.ledger import services
    from finance.models import Category

    def receipt(day, amount, code="T01", kind="receipt"):
        voucher = services.voucher_create(
            organisation=rules.branch_a,
            actor=None,
            kind=kind,
            date=day,
            account=cash,
            category=Category.objects.get(code=code),
            amount=amount,
            description="x",
        )
        return services.voucher_post(voucher=voucher, actor=None)

    # The branch keeps 60% until September, 70% from October (its own rule).
    DuesRule.objects.create(
        organisation=rules.branch_a,
        effective_from=date(2024, 10, 1),
        rate=Decimal("1"),
        base_salary=2_340_000,
        kept_dues_percent=Decimal("70"),
        kept_kpcd_percent=Decimal("75"),
    )
    receipt(date(2024, 9, 5), 1_000_000)
    wrong = receipt(date(2024, 9, 6), 500_000)
    services.voucher_reverse(voucher=wrong, day=date(2024, 9, 7), actor=None)
    receipt(date(2024, 10, 5), 2_000_000)
    receipt(date(2024, 10, 6), 777, code="T02")  # allocated by the upper union: not remitted
    receipt(date(2024, 10, 8), 4_000_000, code="T04")  # KPCĐ paid to the branch: 25% goes up
    receipt(date(2024, 10, 20), 300_000, code="C07", kind="payment")  # sent upward
    due = remittance_due(rules.branch_a, date(2024, 9, 1), date(2024, 10, 31))
    assert [(m.collected, m.due, m.kpcd_collected, m.kpcd_due) for m in due.months] == [
        (1_000_000, 400_000, 0, 0),
        (2_000_000, 600_000, 4_000_000, 1_000_000),
    ]
    assert (due.due, due.kpcd_due, due.remitted, due.outstanding) == (
        1_000_000,
        1_000_000,
        300_000,
        1_700_000,
    )
