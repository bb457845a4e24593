"""Dự toán (a branch's yearly budget) and quyết toán (the year's settlement against it).

Rules that live here once:
- A budget is the BudgetLine rows of a branch and a year, whole đồng. A line typed empty or 0
  is removed rather than kept as 0: in the settlement a missing line and a 0 line say the same
  (no budget), and the history records the removal with its old amount.
- A line with sub-lines (C02 with C02.1..C02.6): its own BudgetLine is the budget for what fits
  no sub-line, exactly as a voucher entered on C02 itself is money that fits none. The line's
  budget is its own BudgetLine plus its sub-lines'; the settlement shows that own part as a
  sub-row "Khác (không thuộc mục con)" when it is not zero, so a line always equals its rows.
- A year closed as a whole (ClosedPeriod with no month) freezes its budget; a closed month
  does not (the budget is yearly).
- Actual figures are finance.selectors': posted vouchers only, net of reversals, transfers
  (no category) excluded. Top-level lines come from by_category_by_month as they are.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from finance.forms import MAX_AMOUNT
from finance.ledger import selectors
from finance.models import BudgetLine, Category, ClosedPeriod
from members.models import Member, Organisation
from unionhub.audit import save_audited

MONTHS = 12
OWN_LABEL = "Khác (không thuộc mục con)"


# --- figures -----------------------------------------------------------------------------------


@dataclass
class Figures:
    """A budget and the actual net amount per month set against it (đồng)."""

    budget: int
    months: list[int]  # January..December, spending shown positive

    @property
    def actual(self) -> int:
        return sum(self.months)

    @property
    def difference(self) -> int:
        """Actual less budget: above the budget is positive, below it negative."""
        return self.actual - self.budget

    @property
    def percent(self) -> Decimal | None:
        """Actual as a percentage of the budget, to 0.1; None without a budget."""
        if not self.budget:
            return None
        return (Decimal(self.actual * 100) / Decimal(self.budget)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


@dataclass
class SettlementLine(Figures):
    category: Category | None = None
    part: bool = False  # a row inside the line above it (a sub-line or the own part)
    own: bool = False  # the part of a line with sub-lines entered on the line itself

    @property
    def label(self) -> str:
        return OWN_LABEL if self.own else self.category.name

    @property
    def code(self) -> str:
        return "" if self.own else self.category.code


def _sum(lines: list[Figures]) -> Figures:
    return Figures(
        budget=sum(line.budget for line in lines),
        months=[sum(month) for month in zip(*[line.months for line in lines], strict=True)]
        or [0] * MONTHS,
    )


@dataclass
class Settlement:
    organisation: Organisation
    year: int
    opening: int  # carried over from the years before, not income
    closing: int
    income: list[SettlementLine] = field(default_factory=list)  # lines, each then its parts
    spending: list[SettlementLine] = field(default_factory=list)

    @property
    def total_income(self) -> Figures:
        return _sum([line for line in self.income if not line.part])

    @property
    def total_spending(self) -> Figures:
        return _sum([line for line in self.spending if not line.part])

    @property
    def has_budget(self) -> bool:
        return bool(self.total_income.budget or self.total_spending.budget)


def percent_text(value: Decimal | None) -> str:
    """95.5 -> "95,5" (a Vietnamese decimal comma); no budget -> "—"."""
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


# --- reads -------------------------------------------------------------------------------------


@dataclass
class YearFigures:
    """What a year holds per category, each category's own amounts (its sub-lines apart)."""

    categories: list[Category]  # report order: income then spending, by order and code
    budget: dict[int, int]  # category pk -> its BudgetLine amount
    notes: dict[int, str]
    actual: dict[int, list[int]]  # category pk -> net per month of vouchers entered on it


