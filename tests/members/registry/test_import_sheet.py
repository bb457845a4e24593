"""The member import reads lists as offices keep them (gender sub-columns, group rows,
repeated headers), and refuses files that are not member lists with one clear error."""

from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import Workbook

from members.models import Member
from tests.members.registry.sheets import TITLE, good_rows, run_import, upload, xlsx

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_uploads_in_tmp")]

pytestmark = pytest.mark.django_db


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


def _empty_workbook() -> BytesIO:
    buffer = BytesIO()
    Workbook().save(buffer)
    return buffer


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"Ho va ten;Ngay sinh\nAn;01/01/1980\n", "không phải Excel .xlsx"),
        (_empty_workbook().getvalue(), "không có dữ liệu"),
        (xlsx([["An", "Nam"]], header=["Tên", "Giới"]).getvalue(), "Không tìm thấy dòng tiêu đề"),
        (xlsx([]).getvalue(), "Không có dòng đoàn viên"),
    ],
)
def test_unreadable_file_gets_one_clear_error_on_its_check(client, users, tree, content, words):
    client.force_login(users.officer)

    response = upload(client, content, tree.branch_a, follow=True)

    job = response.context["job"]
    assert job.state == "failed" and words in job.error
    body = response.content.decode()
    assert body.count('id="job-error"') == 1 and "Xác nhận nhập" not in body


def test_empty_file_is_refused_on_the_form(client, users, tree):
    client.force_login(users.officer)

    response = upload(client, b"", tree.branch_a)

    errors = response.context["form"].errors
    assert list(errors) == ["file"] and "rỗng" in errors["file"][0]


def test_oversize_file_is_refused_before_parsing(client, users, tree, settings):
    settings.MEMBER_IMPORT_MAX_BYTES = 1000
    client.force_login(users.officer)

    response = upload(client, xlsx(good_rows()), tree.branch_a)

    errors = response.context["form"].errors
    assert list(errors) == ["file"] and len(errors["file"]) == 1
    assert "quá lớn" in errors["file"][0]
    big = run_import(xlsx(good_rows()), tree.branch_a, users.officer)
    assert "quá lớn" in big.file_error and big.created == 0
