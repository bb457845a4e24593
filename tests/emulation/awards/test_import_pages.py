"""The award import's pages: who may open them, the template, upload, preview and confirm,
and a file with errors."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from finance.models import Voucher
from tests.emulation.awards.sheets import GOOD_ROWS, HEADERS, SGD, sheet_bytes, snapshot
from tests.emulation.scopes import org_a, org_b
from tests.pages import ROLES, expect, page_url, unexpected_statuses

pytestmark = pytest.mark.django_db


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(rows, **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile("khen-thuong.xlsx", sheet_bytes(rows, **kwargs).getvalue(), XLSX)


url = page_url("emulation")


# Officers of the branch and admins import; readers of A get 403; the group leader of A1 and
# the officer of B do not reach branch A (404); plain members read no awards anywhere (403).
A_WRITE = expect(
    accountant=403, inspector=403, upper_viewer=403, group_leader=404, member=403, officer_b=404
)
B_WRITE = expect(404, admin=200, officer_b=200, upper_viewer=403, member=403)

PAGES = [
    ("import A", url("award_import", org=org_a), A_WRITE),
    ("import B", url("award_import", org=org_b), B_WRITE),
    ("template A", url("award_import_template", org=org_a), A_WRITE),
    ("template B", url("award_import_template", org=org_b), B_WRITE),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_import_page_answers_by_role_and_scope(role, client, imp, users):
    assert unexpected_statuses(client, users, role, imp, PAGES) == {}


def test_the_template_has_the_import_columns_and_a_guide(client, imp, users):
    client.force_login(users.officer)
    response = client.get(url("award_import_template", org=org_a)(imp))
    sheets = load_workbook(BytesIO(b"".join(response.streaming_content))).worksheets
    assert [c.value for c in sheets[0][1]] == HEADERS
    assert sheets[0].max_row == 1  # no example row to import by mistake
    assert sheets[1].title == "Hướng dẫn"
    assert "Danh hiệu" in [row[0] for row in sheets[1].iter_rows(values_only=True)]


def test_upload_preview_then_confirm_imports_the_stored_file(client, imp, users):
    client.force_login(users.officer)
    page = url("award_import", org=org_a)(imp)
    form = client.get(page)
    assert [a.pk for a in form.context["form"].fields["prize_account"].queryset] == [imp.cash_a.pk]
    preview = client.post(
        page,
        {"action": "upload", "file": upload(GOOD_ROWS), "prize_account": imp.cash_a.pk},
        follow=True,
    )
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Kiểm tra tệp" in html and 'value="confirm"' in html
    assert "Quyết định số 12/QĐ-SGD ngày 20/12/2025" in html and "Lê Thị Bình" in html
    assert snapshot() == (0, 0, 0)
    check = preview.context["job"]
    done = client.post(page, {"action": "confirm", "job": check.pk}, follow=True)
    assert done.context["job"].summary["next_url"] == url("decision_list", org=org_a)(imp)
    assert "Đã nhập 4 quyết định khen thưởng" in done.content.decode()
    assert snapshot() == (4, 5, 1)
    assert Voucher.objects.get().amount == 800_000
    # The check is spent: confirming again leads to the same import and imports nothing twice.
    again = client.post(page, {"action": "confirm", "job": check.pk})
    assert again.url == done.redirect_chain[0][0]
    assert snapshot() == (4, 5, 1)


def test_a_file_with_errors_offers_no_confirmation(client, imp, users):
    client.force_login(users.officer)
    bad = [[*SGD, "", "", "Không Có Ai", "", "", ""]]
    response = client.post(url("award_import", org=org_a)(imp), {"file": upload(bad)}, follow=True)
    html = response.content.decode()
    assert "Dòng 2, cột Họ và tên: Không có đoàn viên" in html
    assert 'value="confirm"' not in html
    assert response.context["job"].summary["ok"] is False


def test_an_upload_of_branch_a_cannot_be_confirmed_into_branch_b(client, imp, users):
    client.force_login(users.admin)
    page_a = url("award_import", org=org_a)(imp)
    check = client.post(page_a, {"file": upload(GOOD_ROWS)}, follow=True).context["job"]
    assert check.summary["ok"]
    page_b = reverse("emulation:award_import") + f"?org={imp.tree.branch_b.pk}"
    assert client.post(page_b, {"action": "confirm", "job": check.pk}).status_code == 404
    assert snapshot() == (0, 0, 0)


@pytest.mark.parametrize(("role", "status"), [("inspector", 403), ("officer_b", 404)])
def test_readers_and_outsiders_cannot_import(role, client, imp, users, status):
    client.force_login(getattr(users, role))
    response = client.post(url("award_import", org=org_a)(imp), {"file": upload(GOOD_ROWS)})
    assert response.status_code == status
    assert snapshot() == (0, 0, 0)


def test_the_decision_list_offers_the_import_to_managers_only(client, imp, users):
    page = url("decision_list", org=org_a)(imp)
    link = reverse("emulation:award_import")
    client.force_login(users.officer)
    assert link in client.get(page).content.decode()
    client.force_login(users.inspector)
    assert link not in client.get(page).content.decode()
