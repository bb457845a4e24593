"""`manage.py bench finance --vouchers 1000000`: a branch's books over ten years, then the
times of what the accountant waits for. Measures and prints, never asserts.

The vouchers are bulk-inserted as posted (numbered per kind and year), not entered through the
services one by one: the build would otherwise take hours, and the reads are what is measured.
"""

import random
import time
from collections.abc import Iterator
from datetime import date, timedelta

from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings

from members.models import Organisation
from unionhub.benchmark import analyze, time_call, time_pages
from unionhub.models import Role, RoleAssignment

from . import selectors
from .models import Account, Category, Voucher, VoucherSequence

BRANCH_CODE = "BENCH-FIN"
YEARS = 10
BATCH = 20_000


def build_books(vouchers: int):
    """The benchmark branch with a cash box, a bank account and `vouchers` posted vouchers."""
    from django.contrib.auth import get_user_model

    from members import services as member_services

    branch = Organisation.objects.filter(code=BRANCH_CODE).first()
    if branch is None:
        branch = member_services.organisation_create(
            parent=None,
            actor=None,
            kind=Organisation.Kind.BRANCH,
            name="CĐCS Đo tài chính",
            code=BRANCH_CODE,
        )
    user, _ = get_user_model().objects.get_or_create(username="bench-accountant")
    RoleAssignment.objects.get_or_create(user=user, organisation=branch, role=Role.ACCOUNTANT)
    if Voucher.objects.filter(organisation=branch).count() >= vouchers:
        return branch, user
    start = date(date.today().year - YEARS + 1, 1, 1)
    with transaction.atomic():
        Voucher.objects.filter(organisation=branch).delete()
        VoucherSequence.objects.filter(organisation=branch).delete()
        Account.objects.filter(organisation=branch).delete()
        cash = Account.objects.create(
            organisation=branch,
            kind="cash",
            name="Tiền mặt",
            opening_date=start,
            opening_balance=50_000_000,
        )
        bank = Account.objects.create(
            organisation=branch,
            kind="bank",
            name="Tiền gửi",
            opening_date=start,
            opening_balance=500_000_000,
        )
        income = list(Category.objects.filter(flow="income"))
        spending = list(Category.objects.filter(flow="spending"))
        rng = random.Random(7)
        span = (date.today() - start).days
        days = sorted(start + timedelta(days=rng.randrange(span + 1)) for _ in range(vouchers))
        numbers: dict[tuple[str, int], int] = {}
        batch = []
        for n, day in enumerate(days):
            kind = "receipt" if n % 2 == 0 else "payment"
            key = (kind, day.year)
            numbers[key] = numbers.get(key, 0) + 1
            batch.append(
                Voucher(
                    organisation=branch,
                    kind=kind,
                    state="posted",
                    year=day.year,
                    number=numbers[key],
                    date=day,
                    account=cash if n % 3 else bank,
                    category=rng.choice(income if kind == "receipt" else spending),
                    amount=rng.randrange(1, 500) * 10_000,
                    counterparty=f"Người nộp {n % 997}",
                    description=f"Chứng từ số {n}",
                )
            )
            if len(batch) == BATCH:
                Voucher.objects.bulk_create(batch)
                batch = []
        Voucher.objects.bulk_create(batch)
        VoucherSequence.objects.bulk_create(
            VoucherSequence(organisation=branch, kind=kind, year=year, last=last)
            for (kind, year), last in numbers.items()
        )
    analyze()
    return branch, user


def run_finance(*, vouchers: int, repeat: int) -> Iterator[str]:
    yield f"Database: {connection.vendor} ({connection.settings_dict['NAME']})"
    started = time.perf_counter()
    branch, user = build_books(vouchers)
    yield (
        f"Dataset: {Voucher.objects.filter(organisation=branch).count():,} vouchers over "
        f"{YEARS} years ready in {time.perf_counter() - started:.1f} s"
    )
    today = date.today()
    year_start = date(today.year, 1, 1)
    month_start = today.replace(day=1)
    cash = Account.objects.get(organisation=branch, kind="cash")
    yield f"Selectors ({repeat} runs each):"
    yield time_call(
        "finance summary, this year",
        lambda: selectors.finance_summary(branch, year_start, today),
        repeat,
    )
    yield time_call(
        "finance summary, ten years",
        lambda: selectors.finance_summary(branch, date(today.year - YEARS + 1, 1, 1), today),
        repeat,
    )
    yield time_call(
        "cash book, this month",
        lambda: selectors.account_book(cash, month_start, today),
        repeat,
    )
    with override_settings(ALLOWED_HOSTS=["*"], DEBUG=False, SECURE_SSL_REDIRECT=False):
        client = Client()
        client.force_login(user)
        period = f"from={year_start:%d/%m/%Y}&to={today:%d/%m/%Y}"
        month = f"from={month_start:%d/%m/%Y}&to={today:%d/%m/%Y}"
        yield f"Pages ({repeat} requests each):"
        yield from time_pages(
            client,
            [
                (
                    "finance summary page, this year",
                    f"/tai-chinh/bao-cao/?org={branch.pk}&{period}",
                ),
                ("cash book page, this month", f"/tai-chinh/so/{cash.pk}/?{month}"),
                ("voucher list, first page", f"/tai-chinh/chung-tu/?org={branch.pk}"),
                ("finance index (balances)", f"/tai-chinh/?org={branch.pk}"),
            ],
            repeat,
        )
