"""The letterhead: its defaults from the tree and the address, the settings that replace
them, the settings page by role and what it saves for the next document."""

import pytest
from django.urls import reverse

from members.organisations.letterhead import letterhead_for
from reports.member_report import member_report
from reports.models import LetterheadSettings
from tests.reports.factories import DAY, ISSUED

pytestmark = pytest.mark.django_db


# --- letterhead ---------------------------------------------------------------------------


def test_letterhead_defaults_come_from_the_tree_and_the_address(report_branch):
    head = letterhead_for(report_branch.branch_a, kind_code="BC", number="12", issued=ISSUED)
    assert head.upper_body == "CÔNG ĐOÀN VIÊN CHỨC TỈNH"
    assert head.issuer == "CĐCS TRƯỜNG A"
    assert head.number == "Số: 12/BC-CĐCS"
    assert head.motto == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert head.motto_sub == "Độc lập - Tự do - Hạnh phúc"
    assert head.place_date == "Bến Tre, ngày 05 tháng 7 năm 2022"


def test_letterhead_settings_replace_the_defaults(report_branch):
    LetterheadSettings.objects.create(
        organisation=report_branch.branch_a,
        upper_body="LĐLĐ tỉnh Bến Tre",
        issuer="Công đoàn Trường A",
        code="CĐTA",
        place="Mỏ Cày",
        heading=LetterheadSettings.Heading.UNION,
    )
    head = letterhead_for(report_branch.branch_a, kind_code="BC", issued=ISSUED)
    assert (head.upper_body, head.issuer) == ("LĐLĐ TỈNH BẾN TRE", "CÔNG ĐOÀN TRƯỜNG A")
    assert head.number.startswith("Số: ") and head.number.endswith("/BC-CĐTA")
    assert head.number[4:-8].strip() == ""  # room for a handwritten number
    assert (head.motto, head.motto_sub) == ("CÔNG ĐOÀN VIỆT NAM", "")
    assert head.place_date == "Mỏ Cày, ngày 05 tháng 7 năm 2022"


# --- the settings page --------------------------------------------------------------------


LETTERHEAD_ROLES = {
    "admin": 200,
    "officer": 200,
    "accountant": 403,
    "inspector": 403,
    "upper_viewer": 403,
    "group_leader": 404,
    "member": 404,
    "officer_b": 404,
}


@pytest.mark.parametrize(("role", "status"), LETTERHEAD_ROLES.items())
def test_letterhead_page_by_role(client, users, report_branch, role, status):
    client.force_login(getattr(users, role))
    url = reverse("reports:letterhead_edit", args=[report_branch.branch_a.pk])
    assert client.get(url).status_code == status
    response = client.post(url, {"heading": "union", "place": "Mỏ Cày"})
    assert response.status_code == (302 if status == 200 else status)
    saved = LetterheadSettings.objects.filter(organisation=report_branch.branch_a).first()
    assert (saved is not None) == (status == 200)


def test_letterhead_saved_settings_head_the_next_document(client, users, report_branch):
    client.force_login(users.officer)
    url = reverse("reports:letterhead_edit", args=[report_branch.branch_a.pk])
    response = client.post(
        url,
        {
            "heading": "national",
            "place": "Mỏ Cày",
            "code": "CĐTA",
            "recipients": "- LĐLĐ huyện (b/c);\n\nLưu: VP.",
            "signer_name": "Nguyễn Văn Ký",
        },
    )
    assert response.status_code == 302
    doc = member_report(report_branch.branch_a, DAY, issued=ISSUED)
    assert doc.letterhead.place_date.startswith("Mỏ Cày, ")
    assert doc.recipients == ["LĐLĐ huyện (b/c);", "Lưu: VP."]
    assert doc.signature.name == "Nguyễn Văn Ký"
    assert LetterheadSettings.history.count() == 1


def test_letterhead_custom_heading_needs_its_text(client, users, report_branch):
    client.force_login(users.officer)
    url = reverse("reports:letterhead_edit", args=[report_branch.branch_a.pk])
    response = client.post(url, {"heading": "custom", "place": "Mỏ Cày"})
    assert response.status_code == 200
    assert "Nhập dòng tiêu đề" in response.content.decode()
    assert 'value="Mỏ Cày"' in response.content.decode()
    assert not LetterheadSettings.objects.exists()
