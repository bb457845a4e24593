"""Member Excel import (upload → preview → confirm) and export."""

from datetime import date, datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from members.exchange import members_xlsx
from members.importing import import_members_xlsx
from members.models import LevelChoice, Member, MemberEvent, Organisation
from members.resources import MemberResource
from unionhub import access
from unionhub.models import Role, RoleAssignment

from .factories import MemberFactory, make_org, user_with_role

pytestmark = pytest.mark.django_db

HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Tổ công đoàn",
    "Số thẻ",
    "Trình độ chuyên môn",
    "Email",
]
IMPORT_URL = reverse("members:member_import")
EXPORT_URL = reverse("members:member_export")


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def xlsx(rows, *, above=(), header=HEADER) -> BytesIO:
    """An .xlsx file in memory: optional title rows, the header row, then `rows`."""
    workbook = Workbook()
    sheet = workbook.active
    for line in above:
        sheet.append(line)
    if header:
        sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def upload(client, fileobj, organisation, name="danh-sach.xlsx"):
    data = fileobj.getvalue() if hasattr(fileobj, "getvalue") else fileobj
    return client.post(
        IMPORT_URL,
        {
            "action": "upload",
            "organisation": organisation.pk,
            "file": SimpleUploadedFile(name, data),
        },
    )


def run_import(fileobj, organisation, user, dry_run=False):
    return import_members_xlsx(fileobj, organisation=organisation, user=user, dry_run=dry_run)


def good_rows():
    return [
        [1, "  Lê   Thị  Hoa ", "05/09/1985", " nữ ", "Tổ Văn phòng", "CD100", "Thạc sỹ", ""],
        [2, "Phạm Văn Đức", "5/9/1980", "Nam", " tổ toán ", "CD101", "thạc sĩ ", "duc@x.vn"],
        [],
        [3, "Trần Minh Tâm", datetime(1990, 1, 2), "NAM", "", "", "Thạc sĩ", ""],
        [4, "Đỗ Thu Trang", date(1992, 12, 31), "Nữ", None, "CD103", "đại học", None],
    ]


