"""Đoàn phí: what each member owes for each month of a year.

A month is owed when the member belonged to the union on any day of it (from the lifecycle
events: a member admitted on 20 April owes April; one retired from 1 September owes August,
not September). Its amount comes from the dues rule in force on the first day of the month
(the branch's own rule from its date, else the installation's) and the member's salary basis
on that day (the latest salary entry, else the profile's): the rate of the salary, capped at a
percentage of the base salary; a flat amount without a salary. Three queries whatever the
number of members; the arithmetic is per member and month, in Python.
"""

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth

from finance.models import DuesPayment, DuesRule, SalaryBasis, Voucher
from finance.selectors import SIGNED
from members.models import Member, MemberEvent, Organisation

MONTHS = range(1, 13)


def _round(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def monthly_dues(rule: DuesRule, salary: int | None) -> int:
    """One month's dues under `rule` for a salary basis (None or 0: the flat amount)."""
    if not salary:
        return rule.flat_amount
    amount = _round(Decimal(salary) * rule.rate / 100)
    if rule.cap_percent is not None:
        amount = min(amount, _round(Decimal(rule.base_salary) * rule.cap_percent / 100))
    return amount


class Rules:
    """The dues rules that apply to one branch, looked up by day."""

    def __init__(self, branch: Organisation):
        rows = DuesRule.objects.filter(
            Q(organisation=branch) | Q(organisation__isnull=True)
        ).order_by("effective_from")
        self.own = [r for r in rows if r.organisation_id is not None]
        self.default = [r for r in rows if r.organisation_id is None]
        self._own_days = [r.effective_from for r in self.own]
        self._default_days = [r.effective_from for r in self.default]

    @staticmethod
    def _latest(rules: list[DuesRule], days: list[date], day: date) -> DuesRule | None:
        index = bisect_right(days, day)
        return rules[index - 1] if index else None

    def on(self, day: date) -> DuesRule | None:
        return self._latest(self.own, self._own_days, day) or self._latest(
            self.default, self._default_days, day
        )


def _membership(events: list[tuple[date, str]], member: Member) -> list[tuple[date, date | None]]:
    """The member's spans of membership [start, end), end None while it lasts, from their
    events' (date, status after) in order."""
    if not events:
        if member.status != Member.Status.ACTIVE:
            return []
        return [(member.joined_on or date.min, None)]
    spans, start = [], None
    for day, status_after in events:
        active = status_after == Member.Status.ACTIVE
        if active and start is None:
            start = day
        elif not active and start is not None:
            spans.append((start, day))
            start = None
    if start is not None:
        spans.append((start, None))
    return spans


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year + month // 12, month % 12 + 1, 1)


def _members_filter(members: list[Member], among) -> dict:
    """`member__in` the members: as a subquery when the caller has one (a list of ten thousand
    ids costs more to build into SQL than the query takes to run)."""
    return {"member__in": among if among is not None else [m.pk for m in members]}


def expected_dues(
    members: list[Member], branch: Organisation, year: int, *, among=None
) -> dict[int, dict]:
    """{member id: {month: đồng}} for the months each member owes in `year`. `among`: the
    members as a queryset of their ids, when there are many."""
    rules = Rules(branch)
    among = _members_filter(members, among)
    salaries = defaultdict(list)
    rows = SalaryBasis.objects.filter(**among).order_by("member", "effective_from")
    for member_id, effective_from, amount in rows.values_list("member", "effective_from", "amount"):
        salaries[member_id].append((effective_from, amount))
    events = defaultdict(list)
    rows = MemberEvent.objects.filter(**among).order_by("member", "date", "id")
    for member_id, day, status_after in rows.values_list("member", "date", "status_after"):
        events[member_id].append((day, status_after))
    # The months of the year that have a rule: their bounds and rule, looked up once.
    months_ruled = [
        (month, *_month_bounds(year, month), rules.on(date(year, month, 1))) for month in MONTHS
    ]
    months_ruled = [entry for entry in months_ruled if entry[3] is not None]
    owed = {}
    for member in members:
        spans = _membership(events[member.pk], member)
        history = salaries[member.pk]
        history_days = [day for day, _amount in history]
        months = {}
        for month, first, after, rule in months_ruled:
            if not any(s < after and (e is None or e > first) for s, e in spans):
                continue
            index = bisect_right(history_days, first)
            salary = history[index - 1][1] if index else member.salary_basis
            months[month] = monthly_dues(rule, salary)
        owed[member.pk] = months
    return owed


@dataclass(slots=True)
class MemberFacts:
    """What the dues of a member need, and the arrears list shows: for lists of thousands,
    where model instances cost more than the sums (Member answers the same attributes)."""

    pk: int
    full_name: str
    status: str
    joined_on: date | None
    salary_basis: int | None
    organisation_id: int
    group_name: str

    FIELDS = (
        "pk",
        "full_name",
        "status",
        "joined_on",
        "salary_basis",
        "organisation_id",
        "organisation__name",
    )


@dataclass
class MemberDues:
    """One member's year: what each month owes, what posted receipts paid, what waits in
    draft receipts."""

    member: Member
    expected: dict[int, int] = field(default_factory=dict)
    paid: dict[int, int] = field(default_factory=dict)
    pending: dict[int, int] = field(default_factory=dict)

    @property
    def owed(self) -> int:
        return sum(self.expected.values()) - sum(self.paid.values())

    @property
    def months_owed(self) -> list[int]:
        return [m for m, n in sorted(self.expected.items()) if self.paid.get(m, 0) < n]


def dues_of_year(
    members: list[Member], branch: Organisation, year: int, *, among=None
) -> list[MemberDues]:
    """Each member's expected, paid and pending dues of `year`: four queries in all."""
    expected = expected_dues(members, branch, year, among=among)
    paid: dict[int, dict[int, int]] = {}
    pending: dict[int, dict[int, int]] = {}
    rows = (
        DuesPayment.objects.filter(**_members_filter(members, among), year=year)
        # A reversed receipt collected nothing. NOT EXISTS, not a left join on the reversal:
        # PostgreSQL then estimates one row and nests ten thousand members in a loop (26 s).
        .filter(~Exists(Voucher.objects.filter(reverses=OuterRef("voucher"))))
        .values_list("member", "month", "voucher__state")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for member_id, month, state, total in rows:
        months = (paid if state == Voucher.State.POSTED else pending).setdefault(member_id, {})
        months[month] = months.get(month, 0) + total
    return [
        MemberDues(member, expected[member.pk], paid.get(member.pk, {}), pending.get(member.pk, {}))
        for member in members
    ]


@dataclass
class RemittanceMonth:
    month: date  # its first day
    collected: int  # dues receipted that month (posted, net of reversals)
    kept_percent: Decimal | None  # the branch's share of dues under the rule of that month
    due: int  # the dues that go upward: the rest
    kpcd_collected: int = 0  # KPCĐ the employer paid to the branch that month
    kpcd_kept_percent: Decimal | None = None
    kpcd_due: int = 0

    @property
    def total_due(self) -> int:
        return self.due + self.kpcd_due


@dataclass
class Remittance:
    months: list[RemittanceMonth]
    remitted: int  # posted payments of the remittance line in the range, net

    @property
    def collected(self) -> int:
        return sum(m.collected for m in self.months)

    @property
    def due(self) -> int:
        return sum(m.due for m in self.months)

    @property
    def kpcd_collected(self) -> int:
        return sum(m.kpcd_collected for m in self.months)

    @property
    def kpcd_due(self) -> int:
        return sum(m.kpcd_due for m in self.months)

    @property
    def total_due(self) -> int:
        return self.due + self.kpcd_due

    @property
    def outstanding(self) -> int:
        return self.total_due - self.remitted


def _upward(amount: int, kept: Decimal | None) -> int:
    return _round(Decimal(amount) * (100 - kept) / 100) if kept is not None else 0


def remittance_due(branch: Organisation, start: date, end: date) -> Remittance:
    """What to send the upper union for the months of [start, end]: each month's collected dues
    and KPCĐ (where the employer pays it to the branch), less the shares the rule of that month
    lets the branch keep; and what was sent."""
    posted = Voucher.objects.posted().filter(organisation=branch, date__gte=start, date__lte=end)
    by_month = (
        posted.filter(category__code__in=[settings.DUES_CATEGORY, settings.KPCD_CATEGORY])
        .annotate(month=TruncMonth("date"))
        .values_list("category__code", "month")
        .annotate(n=Sum(SIGNED))
        .order_by()
    )
    collected = {(code, month): n for code, month, n in by_month}
    remitted = -(
        posted.filter(category__code=settings.REMITTANCE_CATEGORY).aggregate(n=Sum(SIGNED))["n"]
        or 0
    )
    rules = Rules(branch)
    months = []
    first = date(start.year, start.month, 1)
    while first <= end:
        dues = collected.get((settings.DUES_CATEGORY, first), 0)
        kpcd = collected.get((settings.KPCD_CATEGORY, first), 0)
        rule = rules.on(first)
        kept = rule.kept_dues_percent if rule else None
        kpcd_kept = rule.kept_kpcd_percent if rule else None
        months.append(
            RemittanceMonth(
                first, dues, kept, _upward(dues, kept), kpcd, kpcd_kept, _upward(kpcd, kpcd_kept)
            )
        )
        first = _month_bounds(first.year, first.month)[1]
    return Remittance(months, remitted)
