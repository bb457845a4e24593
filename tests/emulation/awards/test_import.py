"""Award decisions from Excel: the all-or-nothing import of the rows, what it names wrong,
its queries (the pages in test_import_pages)."""

from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from emulation.awards import services
from emulation.awards.importing import import_awards_xlsx
from emulation.awards.services import Recipient
from emulation.models import Award, AwardDecision, AwardTitle
from finance.models import Voucher
from tests.emulation.awards.sheets import GOOD_ROWS, SGD, sheet_bytes, snapshot
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def run(imp, rows, *, actor=None, dry_run=False, org=None, **kwargs):
    return import_awards_xlsx(
        rows if isinstance(rows, BytesIO) else sheet_bytes(rows),
        organisation=org or imp.tree.branch_a,
        actor=actor,
        dry_run=dry_run,
        **kwargs,
    )


def named(result) -> set[tuple[int, str]]:
    return {(e.row, e.column) for e in result.errors}


# --- import ----------------------------------------------------------------------------------


def test_import_makes_one_decision_per_number_date_and_title_with_its_recipients(imp, users):
    result = run(imp, GOOD_ROWS, actor=users.officer)
    assert result.ok, [str(e) for e in result.errors]
    decisions = AwardDecision.objects.filter(organisation=imp.tree.branch_a).order_by("pk")
    assert [(d.number, d.title.name, d.title.subject, d.year) for d in decisions] == [
        ("12/QĐ-SGD", "Lao động tiên tiến", "individual", 2025),
        ("13/QĐ-SGD", "Tập thể lao động tiên tiến", "collective", 2025),
        ("5/QĐ-CĐ", "Giấy khen", "individual", 2025),
        ("5/QĐ-CĐ", "Giấy khen", "collective", 2025),
    ]
    assert decisions[2].signed_on == date(2026, 1, 15)
    assert decisions[0].issuer == "Giám đốc Sở"
    awards = Award.objects.order_by("pk")
    assert [(a.member, a.recipient, a.unit, a.year, a.prize) for a in awards] == [
        (imp.an, None, imp.tree.group_a1, 2025, 500_000),
        (imp.binh, None, imp.tree.group_a2, 2025, 300_000),
        (None, imp.tree.group_a1, imp.tree.group_a1, 2025, 0),
        (imp.an, None, imp.tree.group_a1, 2025, 0),
        (None, imp.tree.group_a2, imp.tree.group_a2, 2025, 0),
    ]
    assert (len(result.decisions), result.individuals, result.collectives) == (4, 3, 2)
    # Without an account the prizes are recorded and no voucher is made.
    assert not Voucher.objects.exists()
    assert any("không lập phiếu chi" in n for n in result.notices)
    assert decisions[0].history.first().history_user == users.officer


def test_with_an_account_each_decision_with_prizes_gets_one_draft_voucher(imp, users):
    result = run(imp, GOOD_ROWS, actor=users.officer, prize_account=imp.cash_a)
    assert result.ok, [str(e) for e in result.errors]
    voucher = Voucher.objects.get()
    assert (voucher.organisation, voucher.account, voucher.amount, voucher.state) == (
        imp.tree.branch_a,
        imp.cash_a,
        800_000,
        Voucher.State.DRAFT,
    )
    assert voucher.date == date(2025, 12, 20)
    assert set(Award.objects.filter(voucher=voucher).values_list("prize", flat=True)) == {
        500_000,
        300_000,
    }


def test_a_dry_run_checks_everything_and_saves_nothing(imp, users):
    before = snapshot()
    result = run(imp, GOOD_ROWS, actor=users.officer, prize_account=imp.cash_a, dry_run=True)
    assert result.ok and len(result.rows) == 5
    assert result.prize == 800_000
    assert snapshot() == before