TITLE = [
    ["CÔNG ĐOÀN VIÊN CHỨC TỈNH", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["CĐCS TRƯỜNG A", None, None, None, "Độc lập - Tự do - Hạnh phúc"],
    [],
    [None, "DANH SÁCH ĐOÀN VIÊN CÔNG ĐOÀN CƠ SỞ TRƯỜNG A"],
    [None, "(Tính đến ngày 24/11/2026)"],
]
TRAILER = [
    [None, "Tổng cộng: 4 đồng chí"],
    [],
    [None, "Người lập biểu", None, None, "TM. BAN CHẤP HÀNH"],
    [None, "Nguyễn Văn Lập", None, None, "Trần Văn Chủ"],
]


# --- the good path -------------------------------------------------------------------------------


def test_good_file_previews_then_confirm_creates_members_with_events(client, users, tree):
    client.force_login(users.officer)
    before = Member.objects.count()
    response = upload(client, xlsx([*good_rows(), *TRAILER], above=TITLE), tree.branch_a)

    assert response.status_code == 200
    result = response.context["result"]
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (4, 0, 0)
    assert [r.row for r in result.rows] == [7, 8, 10, 11]
    assert 'id="count-new">4<' in response.content.decode()
    assert "Xác nhận nhập" in response.content.decode()
    assert Member.objects.count() == before  # the preview saves nothing

    response = client.post(IMPORT_URL, {"action": "confirm", "token": response.context["token"]})

    assert response.status_code == 302
    assert Member.objects.count() == before + 4
    hoa = Member.objects.get(card_number="CD100")
    assert hoa.full_name == "Lê Thị Hoa"
    assert hoa.search_name == "le thi hoa"
    assert hoa.sort_name.startswith("hoa ")
    assert hoa.gender == Member.Gender.FEMALE
    assert hoa.date_of_birth == date(1985, 9, 5)
    assert hoa.organisation == tree.group_a1
    assert hoa.status == Member.Status.ACTIVE
    duc = Member.objects.get(card_number="CD101")
    assert duc.organisation == tree.group_a2
    assert duc.date_of_birth == date(1980, 9, 5)
    assert duc.email == "duc@x.vn"
    tam = Member.objects.get(full_name="Trần Minh Tâm")
    assert tam.card_number is None
    assert tam.organisation == tree.branch_a  # no group: the chosen organisation
    assert tam.date_of_birth == date(1990, 1, 2)
    masters = LevelChoice.objects.get(kind=LevelChoice.Kind.PROFESSIONAL, name="Thạc sĩ")
    assert {hoa.professional_level, duc.professional_level, tam.professional_level} == {masters}
    assert Member.objects.get(card_number="CD103").professional_level.name == "Đại học"
    event = MemberEvent.objects.get(member=hoa)
    assert event.kind == MemberEvent.Kind.ADMITTED
    assert event.organisation == tree.group_a1
    assert event.status_after == Member.Status.ACTIVE
    assert event.date == date.today()
    created = Member.history.filter(history_type="+", history_user=users.officer)
    assert created.count() == 4
    assert MemberEvent.history.filter(history_user=users.officer).count() == 4


def test_admission_event_takes_the_union_joining_date(users, tree):
    header = ["Họ và tên", "Giới tính", "Ngày vào công đoàn"]
    result = run_import(
        xlsx([["Lê Văn Nam", "Nam", "01/03/2015"]], header=header), tree.branch_a, users.officer
    )
    assert result.ok, result.errors
    member = Member.objects.get(full_name="Lê Văn Nam")
    assert member.joined_on == date(2015, 3, 1)
    assert member.events.get().date == date(2015, 3, 1)


def test_update_by_card_number(users, tree, member_a):
    member_a.card_number = "CD001"
    member_a.save()
    events = MemberEvent.objects.count()
    rows = [
        [1, "Nguyễn Văn An", "17/05/1985", "Nam", "Tổ Văn phòng", "CD001", "Tiến sỹ", "an@x.vn"]
    ]

    preview = run_import(xlsx(rows), tree.branch_a, users.officer, dry_run=True)
    assert (preview.created, preview.updated) == (0, 1)
    assert preview.rows[0].changes == ["Trình độ chuyên môn", "Email"]
    result = run_import(xlsx(rows), tree.branch_a, users.officer)

    assert result.ok and (result.created, result.updated) == (0, 1)
    member_a.refresh_from_db()
    assert member_a.email == "an@x.vn"
    assert member_a.professional_level.name == "Tiến sĩ"
    assert MemberEvent.objects.count() == events  # an update admits nobody
    latest = member_a.history.latest()
    assert latest.history_type == "~" and latest.history_user == users.officer


def test_update_may_not_move_a_member_to_another_group(users, tree, member_a):
    member_a.card_number = "CD001"
    member_a.save()
    rows = [[1, "Nguyễn Văn An", "17/05/1985", "Nam", "Tổ Toán", "CD001", "", ""]]

    result = run_import(xlsx(rows), tree.branch_a, users.officer)

    assert [(e.row, e.column) for e in result.errors] == [(2, "Tổ công đoàn")]
    assert "Chuyển sinh hoạt" in result.errors[0].message
    member_a.refresh_from_db()
    assert member_a.organisation == tree.group_a1


def test_same_name_and_birth_without_card_is_a_warning_not_an_error(users, tree, member_a):
    rows = [[1, "Nguyễn  Văn An", "17/05/1985", "Nam", "", "", "", ""]]

    result = run_import(xlsx(rows), tree.branch_a, users.officer, dry_run=True)

    assert result.ok and result.created == 1
    assert [w.row for w in result.warnings] == [2]
    assert "trùng họ tên và ngày sinh" in str(result.warnings[0])


def test_party_employment_and_personal_columns(users, tree):
    header = ["Họ và tên", "Giới tính", "Đảng viên", "Loại hình", "Số CCCD", "Lương đóng đoàn phí"]
    rows = [
        ["Lê Văn Một", "Nam", "Có", "biên chế", 1085012345, "4.680.000"],
        ["Lê Văn Hai", "Nam", "không", "Hợp đồng ", "001085099999", 5200000],
    ]

    result = run_import(xlsx(rows, header=header), tree.branch_a, users.officer)

    assert result.ok, result.errors
    one = Member.objects.get(full_name="Lê Văn Một")
    assert (one.party_member, one.employment) == (True, Member.Employment.PERMANENT)
    assert (one.national_id, one.salary_basis) == ("001085012345", 4680000)
    two = Member.objects.get(full_name="Lê Văn Hai")
    assert (two.party_member, two.employment, two.salary_basis) == (False, "contract", 5200000)


def test_resource_without_personal_permission_has_no_personal_fields(users, tree):
    # No role manages members without VIEW_PERSONAL today; the resource is ready if one does.
    resource = MemberResource(
        user=users.officer, organisation=tree.branch_a, include_personal=False
    )
    assert "national_id" not in resource.fields and "salary_basis" not in resource.fields
    assert "national_id" in MemberResource.fields


def test_list_starting_lower_right_with_a_sub_branch_group_row(users, tree):
    workbook = Workbook()
    sheet = workbook.active
    sheet["C4"] = "Họ và tên"
    sheet["D4"] = "Giới tính"
    sheet["B6"] = "Công đoàn bộ phận Văn phòng"  # not the "Cộng" of a total row
    sheet["C7"] = "Mai Văn Bốn"
    sheet["D7"] = "nam"
    sheet["C8"] = "Mai Văn Năm"
    sheet["D8"] = "Không rõ"
    buffer = BytesIO()
    workbook.save(buffer)

    result = run_import(buffer, tree.branch_a, users.officer)

    assert [(e.row, e.column) for e in result.errors] == [
        (7, "Tổ công đoàn"),
        (8, "Giới tính"),
        (8, "Tổ công đoàn"),
    ]
    assert "Công đoàn bộ phận Văn phòng" in result.errors[0].message


def test_cancel_deletes_the_upload(client, users, tree, tmp_path):
    client.force_login(users.officer)
    token = upload(client, xlsx([GOOD]), tree.branch_a).context["token"]
    assert (tmp_path / "imports" / f"{token}.xlsx").exists()

    response = client.post(IMPORT_URL, {"action": "cancel", "token": token})

    assert response.status_code == 302
    assert not (tmp_path / "imports" / f"{token}.xlsx").exists()
    assert client.post(IMPORT_URL, {"action": "confirm", "token": token}).status_code == 404


def test_a_group_name_used_twice_needs_the_code_for_new_members(users, tree):
    twin = make_org(Organisation.Kind.GROUP, parent=tree.branch_a, name="Tổ Toán", code="A-T2")
    old = MemberFactory(organisation=tree.group_a2, card_number="A-9", full_name="Võ Văn Cũ")
    rows = [
        [1, "Võ Văn Cũ", "17/05/1985", "Nam", "Tổ Toán", "A-9", "", ""],
        [2, "Võ Văn Mới", "", "Nam", "Tổ Toán", "", "", ""],
        [3, "Võ Văn Mã", "", "Nam", "a-t2", "", "", ""],
    ]

    result = run_import(xlsx(rows), tree.branch_a, users.officer, dry_run=True)

    assert [(e.row, e.column) for e in result.errors] == [(3, "Tổ công đoàn")]
    assert "hãy ghi mã đơn vị" in result.errors[0].message
    assert [(r.row, r.action, r.organisation) for r in result.rows] == [
        (2, "skip", old.organisation.name),
        (4, "new", twin.name),
    ]


# --- bad rows ------------------------------------------------------------------------------------

GOOD = [1, "Vũ Văn Tốt", "01/01/1980", "Nam", "Tổ Toán", "CD200", "", ""]


@pytest.mark.parametrize(
    ("bad", "column", "words"),
    [
        (
            [2, "Lý Thị Sai", "31/02/1990", "Nữ", "", "", "", ""],
            "Ngày sinh",
            "'31/02/1990' không phải ngày hợp lệ (dd/mm/yyyy).",
        ),
        ([2, "Lý Thị Sai", "01/01/2020", "Nữ", "", "", "", ""], "Ngày sinh", "đủ 15 tuổi"),
        ([2, "Lý Thị Sai", "01/01/1890", "Nữ", "", "", "", ""], "Ngày sinh", "không hợp lý"),
        ([2, "Lý Thị Sai", "", "Nữ", "Tổ Lý", "", "", ""], "Tổ công đoàn", "Không tìm thấy tổ"),
        ([2, "Lý Thị Sai", "", "Nữ", "Tổ Văn", "", "", ""], "Tổ công đoàn", "'Tổ Văn'"),
        (
            [2, "Lý Thị Sai", "", "Nữ", "", "", "Thạc sĩ khoa học", ""],
            "Trình độ chuyên môn",
            "giá trị cho phép: Tiến sĩ, Thạc sĩ",
        ),
        ([2, "", "01/01/1980", "Nữ", "", "", "", ""], "Họ và tên", "Thiếu họ và tên"),
        ([2, "Lý Thị Sai", "", "", "", "", "", ""], "Giới tính", "Còn trống"),
        ([2, "Lý Thị Sai", "", "Khác", "", "", "", ""], "Giới tính", "Nam, Nữ"),
        ([2, "Lý Thị Sai", "", "Nữ", "", "CD200", "", ""], "Số thẻ", "trùng trong tệp"),
        ([2, "Lý Thị Sai", "", "Nữ", "", "", "", "sai@"], "Email", "email hợp lệ"),
        ([2, "Lý Thị Sai", "", "Nữ", "", "X" * 33, "", ""], "Số thẻ", "Dài quá 32 ký tự"),
    ],
)
def test_bad_row_saves_nothing_and_names_row_and_column(users, tree, bad, column, words):
    before = Member.objects.count()

    result = run_import(xlsx([GOOD, bad]), tree.branch_a, users.officer)

    assert not result.ok
    assert Member.objects.count() == before
    messages = [str(e) for e in result.errors if e.row == 3]
    assert any(m.startswith(f"Dòng 3, cột {column}: ") and words in m for m in messages), messages


def test_card_of_a_member_elsewhere_is_an_error_without_details(users, tree, member_b):
    member_b.card_number = "B-777"
    member_b.save()
    rows = [GOOD, [2, "Lý Thị Sai", "", "Nữ", "", "B-777", "", ""]]

    result = run_import(xlsx(rows), tree.branch_a, users.officer)

    assert [(e.row, e.column) for e in result.errors] == [(3, "Số thẻ")]
    assert "đã được dùng cho một đoàn viên khác" in result.errors[0].message
    assert member_b.full_name not in result.errors[0].message
    assert "Trường B" not in result.errors[0].message
    assert not Member.objects.filter(card_number="CD200").exists()


def test_preview_with_errors_offers_no_confirm(client, users, tree):
    client.force_login(users.officer)
    bad = [2, "Lý Thị Sai", "31/02/1990", "Nữ", "", "", "", ""]

    response = upload(client, xlsx([GOOD, bad]), tree.branch_a)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Dòng 3, cột Ngày sinh: &#x27;31/02/1990&#x27; không phải ngày hợp lệ" in body
    assert "Xác nhận nhập" not in body
    assert response.context["token"] == ""


def test_confirm_revalidates_and_rejects_a_token_not_from_this_session(client, users, tree):
    client.force_login(users.officer)
    response = upload(client, xlsx([GOOD]), tree.branch_a)
    token = response.context["token"]
    # Meanwhile someone else takes the card number: the confirmation checks again.
    MemberFactory(organisation=tree.group_b1, card_number="CD200")

    response = client.post(IMPORT_URL, {"action": "confirm", "token": token})

    assert response.status_code == 200
    assert "Xác nhận nhập" not in response.content.decode()
    assert not Member.objects.filter(full_name="Vũ Văn Tốt").exists()
    forged = client.post(IMPORT_URL, {"action": "confirm", "token": "0" * 32})
    assert forged.status_code == 404
    other = client.post(IMPORT_URL, {"action": "confirm", "token": "../../etc/passwd"})
    assert other.status_code == 404


# --- the office layout ---------------------------------------------------------------------------


def test_office_layout_with_gender_subcolumns_group_rows_and_repeated_header(users, tree):
    workbook = Workbook()
    sheet = workbook.active
    for line in TITLE:
        sheet.append(line)
    sheet.append(["STT", "Họ và tên", "Ngày sinh", None, "Chức vụ", "Trình độ", None])
    sheet.append([None, None, "Nam", "Nữ", None, "Chuyên môn", "Chính trị"])
    sheet.append(["1. Tổ Văn phòng"])
    sheet.append([1, "Nguyễn Văn Một", "02/03/1970", None, "Tổ trưởng", "Đại học", "Trung cấp"])
    sheet.append([2, "Trần Thị Hai", None, datetime(1988, 4, 5), None, "Thạc sỹ", None])
    sheet.append(["STT", "Họ và tên", "Ngày sinh", None, "Chức vụ", "Trình độ", None])
    sheet.append([None, None, "Nam", "Nữ", None, "Chuyên môn", "Chính trị"])
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"])
    sheet.append(["2. Tổ Toán"])
    sheet.append([1, "Lê Văn Ba", "3/4/1975", None, "Chủ tịch CĐ", "cử nhân", "cao cấp"])
    sheet.append([None, "Tổng cộng", None, None, None, None, None])
    sheet.append([None, None, None, None, "Ngày 24 tháng 11 năm 2026"])
    sheet.append([None, "Phạm Ký Tên"])
    buffer = BytesIO()
    workbook.save(buffer)

    result = run_import(buffer, tree.branch_a, users.officer)

    assert result.ok, result.errors
    assert result.created == 3
    one = Member.objects.get(full_name="Nguyễn Văn Một")
    assert (one.gender, one.date_of_birth, one.organisation) == (
        Member.Gender.MALE,
        date(1970, 3, 2),
        tree.group_a1,
    )
    assert one.professional_level.name == "Đại học"
    assert one.political_level.name == "Trung cấp"
    two = Member.objects.get(full_name="Trần Thị Hai")
    assert (two.gender, two.date_of_birth) == (Member.Gender.FEMALE, date(1988, 4, 5))
    assert two.professional_level.name == "Thạc sĩ"
    three = Member.objects.get(full_name="Lê Văn Ba")
    assert three.organisation == tree.group_a2
    assert three.political_level.name == "Cao cấp"
    assert not Member.objects.filter(full_name="Phạm Ký Tên").exists()
    assert any("Chức vụ" in n for n in result.notices)


def test_office_layout_error_names_the_gender_columns(users, tree):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Họ và tên", "Ngày sinh", None])
    sheet.append([None, None, "Nam", "Nữ"])
    sheet.append([1, "Nguyễn Văn Một", "02/03/1970", "02/03/1970"])
    sheet.append([2, "Trần Thị Hai", None, None])
    buffer = BytesIO()
    workbook.save(buffer)

    result = run_import(buffer, tree.branch_a, users.officer)

    assert [(e.row, e.column) for e in result.errors] == [
        (3, "Ngày sinh"),
        (4, "Ngày sinh (Nam/Nữ)"),
    ]


# --- files that are not member lists -------------------------------------------------------------


def _empty_workbook() -> BytesIO:
    buffer = BytesIO()
    Workbook().save(buffer)
    return buffer


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"Ho va ten;Ngay sinh\nAn;01/01/1980\n", "không phải Excel .xlsx"),
        (b"", "rỗng"),
        (_empty_workbook().getvalue(), "không có dữ liệu"),
        (xlsx([["An", "Nam"]], header=["Tên", "Giới"]).getvalue(), "Không tìm thấy dòng tiêu đề"),
        (xlsx([]).getvalue(), "Không có dòng đoàn viên"),
    ],
)
def test_unreadable_file_gets_one_clear_error_on_the_form(client, users, tree, content, words):
    client.force_login(users.officer)

    response = upload(client, content, tree.branch_a)

    assert response.status_code == 200
    assert "result" not in response.context
    errors = response.context["form"].errors
    assert list(errors) == ["file"] and len(errors["file"]) == 1
    assert words in errors["file"][0]


