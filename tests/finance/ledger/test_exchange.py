"""Vouchers in and out of Excel: the export, the template, the all-or-nothing import."""

from datetime import date, datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from finance.ledger import importing, services
from finance.ledger.importing import COLUMNS, import_vouchers_xlsx
from finance.models import Account, Category, ClosedPeriod, Voucher
from tests.factories import MemberFactory
from tests.finance.factories import make_voucher
from tests.finance.pages import org_a, snapshot, url
from tests.pages import count_queries
from unionhub.jobs import exports

pytestmark = pytest.mark.django_db

HEADERS = [header for header, _guide in COLUMNS]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet_bytes(rows, headers=HEADERS, title_rows=()) -> BytesIO:
    book = Workbook()
    sheet = book.active
    for row in title_rows:
        sheet.append(row)
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "so-cu.xlsx"
    return out


def upload(rows, **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile("so-cu.xlsx", sheet_bytes(rows, **kwargs).getvalue(), XLSX)


def read_download(response):
    return load_workbook(BytesIO(b"".join(response.streaming_content))).worksheets


# Ngày, Loại phiếu, Tài khoản, Mã mục, Số tiền, Người nộp/nhận tiền, Lý do, Số thẻ
GOOD_ROWS = [
    ["20/05/2025", "Thu", "Quỹ tiền mặt", "T02", "3.000.000", "CĐ cấp trên", "Cấp kinh phí", ""],
    [datetime(2025, 5, 2), "Chi", "", "C01", 1_200_000, "Tổ Văn", "Hội thao", ""],
    ["02/05/2025", "PT", "Tiền mặt", "T03.4", "50000", "Ngân hàng", "Lãi tháng 4", ""],
]


# --- import ----------------------------------------------------------------------------------


def test_import_posts_every_row_numbered_in_date_order_after_the_existing_numbers(fin, users):
    org = fin.a.org
    result = import_vouchers_xlsx(
        sheet_bytes(GOOD_ROWS), organisation=org, actor=users.accountant, post=True, dry_run=False
    )
    assert result.ok, result.errors
    imported = Voucher.objects.filter(organisation=org, date__month=5).order_by("date", "kind")
    assert [(v.date, v.kind, v.amount, v.category.code) for v in imported] == [
        (date(2025, 5, 2), "payment", 1_200_000, "C01"),
        (date(2025, 5, 2), "receipt", 50_000, "T03.4"),
        (date(2025, 5, 20), "receipt", 3_000_000, "T02"),
    ]
    assert all(v.state == Voucher.State.POSTED for v in imported)
    # Branch A had receipt no. 1 and payment no. 1 of 2025 (make_books).
    assert [v.display_number for v in imported] == ["PC 0002/2025", "PT 0002/2025", "PT 0003/2025"]
    assert imported[2].counterparty == "CĐ cấp trên"
    assert imported[2].history.first().history_user == users.accountant


def test_import_as_drafts_numbers_nothing(fin, users):
    result = import_vouchers_xlsx(
        sheet_bytes(GOOD_ROWS), organisation=fin.a.org, actor=users.accountant, post=False,
        dry_run=False,
    )  # fmt: skip
    assert result.ok
    drafts = Voucher.objects.filter(organisation=fin.a.org, date__month=5)
    assert {(v.state, v.number) for v in drafts} == {(Voucher.State.DRAFT, None)}


def test_a_dry_run_checks_everything_and_saves_nothing(fin, users):
    before = snapshot()
    result = import_vouchers_xlsx(
        sheet_bytes(GOOD_ROWS), organisation=fin.a.org, actor=users.accountant, post=True,
        dry_run=True,
    )  # fmt: skip
    assert result.ok and len(result.rows) == 3
    assert (result.receipts, result.payments) == (3_050_000, 1_200_000)
    assert snapshot() == before


def test_every_bad_row_is_named_and_nothing_is_saved(fin, users):
    ClosedPeriod.objects.create(organisation=fin.a.org, year=2025, month=6)
    rows = [
        GOOD_ROWS[0],
        ["31/02/2025", "Thu", "", "T01", "100", "", "Sai ngày", ""],  # row 3
        ["02/05/2025", "Nộp", "", "T01", "100", "", "Loại lạ", ""],  # row 4
        ["02/05/2025", "Thu", "Két sắt", "T01", "100", "", "Tài khoản lạ", ""],  # row 5
        ["02/05/2025", "Thu", "", "X99", "100", "", "Mục lạ", ""],  # row 6
        ["02/05/2025", "Thu", "", "T01", "0", "", "Không đồng", ""],  # row 7
        ["02/05/2025", "Thu", "", "T01", "1,5", "", "Số lẻ", ""],  # row 8
        ["02/05/2025", "Thu", "", "T01", "100", "", "", ""],  # row 9: no reason
        ["02/05/2025", "Chi", "", "T01", "100", "", "Chi vào mục thu", ""],  # row 10
        ["10/06/2025", "Thu", "", "T01", "100", "", "Kỳ đã khóa", ""],  # row 11
        ["02/05/2025", "Chi", "", "C02.1", "100", "", "Thăm ốm", "999999"],  # row 12
        ["15/12/2024", "Thu", "", "T01", "100", "", "Trước số dư đầu kỳ", ""],  # row 13
        ["02/05/2025", "Thu", "", "T01", "9" * 20, "", "Quá lớn", ""],  # row 14
    ]
    before = snapshot()
    result = import_vouchers_xlsx(
        sheet_bytes(rows), organisation=fin.a.org, actor=users.accountant, post=True,
        dry_run=False,
    )  # fmt: skip
    assert not result.ok
    assert snapshot() == before
    named = {(e.row, e.column) for e in result.errors}
    assert named == {
        (3, "Ngày"),
        (4, "Loại phiếu"),
        (5, "Tài khoản"),
        (6, "Mã mục"),
        (7, "Số tiền"),
        (8, "Số tiền"),
        (9, "Lý do"),
        (10, "Mã mục"),
        (11, "Ngày"),
        (12, "Số thẻ đoàn viên liên quan"),
        (13, "Ngày"),
        (14, "Số tiền"),
    }
    messages = [str(e) for e in result.errors]
    assert "Dòng 5, cột Tài khoản: Không có tài khoản “Két sắt” trong đơn vị." in messages
    assert any("Dòng 11, cột Ngày: Kỳ 06/2025 đã khóa sổ" in m for m in messages)


def test_a_branch_with_two_accounts_needs_the_account_named(fin, users):
    services.account_save(
        account=Account(
            organisation=fin.a.org, kind="bank", name="TK Vietinbank", opening_date=date(2025, 1, 1)
        ),
        actor=users.accountant,
    )
    rows = [
        ["02/05/2025", "Thu", "", "T01", "100", "", "Không ghi tài khoản", ""],
        ["02/05/2025", "Thu", "Tiền gửi", "T01", "200", "", "Theo loại tài khoản", ""],
    ]
    result = import_vouchers_xlsx(
        sheet_bytes(rows), organisation=fin.a.org, actor=users.accountant, post=True, dry_run=True
    )
    assert [(e.row, e.column) for e in result.errors] == [(2, "Tài khoản")]
    assert result.rows[0].account.name == "TK Vietinbank"


def test_welfare_rows_link_the_member_of_the_branch_by_card_number(fin, users):
    ours = MemberFactory(organisation=fin.tree.group_a1, card_number="A-001")
    MemberFactory(organisation=fin.tree.group_b1, card_number="B-001")
    rows = [
        ["02/05/2025", "Chi", "", "C02.1", "500.000", "", "Thăm ốm", "A-001"],
        ["03/05/2025", "Chi", "", "C02.1", "500.000", "", "Thăm ốm", "B-001"],
    ]
    result = import_vouchers_xlsx(
        sheet_bytes(rows), organisation=fin.a.org, actor=users.accountant, post=True, dry_run=True
    )
    assert [(e.row, e.column) for e in result.errors] == [(3, "Số thẻ đoàn viên liên quan")]
    assert result.rows[0].member == ours


def test_file_problems_are_said_in_one_message(fin, users):
    def check(fileobj):
        return import_vouchers_xlsx(
            fileobj, organisation=fin.a.org, actor=users.accountant, post=True, dry_run=True
        ).file_error

    assert "không phải Excel" in check(BytesIO(b"Ngay;So tien\n01/01/2025;100\n"))
    assert "Không tìm thấy dòng tiêu đề" in check(sheet_bytes([], headers=["Họ tên", "Lương"]))
    assert "không có dòng chứng từ" in check(sheet_bytes([]))


def test_a_header_below_a_title_and_office_spellings_are_understood(fin, users):
    headers = ["STT", "Ngày chứng từ", "Loại", "Mục", "Số tiền (đồng)", "Nội dung", "Ghi chú"]
    rows = [[1, "02/05/2025", "Thu", "T01 · Đoàn phí", "100.000", "Thu đoàn phí", "x"]]
    result = import_vouchers_xlsx(
        sheet_bytes(rows, headers=headers, title_rows=[["SỔ THU CHI NĂM 2025"], []]),
        organisation=fin.a.org,
        actor=users.accountant,
        post=True,
        dry_run=True,
    )
    assert result.ok, result.errors
    assert result.rows[0].row == 4
    assert result.rows[0].category.code == "T01"
    assert result.notices == ["Các cột không dùng khi nhập: Ghi chú."]


# --- the pages -------------------------------------------------------------------------------


def test_upload_preview_then_confirm_imports_the_stored_file(client, fin, users):
    client.force_login(users.accountant)
    page = url("voucher_import", org=org_a)(fin)
    preview = client.post(
        page, {"action": "upload", "file": upload(GOOD_ROWS), "post": "on"}, follow=True
    )
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Kiểm tra tệp" in html and 'value="confirm"' in html
    assert not Voucher.objects.filter(organisation=fin.a.org, date__month=5).exists()
    check = preview.context["job"]
    done = client.post(page, {"action": "confirm", "job": check.pk}, follow=True)
    assert "Đã nhập và ghi sổ 3 chứng từ." in done.content.decode()
    assert (
        Voucher.objects.filter(organisation=fin.a.org, date__month=5, state="posted").count() == 3
    )
    # The check is spent: confirming again leads to the same import and imports nothing twice.
    again = client.post(page, {"action": "confirm", "job": check.pk})
    assert again.url == done.redirect_chain[0][0]
    assert Voucher.objects.filter(organisation=fin.a.org, date__month=5).count() == 3


def test_a_file_with_errors_offers_no_confirmation(client, fin, users):
    client.force_login(users.accountant)
    bad = [["02/05/2025", "Thu", "", "X99", "100", "", "Mục lạ", ""]]
    response = client.post(
        url("voucher_import", org=org_a)(fin), {"file": upload(bad)}, follow=True
    )
    html = response.content.decode()
    assert "Dòng 2, cột Mã mục" in html
    assert 'value="confirm"' not in html
    assert response.context["job"].summary["ok"] is False


def test_an_upload_of_branch_a_cannot_be_confirmed_into_branch_b(client, fin, users):
    client.force_login(users.admin)
    page_a = url("voucher_import", org=org_a)(fin)
    check = client.post(page_a, {"file": upload(GOOD_ROWS), "post": "on"}, follow=True)
    job = check.context["job"].pk
    page_b = reverse("finance:voucher_import") + f"?org={fin.b.org.pk}"
    assert client.post(page_b, {"action": "confirm", "job": job}).status_code == 404
    assert not Voucher.objects.filter(date__month=5).exists()


@pytest.mark.parametrize(("role", "status"), [("inspector", 403), ("officer_b", 404)])
def test_readers_and_outsiders_cannot_import(role, client, fin, users, status):
    client.force_login(getattr(users, role))
    before = snapshot()
    response = client.post(url("voucher_import", org=org_a)(fin), {"file": upload(GOOD_ROWS)})
    assert response.status_code == status
    assert snapshot() == before


def test_the_template_has_the_import_columns_and_a_guide(client, fin, users):
    client.force_login(users.accountant)
    response = client.get(url("voucher_import_template", org=org_a)(fin))
    sheets = read_download(response)
    assert [c.value for c in sheets[0][1]] == HEADERS
    assert sheets[0].max_row == 1  # no example row to import by mistake
    assert "Mã mục" in [row[0] for row in sheets[1].iter_rows(values_only=True)]


# --- export ----------------------------------------------------------------------------------


def test_export_lists_the_filtered_vouchers_oldest_first(client, fin, users):
    reversal = services.voucher_reverse(
        voucher=fin.a.payment, day=date(2025, 3, 6), actor=users.accountant
    )
    client.force_login(users.inspector)
    rows = list(read_download(client.get(url("voucher_export", org=org_a)(fin)))[0].values)
    assert rows[0][:7] == (
        "Số phiếu",
        "Ngày",
        "Loại phiếu",
        "Tài khoản",
        "Mã mục",
        "Tên mục",
        "Số tiền",
    )
    assert [(r[0], r[2], r[4], r[6], r[10], r[11]) for r in rows[1:]] == [
        ("PT 0001/2025", "Thu", "T01", 2_000_000, "Đã ghi sổ", None),
        ("PC 0001/2025", "Chi", "C02.1", 500_000, "Đã ghi sổ", None),
        (reversal.display_number, "Thu", "C02.1", 500_000, "Đã ghi sổ", "PC 0001/2025"),
        (None, "Thu", "T02", 1_000_000, "Nháp", None),
    ]
    assert rows[1][1] == datetime(2025, 3, 1)
    receipts = read_download(client.get(url("voucher_export", org=org_a, kind="payment")(fin)))
    assert [r[0] for r in list(receipts[0].values)[1:]] == ["PC 0001/2025"]


def test_a_long_export_is_a_job_of_the_same_rows_for_readers_of_the_books_only(
    client, fin, users, monkeypatch
):
    client.force_login(users.inspector)
    inline = list(read_download(client.get(url("voucher_export", org=org_a)(fin)))[0].values)
    monkeypatch.setattr(exports, "INLINE_ROWS", 1)

    page = client.get(url("voucher_export", org=org_a)(fin), follow=True)

    job = page.context["job"]
    assert (job.kind, job.state) == ("finance.export", "done")
    download = client.get(reverse("jobs:file", args=[job.pk]))
    assert list(read_download(download)[0].values) == inline
    client.force_login(users.officer_b)
    assert client.get(url("voucher_export", org=org_a)(fin)).status_code == 404
    assert client.get(reverse("jobs:file", args=[job.pk])).status_code == 404


def test_an_export_imports_into_another_branch(client, fin, users):
    """What branch B lacks is imported; what it already has (make_books gave both branches the
    same March vouchers) is not; A's number PT 0002/2025, given in B to another voucher, does
    not hide A's voucher."""
    ours = [
        make_voucher(fin.a, "receipt", "T02", 800_000, date(2025, 4, 2)),
        make_voucher(fin.a, "payment", "C01", 90_000, date(2025, 4, 3)),
    ]
    make_voucher(fin.b, "receipt", "T01", 1_000, date(2025, 3, 20))  # B's PT 0002/2025
    client.force_login(users.accountant)
    exported = b"".join(client.get(url("voucher_export", org=org_a)(fin)).streaming_content)
    result = import_vouchers_xlsx(
        BytesIO(exported), organisation=fin.b.org, actor=users.officer_b, post=True, dry_run=False
    )
    assert result.ok, result.errors
    assert [s.reason for s in result.skipped] == [
        "Đã có trong sổ: PT 0001/2025",
        "Đã có trong sổ: PC 0001/2025",
        "Đã có trong sổ: phiếu nháp ngày 10/03/2025",
    ]
    copied = Voucher.objects.filter(organisation=fin.b.org, date__month=4).order_by("date")
    assert [(v.display_number, v.kind, v.amount, v.category.code) for v in copied] == [
        ("PT 0003/2025", "receipt", 800_000, "T02"),
        ("PC 0002/2025", "payment", 90_000, "C01"),
    ]
    assert [v.account.organisation for v in copied] == [fin.b.org] * len(ours)


def test_export_queries_do_not_grow_with_the_vouchers(client, fin, users):
    client.force_login(users.accountant)
    path = url("voucher_export", org=org_a)(fin)
    few = count_queries(client, path)
    for day in range(1, 21):
        make_voucher(fin.a, "receipt", "T01", 1000 + day, date(2025, 4, day))
    assert count_queries(client, path) == few


def test_importing_an_export_into_its_own_branch_adds_nothing_and_changes_no_voucher(
    client, fin, users
):
    """The import only ever creates, and never what the books already hold (issue 13)."""
    client.force_login(users.accountant)
    before = list(Voucher.objects.order_by("pk").values())
    exported = b"".join(client.get(url("voucher_export", org=org_a)(fin)).streaming_content)
    result = import_vouchers_xlsx(
        BytesIO(exported), organisation=fin.a.org, actor=users.accountant, post=False,
        dry_run=False,
    )  # fmt: skip
    assert not result.ok and not result.errors and len(result.skipped) == 3
    assert result.notices[-1] == "Không có chứng từ mới nào để nhập."
    assert list(Voucher.objects.order_by("pk").values()) == before


def test_the_import_queries_do_not_grow_with_the_rows(fin, users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(rows):
        with CaptureQueriesContext(connection) as captured:
            result = import_vouchers_xlsx(
                sheet_bytes(rows), organisation=fin.a.org, actor=users.accountant, post=True,
                dry_run=True,
            )  # fmt: skip
        assert result.ok, result.errors
        return len(captured)

    row = ["02/05/2025", "Thu", "", "T01", "100", "", "Thu đoàn phí", ""]
    # Within one insert batch (SQLite's takes about fifty vouchers): no query per row.
    assert queries([row] * 3) == queries([row] * 40)


def test_posted_imports_continue_each_years_numbers(fin, users):
    rows = [
        {"kind": kind, "date": day, "account": fin.a.cash, "category": category, "amount": 1000}
        | {"description": "x"}
        for kind, day, category in [
            ("receipt", date(2026, 1, 5), Category.objects.get(code="T01")),
            ("receipt", date(2025, 12, 30), Category.objects.get(code="T01")),
            ("receipt", date(2025, 12, 31), Category.objects.get(code="T01")),
        ]
    ]
    created = importing.vouchers_import(
        organisation=fin.a.org, rows=rows, post=True, actor=users.accountant
    )
    # 2025 had receipt no. 1 (make_books); 2026 starts at 1. The order given is the order kept.
    assert [v.display_number for v in created] == ["PT 0001/2026", "PT 0002/2025", "PT 0003/2025"]
    assert all(v.history.get().history_user == users.accountant for v in created)
    with pytest.raises(importing.RowsInvalid) as refused:
        importing.vouchers_import(
            organisation=fin.a.org,
            rows=[rows[0], {**rows[1], "category": Category.objects.get(code="C01")}],
            post=True,
            actor=users.accountant,
        )
    assert list(refused.value.by_row) == [1]


def test_cancel_forgets_the_upload_and_a_vanished_file_asks_for_it_again(client, fin, users):
    from django.core.files.storage import default_storage

    client.force_login(users.accountant)
    page = url("voucher_import", org=org_a)(fin)

    def check():
        return client.post(page, {"file": upload(GOOD_ROWS), "post": "on"}, follow=True)

    job = check().context["job"]
    cancelled = client.post(page, {"action": "cancel", "job": job.pk}, follow=True)
    assert "Đã hủy nhập tệp." in cancelled.content.decode()
    refused = client.post(page, {"action": "confirm", "job": job.pk}, follow=True)
    assert "không nhập được" in refused.content.decode()
    job = check().context["job"]
    default_storage.delete(job.upload.name)
    gone = client.post(page, {"action": "confirm", "job": job.pk}, follow=True)
    assert "Tệp đã tải lên không còn" in gone.content.decode()
    assert not Voucher.objects.filter(organisation=fin.a.org, date__month=5).exists()
