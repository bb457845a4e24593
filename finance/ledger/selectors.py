"""Reads of the books: balances, the finance summary, an account's book.

Only posted vouchers count. A receipt adds to its account, a payment takes from it. Each
category reports its net: a receipt in an income line adds to income, a payment in it (the
reversal of a receipt, a refund) takes from it, and the other way round for spending lines.
Transfers have no category: they move money between books and cancel out in the totals.
Hence, for any range, closing = opening + income - spending, to the đồng.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import F, Q, Sum, Value
from django.db.models.functions import Coalesce, ExtractMonth

from finance.models import Account, Category, Voucher
from finance.selectors import SIGNED
from members.models import Organisation


def _total(vouchers) -> int:
    return vouchers.aggregate(n=Coalesce(Sum(SIGNED), Value(0)))["n"]


def balance_on(accounts, day: date) -> int:
    """Money in `accounts` at the end of `day`: openings plus every posted voucher up to it."""
    accounts = list(accounts)
    opening = sum(a.opening_balance for a in accounts)
    return opening + _total(Voucher.objects.posted().filter(account__in=accounts, date__lte=day))


@dataclass
class SummaryLine:
    category: Category
    amount: int


@dataclass
class Summary:
    organisation: Organisation
    start: date
    end: date
    opening: int = 0
    income: list[SummaryLine] = field(default_factory=list)
    spending: list[SummaryLine] = field(default_factory=list)
    closing: int = 0

    @property
    def total_income(self) -> int:
        return sum(line.amount for line in self.income)

    @property
    def total_spending(self) -> int:
        return sum(line.amount for line in self.spending)


def finance_summary(organisation: Organisation, start: date, end: date) -> Summary:
    """Opening balance carried over, each income and spending line (top-level categories,
    their sub-lines included), closing balance: four queries whatever the number of vouchers."""
    accounts = list(Account.objects.filter(organisation=organisation))
    posted = Voucher.objects.posted().filter(account__in=accounts)
    opening = sum(a.opening_balance for a in accounts) + _total(posted.filter(date__lt=start))
    in_range = posted.filter(date__gte=start, date__lte=end, category__isnull=False)
    per_category = dict(
        in_range.annotate(line=Coalesce("category__parent", "category"))
        .values_list("line")
        .annotate(n=Sum(SIGNED))
        .order_by()
    )
    summary = Summary(organisation=organisation, start=start, end=end, opening=opening)
    for category in Category.objects.filter(parent__isnull=True):
        net = per_category.get(category.pk, 0)
        if category.flow == Category.Flow.INCOME:
            if net or category.active:
                summary.income.append(SummaryLine(category, net))
        elif net or category.active:
            summary.spending.append(SummaryLine(category, -net))
    summary.closing = summary.opening + _total(posted.filter(date__gte=start, date__lte=end))
    return summary


@dataclass
class BookRow:
    voucher: Voucher
    receipt: int
    payment: int
    balance: int


@dataclass
class Book:
    account: Account
    start: date
    end: date
    opening: int
    rows: list[BookRow]
    closing: int

    @property
    def total_receipts(self) -> int:
        return sum(r.receipt for r in self.rows)

    @property
    def total_payments(self) -> int:
        return sum(r.payment for r in self.rows)


def account_book(account: Account, start: date, end: date) -> Book:
    """Sổ quỹ tiền mặt / sổ tiền gửi: the posted vouchers of a range with the running balance."""
    opening = balance_on([account], start - timedelta(days=1))
    vouchers = (
        Voucher.objects.posted()
        .filter(account=account, date__gte=start, date__lte=end)
        .select_related("category", "counterparty_member")
        .order_by("date", "posted_at", "id")
    )
    rows, balance = [], opening
    for voucher in vouchers:
        balance += voucher.signed_amount
        receipt = voucher.amount if voucher.kind == Voucher.Kind.RECEIPT else 0
        rows.append(BookRow(voucher, receipt, voucher.amount - receipt, balance))
    return Book(account, start, end, opening, rows, balance)


def accounts_with_balances(organisation: Organisation, day: date) -> list[Account]:
    """The branch's accounts, each with `balance` at the end of `day`: two queries."""
    accounts = list(Account.objects.filter(organisation=organisation))
    moved = dict(
        Voucher.objects.posted()
        .filter(account__in=accounts, date__lte=day)
        .values_list("account")
        .annotate(n=Sum(SIGNED))
        .order_by()
    )
    for account in accounts:
        account.balance = account.opening_balance + moved.get(account.pk, 0)
    return accounts


@dataclass
class MonthlyLine:
    category: Category
    months: list[int]  # net đồng for January..December

    @property
    def total(self) -> int:
        return sum(self.months)


def net_by_month(
    organisation: Organisation, year: int, *, sub_lines: bool = False
) -> dict[int, list[int]]:
    """{category pk: net đồng per month of `year`} of the posted vouchers (receipts less
    payments): each top-level line with its sub-lines summed in, or, with `sub_lines`, each
    sub-line alone. One grouped query."""
    vouchers = Voucher.objects.posted().filter(organisation=organisation, date__year=year)
    if sub_lines:
        vouchers = vouchers.filter(category__parent__isnull=False).annotate(line=F("category"))
    else:
        vouchers = vouchers.filter(category__isnull=False).annotate(
            line=Coalesce("category__parent", "category")
        )
    rows = (
        vouchers.annotate(month=ExtractMonth("date"))
        .values_list("line", "month")
        .annotate(n=Sum(SIGNED))
        .order_by()
    )
    net: dict[int, list[int]] = {}
    for line, month, n in rows:
        net.setdefault(line, [0] * 12)[month - 1] += n
    return net


def by_category_by_month(organisation: Organisation, year: int) -> list[MonthlyLine]:
    """Each top-level income and spending line's net amount per month of `year` (income lines
    first): one grouped query. Spending is shown positive, as in the summary."""
    net = net_by_month(organisation, year)
    lines = []
    for category in Category.objects.filter(parent__isnull=True).order_by("flow", "order", "code"):
        months = net.get(category.pk, [0] * 12)
        if category.flow == Category.Flow.SPENDING:
            months = [-n for n in months]
        if category.active or any(months):
            lines.append(MonthlyLine(category, months))
    return lines


def filtered_vouchers(organisation: Organisation, data: dict):
    """A branch's vouchers as the voucher list filters them (the list and its export)."""
    vouchers = Voucher.objects.filter(organisation=organisation)
    for name in ("kind", "state", "account"):
        if data.get(name):
            vouchers = vouchers.filter(**{name: data[name]})
    if data.get("category"):
        # A line with sub-lines stands for all of them, as in the summary.
        vouchers = vouchers.filter(
            Q(category=data["category"]) | Q(category__parent=data["category"])
        )
    if data.get("from"):
        vouchers = vouchers.filter(date__gte=data["from"])
    if data.get("to"):
        vouchers = vouchers.filter(date__lte=data["to"])
    if q := data.get("q", "").strip():
        match = (
            Q(description__icontains=q)
            | Q(counterparty__icontains=q)
            | Q(counterparty_member__full_name__icontains=q)
        )
        if q.isdecimal():
            match |= Q(number=int(q))
        vouchers = vouchers.filter(match)
    return vouchers