def test_oversize_file_is_refused_before_parsing(client, users, tree, settings):
    settings.MEMBER_IMPORT_MAX_BYTES = 1000
    client.force_login(users.officer)

    response = upload(client, xlsx(good_rows()), tree.branch_a)

    errors = response.context["form"].errors
    assert list(errors) == ["file"] and len(errors["file"]) == 1
    assert "quá lớn" in errors["file"][0]
    big = run_import(xlsx(good_rows()), tree.branch_a, users.officer)
    assert "quá lớn" in big.file_error and big.created == 0


# --- export --------------------------------------------------------------------------------------


def _export(client, user, query=""):
    client.force_login(user)
    response = client.get(EXPORT_URL + query)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="danh-sach-doan-vien-')
    return BytesIO(b"".join(response.streaming_content))


def _sheet_rows(buffer):
    sheet = load_workbook(buffer).worksheets[0]
    return [list(r) for r in sheet.iter_rows(values_only=True)]


@pytest.fixture
def branch_a_members(tree, member_a):
    levels = {lc.name: lc for lc in LevelChoice.objects.filter(kind=LevelChoice.Kind.PROFESSIONAL)}
    member_a.card_number = "A-1"
    member_a.professional_level = levels["Thạc sĩ"]
    member_a.national_id = "001085012345"
    member_a.salary_basis = 4680000
    member_a.phone = "0912345678"
    member_a.save()
    return [
        member_a,
        MemberFactory(
            organisation=tree.group_a2,
            full_name="Hồ Thị Mai",
            gender=Member.Gender.FEMALE,
            card_number="A-2",
            party_member=True,
            employment=Member.Employment.CONTRACT,
            email="mai@x.vn",
        ),
        MemberFactory(organisation=tree.branch_a, full_name="Đinh Công Sơn", card_number="A-3"),
    ]