def year_figures(organisation: Organisation, year: int) -> YearFigures:
    """Budget lines and actual amounts of every category for one year: five queries."""
    categories = list(Category.objects.order_by("flow", "order", "code"))
    lines = {line.category: line for line in selectors.by_category_by_month(organisation, year)}
    actual: dict[int, list[int]] = {}
    spending = {c.pk for c in categories if c.flow == Category.Flow.SPENDING}
    for pk, months in selectors.net_by_month(organisation, year, sub_lines=True).items():
        actual[pk] = [-n for n in months] if pk in spending else months
    parts: dict[int, list[list[int]]] = defaultdict(list)
    for category in categories:
        if category.parent_id and category.pk in actual:
            parts[category.parent_id].append(actual[category.pk])
    for category, line in lines.items():
        # The line's total less its sub-lines: what was entered on the line itself.
        sub = [sum(month) for month in zip(*parts[category.pk], strict=True)]
        actual[category.pk] = [n - (sub[i] if sub else 0) for i, n in enumerate(line.months)]
    rows = BudgetLine.objects.filter(organisation=organisation, year=year).values_list(
        "category", "amount", "note"
    )
    budget, notes = {}, {}
    for category, amount, note in rows:
        budget[category], notes[category] = amount, note
    return YearFigures(categories, budget, notes, actual)


def category_tree(
    categories: list[Category], keep: Callable[[Category], bool]
) -> list[tuple[Category, list[Category]]]:
    """Top-level lines in report order, each with its kept sub-lines; a line is kept when
    `keep` says so or when one of its sub-lines is kept."""
    children: dict[int, list[Category]] = defaultdict(list)
    for category in categories:
        if category.parent_id:
            children[category.parent_id].append(category)
    tree = []
    for category in categories:
        if category.parent_id is None:
            subs = [sub for sub in children[category.pk] if keep(sub)]
            if subs or keep(category):
                tree.append((category, subs))
    return tree


def settlement_lines(figures: YearFigures) -> tuple[list[SettlementLine], list[SettlementLine]]:
    """Income and spending rows: each line kept (in use, budgeted or with vouchers), then its
    sub-lines and, when not zero, its own part."""
    zero = [0] * MONTHS

    def own(category: Category, **flags) -> SettlementLine:
        """What was budgeted and entered on `category` itself."""
        return SettlementLine(
            budget=figures.budget.get(category.pk, 0),
            months=figures.actual.get(category.pk, zero),
            category=category,
            **flags,
        )

    def keep(category: Category) -> bool:
        return (
            category.active
            or category.pk in figures.budget
            or any(figures.actual.get(category.pk, ()))
        )

    income, spending = [], []
    for category, subs in category_tree(figures.categories, keep):
        line = own(category)
        parts = [own(sub, part=True) for sub in subs]
        if subs:
            if line.budget or any(line.months):
                parts.append(own(category, part=True, own=True))
            total = _sum(parts)
            line.budget, line.months = total.budget, total.months
        target = income if category.flow == Category.Flow.INCOME else spending
        target += [line, *parts]
    return income, spending


def settlement(organisation: Organisation, year: int) -> Settlement:
    """Quyết toán: each line's budget and actual (per month too), the opening balance carried
    over and the closing balance, as finance_summary gives them for the whole year."""
    summary = selectors.finance_summary(organisation, date(year, 1, 1), date(year, 12, 31))
    income, spending = settlement_lines(year_figures(organisation, year))
    return Settlement(
        organisation=organisation,
        year=year,
        opening=summary.opening,
        closing=summary.closing,
        income=income,
        spending=spending,
    )


def closed_year(organisation: Organisation, year: int) -> ClosedPeriod | None:
    """The close of the whole `year` of the branch's books, if it is closed."""
    return ClosedPeriod.objects.filter(
        organisation=organisation, year=year, month__isnull=True
    ).first()


# --- writes ------------------------------------------------------------------------------------