def test_every_bad_row_is_named_and_nothing_is_saved(imp, users):
    services.decision_create(
        decision=AwardDecision(
            organisation=imp.tree.group_a1,
            number="99/QĐ",
            signed_on=date(2025, 12, 1),
            issuer="Hiệu trưởng",
            year=2025,
            title=AwardTitle.objects.get(name="Lao động tiên tiến"),
        ),
        recipients=[Recipient(imp.an)],
        actor=None,
    )
    member = ["", "", "Nguyễn Văn An", "", "", ""]
    rows = [
        [*SGD, *member],  # row 2: good
        [*SGD[:4], "Danh hiệu lạ", *member],  # 3
        ["14/QĐ", "20/12/2025", "Sở", 2025, "Tập thể lao động tiên tiến", *member],  # 4
        [*SGD, "", "", "Không Có Ai", "", "", ""],  # 5: no such member
        [*SGD, "", "", "Trần Văn Cường", "", "", ""],  # 6: two of them
        ["14/QĐ", "20/12/2025", "Sở", 2025, "Tập thể lao động tiên tiến"]
        + ["", "", "", "", "Tổ Văn", ""],  # 7: a group of branch B
        ["15/QĐ", "31/02/2025", "Sở", 2025, "Lao động tiên tiến", *member],  # 8
        [*SGD, "", "", "Lê Thị Bình", "", "", "1,5"],  # 9
        [*SGD[:2], "Sở Giáo dục", 2025, SGD[4], "", "", "Lê Thị Bình", "", "", ""],  # 10
        [*SGD[:3], 2024, SGD[4], "", "", "Lê Thị Bình", "", "", ""],  # 11
        [*SGD, "", "", "nguyen van an", "", "", ""],  # 12: An again
        [*SGD, "", "", "", "B-001", "", ""],  # 13: a card of branch B
        [*SGD, "Nhà trường", "", "Lê Thị Bình", "", "", ""],  # 14
        ["99/QĐ", "01/12/2025", "Hiệu trưởng", 2025, "Lao động tiên tiến", *member],  # 15
        ["16/QĐ", "20/12/2025", "Sở", "", "Lao động tiên tiến", *member],  # 16
        ["", "20/12/2025", "Sở", 2025, "Lao động tiên tiến", *member],  # 17
        ["17/QĐ", "20/12/2025", "", 2025, "Lao động tiên tiến", *member],  # 18
        ["18/QĐ", "20/12/2025", "Sở", 2025, "Lao động tiên tiến"]
        + ["", "", "", "", "Tổ Toán", ""],  # 19: a unit for an individual title
        ["19/QĐ", "20/12/2025", "Sở", 2025, "Giấy khen", "", "Nhóm", "", "A-001", "", ""],  # 20
        ["20/QĐ", "20/12/2025", "Sở", 2025, "Giấy khen", "Công đoàn", "", "", "A-001"]
        + ["", ""],  # 21: the union has no "Giấy khen" of that name
        [*SGD, "", "", "Trần Văn Khánh", "A-001", "", ""],  # 22: the card is An's
    ]
    before = snapshot()
    result = run(imp, rows, actor=users.officer)
    assert not result.ok
    assert snapshot() == before
    assert named(result) == {
        (3, "Danh hiệu"),
        (4, "Danh hiệu"),
        (5, "Họ và tên"),
        (6, "Họ và tên"),
        (7, "Tập thể"),
        (8, "Ngày ký"),
        (9, "Tiền thưởng"),
        (10, "Cơ quan ra quyết định"),
        (11, "Năm khen thưởng"),
        (12, "Họ và tên"),
        (13, "Số thẻ đoàn viên"),
        (14, "Khen thưởng của"),
        (15, "Số quyết định"),
        (16, "Năm khen thưởng"),
        (17, "Số quyết định"),
        (18, "Cơ quan ra quyết định"),
        (19, "Danh hiệu"),
        (20, "Đối tượng"),
        (21, "Danh hiệu"),
        (22, "Họ và tên"),
    }
    messages = [str(e) for e in result.errors]
    assert "Dòng 3, cột Danh hiệu: Không có danh hiệu “Danh hiệu lạ” trong danh mục." in messages
    assert any(m.startswith("Dòng 6, cột Họ và tên: Có 2 đoàn viên tên") for m in messages)
    assert any(
        m.startswith("Dòng 12, cột Họ và tên: Nguyễn Văn An đã có ở dòng 2") for m in messages
    )
    assert [e.row for e in result.errors] == sorted(e.row for e in result.errors)