def test_export_reimports_unchanged(client, users, tree, branch_a_members):
    exported = _export(client, users.officer)
    rows = _sheet_rows(exported)
    assert rows[0][:5] == ["Họ và tên", "Ngày sinh", "Giới tính", "Tổ công đoàn", "Số thẻ"]
    assert "Số CCCD" in rows[0]
    assert len(rows) == 4
    exported.seek(0)

    result = run_import(exported, tree.branch_a, users.officer)

    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)


def test_export_has_real_dates_and_a_bold_header(client, users, branch_a_members):
    sheet = load_workbook(_export(client, users.officer)).worksheets[0]
    assert sheet["A1"].font.b
    assert sheet["B2"].value == datetime(1985, 5, 17)
    assert sheet["B2"].number_format.lower() == "dd/mm/yyyy"


def test_export_respects_scope_and_filters(client, users, tree, branch_a_members, member_b):
    names = [r[0] for r in _sheet_rows(_export(client, users.officer))[1:]]
    assert member_b.full_name not in names and "Hồ Thị Mai" in names
    names = [r[0] for r in _sheet_rows(_export(client, users.officer, "?q=ho+thi+mai"))[1:]]
    assert names == ["Hồ Thị Mai"]
    names = [r[0] for r in _sheet_rows(_export(client, users.officer_b))[1:]]
    assert names == [member_b.full_name]
    names = [r[0] for r in _sheet_rows(_export(client, users.upper_viewer))[1:]]
    assert set(names) == {m.full_name for m in branch_a_members} | {member_b.full_name}


