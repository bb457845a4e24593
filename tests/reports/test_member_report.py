"""The member report (reports.member_report): the hand-counted figures, the bodies as they
stood on the day, the year's movements, the signature; its pages by role; queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import Body, Organisation, Position
from members.registry import services
from reports.member_report import member_report
from tests.factories import MemberFactory, PositionFactory
from tests.reports.factories import DAY, ISSUED
from unionhub.documents import Table

pytestmark = pytest.mark.django_db


def text_of(doc) -> str:
    """Every string a Document holds, to check the renderings against."""
    parts = [doc.title, doc.subtitle, *doc.recipients]
    for block in doc.blocks:
        if isinstance(block, Table):
            parts += [cell for row in block.rows for cell in row]
        else:
            parts.append(getattr(block, "lead", "") + block.text)
    return "\n".join(parts)


# --- the member report --------------------------------------------------------------------


def test_member_report_states_the_hand_counted_figures(report_branch):
    doc = member_report(report_branch.branch_a, DAY, number="7", issued=ISSUED)
    text = text_of(doc)
    assert (
        "Tổng số cán bộ, đoàn viên tại ngày 30/06/2022 là 04 đồng chí (02 nữ), "
        "với 02 tổ Công đoàn." in text
    )
    assert "Đoàn viên là đảng viên: 01 đ/c." in text
    assert "Trình độ chính trị: Cử nhân 01 đ/c; chưa ghi nhận 03 đ/c." in text
    assert "Trình độ chuyên môn: Thạc sĩ 01 đ/c; chưa ghi nhận 03 đ/c." in text
    assert "Theo hình thức tuyển dụng: Hợp đồng 01 đ/c." in text
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert table.rows == [["1", "Tổ Văn phòng", "02", "01"], ["2", "Tổ Toán", "02", "01"]]
    assert table.footer == ["", "Tổng cộng", "04", "02"]


def test_member_report_lists_the_bodies_as_they_stood_on_the_day(report_branch):
    doc = member_report(report_branch.branch_a, DAY, issued=ISSUED)
    composition = [b for b in doc.blocks if isinstance(b, Table)][1]
    assert composition.rows == [["1", "Bình", "Chủ tịch"], ["2", "Dũng", "Ủy viên"]]
    assert "Gồm 02 đồng chí." in text_of(doc)
    assert doc.signature.name == "Bình"  # the chair on the issue date
    assert doc.recipients == [
        "Công đoàn Viên chức tỉnh (để báo cáo);",
        "Ban Chấp hành;",
        "Lưu: VT.",
    ]


def test_member_report_counts_movements_of_the_year(report_branch):
    doc = member_report(report_branch.branch_a, date(2023, 6, 30), issued=ISSUED)
    assert "Từ ngày 01/01/2023 đến ngày 30/06/2023: kết nạp mới 01 đ/c; nghỉ hưu 01 đ/c." in (
        text_of(doc)
    )


def test_member_report_reads_a_fixed_number_of_queries(report_branch):
    def count():
        org = Organisation.objects.get(pk=report_branch.branch_a.pk)  # nothing cached
        with CaptureQueriesContext(connection) as ctx:
            member_report(org, DAY, issued=ISSUED)
        return len(ctx.captured_queries)

    before = count()
    members = [MemberFactory(organisation=report_branch.group_a2) for _ in range(20)]
    body = Body.objects.get()
    for member in members[:5]:
        PositionFactory(body=body, member=member, start=date(2021, 1, 1))
    assert count() == before


# --- pages --------------------------------------------------------------------------------

PAGES = ["reports:member_report", "reports:member_report_pdf", "reports:member_report_docx"]
REPORT_ROLES = {
    "admin": 200,
    "officer": 200,
    "accountant": 200,
    "inspector": 200,
    "upper_viewer": 200,
    "group_leader": 404,
    "member": 403,
    "officer_b": 404,
}


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize(("role", "status"), REPORT_ROLES.items())
def test_member_report_pages_by_role(client, users, report_branch, name, role, status):
    client.force_login(getattr(users, role))
    params = {"org": report_branch.branch_a.pk, "on": "30/06/2022", "so": "7"}
    response = client.get(reverse(name), params)
    assert response.status_code == status
    if status == 200 and name == "reports:member_report":
        assert "04 đồng chí (02 nữ)" in response.content.decode()
    elif status == 200:
        assert response["Content-Disposition"].startswith(
            'attachment; filename="bao-cao-tinh-hinh-doan-vien-2022-06-30.'
        )


def test_member_report_page_queries_do_not_grow(client, users, report_branch):
    client.force_login(users.officer)
    url = reverse("reports:member_report")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"org": report_branch.branch_a.pk}).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(25):
        MemberFactory(organisation=report_branch.group_a2, full_name=f"Thêm {n}")
    assert count() == before


# --- the signature ------------------------------------------------------------------------


def test_end_of_a_chair_changes_the_signature(report_branch):
    chair = Position.objects.get(title=Position.Title.CHAIR)
    services.position_end(position=chair, end=date(2022, 7, 1), actor=None)
    doc = member_report(report_branch.branch_a, DAY, issued=ISSUED)
    assert doc.signature.name == ""
