"""`manage.py bench finance --vouchers 1000000`: a branch's books over ten years, then the
times of what the accountant waits for. Measures and prints, never asserts.

The vouchers are bulk-inserted as posted (numbered per kind and year), not entered through the
services one by one: the build would otherwise take hours, and the reads are what is measured.
Dues are measured on a 10,000-member branch (members.benchmark.build_branch) with a 40-member
group and this year's dues paid by nine members in ten, up to last month.
"""

import io
import random
import time
from collections.abc import Iterator
from datetime import date, timedelta

from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings

from members.benchmark import build_branch
from members.models import Member, Organisation
from unionhub.benchmark import analyze, time_call, time_pages
from unionhub.models import Role, RoleAssignment

from .ledger import selectors, services
from .models import Account, Category, DuesPayment, DuesRule, Voucher, VoucherSequence

BRANCH_CODE = "BENCH-FIN"
YEARS = 10
BATCH = 20_000
DUES_MEMBERS = 10_000
GROUP_SIZE = 40
FLAT_DUES = 30_000


def build_books(vouchers: int):
    """The benchmark branch with a cash box, a bank account and `vouchers` posted vouchers."""
    from django.contrib.auth import get_user_model

    from members.organisations import services as member_services

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
        yield from _time_export(client, branch)
        yield from _time_import(branch, user)
        yield from _time_dues(client, user, repeat)


def build_dues(accountant):
    """The 10,000-member branch with a 40-member group, a dues rule, a cash box and the dues
    of this year's past months, nine members in ten paid (one receipt per group and month)."""
    branch, _officer = build_branch(DUES_MEMBERS)
    RoleAssignment.objects.get_or_create(user=accountant, organisation=branch, role=Role.ACCOUNTANT)
    small = Organisation.objects.filter(code=f"{branch.code}-DUES40").first()
    if small is not None:
        return branch, small
    from members.organisations import services as member_services

    today = date.today()
    with transaction.atomic():
        if not DuesRule.objects.filter(organisation__isnull=True).exists():
            DuesRule.objects.create(
                effective_from=date(2000, 1, 1),
                rate=1,
                cap_percent=10,
                base_salary=2_340_000,
                flat_amount=FLAT_DUES,
                kept_dues_percent=60,
                kept_kpcd_percent=75,
            )
        small = member_services.organisation_create(
            parent=branch,
            actor=None,
            kind=Organisation.Kind.GROUP,
            name="Tổ 40 đoàn viên",
            code=f"{branch.code}-DUES40",
        )
        first_group = Member.objects.in_subtree(branch).values("organisation").first()
        moved = Member.objects.filter(organisation=first_group["organisation"]).values_list(
            "pk", flat=True
        )
        Member.objects.filter(pk__in=list(moved[:GROUP_SIZE])).update(organisation=small)
        cash = Account.objects.create(
            organisation=branch,
            kind="cash",
            name="Tiền mặt",
            opening_date=date(today.year, 1, 1),
        )
        dues = Category.objects.get(code="T01")
        rng = random.Random(11)
        members = list(Member.objects.in_subtree(branch).values_list("pk", "organisation"))
        by_group: dict[int, list[int]] = {}
        for pk, group in members:
            by_group.setdefault(group, []).append(pk)
        number = 0
        for month in range(1, today.month):
            for pks in by_group.values():
                paid = [pk for pk in pks if rng.random() < 0.9]
                number += 1
                voucher = Voucher.objects.create(
                    organisation=branch,
                    kind="receipt",
                    state="posted",
                    year=today.year,
                    number=number,
                    date=date(today.year, month, 10),
                    account=cash,
                    category=dues,
                    amount=FLAT_DUES * len(paid),
                    description=f"Thu đoàn phí tháng {month}",
                )
                DuesPayment.objects.bulk_create(
                    DuesPayment(
                        member_id=pk,
                        year=today.year,
                        month=month,
                        amount=FLAT_DUES,
                        voucher=voucher,
                    )
                    for pk in paid
                )
        VoucherSequence.objects.create(
            organisation=branch, kind="receipt", year=today.year, last=number
        )
    analyze()
    return branch, small


def _time_dues(client: Client, accountant, repeat: int) -> Iterator[str]:
    branch, group = build_dues(accountant)
    today = date.today()
    members = Member.objects.in_subtree(branch).count()
    grid = f"/tai-chinh/doan-phi/?group={group.pk}&year={today.year}"
    yield f"Dues: {members:,} members, a {GROUP_SIZE}-member group ({repeat} requests each):"
    yield from time_pages(
        client,
        [
            ("dues grid, 40-member group", grid),
            ("arrears page, whole branch", f"/tai-chinh/doan-phi/no/?org={branch.pk}"),
            ("arrears .xlsx, whole branch", f"/tai-chinh/doan-phi/no.xlsx?org={branch.pk}"),
        ],
        repeat,
    )
    cash = Account.objects.get(organisation=branch)
    in_group = Member.objects.filter(organisation=group).values_list("pk", flat=True)
    form = {f"m{pk}_{today.month}": str(FLAT_DUES) for pk in in_group}
    form |= {"account": cash.pk, "day": f"{today:%d/%m/%Y}", "control_total": ""}

    def save():
        response = client.post(grid, form)
        assert response.status_code == 302, response.status_code
        # Undo it, so that the next run saves the same month again.
        draft = Voucher.objects.filter(organisation=branch, state="draft").get()
        services.voucher_delete(voucher=draft, actor=accountant)

    yield time_call("saving the grid (40 payments, one receipt)", save, repeat)


def _time_import(branch, user, rows: int = 5000) -> Iterator[str]:
    """Check (the preview) a sheet of `rows` vouchers against the branch's books: nothing kept."""
    from openpyxl import Workbook

    from .ledger.importing import COLUMNS, import_vouchers_xlsx

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([header for header, _guide in COLUMNS])
    year = date.today().year
    for n in range(rows):
        kind, code = ("Thu", "T03.4") if n % 2 else ("Chi", "C06")
        day = date(year, 1 + n % 10, 1 + n % 28)
        sheet.append([day, kind, "Tiền mặt", code, 10_000 + n, "Bench", f"Dòng {n}", ""])
    data = io.BytesIO()
    book.save(data)
    start = time.perf_counter()
    result = import_vouchers_xlsx(data, organisation=branch, actor=user, post=True, dry_run=True)
    assert result.ok, result.errors[:3]
    yield f"Import of {rows:,} vouchers from .xlsx (the preview: every check, nothing kept):"
    yield f"  {'time':<44} {time.perf_counter() - start:8.1f} s"


def _time_export(client: Client, branch) -> Iterator[str]:
    year = date.today().year - 1
    rows = Voucher.objects.filter(organisation=branch, date__year=year).count()
    start = time.perf_counter()
    response = client.get(
        f"/tai-chinh/chung-tu/chung-tu.xlsx?org={branch.pk}&from=01/01/{year}&to=31/12/{year}"
    )
    size = sum(len(chunk) for chunk in response.streaming_content)
    assert response.status_code == 200
    yield f"Export of a year's vouchers ({rows:,} rows, .xlsx {size // 1024} KB):"
    yield f"  {'time':<44} {time.perf_counter() - start:8.1f} s"
