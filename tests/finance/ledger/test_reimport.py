"""Importing a file whose rows are already in the books: an export re-imported, a range that
overlaps what was imported before. Those rows are skipped, each named in the preview."""

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from finance.ledger import services
from finance.ledger.importing import import_vouchers_xlsx
from finance.models import Voucher
from tests.finance.factories import make_voucher, open_bank
from tests.finance.ledger.test_exchange import XLSX, sheet_bytes
from tests.finance.pages import org_a, snapshot, url

pytestmark = pytest.mark.django_db

EXPORT_HEADERS = ["Số phiếu", "Ngày", "Loại phiếu", "Tài khoản", "Mã mục", "Số tiền"]
EXPORT_HEADERS += ["Người nộp/nhận tiền", "Lý do", "Số thẻ đoàn viên liên quan"]


def a_range(fin):
    """Receipts and payments of April 2025 in branch A, besides its March books."""
    for day in range(1, 6):
        make_voucher(fin.a, "receipt", "T01", 100_000 * day, date(2025, 4, day))
        make_voucher(fin.a, "payment", "C01", 10_000 * day, date(2025, 4, day), counterparty="")


def export(client, fin, **query) -> bytes:
    response = client.get(url("voucher_export", org=org_a, **query)(fin))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def with_row(exported: bytes, row: list) -> bytes:
    book = load_workbook(BytesIO(exported))
    book.active.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def as_upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("chung-tu.xlsx", content, XLSX)


def reimport(fin, users, content: bytes, *, dry_run: bool, post: bool = True):
    return import_vouchers_xlsx(
        BytesIO(content), organisation=fin.a.org, actor=users.accountant, post=post,
        dry_run=dry_run,
    )  # fmt: skip


def test_reimporting_an_export_posts_nothing_and_names_each_row_already_in_the_books(
    client, fin, users
):
    a_range(fin)
    client.force_login(users.accountant)
    exported = export(client, fin, **{"from": "01/04/2025", "to": "30/04/2025"})
    before = snapshot()
    page = url("voucher_import", org=org_a)(fin)
    preview = client.post(
        page, {"action": "upload", "file": as_upload(exported), "post": "on"}, follow=True
    )
    html = preview.content.decode()
    assert preview.context["job"].state == "done"
    result = reimport(fin, users, exported, dry_run=True)  # what the check's job found
    assert result.rows == [] and not result.errors
    assert [(s.row, s.reason) for s in result.skipped] == [
        (n, f"Đã có trong sổ: {v.display_number}")
        for n, v in enumerate(
            Voucher.objects.filter(date__month=4, organisation=fin.a.org).order_by(
                "date", "kind", "number"
            ),
            start=2,
        )
    ]
    assert "Đã có trong sổ: PT 0002/2025" in html and "Đã có trong sổ: PC 0006/2025" in html
    assert "10 dòng đã có trong sổ" in html
    assert 'value="confirm"' not in html
    # Confirming the same file (as a stale preview would) posts nothing either.
    confirmed = reimport(fin, users, exported, dry_run=False)
    assert len(confirmed.skipped) == 10 and confirmed.rows == []
    assert snapshot() == before


def test_reimporting_as_drafts_finds_the_drafts_too(client, fin, users):
    client.force_login(users.accountant)
    exported = export(client, fin)
    before = snapshot()
    result = reimport(fin, users, exported, dry_run=False, post=False)
    assert [s.reason for s in result.skipped] == [
        "Đã có trong sổ: PT 0001/2025",
        "Đã có trong sổ: PC 0001/2025",
        "Đã có trong sổ: phiếu nháp ngày 10/03/2025",
    ]
    assert snapshot() == before


