"""Member export to Excel: the list as filtered, within what the user may export."""

from datetime import datetime
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from members.models import LevelChoice, Member
from members.registry.exchange import members_xlsx
from tests.factories import MemberFactory, user_with_role
from tests.members.registry.sheets import run_import
from unionhub.jobs import exports
from unionhub.models import Role, RoleAssignment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_uploads_in_tmp")]

pytestmark = pytest.mark.django_db


EXPORT_URL = reverse("members:member_export")


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


def test_a_long_list_is_exported_by_a_job_with_the_same_rows(
    client, users, branch_a_members, member_b, monkeypatch
):
    inline = _sheet_rows(_export(client, users.officer, "?q=ho+thi"))
    monkeypatch.setattr(exports, "INLINE_ROWS", 0)

    page = client.get(EXPORT_URL + "?q=ho+thi", follow=True)

    job = page.context["job"]
    assert (job.kind, job.state, job.user) == ("members.export", "done", users.officer)
    assert "Tải về danh-sach-doan-vien-" in page.content.decode()
    download = client.get(reverse("jobs:file", args=[job.pk]))
    assert _sheet_rows(BytesIO(b"".join(download.streaming_content))) == inline
    # The job's user is who it exports for: a reader of branch B gets B's rows, not A's.
    client.force_login(users.officer_b)
    other = client.get(EXPORT_URL, follow=True).context["job"]
    rows = _sheet_rows(open(other.result_file.path, "rb"))
    assert [r[0] for r in rows[1:]] == [member_b.full_name]


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
