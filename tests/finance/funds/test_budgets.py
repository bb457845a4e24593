"""Dự toán and quyết toán: the budget's one save, the settlement's figures, the demo's budget
(the pages and files are in test_budget_views)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from finance.funds import budgets
from finance.ledger import selectors, services
from finance.models import BudgetLine, Category, ClosedPeriod
from tests.finance.factories import category
from tests.finance.funds.factories import save, stored

pytestmark = pytest.mark.django_db


# --- the service -------------------------------------------------------------------------------


def test_budget_save_stores_changes_removes_zero_lines_and_keeps_the_history(fin):
    a = fin.a
    save(a, 2025, {"T01": 20_000_000, "C01": 5_000_000, "C02.1": 2_000_000})
    assert stored(a.org, 2025) == {"T01": 20_000_000, "C01": 5_000_000, "C02.1": 2_000_000}
    line = BudgetLine.objects.get(organisation=a.org, year=2025, category__code="T01")
    assert [(h.history_type, h.history_user) for h in line.history.all()] == [("+", a.actor)]

    # A change, a removal by 0, a removal by None, a line left out of the call, one unchanged.
    save(
        a,
        2025,
        {"T01": 24_000_000, "C01": 0, "C02.1": None, "T02": 8_000_000},
        notes={category("T01"): "Theo số đoàn viên 2025"},
    )
    assert stored(a.org, 2025) == {"T01": 24_000_000, "T02": 8_000_000}
    line.refresh_from_db()
    assert line.note == "Theo số đoàn viên 2025"
    assert [h.history_type for h in line.history.order_by("history_date")] == ["+", "~"]
    removed = BudgetLine.history.filter(category__code="C01", history_type="-").get()
    assert (removed.amount, removed.history_user) == (5_000_000, a.actor)

    # Saving the same figures again writes no history.
    save(a, 2025, {"T01": 24_000_000, "T02": 8_000_000})
    assert line.history.count() == 2
    # Another branch, another year: untouched.
    assert stored(fin.b.org, 2025) == {} and stored(a.org, 2026) == {}


def test_budget_save_refuses_a_closed_year_and_changes_nothing(fin):
    a = fin.a  # the fixture closed 2024
    ClosedPeriod.objects.filter(organisation=a.org, year=2024).delete()
    save(a, 2024, {"T01": 1_000_000})
    services.period_close(organisation=a.org, year=2024, month=None, actor=a.actor)
    with pytest.raises(ValidationError, match="Năm 2024 đã khóa sổ"):
        save(a, 2024, {"T01": 9_000_000, "C01": 1_000_000})
    assert stored(a.org, 2024) == {"T01": 1_000_000}


def test_a_closed_month_does_not_freeze_the_budget(fin):
    services.period_close(organisation=fin.a.org, year=2025, month=1, actor=fin.a.actor)
    save(fin.a, 2025, {"T01": 1_000_000})
    assert stored(fin.a.org, 2025) == {"T01": 1_000_000}


@pytest.mark.parametrize("wrong", [-1, 10**15, "1.000"])
def test_budget_save_is_all_or_nothing(fin, wrong):
    save(fin.a, 2025, {"T01": 1_000_000})
    with pytest.raises(ValidationError) as error:
        save(fin.a, 2025, {"T01": 2_000_000, "C01": 3_000_000, "C05": wrong})
    assert "C05 · Chi khen thưởng" in " ".join(error.value.messages)
    assert stored(fin.a.org, 2025) == {"T01": 1_000_000}


def test_budget_save_rolls_back_the_lines_written_before_a_failing_one(fin):
    """The model's own check (a note over 255 characters) fails after T01 and C01 were written
    (lines are written in category order): the transaction takes them back."""
    save(fin.a, 2025, {"T01": 1_000_000})
    with pytest.raises(ValidationError):
        save(
            fin.a,
            2025,
            {"T01": 2_000_000, "C01": 3_000_000, "C05": 4_000_000},
            notes={category("C05"): "x" * 256},
        )
    assert stored(fin.a.org, 2025) == {"T01": 1_000_000}
    assert BudgetLine.history.count() == 1


def test_budget_save_refuses_a_new_line_on_a_category_no_longer_used(fin):
    save(fin.a, 2025, {"C06": 1_000_000})
    Category.objects.filter(code__in=["C05", "C06"]).update(active=False)
    with pytest.raises(ValidationError, match="C05 · Chi khen thưởng: mục này không còn dùng"):
        save(fin.a, 2025, {"C05": 1_000_000})
    # A line already there may still change or go.
    save(fin.a, 2025, {"C06": 2_000_000})
    assert stored(fin.a.org, 2025) == {"C06": 2_000_000}


# --- the settlement ----------------------------------------------------------------------------


def rows(lines) -> dict[str, tuple]:
    """code (or "C02 khác" for the own part) -> (budget, actual, difference, percent)."""
    return {
        (f"{line.category.code} khác" if line.own else line.category.code): (
            line.budget,
            line.actual,
            line.difference,
            line.percent,
        )
        for line in lines
    }


def test_the_settlement_matches_vouchers_counted_by_hand(year_2025):
    report = budgets.settlement(year_2025.a.org, 2025)
    income, spending = rows(report.income), rows(report.spending)
    assert income["T01"] == (20_000_000, 2_000_000, -18_000_000, Decimal("10.0"))
    assert income["T02"] == (0, 0, 0, None)  # a draft counts for nothing
    assert income["T03"] == (700_000, 1_120_000, 420_000, Decimal("160.0"))
    assert income["T03.4"] == (200_000, 120_000, -80_000, Decimal("60.0"))
    assert income["T03 khác"] == (500_000, 1_000_000, 500_000, Decimal("200.0"))
    assert income["T03.1"] == (0, 0, 0, None)
    assert spending["C01"] == (5_000_000, 4_000_000, -1_000_000, Decimal("80.0"))
    assert spending["C02"] == (6_000_000, 2_800_000, -3_200_000, Decimal("46.7"))
    assert spending["C02.1"] == (2_000_000, 500_000, -1_500_000, Decimal("25.0"))
    assert spending["C02.2"] == (3_000_000, 2_000_000, -1_000_000, Decimal("66.7"))
    assert spending["C02 khác"] == (1_000_000, 300_000, -700_000, Decimal("30.0"))
    assert spending["C07"] == (1_000_000, 0, -1_000_000, Decimal("0.0"))
    by_code = {line.code: line for line in report.income + report.spending if not line.own}
    assert by_code["T01"].months == [0, 0, 2_000_000, 0, 0, 3_000_000, -3_000_000] + [0] * 5
    assert by_code["C02.2"].months == [0] * 4 + [0, 0, 0, 2_000_000] + [0] * 4
    total_income, total_spending = report.total_income, report.total_spending
    assert (total_income.budget, total_income.actual) == (20_700_000, 3_120_000)
    assert (total_spending.budget, total_spending.actual) == (12_000_000, 6_800_000)
    assert (report.opening, report.closing) == (5_000_000, 1_320_000)
    assert report.closing == report.opening + total_income.actual - total_spending.actual


def test_a_line_is_its_sub_lines_and_its_own_part_which_shows_only_when_not_zero(fin):
    save(fin.a, 2025, {"C02.1": 2_000_000, "C02.3": 1_000_000, "T03": 400_000})
    report = budgets.settlement(fin.a.org, 2025)
    spending, income = rows(report.spending), rows(report.income)
    # Sub-lines only: the line is their sum (C02.1 has the fixture's 500.000), no own row.
    assert spending["C02"][:2] == (3_000_000, 500_000)
    assert "C02 khác" not in spending
    # The line's own budget only: it is the line's, its sub-lines stay at zero.
    assert income["T03"][0] == 400_000 and income["T03 khác"][0] == 400_000
    assert income["T03.1"][0] == 0
    # Each line is its rows: the settlement's rule in one check over every line.
    for lines in (report.income, report.spending):
        for i, line in enumerate(lines):
            if not line.part:
                parts = []
                for part in lines[i + 1 :]:
                    if not part.part:
                        break
                    parts.append(part)
                if parts:
                    assert line.budget == sum(p.budget for p in parts)
                    assert line.months == [
                        sum(m) for m in zip(*[p.months for p in parts], strict=True)
                    ]


def test_the_settlement_agrees_with_the_summary_and_the_lines_by_month(year_2025):
    org = year_2025.a.org
    report = budgets.settlement(org, 2025)
    monthly = {
        line.category.code: line.months for line in selectors.by_category_by_month(org, 2025)
    }
    for line in report.income + report.spending:
        if not line.part:
            assert line.months == monthly[line.category.code], line.category.code
    summary = selectors.finance_summary(org, date(2025, 1, 1), date(2025, 12, 31))
    assert report.total_income.actual == summary.total_income
    assert report.total_spending.actual == summary.total_spending


def test_an_unused_line_with_a_budget_stays_in_the_settlement(fin):
    save(fin.a, 2025, {"C06": 1_000_000})
    Category.objects.filter(code="C06").update(active=False)
    report = budgets.settlement(fin.a.org, 2025)
    assert rows(report.spending)["C06"] == (1_000_000, 0, -1_000_000, Decimal("0.0"))
    Category.objects.filter(code="C05").update(active=False)
    assert "C05" not in rows(budgets.settlement(fin.a.org, 2025).spending)


@pytest.mark.parametrize(
    ("value", "text"), [(None, "—"), (Decimal("46.7"), "46,7"), (Decimal("100.0"), "100,0")]
)
def test_percentages_are_written_with_a_decimal_comma(value, text):
    assert budgets.percent_text(value) == text


# --- the demo ----------------------------------------------------------------------------------


def test_the_demo_budget_follows_last_years_actual_once(year_2025):
    a = year_2025.a
    lines = budgets.demo_budget(a.org, 2026, a.actor)
    assert stored(a.org, 2026)["C01"] == 4_200_000  # 4.000.000 + 5%, to 100.000đ
    assert stored(a.org, 2026)["T03.4"] == 200_000  # 126.000 rounded up
    assert all(line.amount % 100_000 == 0 for line in lines)
    assert budgets.demo_budget(a.org, 2026, a.actor) == []
    # Without last year's books: an estimate from the number of members.
    budgets.demo_budget(year_2025.b.org, 2030, None)
    assert stored(year_2025.b.org, 2030)["T01"] > 0