def test_a_service_refusal_is_named_on_the_rows_of_its_decision(imp, users):
    # An account of branch B cannot pay a decision kept by branch A: decision_create says so.
    before = snapshot()
    result = run(imp, GOOD_ROWS, actor=users.admin, prize_account=imp.cash_b)
    assert not result.ok
    assert named(result) == {(2, "Tiền thưởng")}
    assert "Tài khoản chi không thuộc sổ" in str(result.errors[0])
    assert snapshot() == before


def test_a_namesake_is_told_apart_by_the_unit_column(imp, users):
    rows = [[*SGD, "", "", "Trần Văn Cường", "", "Tổ Toán", ""]]
    result = run(imp, rows, actor=users.officer, dry_run=True)
    assert result.ok, [str(e) for e in result.errors]
    assert result.rows[0].member == imp.cuong_a2


def test_a_header_below_a_title_and_office_spellings_are_understood(imp, users):
    headers = ["STT", "Số QĐ", "Ngày quyết định", "Cơ quan ban hành", "Năm", "Hình thức"]
    headers += ["Họ tên", "Số tiền thưởng", "Ghi chú", "Chức vụ"]
    rows = [[1, "12/QĐ", "20/12/2025", "Sở", 2025, "LAO ĐỘNG TIÊN TIẾN", "Lê Thị Bình", 1e5, "x"]]
    rows[0].append("Giáo viên")
    result = run(
        imp,
        sheet_bytes(rows, headers=headers, title_rows=[["DANH SÁCH KHEN THƯỞNG NĂM 2025"], []]),
        actor=users.officer,
        dry_run=True,
    )
    # "Hình thức" alone is not a spelling the import knows: only the guide's ones are.
    assert result.file_error.startswith("Không tìm thấy dòng tiêu đề")
    headers[5] = "Hình thức khen thưởng"
    result = run(
        imp,
        sheet_bytes(rows, headers=headers, title_rows=[["DANH SÁCH KHEN THƯỞNG NĂM 2025"], []]),
        actor=users.officer,
        dry_run=True,
    )
    assert result.ok, [str(e) for e in result.errors]
    assert result.rows[0].row == 4
    assert (result.rows[0].member, result.rows[0].prize) == (imp.binh, 100_000)
    assert result.notices[0] == "Các cột không dùng khi nhập: Chức vụ."


def test_file_problems_are_said_in_one_message(imp, users):
    def check(fileobj):
        return run(imp, fileobj, actor=users.officer, dry_run=True).file_error

    assert "không phải Excel" in check(BytesIO(b"So quyet dinh;Danh hieu\n"))
    assert "Không tìm thấy dòng tiêu đề" in check(sheet_bytes([], headers=["Họ tên", "Lương"]))
    assert "không có dòng nào" in check(sheet_bytes([]))


def test_the_import_makes_no_query_per_row(imp, users):
    """The reader looks everything up once and decision_create inserts the awards at once."""
    members = [
        MemberFactory(organisation=imp.tree.group_a1, card_number=f"C-{n:03d}") for n in range(40)
    ]

    def imported(count):
        rows = [[*SGD, "", "", "", m.card_number, "", 1000] for m in members[:count]]
        with CaptureQueriesContext(connection) as captured:
            result = run(imp, rows, actor=users.officer, prize_account=imp.cash_a, dry_run=True)
        assert result.ok, [str(e) for e in result.errors]
        return len(captured)

    # One decision of 3 recipients or of 40 (within one insert batch of awards).
    assert imported(40) == imported(3)
