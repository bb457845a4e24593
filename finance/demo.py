"""Demo books: a cash box and a bank account for the demo branches, with last year's and this
year's vouchers, entered through finance.ledger.services as an accountant would, last year closed.

Called by `seed_demo` after the members; does nothing when the demo branches already have
accounts, so it is safe to run again.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from members.models import Member, Organisation

from .dues import services as dues_services
from .dues.selectors import expected_dues
from .funds.budgets import demo_budget
from .funds.drives import demo_drives
from .funds.loans import demo_loans
from .ledger import services
from .models import Account, Category, DuesRule, Voucher

BRANCHES = ("DEMO-DHDK", "DEMO-SNV")  # the university's and the home-affairs department's
SEED = 2026
BY_GROUP = "DEMO-SNV"


def _categories() -> dict[str, Category]:
    return {c.code: c for c in Category.objects.all()}


def _voucher(org, account, kind, day, code, amount, description, categories, **extra) -> Voucher:
    voucher = services.voucher_create(
        organisation=org,
        actor=None,
        kind=kind,
        date=day,
        account=account,
        category=categories[code],
        amount=amount,
        description=description,
        **extra,
    )
    return services.voucher_post(voucher=voucher, actor=None)


def _collect_dues(org: Organisation, cash: Account, month: date, day: date, rng) -> int:
    """A month of dues collected group by group, as group leaders hand them in; now and then
    a member has not paid yet."""
    count = 0
    for group in Organisation.objects.get_children(org):
        members = list(Member.objects.active().in_subtree(group).order_by("id"))
        owed = expected_dues(members, org, month.year)
        payments = [
            (member, month.year, month.month, owed[member.pk][month.month])
            for member in members
            if owed[member.pk].get(month.month) and rng.random() > 0.08
        ]
        if payments:
            voucher = dues_services.dues_collect(
                organisation=org,
                group=group,
                account=cash,
                day=day,
                payments=payments,
                control_total=None,
                actor=None,
            )
            services.voucher_post(voucher=voucher, actor=None)
            count += 1
    return count


def _branch_books(org: Organisation, today: date, rng: random.Random, by_group: bool) -> int:
    start = date(today.year - 1, 1, 1)
    members = list(Member.objects.active().in_subtree(org).order_by("id")[:200])
    size = Member.objects.active().in_subtree(org).count()
    cash = Account.objects.create(
        organisation=org,
        kind=Account.Kind.CASH,
        name="Tiền mặt",
        opening_balance=rng.randrange(20, 60) * 100_000,
        opening_date=start,
    )
    bank = Account.objects.create(
        organisation=org,
        kind=Account.Kind.BANK,
        name="Tiền gửi Ngân hàng Vietcombank",
        bank_account=f"0071{rng.randrange(10**8, 10**9)}",
        opening_balance=rng.randrange(50, 300) * 1_000_000,
        opening_date=start,
    )
    categories = _categories()
    count = 0
    month = start
    while month <= today:
        days = [month + timedelta(days=d) for d in (4, 9, 14, 19, 24)]
        days = [d for d in days if d <= today]
        if not days:
            break
        label = f"tháng {month.month}/{month.year}"
        if by_group and month.year == today.year and month.month < today.month:
            count += _collect_dues(org, cash, month, days[0], rng)
        else:
            _voucher(
                org,
                bank,
                "receipt",
                days[0],
                "T01",
                size * 45_000,
                f"Thu đoàn phí {label}",
                categories,
            )
        _voucher(
            org,
            bank,
            "payment",
            days[0],
            "C07",
            size * 18_000,
            f"Nộp đoàn phí về cấp trên {label}",
            categories,
        )
        count += 2
        if month.month % 3 == 1:
            _voucher(
                org,
                bank,
                "receipt",
                days[-1],
                "T02",
                size * 120_000,
                f"Kinh phí công đoàn cấp trên cấp quý {(month.month + 2) // 3}/{month.year}",
                categories,
            )
            _voucher(
                org,
                cash,
                "payment",
                days[-1],
                "C04",
                1_500_000,
                f"Phụ cấp cán bộ công đoàn quý {(month.month + 2) // 3}/{month.year}",
                categories,
            )
            count += 2
        for day in days[1:3]:
            member = rng.choice(members)
            code, what, amount = rng.choice(
                [
                    ("C02.1", "Thăm hỏi ốm đau", 500_000),
                    ("C02.2", "Phúng viếng thân nhân", 1_000_000),
                    ("C02.3", "Mừng đám cưới", 500_000),
                    ("C02.4", "Thăm hỏi sinh con", 500_000),
                    ("C02.5", "Trợ cấp khó khăn", 1_000_000),
                ]
            )
            _voucher(
                org,
                cash,
                "payment",
                day,
                code,
                amount,
                f"{what} đ/c {member.full_name}",
                categories,
                member=member,
                counterparty_member=member,
            )
            count += 1
        if month.month in (3, 10):
            _voucher(
                org,
                bank,
                "payment",
                days[-1],
                "C01",
                size * rng.randrange(30, 60) * 1_000,
                f"Tổ chức kỷ niệm ngày {'8/3' if month.month == 3 else '20/10'}",
                categories,
            )
            count += 1
        if month.month == 12:
            _voucher(
                org,
                bank,
                "payment",
                days[-1],
                "C05",
                size * rng.randrange(20, 40) * 1_000,
                f"Khen thưởng tổng kết năm {month.year}",
                categories,
            )
            count += 1
        payment, _receipt = services.transfer_create(
            organisation=org,
            source=bank,
            destination=cash,
            # On the 5th to the 9th the month has one day so far: the cash comes in that day.
            day=days[min(1, len(days) - 1)],
            amount=3_000_000,
            description=f"Rút tiền gửi nhập quỹ tiền mặt {label}",
            actor=None,
        )
        services.voucher_post(voucher=payment, actor=None)
        count += 2
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    # Budgets are set before the year they plan is closed: last year's from its members, this
    # year's from last year's actual.
    demo_budget(org, start.year, None)
    demo_budget(org, today.year, None)
    services.period_close(organisation=org, year=start.year, month=None, actor=None)
    return count


def _dues_rules() -> None:
    """Illustrative dues parameters (1% of the salary, capped at 10% of the base salary)."""
    shares = {"kept_dues_percent": Decimal("60"), "kept_kpcd_percent": Decimal("75")}
    for day, base in ((date(2023, 7, 1), 1_800_000), (date(2024, 7, 1), 2_340_000)):
        DuesRule.objects.get_or_create(
            organisation=None,
            effective_from=day,
            defaults={
                "rate": Decimal("1"),
                "cap_percent": Decimal("10"),
                "base_salary": base,
                "note": "Dữ liệu demo: giá trị minh họa, kiểm tra lại theo quy định hiện hành",
                **shares,
            },
        )


def seed_books(today: date | None = None) -> int:
    """The demo branches' books, once; the number of vouchers created (0 when already there)."""
    today = today or date.today()
    _dues_rules()
    branches = list(Organisation.objects.filter(code__in=BRANCHES).order_by("code"))
    if not branches or Account.objects.filter(organisation__in=branches).exists():
        return 0
    rng = random.Random(SEED)
    with transaction.atomic():
        # The smaller branch's dues of this year are collected group by group (the grid's
        # way); the others, and last year, as monthly totals.
        count = sum(
            _branch_books(org, today, rng, by_group=org.code == BY_GROUP) for org in branches
        )
        for org in branches:
            demo_drives(org, None, today)
            demo_loans(org, None, today)
        return count