def test_export_without_personal_permission_has_no_personal_columns(
    client, users, branch_a_members
):
    header = _sheet_rows(_export(client, users.inspector))[0]
    assert "Số CCCD" not in header and "Lương đóng đoàn phí" not in header
    header = _sheet_rows(_export(client, users.upper_viewer))[0]
    assert "Số CCCD" not in header
    header = _sheet_rows(_export(client, users.accountant))[0]
    assert header[-2:] == ["Số CCCD", "Lương đóng đoàn phí"]


def test_export_writer_streams_without_a_query_per_row(tree, branch_a_members):
    buffer = BytesIO()
    queryset = Member.objects.order_by("sort_name")
    with CaptureQueriesContext(connection) as queries:
        members_xlsx(queryset, include_personal=True, fileobj=buffer)
    assert len(queries) == 1
    rows = _sheet_rows(buffer)
    assert rows[1][-2:] == ["001085012345", 4680000]


def test_export_leaves_out_members_the_user_only_reads(client, tree, member_a, member_b):
    user = user_with_role(Role.GROUP_LEADER, tree.branch_b)  # reads B: the list's root
    RoleAssignment.objects.create(user=user, organisation=tree.group_a1, role=Role.INSPECTOR)

    assert _sheet_rows(_export(client, user))[1:] == []
    names = [r[0] for r in _sheet_rows(_export(client, user, f"?org={tree.group_a1.pk}"))[1:]]
    assert names == [member_a.full_name]