@transaction.atomic
def budget_save(
    *,
    organisation: Organisation,
    year: int,
    amounts: dict[Category, int | None],
    actor,
    notes: dict[Category, str] | None = None,
) -> list[BudgetLine]:
    """Set the year's budget lines at once; returns the lines of the year after the change.

    A category absent from `amounts` keeps its line; None or 0 removes it; a note absent from
    `notes` stays as it was. Refused as a whole (nothing saved) when the year is closed, an
    amount is not a whole non-negative number of đồng, or a new line names a category no longer
    in use. Only lines that change are written, each with its history entry.
    """
    period = closed_year(organisation, year)
    if period is not None:
        raise ValidationError(
            _("Năm %(year)s đã khóa sổ: không sửa dự toán được.") % {"year": period.year}
        )
    notes = notes or {}
    existing = {
        line.category_id: line
        for line in BudgetLine.objects.select_for_update()
        .filter(organisation=organisation, year=year)
        .order_by("pk")
    }
    errors = []
    for category, amount in amounts.items():
        if amount is not None and (not isinstance(amount, int) or not 0 <= amount < MAX_AMOUNT):
            errors.append(
                _("%(line)s: dự toán phải là số đồng nguyên, không âm (%(amount)s).")
                % {"line": category, "amount": amount}
            )
        elif amount and not category.active and category.pk not in existing:
            errors.append(_("%(line)s: mục này không còn dùng.") % {"line": category})
    if errors:
        raise ValidationError(errors)
    for category, amount in sorted(amounts.items(), key=lambda item: item[0].pk):
        line = existing.get(category.pk)
        if not amount:
            if line is not None:
                line._history_user = actor
                line.delete()
            continue
        note = notes.get(category, line.note if line else "").strip()
        if line is None:
            line = BudgetLine(organisation=organisation, year=year, category=category)
        elif (line.amount, line.note) == (amount, note):
            continue
        line.amount, line.note = amount, note
        save_audited(line, actor=actor)
    return list(
        BudgetLine.objects.filter(organisation=organisation, year=year).select_related("category")
    )


def starting_amounts(last_year: YearFigures, source: str) -> dict[int, int]:
    """Each category's own amount of last year, to start a budget from: its budget line
    (`source` "budget") or its actual net amount ("actual"; a net below 0 is left out)."""
    if source == "budget":
        return dict(last_year.budget)
    return {pk: sum(months) for pk, months in last_year.actual.items() if sum(months) > 0}


# --- demo --------------------------------------------------------------------------------------


def _round_up(amount: int, step: int = 100_000) -> int:
    return -(-amount // step) * step


def demo_budget(org: Organisation, year: int, actor) -> list[BudgetLine]:
    """A plausible budget for the demo: last year's actual plus 5% rounded up to 100.000đ, or,
    for a branch without last year's books, an estimate from its number of members. Does
    nothing when the year already has a budget; raises ValidationError if the year is closed
    (seed it before closing)."""
    if BudgetLine.objects.filter(organisation=org, year=year).exists():
        return []
    categories = {c.code: c for c in Category.objects.filter(active=True)}
    base = starting_amounts(year_figures(org, year - 1), "actual")
    if base:
        amounts = {
            c: _round_up(base[c.pk] * 105 // 100) for c in categories.values() if c.pk in base
        }
    else:
        size = max(Member.objects.active().in_subtree(org).count(), 10)
        estimate = {
            "T01": size * 45_000 * 12,
            "T02": size * 120_000 * 4,
            "T03.4": 500_000,
            "C01": size * 90_000,
            "C02.1": 3_000_000,
            "C02.2": 6_000_000,
            "C02.3": 3_000_000,
            "C02.4": 3_000_000,
            "C02.5": 6_000_000,
            "C03": 2_000_000,
            "C04": 6_000_000,
            "C05": size * 30_000,
            "C07": size * 18_000 * 12,
        }
        amounts = {
            categories[code]: _round_up(amount)
            for code, amount in estimate.items()
            if code in categories
        }
    notes = {c: "Theo thực hiện năm trước" for c in amounts} if base else {}
    return budget_save(organisation=org, year=year, amounts=amounts, actor=actor, notes=notes)
