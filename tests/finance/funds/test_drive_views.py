"""Pages of the charity drives: the year's list, a drive and its entries, a group's grid, the
table by year and its downloads, and the query counts of the drive and loan pages. Drive money
never enters the books."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from finance.funds import drive_selectors
from finance.ledger import selectors
from finance.models import Drive, DriveContribution, DriveForward, Voucher
from tests.factories import MemberFactory
from tests.finance.funds.factories import drive, forward, give, loan, snapshot
from tests.finance.pages import org_a, pk, url
from tests.pages import count_queries

pytestmark = pytest.mark.django_db


def test_the_drive_list_shows_each_drives_totals(client, funds, users):
    client.force_login(users.inspector)
    response = client.get(url("drive_list", org=org_a, year="2025")(funds))
    html = response.content.decode()
    assert "Ngày vì người nghèo" in html and "1.200.000đ" in html and "400.000đ" in html
    assert (response.context["collected"], response.context["held"]) == (1_200_000, 400_000)
    # Readers see no write buttons.
    assert reverse("finance:drive_create") not in html
    assert (
        "Ngày vì người nghèo"
        not in client.get(url("drive_list", org=org_a, year="2024")(funds)).content.decode()
    )


def test_the_drive_page_lists_entries_with_totals_and_write_links_for_writers(client, funds, users):
    client.force_login(users.accountant)
    html = client.get(url("drive_detail", pk("drive_a"))(funds)).content.decode()
    for text in ("Nguyễn Văn An a", "Tổ Toán", "LĐLĐ tỉnh Bến Tre", "1.200.000đ", "800.000đ"):
        assert text in html
    assert reverse("finance:contribution_grid", args=[funds.drive_a.pk]) in html


def test_a_drive_is_created_and_a_duplicate_name_is_named_in_the_error(client, funds, users):
    client.force_login(users.accountant)
    path = url("drive_create", org=org_a)(funds)
    response = client.post(path, {"year": "2025", "name": "Ngày vì người nghèo"})
    assert response.status_code == 200
    assert "Tên: năm 2025 đơn vị đã có quỹ" in response.content.decode()
    response = client.post(path, {"year": "2026", "name": " Ngày vì  người nghèo ", "note": ""})
    created = Drive.objects.get(organisation=funds.a.org, year=2026)
    assert response["Location"] == reverse("finance:drive_detail", args=[created.pk])
    assert created.name == "Ngày vì người nghèo"
    assert created.history.get().history_user == users.accountant


def test_a_contribution_from_a_member_of_another_branch_is_a_form_error(client, funds, users):
    client.force_login(users.accountant)
    path = url("contribution_create", pk("drive_a"))(funds)
    before = snapshot()
    response = client.post(
        path, {"date": "10/05/2025", "member": funds.member_b.pk, "amount": "100.000"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đoàn viên ủng hộ: chọn một đoàn viên của đơn vị." in html
    assert 'value="100.000"' in html  # the data is shown again
    response = client.post(
        path, {"date": "10/05/2025", "group": funds.tree.group_b1.pk, "amount": "100.000"}
    )
    assert "Tổ công đoàn: chọn một tổ của đơn vị." in response.content.decode()
    response = client.post(path, {"date": "10/05/2025", "amount": "100.000"})
    assert "chọn một đoàn viên hoặc một tổ công đoàn" in response.content.decode()
    assert snapshot() == before
    response = client.post(
        path, {"date": "10/05/2025", "member": funds.member_a.pk, "amount": "100.000"}
    )
    assert response.status_code == 302
    assert funds.drive_a.contributions.filter(member=funds.member_a).count() == 2


def test_a_forward_over_what_is_held_is_refused_on_the_amount(client, funds, users):
    client.force_login(users.accountant)
    path = url("forward_create", pk("drive_a"))(funds)
    response = client.post(
        path, {"date": "10/06/2025", "recipient": "Quỹ Mái ấm", "amount": "500.000"}
    )
    assert "Số tiền: lớn hơn số cuộc vận động đang giữ (400.000đ)." in response.content.decode()
    assert funds.drive_a.forwards.count() == 1


def test_the_group_grid_saves_the_filled_cells_at_once(client, funds, users):
    tree = funds.tree
    second = MemberFactory(organisation=tree.group_a1, full_name="Trần Văn Bảo")
    MemberFactory(organisation=tree.group_a1, full_name="Phạm Thị Chi")  # leaves it empty
    client.force_login(users.accountant)
    path = url("contribution_grid", pk("drive_a"), group=lambda f: tree.group_a1.pk)(funds)
    page = client.get(path)
    # The grid lists the group's members by given name, with what each gave before.
    assert [(m.full_name, given) for m, _v, given, _w in page.context["rows"]] == [
        ("Nguyễn Văn An a", 200_000),
        ("Trần Văn Bảo", 0),
        ("Phạm Thị Chi", 0),
    ]
    data = {"date": "12/05/2025", f"a{funds.member_a.pk}": "50.000", f"a{second.pk}": "70000"}
    response = client.post(path, data, follow=True)
    assert "Đã ghi 2 khoản ủng hộ của Tổ Văn phòng, cộng 120.000đ." in response.content.decode()
    assert funds.drive_a.contributions.count() == 4


def test_a_bad_cell_in_the_grid_saves_nothing_and_names_the_member(client, funds, users):
    tree = funds.tree
    second = MemberFactory(organisation=tree.group_a1, full_name="Trần Văn Bảo")
    client.force_login(users.accountant)
    path = url("contribution_grid", pk("drive_a"), group=lambda f: tree.group_a1.pk)(funds)
    before = snapshot()
    for cells, error in [
        ({f"a{funds.member_a.pk}": "50.000", f"a{second.pk}": "7 chục"}, "Trần Văn Bảo: nhập số"),
        ({f"a{second.pk}": "0"}, "Trần Văn Bảo: số tiền phải lớn hơn 0"),
        ({f"a{funds.member_a.pk}": "1", f"a{funds.member_b.pk}": "2"}, "không có trong bảng"),
        ({}, "Chưa nhập khoản ủng hộ nào."),
    ]:
        response = client.post(path, {"date": "12/05/2025", **cells})
        html = response.content.decode()
        assert response.status_code == 200 and error in html
        # What was typed in the grid's cells is shown again.
        shown = {f"a{m.pk}": value for m, value, _g, _w in response.context["rows"] if value}
        assert shown == {k: v for k, v in cells.items() if k != f"a{funds.member_b.pk}"}
    response = client.post(path, {"date": "31/02/2025", f"a{second.pk}": "50.000"})
    assert "Ngày nhận: ngày không hợp lệ" in response.content.decode()
    assert snapshot() == before


def test_deleting_a_drive_with_entries_says_why_and_an_empty_one_goes(client, funds, users):
    client.force_login(users.accountant)
    path = url("drive_delete", pk("drive_a"))(funds)
    response = client.post(path, follow=True)
    assert "Không xóa được: cuộc vận động đã có 2 khoản ủng hộ" in response.content.decode()
    response = client.get(path, follow=True)
    assert "xóa các khoản đó trước khi xóa" in response.content.decode()
    assert Drive.objects.filter(pk=funds.drive_a.pk).exists()
    confirm = client.get(url("drive_delete", pk("empty_a"))(funds))
    assert "Xóa hẳn" in confirm.content.decode()
    client.post(url("drive_delete", pk("empty_a"))(funds))
    assert not Drive.objects.filter(pk=funds.empty_a.pk).exists()


def test_entries_are_deleted_after_confirmation_and_a_refusal_is_explained(client, funds, users):
    client.force_login(users.accountant)
    path = url("contribution_delete", pk("drive_a"), pk("group_gift_a"))(funds)
    assert "Xóa hẳn khoản này" in client.get(path).content.decode()
    # 1.000.000đ back would leave 200.000đ collected against 800.000đ passed on.
    response = client.post(path, follow=True)
    assert "Không xóa được" in response.content.decode()
    assert DriveContribution.objects.filter(pk=funds.group_gift_a.pk).exists()
    client.post(url("forward_delete", pk("drive_a"), pk("forward_a"))(funds))
    client.post(path)
    assert not DriveContribution.objects.filter(pk=funds.group_gift_a.pk).exists()
    assert not DriveForward.objects.filter(pk=funds.forward_a.pk).exists()


# --- the table of drives by year -------------------------------------------------------------


@pytest.fixture
def years(funds, users):
    """Branch A, by hand (on top of the fixture's 2025 drive: 1.200.000 in, 800.000 out):
    Ngày vì người nghèo 2023: 3.000.000 in, 3.000.000 out; 2024: nothing entered.
    Quỹ Mái ấm Công đoàn 2024: 500.000 + 250.000 in, 600.000 out.
    Vì Trường Sa - Hoàng Sa 2025: the fixture's empty drive.
    Branch B's drives never show."""
    a, actor = funds.a.org, users.accountant
    poor_2023 = drive(a, actor, year=2023)
    give(poor_2023, 3_000_000, actor=actor, group=funds.tree.group_a1, day=date(2023, 10, 1))
    forward(poor_2023, 3_000_000, actor=actor, day=date(2023, 11, 1))
    drive(a, actor, year=2024)
    home = drive(a, actor, name="Quỹ Mái ấm Công đoàn", year=2024)
    give(home, 500_000, actor=actor, member=funds.member_a, day=date(2024, 8, 1))
    give(home, 250_000, actor=actor, member=funds.other_a, day=date(2024, 8, 2))
    forward(home, 600_000, actor=actor, day=date(2024, 9, 1))
    give(funds.drive_b, 9_000_000, actor=users.officer_b, member=funds.member_b)
    return funds


def test_the_table_by_year_holds_hand_computed_figures(years):
    table = drive_selectors.drive_table(years.a.org, 2023, 2025)
    assert table.years == [2023, 2024, 2025]
    # Rows by name in Vietnamese alphabetical order, one per name across the years.
    assert [(r.name, r.collected, r.forwarded) for r in table.rows] == [
        ("Ngày vì người nghèo", [3_000_000, 0, 1_200_000], [3_000_000, 0, 800_000]),
        ("Quỹ Mái ấm Công đoàn", [0, 750_000, 0], [0, 600_000, 0]),
        ("Vì Trường Sa - Hoàng Sa", [0, 0, 0], [0, 0, 0]),
    ]
    assert table.collected == [3_000_000, 750_000, 1_200_000]
    assert (table.total_collected, table.total_forwarded) == (4_950_000, 4_400_000)
    # A narrower range leaves the other years out.
    assert [r.name for r in drive_selectors.drive_table(years.a.org, 2023, 2023).rows] == [
        "Ngày vì người nghèo"
    ]


def test_the_table_page_and_its_range(client, years, users):
    client.force_login(users.upper_viewer)
    path = url("drive_table", org=org_a)(years)
    response = client.get(path + "&from=2023&to=2025")
    assert response.context["table"].total_collected == 4_950_000
    assert "4.950.000đ" in response.content.decode()
    # Reversed bounds are swapped; a range is capped at MAX_YEARS years.
    assert client.get(path + "&from=2025&to=2023").context["table"].years == [2023, 2024, 2025]
    assert len(client.get(path + "&from=2000&to=2025").context["table"].years) == 6
    default = client.get(path).context["table"].years
    assert default == list(range(date.today().year - 4, date.today().year + 1))


def test_the_table_xlsx_reads_back_as_numbers(client, years, users):
    client.force_login(users.accountant)
    response = client.get(url("drive_table_xlsx", org=org_a, **{"from": 2023, "to": 2025})(years))
    assert response["Content-Disposition"] == 'attachment; filename="van-dong-quy-2023-2025.xlsx"'
    sheet = load_workbook(BytesIO(response.content)).active
    rows = {row[1]: row for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert rows["Ngày vì người nghèo"][2:10] == (
        3_000_000,
        3_000_000,
        0,
        0,
        1_200_000,
        800_000,
        4_200_000,
        3_800_000,
    )
    assert rows["Tổng cộng"][8:10] == (4_950_000, 4_400_000)


def test_the_table_pdf_is_the_document_with_its_figures(client, years, users):
    from pypdf import PdfReader

    client.force_login(users.accountant)
    response = client.get(url("drive_table_pdf", org=org_a, **{"from": 2023, "to": 2025})(years))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pages = PdfReader(BytesIO(response.content)).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    for expected in ("BÁO CÁO", "CĐCS TRƯỜNG A", "Quỹ Mái ấm Công đoàn", "750.000", "4.950.000đ"):
        assert expected in text
    # A column per year: the page is turned.
    assert all(page.mediabox.width > page.mediabox.height for page in pages)


def test_drive_money_never_enters_the_books(fin, users):
    """A drive's contributions and forwards are no vouchers: the summary is unchanged."""
    org = fin.a.org
    before = selectors.finance_summary(org, date(2025, 1, 1), date(2025, 12, 31))
    vouchers = Voucher.objects.count()
    d = drive(org, users.accountant)
    give(d, 5_000_000, actor=users.accountant, group=fin.tree.group_a1)
    forward(d, 4_000_000, actor=users.accountant)
    after = selectors.finance_summary(org, date(2025, 1, 1), date(2025, 12, 31))
    assert Voucher.objects.count() == vouchers
    assert (after.opening, after.total_income, after.total_spending, after.closing) == (
        before.opening,
        before.total_income,
        before.total_spending,
        before.closing,
    )


# --- query counts ----------------------------------------------------------------------------


def add_rows(f, actor, n: int) -> None:
    """n more drives, contributions, forwards and loans in branch A."""
    a = f.a.org
    start = Drive.objects.filter(organisation=a).count()
    for i in range(n):
        d = drive(a, actor, name=f"Cuộc vận động {start + i}")
        member = MemberFactory(organisation=f.tree.group_a1)
        give(d, 100_000, actor=actor, member=member)
        give(f.drive_a, 10_000 + i, actor=actor, member=member)
        give(f.drive_a, 20_000 + i, actor=actor, group=f.tree.group_a2)
        forward(f.drive_a, 1_000, actor=actor)
        loan(a, member, actor)


@pytest.mark.parametrize(
    "page",
    [
        lambda f: url("drive_list", org=org_a, year="2025")(f),
        lambda f: url("drive_detail", pk("drive_a"))(f),
        lambda f: url("drive_detail", pk("drive_a"))(f) + "?page=2",
        lambda f: url("drive_table", org=org_a)(f),
        lambda f: url("loan_list", org=org_a, state="all")(f),
        lambda f: url("contribution_grid", pk("drive_a"), group=lambda f: f.tree.group_a1.pk)(f),
    ],
)
def test_drive_and_loan_pages_query_count_does_not_grow_with_rows(page, client, funds, users):
    add_rows(funds, users.accountant, 60)  # more than a page of the drive's contributions
    client.force_login(users.accountant)
    before = count_queries(client, page(funds))
    add_rows(funds, users.accountant, 30)
    assert count_queries(client, page(funds)) == before
