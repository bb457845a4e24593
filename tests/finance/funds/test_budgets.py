"""Dự toán and quyết toán: the budget's one save, the settlement's figures, pages and files."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from finance.funds import budgets
from finance.funds.budget_reports import settlement_document
from finance.ledger import selectors, services
from finance.models import BudgetLine, Category, ClosedPeriod
from tests.finance.factories import add_vouchers, category, make_voucher, open_bank
from tests.finance.pages import A_READ, B_READ, HOME_BRANCH_PAGE, org_a, org_b, url
from tests.test_views_organisations import ROLES, count_queries, expect, unexpected_statuses

pytestmark = pytest.mark.django_db

PAGES = [
    ("budget", url("budget"), HOME_BRANCH_PAGE),
    ("budget A", url("budget", org=org_a, year="2025"), A_READ),
    ("budget A closed year", url("budget", org=org_a, year="2024"), A_READ),
    ("budget A copy", url("budget", org=org_a, year="2026", copy="actual"), A_READ),
    ("budget B", url("budget", org=org_b, year="2025"), B_READ),
    # An upper union keeps no books: its readers are sent to choose a branch.
    (
        "budget upper",
        url("budget", org=lambda f: f.tree.upper.pk),
        expect(404, admin=302, upper_viewer=302, group_leader=403, member=403),
    ),
    ("settlement", url("settlement"), HOME_BRANCH_PAGE),
    ("settlement A", url("settlement", org=org_a, year="2025"), A_READ),
    ("settlement B", url("settlement", org=org_b, year="2025"), B_READ),
    ("settlement PDF A", url("settlement_pdf", org=org_a, year="2025"), A_READ),
    ("settlement PDF B", url("settlement_pdf", org=org_b, year="2025"), B_READ),
    ("settlement DOCX A", url("settlement_docx", org=org_a, year="2025"), A_READ),
    ("settlement DOCX B", url("settlement_docx", org=org_b, year="2025"), B_READ),
    ("settlement xlsx A", url("settlement_xlsx", org=org_a, year="2025"), A_READ),
    ("settlement xlsx B", url("settlement_xlsx", org=org_b, year="2025"), B_READ),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_budget_page_answers_by_role_and_scope(role, client, fin, users):
    assert unexpected_statuses(client, users, role, fin, PAGES) == {}


def test_anonymous_is_sent_to_login_from_budget_pages(client, fin):
    for _name, make_url, _expected in PAGES:
        response = client.get(make_url(fin))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


# --- the service -------------------------------------------------------------------------------


def by_code(values: dict[str, int | None]) -> dict[Category, int | None]:
    return {category(code): amount for code, amount in values.items()}


def stored(org, year) -> dict[str, int]:
    return dict(
        BudgetLine.objects.filter(organisation=org, year=year).values_list(
            "category__code", "amount"
        )
    )


def save(books, year, values: dict[str, int | None], **extra):
    return budgets.budget_save(
        organisation=books.org, year=year, amounts=by_code(values), actor=books.actor, **extra
    )


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


@pytest.fixture
def year_2025(fin):
    """Branch A's 2025 beyond the fixture's (T01 2.000.000 in March, C02.1 500.000 in March,
    a draft T02), with its budget. By hand:

    T01  budget 20.000.000; 2.000.000 (Mar) + 3.000.000 (Jun) reversed in July = 2.000.000
    T03  own 500.000 + T03.4 200.000 = 700.000; own 1.000.000 (Apr) + T03.4 120.000 = 1.120.000
    C01  budget 5.000.000; 4.000.000 (Oct)
    C02  own 1.000.000 + C02.1 2.000.000 + C02.2 3.000.000 = 6.000.000;
         C02.1 500.000 + C02.2 (1.000.000 in May reversed in May) 2.000.000 (Aug) + own 300.000
         = 2.800.000
    C07  budget 1.000.000; nothing
    A transfer of 1.000.000 to the bank, a January 2026 receipt and branch B count nowhere.
    Income 3.120.000 of 20.700.000; spending 6.800.000 of 12.000.000; opening 5.000.000,
    closing 5.000.000 + 3.120.000 - 6.800.000 = 1.320.000.
    """
    a = fin.a
    twice = make_voucher(a, "receipt", "T01", 3_000_000, date(2025, 6, 10))
    services.voucher_reverse(voucher=twice, day=date(2025, 7, 1), actor=a.actor)
    make_voucher(a, "receipt", "T03", 1_000_000, date(2025, 4, 15))
    make_voucher(a, "receipt", "T03.4", 120_000, date(2025, 12, 31))
    wrong = make_voucher(a, "payment", "C02.2", 1_000_000, date(2025, 5, 5))
    services.voucher_reverse(voucher=wrong, day=date(2025, 5, 20), actor=a.actor)
    make_voucher(a, "payment", "C02.2", 2_000_000, date(2025, 8, 8))
    make_voucher(a, "payment", "C02", 300_000, date(2025, 9, 9))
    make_voucher(a, "payment", "C01", 4_000_000, date(2025, 10, 20))
    bank = open_bank(a)
    payment, _receipt = services.transfer_create(
        organisation=a.org,
        source=a.cash,
        destination=bank,
        day=date(2025, 11, 1),
        amount=1_000_000,
        description="Nộp tiền mặt vào tài khoản",
        actor=a.actor,
    )
    services.voucher_post(voucher=payment, actor=a.actor)
    make_voucher(a, "receipt", "T01", 700_000, date(2026, 1, 5))
    save(
        a,
        2025,
        {
            "T01": 20_000_000,
            "T03": 500_000,
            "T03.4": 200_000,
            "C01": 5_000_000,
            "C02": 1_000_000,
            "C02.1": 2_000_000,
            "C02.2": 3_000_000,
            "C07": 1_000_000,
        },
    )
    return fin


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


# --- the budget page ---------------------------------------------------------------------------


def form_data(values: dict[str, str]) -> dict[str, str]:
    return {f"a{category(code).pk}": value for code, value in values.items()}


def budget_url(f, year=2025, **query):
    return url("budget", org=org_a, year=str(year), **query)(f)


def test_the_accountant_saves_the_whole_budget_in_one_post(client, fin, users):
    client.force_login(users.accountant)
    page = client.get(budget_url(fin))
    assert page.context["editable"]
    assert f'name="a{category("C02.1").pk}"' in page.content.decode()
    data = form_data({"T01": "16.050.000", "T02": "8000000", "C02.1": "2.000.000đ", "C05": ""})
    data[f"n{category('T01').pk}"] = "1% quỹ lương"
    response = client.post(budget_url(fin), data)
    assert response.status_code == 302 and response["Location"] == budget_url(fin)
    assert stored(fin.a.org, 2025) == {"T01": 16_050_000, "T02": 8_000_000, "C02.1": 2_000_000}
    assert BudgetLine.objects.get(category__code="T01").note == "1% quỹ lương"
    page = client.get(budget_url(fin)).content.decode()
    assert "Đã lưu dự toán: tổng thu 24.050.000đ, tổng chi 2.000.000đ." in page
    assert 'value="16.050.000"' in page


def test_a_line_missing_from_the_post_keeps_its_budget(client, fin, users):
    save(fin.a, 2025, {"T01": 1_000_000, "C01": 2_000_000})
    client.force_login(users.accountant)
    client.post(budget_url(fin), form_data({"C01": "0"}))
    assert stored(fin.a.org, 2025) == {"T01": 1_000_000}


def test_a_wrong_amount_redisplays_the_form_naming_the_line_and_saves_nothing(client, fin, users):
    save(fin.a, 2025, {"T01": 1_000_000})
    client.force_login(users.accountant)
    data = form_data({"T01": "5.000.000", "C01": "12,5 triệu"})
    response = client.post(budget_url(fin), data)
    assert response.status_code == 200
    errors = response.context["form"].errors[f"a{category('C01').pk}"]
    assert errors[0].startswith("C01 · Chi hoạt động phong trào: nhập số đồng nguyên")
    content = response.content.decode()
    assert 'value="12,5 triệu"' in content and 'value="5.000.000"' in content
    assert stored(fin.a.org, 2025) == {"T01": 1_000_000}


def test_a_closed_year_is_shown_read_only_and_a_post_to_it_changes_nothing(client, fin, users):
    save(fin.a, 2025, {"T01": 1_000_000})
    ClosedPeriod.objects.create(organisation=fin.a.org, year=2025)  # the draft left aside
    client.force_login(users.accountant)
    page = client.get(budget_url(fin))
    content = page.content.decode()
    assert not page.context["editable"] and "Năm 2025 đã khóa sổ" in content
    assert f'name="a{category("T01").pk}"' not in content and "1.000.000đ" in content
    response = client.post(budget_url(fin), form_data({"T01": "2.000.000"}))
    assert "Năm 2025 đã khóa sổ: không sửa dự toán được." in response.content.decode()
    assert stored(fin.a.org, 2025) == {"T01": 1_000_000}


def test_readers_see_the_budget_without_inputs(client, fin, users):
    save(fin.a, 2025, {"C02.2": 3_000_000})
    client.force_login(users.inspector)
    page = client.get(budget_url(fin))
    content = page.content.decode()
    assert not page.context["editable"]
    assert f'name="a{category("C02.2").pk}"' not in content and "Lưu dự toán" not in content
    assert "3.000.000đ" in content


def snapshot():
    return (
        list(BudgetLine.objects.order_by("pk").values()),
        BudgetLine.history.count(),
    )


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
def test_budget_writes_by_readers_and_outsiders_are_refused_and_change_nothing(
    role, status, client, fin, users
):
    save(fin.a, 2025, {"T01": 1_000_000})
    client.force_login(getattr(users, role))
    before = snapshot()
    data = form_data({"T01": "9.000.000", "C01": "1.000.000"})
    assert client.post(budget_url(fin), data).status_code == status
    assert client.post(budget_url(fin, copy="actual"), data).status_code == status
    assert snapshot() == before


def test_a_budget_is_started_from_last_years_budget_or_actual_without_saving(
    client, year_2025, users
):
    client.force_login(users.accountant)
    form = client.get(budget_url(year_2025, 2026, copy="budget")).context["form"]
    assert form.initial[f"a{category('C02.2').pk}"] == 3_000_000
    response = client.get(budget_url(year_2025, 2026, copy="actual"))
    initial = response.context["form"].initial
    assert initial[f"a{category('T01').pk}"] == 2_000_000
    assert initial[f"a{category('C02').pk}"] == 300_000  # the line's own part only
    assert f"a{category('T02').pk}" not in initial
    assert "Đã điền sẵn theo thực hiện năm 2025" in response.content.decode()
    assert stored(year_2025.a.org, 2026) == {}
    rows_ = {r.category.code: r for r in response.context["flows"][1][1] if r.kind != "own"}
    assert (rows_["C02"].kind, rows_["C02"].amount) == ("head", 2_800_000)
    assert (rows_["C02"].last_budget, rows_["C02"].last_actual) == (6_000_000, 2_800_000)


# --- the settlement page and files -------------------------------------------------------------


def settlement_url(f, name="settlement"):
    return url(name, org=org_a, year="2025")(f)


def test_the_settlement_page_shows_the_selector_figures(client, year_2025, users):
    client.force_login(users.inspector)
    response = client.get(settlement_url(year_2025))
    report = response.context["report"]
    assert report.total_spending.actual == 6_800_000
    content = response.content.decode()
    for text in ("46,7%", "6.800.000đ", "1.320.000đ", "Khác (không thuộc mục con)", "T12"):
        assert text in content


def add_budget_lines(books, codes):
    save(books, 2025, {code: 1_000_000 + i for i, code in enumerate(codes)})


@pytest.mark.parametrize("name", ["budget", "settlement"])
def test_budget_pages_query_count_does_not_grow_with_vouchers_or_lines(name, client, fin, users):
    add_vouchers(fin.a, 10)
    add_budget_lines(fin.a, ["T01", "C01"])
    client.force_login(users.accountant)
    path = url(name, org=org_a, year="2025")(fin)
    before = count_queries(client, path)
    add_vouchers(fin.a, 30)
    make_voucher(fin.a, "payment", "C02.5", 100_000, date(2025, 2, 2))
    add_budget_lines(fin.a, ["T01", "C01", "T02", "T03.4", "C02.1", "C02.2", "C02", "C05"])
    Category.objects.create(code="C08", name="Chi mới", flow="spending", order=99)
    assert count_queries(client, path) == before
    # The page of next year reads last year's figures the same way.
    assert count_queries(client, url(name, org=org_a, year="2026")(fin)) == before


def test_the_settlement_xlsx_holds_the_page_figures(client, year_2025, users):
    from openpyxl import load_workbook

    client.force_login(users.accountant)
    response = client.get(settlement_url(year_2025, "settlement_xlsx"))
    assert response["Content-Disposition"] == 'attachment; filename="quyet-toan-2025.xlsx"'
    book = load_workbook(BytesIO(response.content))
    sheet = book["Quyết toán"]
    lines = {row[0] or row[1]: row[2:] for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert lines["Số dư năm trước chuyển sang"][1] == 5_000_000
    assert lines["Tổng thu"] == (20_700_000, 3_120_000, -17_580_000, 15.1)
    assert lines["Tổng chi"][:3] == (12_000_000, 6_800_000, -5_200_000)
    assert lines["C02"] == (6_000_000, 2_800_000, -3_200_000, 46.7)  # a number, shown 46.7
    assert lines["T02"] == (0, 0, 0, None)
    assert lines["Số dư chuyển năm sau"][1] == 1_320_000
    months = {row[0]: row[2:] for row in book["Theo tháng"].iter_rows(min_row=4, values_only=True)}
    assert months["T01"] == (0, 0, 2_000_000, 0, 0, 3_000_000, -3_000_000, 0, 0, 0, 0, 0) + (
        2_000_000,
        20_000_000,
    )


def test_the_settlement_pdf_and_word_files_state_the_totals(client, year_2025, users):
    from docx import Document as WordDocument
    from pypdf import PdfReader

    client.force_login(users.accountant)
    pdf = client.get(settlement_url(year_2025, "settlement_pdf") + "&so=07")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages).split()
    )
    for expected in ("BÁO CÁO QUYẾT TOÁN", "năm 2025", "Số: 07/BC", "6.800.000", "46,7"):
        assert expected in text, expected
    word = client.get(settlement_url(year_2025, "settlement_docx"))
    assert word["Content-Disposition"] == 'attachment; filename="quyet-toan-2025.docx"'
    document = WordDocument(BytesIO(word.content))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"Cộng chi", "6.800.000", "1.320.000", "Khác (không thuộc mục con)"} <= cells


def test_the_settlement_document_sentence_sums_up_the_year(year_2025):
    doc = settlement_document(budgets.settlement(year_2025.a.org, 2025), issued=date(2026, 1, 15))
    text = " ".join(getattr(block, "text", "") for block in doc.blocks)
    assert "tổng thu (không kể số dư năm trước chuyển sang) là 3.120.000đ, đạt 15,1%" in text
    assert "số dư chuyển năm sau là 1.320.000đ" in text
    assert doc.title == "BÁO CÁO QUYẾT TOÁN" and doc.filename == "quyet-toan-2025"


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