def test_a_file_with_one_new_row_imports_only_that_row(client, fin, users):
    a_range(fin)
    client.force_login(users.accountant)
    new = [None, "03/04/2025", "Thu", "Quỹ tiền mặt", "T02", "", 777_000, "CĐ cấp trên", "Cấp bù"]
    content = with_row(export(client, fin, kind="receipt"), new)
    page = url("voucher_import", org=org_a)(fin)
    preview = client.post(
        page, {"action": "upload", "file": as_upload(content), "post": "on"}, follow=True
    )
    result = reimport(fin, users, content, dry_run=True)  # what the check's job found
    assert [(r.row, r.amount) for r in result.rows] == [(9, 777_000)]
    assert len(result.skipped) == 7  # March's receipt and draft, the five April receipts
    html = preview.content.decode()
    assert "7 dòng đã có trong sổ" in html
    # "Thu" as a kind of voucher, not Django's "Thu" for Thursday ("Thứ 5").
    assert "<td>Thu</td>" in html and "Thứ 5" not in html
    count = Voucher.objects.count()
    done = client.post(page, {"action": "confirm", "job": preview.context["job"].pk}, follow=True)
    assert done.context["job"].summary["ok"]
    assert Voucher.objects.count() == count + 1
    added = Voucher.objects.get(amount=777_000)
    assert (added.display_number, added.date) == ("PT 0007/2025", date(2025, 4, 3))


def test_rows_of_the_template_that_match_a_voucher_are_skipped_too(fin, users):
    """Without a number: same date, kind, account, line, amount and payer; as many rows as
    there are such vouchers (two identical payments are two vouchers)."""
    make_voucher(fin.a, "payment", "C01", 300_000, date(2025, 4, 2), counterparty="Tổ Văn")
    make_voucher(fin.a, "payment", "C01", 300_000, date(2025, 4, 2), counterparty="Tổ Văn")
    row = ["02/04/2025", "Chi", "Quỹ tiền mặt", "C01", "300.000", "tổ  văn", "Hội thao", ""]
    other = ["02/04/2025", "Chi", "Quỹ tiền mặt", "C01", "300.000", "Tổ Toán", "Hội thao", ""]
    result = reimport(fin, users, sheet_bytes([row, row, row, other]).getvalue(), dry_run=True)
    assert result.ok, result.errors
    assert [(s.row, s.reason[:15]) for s in result.skipped] == [
        (2, "Đã có trong sổ:"),
        (3, "Đã có trong sổ:"),
    ]
    assert [r.row for r in result.rows] == [4, 5]


def test_the_same_number_twice_in_a_file_is_flagged(fin, users):
    headers = EXPORT_HEADERS
    row = ["PT 0009/2025", "02/04/2025", "Thu", "Quỹ tiền mặt", "T01", 5000, "", "Đoàn phí", ""]
    changed = [*row[:5], 6000, *row[6:]]
    copied = reimport(fin, users, sheet_bytes([row, row], headers=headers).getvalue(), dry_run=True)
    assert [r.row for r in copied.rows] == [2]
    assert [(s.row, s.reason) for s in copied.skipped] == [
        (3, "Trùng với dòng 2 của tệp (cùng số phiếu PT 0009/2025).")
    ]
    conflicting = reimport(
        fin, users, sheet_bytes([row, changed], headers=headers).getvalue(), dry_run=True
    )
    assert not conflicting.ok
    assert [str(e) for e in conflicting.errors] == [
        "Dòng 3, cột Số phiếu: Số phiếu PT 0009/2025 đã có ở dòng 2 của tệp với nội dung khác: "
        "sửa hoặc xóa số phiếu ở một trong hai dòng."
    ]


def test_a_number_given_to_another_voucher_here_does_not_hide_a_new_row(fin, users):
    """A file from another branch or installation: its PT 0001/2025 is not ours."""
    row = ["PT 0001/2025", "02/04/2025", "Thu", "Quỹ tiền mặt", "T01", 5000, "", "Đoàn phí", ""]
    result = reimport(
        fin, users, sheet_bytes([row], headers=EXPORT_HEADERS).getvalue(), dry_run=True
    )
    assert result.ok and [r.row for r in result.rows] == [2] and result.skipped == []
    assert result.notices == [
        "1 dòng có số phiếu mà sổ đã dùng cho một phiếu khác (khác ngày hoặc số tiền): "
        "được nhập như phiếu mới, đánh số mới khi ghi sổ."
    ]


