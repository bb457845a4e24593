"""Member Excel import (upload → preview → confirm): the good path, bad rows, permissions and
queries."""

import re
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from members.models import LevelChoice, Member, MemberEvent, Organisation
from members.registry.import_jobs import APPLY, CHECK
from members.registry.resources import MemberResource
from tests.factories import MemberFactory, make_org
from tests.members.registry.sheets import (
    IMPORT_URL,
    TITLE,
    TRAILER,
    good_rows,
    run_import,
    upload,
    xlsx,
)
from unionhub import access
from unionhub.jobs import Progress

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_uploads_in_tmp")]


# --- the good path -------------------------------------------------------------------------------


def test_good_file_previews_then_confirm_creates_members_with_events(client, users, tree):
    client.force_login(users.officer)
    before = Member.objects.count()
    response = upload(
        client, xlsx([*good_rows(), *TRAILER], above=TITLE), tree.branch_a, follow=True
    )

    assert response.redirect_chain[0][0] == response.context["job"].get_absolute_url()
    check = response.context["job"]
    assert (check.kind, check.state, check.user) == (CHECK, "done", users.officer)
    summary = check.summary
    assert summary["ok"] and summary["errors"] == 0
    assert (summary["created"], summary["updated"], summary["unchanged"]) == (4, 0, 0)
    body = response.content.decode()
    assert re.findall(r'<td class="text-muted">(\d+)</td>', body) == ["7", "8", "10", "11"]
    assert 'id="count-new">4<' in body
    assert "Xác nhận nhập" in body
    assert Member.objects.count() == before  # the check saves nothing

    response = client.post(IMPORT_URL, {"action": "confirm", "job": check.pk}, follow=True)

    applied = response.context["job"]
    assert (applied.kind, applied.state, applied.parent) == (APPLY, "done", check)
    assert "Đã nhập danh sách vào" in response.content.decode()
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


@pytest.mark.parametrize("dry_run", [True, False])
@pytest.mark.parametrize("salary", [10**20, 1e20, "100.000.000.000.000.000.000", 10**10 + 1])
def test_a_salary_past_any_plausible_one_names_its_row_and_column(users, tree, salary, dry_run):
    header = ["Họ và tên", "Giới tính", "Lương đóng đoàn phí"]
    rows = [["Lê Văn Một", "Nam", 10**10], ["Lê Văn Hai", "Nam", salary]]

    result = run_import(xlsx(rows, header=header), tree.branch_a, users.officer, dry_run=dry_run)

    assert [str(e) for e in result.errors] == [
        "Dòng 3, cột Lương đóng đoàn phí: Số tiền quá lớn (tối đa 10.000.000.000đ): kiểm tra "
        "lại số chữ số."
    ]
    assert not Member.objects.filter(full_name__startswith="Lê Văn").exists()


def test_resource_without_personal_permission_has_no_personal_fields(users, tree):
    # No role manages members without VIEW_PERSONAL today; the resource is ready if one does.
    resource = MemberResource(
        user=users.officer, organisation=tree.branch_a, include_personal=False
    )
    assert "national_id" not in resource.fields and "salary_basis" not in resource.fields
    assert "national_id" in MemberResource.fields


def test_cancel_deletes_the_upload(client, users, tree):
    client.force_login(users.officer)
    check = upload(client, xlsx([GOOD]), tree.branch_a, follow=True).context["job"]
    stored = Path(check.upload.path)
    assert stored.exists()

    response = client.post(IMPORT_URL, {"action": "cancel", "job": check.pk})

    assert response.status_code == 302
    assert not stored.exists()
    response = client.post(IMPORT_URL, {"action": "confirm", "job": check.pk}, follow=True)
    assert "không nhập được" in response.content.decode()
    assert not Member.objects.filter(full_name="Vũ Văn Tốt").exists()


def test_a_second_confirm_leads_to_the_first_import(client, users, tree):
    client.force_login(users.officer)
    check = upload(client, xlsx([GOOD]), tree.branch_a, follow=True).context["job"]

    first = client.post(IMPORT_URL, {"action": "confirm", "job": check.pk})
    second = client.post(IMPORT_URL, {"action": "confirm", "job": check.pk})

    assert first.url == second.url
    assert Member.objects.filter(full_name="Vũ Văn Tốt").count() == 1


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

    response = upload(client, xlsx([GOOD, bad]), tree.branch_a, follow=True)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Dòng 3, cột Ngày sinh: &#x27;31/02/1990&#x27; không phải ngày hợp lệ" in body
    assert "Xác nhận nhập" not in body
    assert response.context["job"].summary["ok"] is False


def test_confirm_revalidates_and_rejects_a_job_not_of_this_user(client, users, tree):
    client.force_login(users.officer)
    check = upload(client, xlsx([GOOD]), tree.branch_a, follow=True).context["job"]
    # Meanwhile someone else takes the card number: the confirmation checks again.
    MemberFactory(organisation=tree.group_b1, card_number="CD200")

    response = client.post(IMPORT_URL, {"action": "confirm", "job": check.pk}, follow=True)

    body = response.content.decode()
    assert response.context["job"].summary["ok"] is False
    assert "Xác nhận nhập" not in body and "đã được dùng cho một đoàn viên khác" in body
    assert not Member.objects.filter(full_name="Vũ Văn Tốt").exists()
    for forged in ("9" * 18, "9" * 20, "../../etc/passwd", ""):
        response = client.post(IMPORT_URL, {"action": "confirm", "job": forged})
        assert response.status_code == 404, forged
    # Another officer's check is not theirs to confirm.
    client.force_login(users.admin)
    assert client.post(IMPORT_URL, {"action": "confirm", "job": check.pk}).status_code == 404


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


def test_the_check_job_reports_the_rows_as_they_are_read(client, users, tree, monkeypatch):
    seen = []
    original = Progress.__call__

    def spy(self, percent, step=None, *, phase=True):
        seen.append((percent, step))
        original(self, percent, step, phase=phase)

    monkeypatch.setattr(Progress, "__call__", spy)
    monkeypatch.setattr(Progress, "INTERVAL", 0)
    client.force_login(users.officer)

    job = upload(client, xlsx(_rows(1200, 1)), tree.branch_a, follow=True).context["job"]

    assert job.state == "done" and job.summary["created"] == 1200
    steps = [step for _percent, step in seen]
    assert "Đang đọc tệp: 500 dòng" in steps and "Đang đọc tệp: 1000 dòng" in steps
    assert any(step.startswith("Đã đọc 12") and "kiểm tra từng dòng" in step for step in steps)
    percents = [percent for percent, _step in seen]
    assert percents == sorted(percents) and 5 <= percents[0] and 30 < percents[-1] <= 60
