"""Pages of dự toán and quyết toán: who may open them, the budget saved in one post, the
settlement page and its files."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse

from finance.funds import budgets
from finance.funds.budget_reports import settlement_document
from finance.models import BudgetLine, Category, ClosedPeriod
from tests.finance.factories import add_vouchers, category, make_voucher
from tests.finance.funds.factories import save, stored
from tests.finance.pages import A_READ, B_READ, HOME_BRANCH_PAGE, org_a, org_b, url
from tests.pages import ROLES, count_queries, expect, unexpected_statuses

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