def transfer_and_reversal(fin, users):
    bank = open_bank(fin.a)
    payment, _receipt = services.transfer_create(
        organisation=fin.a.org, source=fin.a.cash, destination=bank, day=date(2025, 4, 8),
        amount=400_000, description="Nộp tiền vào tài khoản", actor=users.accountant,
    )  # fmt: skip
    services.voucher_post(voucher=payment, actor=users.accountant)
    services.voucher_reverse(voucher=fin.a.payment, day=date(2025, 4, 9), actor=users.accountant)


def test_the_export_marks_transfers_and_the_import_skips_them_and_reversals_by_name(
    client, fin, users
):
    transfer_and_reversal(fin, users)
    make_voucher(fin.a, "receipt", "T03.4", 70_000, date(2025, 4, 10))
    client.force_login(users.accountant)
    exported = export(client, fin)
    sheet = load_workbook(BytesIO(exported)).active
    rows = list(sheet.values)
    assert rows[0][12] == "Chuyển tiền nội bộ với"
    marks = [(r[0], r[11], r[12]) for r in rows[1:] if r[11] or r[12]]
    assert marks == [
        ("PC 0002/2025", None, "PT 0002/2025 · Tiền gửi"),
        ("PT 0002/2025", None, "PC 0002/2025 · Quỹ tiền mặt"),
        ("PT 0003/2025", "PC 0001/2025", None),
    ]
    # Into branch B, which has a cash box and a bank account: the plain vouchers that B lacks
    # are imported; the transfer's two rows and the reversal are named and left out.
    open_bank(fin.b)
    b_vouchers = Voucher.objects.filter(organisation=fin.b.org).count()
    result = import_vouchers_xlsx(
        BytesIO(exported), organisation=fin.b.org, actor=users.officer_b, post=True,
        dry_run=False,
    )  # fmt: skip
    assert result.ok, result.errors
    skipped = {s.row: s.reason for s in result.skipped}
    transfer = (
        "Chuyển tiền nội bộ: không nhập từ tệp; lập lại bằng “Chuyển tiền nội bộ” sau khi nhập."
    )
    reversal = (
        "Phiếu điều chỉnh cho PC 0001/2025: không nhập từ tệp; lập lại bằng “Điều chỉnh” "
        "trên phiếu gốc sau khi nhập."
    )
    assert list(skipped.values()).count(transfer) == 2 and reversal in skipped.values()
    # B already had A's March vouchers (same books by make_books): those are in its books.
    assert sum(s.startswith("Đã có trong sổ") for s in skipped.values()) == 3
    assert [r.amount for r in result.rows] == [70_000]
    assert Voucher.objects.filter(organisation=fin.b.org).count() == b_vouchers + 1
    # Into its own branch, every row is already there, transfers and reversal included.
    again = reimport(fin, users, exported, dry_run=True)
    assert again.rows == [] and not again.errors
    assert all(s.reason.startswith("Đã có trong sổ: ") for s in again.skipped)
    assert len(again.skipped) == len(rows) - 1


def test_the_duplicate_search_costs_the_same_queries_for_many_rows(client, fin, users):
    client.force_login(users.accountant)

    def queries() -> int:
        exported = export(client, fin)
        with CaptureQueriesContext(connection) as captured:
            result = reimport(fin, users, exported, dry_run=True)
        assert result.rows == [] and len(result.skipped) == fin.a.org.vouchers.count()
        return len(captured)

    few = queries()
    for day in range(1, 29):
        make_voucher(fin.a, "receipt", "T01", 1000 + day, date(2025, 4, day))
        make_voucher(fin.a, "payment", "C01", 1000 + day, date(2025, 5, day), counterparty="")
    assert queries() == few