@pytest.mark.parametrize("role", ["group_leader", "member"])
def test_export_needs_the_export_permission(client, users, role):
    client.force_login(getattr(users, role))
    assert client.get(EXPORT_URL).status_code == 403


# --- template and permissions --------------------------------------------------------------------


def test_template_has_the_export_columns_and_a_guide(client, users):
    client.force_login(users.officer)
    response = client.get(reverse("members:member_import_template"))
    workbook = load_workbook(BytesIO(b"".join(response.streaming_content)))
    members, guide = workbook.worksheets
    header = [c.value for c in members[1]]
    assert header[0] == "Họ và tên" and header[-1] == "Lương đóng đoàn phí"
    assert members.max_row == 1  # no example row
    assert guide.title == "Hướng dẫn"
    text = " ".join(str(c.value) for row in guide.iter_rows() for c in row if c.value)
    assert "Thạc sĩ" in text and "Biên chế" in text and "Nữ" in text


def test_import_page_renders_for_an_officer(client, users, tree):
    client.force_login(users.officer)
    response = client.get(IMPORT_URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert reverse("members:member_import_template") in body
    choices = [c for c, _ in response.context["form"].fields["organisation"].choices if c]
    assert {int(str(c)) for c in choices} == {tree.branch_a.pk, tree.group_a1.pk, tree.group_a2.pk}


@pytest.mark.parametrize("role", ["member", "group_leader", "inspector", "upper_viewer"])
def test_import_needs_the_manage_permission(client, users, tree, role):
    client.force_login(getattr(users, role))
    assert client.get(IMPORT_URL).status_code == 403
    assert client.get(reverse("members:member_import_template")).status_code == 403
    assert upload(client, xlsx([GOOD]), tree.branch_a).status_code == 403


def test_import_into_an_organisation_outside_scope_is_404(client, users, tree):
    client.force_login(users.officer)
    assert upload(client, xlsx([GOOD]), tree.branch_b).status_code == 404
    assert upload(client, xlsx([GOOD]), tree.upper).status_code == 404
    assert not Member.objects.filter(full_name="Vũ Văn Tốt").exists()


# --- queries -------------------------------------------------------------------------------------


def _rows(count: int, start: int):
    return [
        [n, f"Nguyễn Văn Số {n}", "01/02/1980", "Nam", "Tổ Toán", f"Q{n}", "Đại học", ""]
        for n in range(start, start + count)
    ]


def test_import_query_count_does_not_grow_with_rows(users, tree):
    for card in ("Q1", "Q1001"):  # one update in each file
        MemberFactory(organisation=tree.group_a2, card_number=card, full_name="Cũ")

    def count(rows):
        with CaptureQueriesContext(connection) as queries:
            result = run_import(xlsx(rows), tree.branch_a, users.officer)
        assert result.ok and result.updated == 1, result.errors
        return len(queries)

    access.grants(users.officer)  # the user's roles are loaded once per request, not per row
    # SQLite takes at most 999 parameters a statement, so Django splits the bulk insert of the
    # (28-column) history rows every 35 rows; PostgreSQL takes them all at once.
    larger = 40 if connection.vendor == "postgresql" else 30
    assert count(_rows(10, 1)) == count(_rows(larger, 1001))


def test_import_page_preselects_the_organisation_the_list_was_showing(client, users, tree):
    client.force_login(users.officer)
    page = client.get(reverse("members:member_import"), {"org": tree.group_a2.pk})
    assert page.context["form"].initial["organisation"] == tree.group_a2.pk
    # An organisation outside the user's reach is ignored, not preselected.
    page = client.get(reverse("members:member_import"), {"org": tree.group_b1.pk})
    assert page.context["form"].initial.get("organisation") != tree.group_b1.pk
