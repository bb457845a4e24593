"""Campaigns (phong trào thi đua) and registrations (đăng ký thi đua): who sees which campaign,
the bulk registration of a group (all or nothing), withdrawing, the year-end evaluation, the
summary counted by hand with its .xlsx, who reads and writes what, query counts."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook

from emulation.campaigns import registration_selectors, registrations, services
from emulation.demo.campaigns import seed_registrations
from emulation.models import WOMEN_CAMPAIGN, AwardTitle, Campaign, Registration
from members.models import Member
from members.registry import services as member_services
from tests.factories import MemberFactory
from tests.pages import ROLES, count_queries, expect, page_url, unexpected_statuses

pytestmark = pytest.mark.django_db

YEAR = 2025
ACHIEVED, FAILED = Registration.Result.ACHIEVED, Registration.Result.NOT_ACHIEVED


def seeded(code: str) -> Campaign:
    return Campaign.objects.get(code=code)


def campaign(org, name, **flags) -> Campaign:
    return services.campaign_save(
        campaign=Campaign(organisation=org, name=name, launcher=org.name, **flags), actor=None
    )


def register(unit, target, entries, year=YEAR, actor=None):
    registrations.registrations_save(
        unit=unit, year=year, target=target, entries=entries, actor=actor
    )


@pytest.fixture
def camp(tree, users, member_a):
    """Campaigns kept by the upper union, branch A (members and groups), group A1, branch B,
    and an unused one of branch A. Members: An (A1, man), Hoa (A1, woman), Cúc (A2, woman),
    Khác (B1). Registrations 2025: An in branch A's campaign, Khác in "Lao động sáng tạo"."""
    t = tree
    hoa = MemberFactory(organisation=t.group_a1, full_name="Phạm Thị Hoa", gender="F")
    cuc = MemberFactory(organisation=t.group_a2, full_name="Lê Thị Cúc", gender="F")
    other = MemberFactory(organisation=t.group_b1, full_name="Trần Văn Khác")
    upper_c = campaign(t.upper, "Thi đua cấp tỉnh")
    a_c = campaign(t.branch_a, "Dạy giỏi trường A", for_groups=True)
    a1_c = campaign(t.group_a1, "Tổ Văn phòng số hóa")
    b_c = campaign(t.branch_b, "Phong trào trường B")
    a_empty = campaign(t.branch_a, "Phong trào chưa ai đăng ký")
    register(t.group_a1, a_c, {member_a: "Dạy tốt"})
    register(t.group_b1, seeded("lao-dong-sang-tao"), {other: ""})
    return type(
        "Camp",
        (),
        {
            "tree": t,
            "an": member_a,
            "hoa": hoa,
            "cuc": cuc,
            "other": other,
            "upper_c": upper_c,
            "a_c": a_c,
            "a1_c": a1_c,
            "b_c": b_c,
            "a_empty": a_empty,
            "reg_a": Registration.objects.get(member=member_a),
            "good": seeded("lao-dong-gioi"),
            "women": seeded(WOMEN_CAMPAIGN),
            "green": seeded("xanh-sach-dep"),
        },
    )


url = page_url("emulation")


def org_a(f):
    return f.tree.branch_a.pk


def org_b(f):
    return f.tree.branch_b.pk


def group_a1(f):
    return f.tree.group_a1.pk


def pk(attr):
    return lambda f: getattr(f, attr).pk


def lltt(f):
    return AwardTitle.objects.get(
        name="Lao động tiên tiến", subject="individual", authority="state"
    ).pk


# Readers of branch A: its roles and the upper viewer (a group leader reads only A1); plain
# members read no emulation page anywhere (403 before any lookup).
A_READ = expect(group_leader=404, member=403, officer_b=404)
A_WRITE = expect(
    accountant=403, inspector=403, upper_viewer=403, group_leader=404, member=403, officer_b=404
)
B_READ = expect(404, admin=200, upper_viewer=200, officer_b=200, member=403)
B_WRITE = expect(404, admin=200, officer_b=200, upper_viewer=403, member=403)
A1_READ = expect(member=403, officer_b=404)
# Branch A's campaign: the group leader of A1 reads it (launched above A1) but changes nothing.
A_CAMPAIGN_WRITE = expect(
    accountant=403, inspector=403, upper_viewer=403, group_leader=403, member=403, officer_b=404
)
ADMIN_ONLY = expect(403, admin=200)

PAGES = [
    ("list", url("campaign_list"), expect(member=403)),
    ("list A", url("campaign_list", org=org_a), A_READ),
    ("list B", url("campaign_list", org=org_b), B_READ),
    ("create A", url("campaign_create", org=org_a), A_WRITE),
    ("create B", url("campaign_create", org=org_b), B_WRITE),
    ("detail A (home)", url("campaign_detail", pk("a_c")), expect(officer_b=404, member=403)),
    ("detail A at A", url("campaign_detail", pk("a_c"), org=org_a), A_READ),
    ("detail B", url("campaign_detail", pk("b_c")), B_READ),
    ("detail seeded", url("campaign_detail", pk("good")), expect(member=403)),
    ("edit A", url("campaign_edit", pk("a_c")), A_CAMPAIGN_WRITE),
    ("edit B", url("campaign_edit", pk("b_c")), B_WRITE),
    ("edit seeded", url("campaign_edit", pk("good")), ADMIN_ONLY),
    ("edit upper", url("campaign_edit", pk("upper_c")), ADMIN_ONLY),
    ("delete A", url("campaign_delete", pk("a_empty")), A_CAMPAIGN_WRITE),
    ("delete B", url("campaign_delete", pk("b_c")), B_WRITE),
    ("registrations home", url("registrations"), expect(member=403)),
    ("registrations A", url("registrations", org=org_a), A_READ),
    ("registrations B", url("registrations", org=org_b), B_READ),
    ("grid A1", url("registrations", org=group_a1, campaign=pk("a_c"), year=YEAR), A1_READ),
    ("grid A1 title", url("registrations", org=group_a1, title=lltt), A1_READ),
    (
        "grid B1",
        url("registrations", org=lambda f: f.tree.group_b1.pk, campaign=pk("good")),
        B_READ,
    ),
    (
        "grid A1, campaign of B",
        url("registrations", org=group_a1, campaign=pk("b_c")),
        expect(404, member=403),
    ),
    ("branch A page", url("registrations", org=org_a, campaign=pk("green")), A_READ),
    (
        "evaluation A1",
        url("registration_evaluation", org=group_a1, campaign=pk("a_c"), year=YEAR),
        A1_READ,
    ),
    (
        "evaluation B",
        url("registration_evaluation", org=org_b, campaign=pk("good"), year=YEAR),
        B_READ,
    ),
    ("summary A", url("registration_summary", org=org_a, year=YEAR), A_READ),
    ("summary B", url("registration_summary", org=org_b, year=YEAR), B_READ),
    ("summary xlsx A", url("registration_summary_xlsx", org=org_a, year=YEAR), A_READ),
    ("summary xlsx B", url("registration_summary_xlsx", org=org_b, year=YEAR), B_READ),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_campaign_page_answers_by_role_and_scope(role, client, camp, users):
    assert unexpected_statuses(client, users, role, camp, PAGES) == {}


# --- who sees which campaign -----------------------------------------------------------------


def _names(queryset) -> set[str]:
    return {c.name for c in queryset if c.organisation_id}


def test_an_organisation_sees_campaigns_above_it_its_own_and_below_it(camp):
    t = camp.tree
    assert _names(services.campaigns_visible_at(t.group_a1)) == {
        "Thi đua cấp tỉnh",
        "Dạy giỏi trường A",
        "Tổ Văn phòng số hóa",
        "Phong trào chưa ai đăng ký",
    }
    assert _names(services.campaigns_visible_at(t.group_a2)) == {
        "Thi đua cấp tỉnh",
        "Dạy giỏi trường A",
        "Phong trào chưa ai đăng ký",
    }
    assert "Tổ Văn phòng số hóa" in _names(services.campaigns_visible_at(t.branch_a))
    assert "Phong trào trường B" not in _names(services.campaigns_visible_at(t.branch_a))
    assert len(_names(services.campaigns_visible_at(t.upper))) == 5
    # The common campaigns are seen everywhere.
    assert services.campaigns_visible_at(t.group_b1).filter(code=WOMEN_CAMPAIGN).exists()


def test_a_user_reads_campaigns_of_their_scope_and_above_it_only(camp, users):
    officer_b = _names(services.campaigns_readable(users.officer_b))
    assert officer_b == {"Thi đua cấp tỉnh", "Phong trào trường B"}
    leader = _names(services.campaigns_readable(users.group_leader))
    assert leader == {
        "Thi đua cấp tỉnh",
        "Dạy giỏi trường A",
        "Tổ Văn phòng số hóa",
        "Phong trào chưa ai đăng ký",
    }
    assert services.campaigns_readable(users.member).filter(organisation__isnull=False).count() == 0


def test_only_a_superuser_edits_a_common_campaign(client, camp, users):
    edit = url("campaign_edit", pk("good"))(camp)
    client.force_login(users.officer)
    assert client.post(edit, {"name": "Đổi tên"}).status_code == 403
    client.force_login(users.admin)
    data = {"name": "Lao động giỏi (sửa)", "launcher": "TLĐ", "for_members": "on", "active": "on"}
    assert client.post(edit, data).status_code == 302
    assert seeded("lao-dong-gioi").name == "Lao động giỏi (sửa)"


# --- campaign writes -------------------------------------------------------------------------


def test_create_keeps_the_campaign_at_the_organisation_with_its_name_as_launcher(
    client, camp, users
):
    client.force_login(users.officer)
    page = url("campaign_create", org=org_a)(camp)
    assert client.get(page).context["form"].initial["launcher"] == "CĐCS Trường A"
    data = {
        "name": "Giờ học hay",
        "launcher": "CĐCS Trường A",
        "starts_on": "01/09/2025",
        "ends_on": "31/05/2026",
        "for_members": "on",
        "description": "Mỗi giáo viên một giờ học hay",
        "active": "on",
    }
    response = client.post(page, data)
    created = Campaign.objects.get(name="Giờ học hay")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/phong-trao/{created.pk}/?org={camp.tree.branch_a.pk}")
    assert created.organisation == camp.tree.branch_a
    assert created.history.get().history_user == users.officer


def test_create_form_names_the_wrong_fields_and_keeps_the_input(client, camp, users):
    client.force_login(users.officer)
    response = client.post(
        url("campaign_create", org=org_a)(camp),
        {"name": "Giờ học hay", "starts_on": "31/12/2025", "ends_on": "01/01/2025"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["ends_on"] == ["Ngày kết thúc trước ngày bắt đầu."]
    assert 'value="Giờ học hay"' in response.content.decode()
    response = client.post(url("campaign_create", org=org_a)(camp), {"name": "Giờ học hay"})
    assert "Chọn ít nhất một đối tượng tham gia." in response.context["form"].non_field_errors()
    assert not Campaign.objects.filter(name="Giờ học hay").exists()


def test_an_edit_cannot_drop_who_already_registered(camp):
    camp.a_c.for_members = False
    with pytest.raises(ValidationError) as error:
        services.campaign_save(campaign=camp.a_c, actor=None)
    assert "đoàn viên" in error.value.messages[0]
    camp.a_c.refresh_from_db()
    assert camp.a_c.for_members


def test_delete_refuses_a_campaign_with_registrations_and_a_common_one(client, camp, users):
    with pytest.raises(ValidationError, match="1 lượt đăng ký"):
        services.campaign_delete(campaign=camp.a_c, actor=None)
    with pytest.raises(ValidationError, match="Phong trào chung"):
        services.campaign_delete(campaign=camp.women, actor=None)
    client.force_login(users.officer)
    response = client.post(url("campaign_delete", pk("a_c"))(camp), follow=True)
    assert "không xóa được" in response.content.decode()
    assert Campaign.objects.filter(pk=camp.a_c.pk).exists()


def test_delete_asks_first_then_removes_an_unused_campaign_with_history(client, camp, users):
    client.force_login(users.officer)
    page = url("campaign_delete", pk("a_empty"))(camp)
    assert "Xóa hẳn phong trào" in client.get(page).content.decode()
    assert client.post(page).status_code == 302
    assert not Campaign.objects.filter(pk=camp.a_empty.pk).exists()
    deleted = Campaign.history.get(id=camp.a_empty.pk, history_type="-")
    assert deleted.history_user == users.officer


# --- registrations: services -----------------------------------------------------------------


def _registered(target=None, year=YEAR) -> dict[str, str]:
    rows = Registration.objects.filter(year=year).select_related("member", "collective")
    if target is not None:
        rows = rows.filter(**registrations.target_filter(target))
    return {str(r.registrant): r.commitment for r in rows}


def test_bulk_registration_registers_a_group_with_commitments_and_history(camp, users):
    register(
        camp.tree.group_a1,
        camp.good,
        {camp.an: "Vượt 10% kế hoạch", camp.hoa: "Hoàn thành xuất sắc"},
        actor=users.officer,
    )
    assert _registered(camp.good) == {
        "Nguyễn Văn An": "Vượt 10% kế hoạch",
        "Phạm Thị Hoa": "Hoàn thành xuất sắc",
    }
    row = Registration.objects.get(campaign=camp.good, member=camp.hoa)
    assert (row.unit, row.created_by) == (camp.tree.group_a1, users.officer)
    assert {h.history_user for h in Registration.history.filter(campaign=camp.good, year=YEAR)}


def test_bulk_registration_is_all_or_nothing_and_names_each_member(camp):
    with pytest.raises(ValidationError) as error:
        register(
            camp.tree.group_a1,
            camp.women,
            {camp.hoa: "", camp.an: "", camp.cuc: ""},
        )
    messages = error.value.messages
    assert any("Nguyễn Văn An" in m and "nữ đoàn viên" in m for m in messages)
    assert any("Lê Thị Cúc" in m and "Tổ Văn phòng" in m for m in messages)
    assert not _registered(camp.women)


def test_a_registrant_registers_once_per_year_and_target(camp):
    register(camp.tree.group_a1, camp.good, {camp.an: "lần đầu"})
    register(camp.tree.group_a1, camp.good, {camp.an: "sửa cam kết"})
    register(camp.tree.group_a1, camp.good, {camp.an: "năm sau"}, year=YEAR + 1)
    assert Registration.objects.filter(campaign=camp.good, member=camp.an).count() == 2
    assert _registered(camp.good) == {"Nguyễn Văn An": "sửa cam kết"}
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            campaign=camp.good, member=camp.an, year=YEAR, unit=camp.tree.group_a1
        )


def test_unticking_withdraws_but_not_once_evaluated(camp):
    register(camp.tree.group_a1, camp.good, {camp.an: "", camp.hoa: ""})
    hoa = Registration.objects.get(campaign=camp.good, member=camp.hoa)
    registrations.registrations_evaluate(
        unit=camp.tree.group_a1,
        year=YEAR,
        target=camp.good,
        results={hoa: (ACHIEVED, "")},
        actor=None,
    )
    with pytest.raises(ValidationError) as error:
        register(camp.tree.group_a1, camp.good, {camp.an: None, camp.hoa: None})
    assert error.value.messages == ["Phạm Thị Hoa đã được đánh giá (Đạt): không bỏ đăng ký được."]
    assert set(_registered(camp.good)) == {"Nguyễn Văn An", "Phạm Thị Hoa"}
    register(camp.tree.group_a1, camp.good, {camp.an: None})
    assert set(_registered(camp.good)) == {"Phạm Thị Hoa"}


def test_a_group_registers_itself_only_where_the_campaign_allows_groups(camp):
    a1 = camp.tree.group_a1
    register(a1, camp.green, {a1: "Phòng làm việc xanh"})
    row = Registration.objects.get(campaign=camp.green)
    assert (row.collective, row.unit, row.member) == (a1, a1, None)
    with pytest.raises(ValidationError, match="không dành cho tổ công đoàn"):
        register(a1, camp.women, {a1: ""})
    with pytest.raises(ValidationError, match="không dành cho cá nhân"):
        register(a1, camp.green, {camp.an: ""})


def test_a_collective_title_registers_the_group_and_an_individual_title_its_members(camp):
    a1 = camp.tree.group_a1
    collective = AwardTitle.objects.filter(subject="collective", active=True).first()
    individual = AwardTitle.objects.get(pk=lltt(camp))
    register(a1, collective, {a1: ""})
    register(a1, individual, {camp.an: ""})
    assert _registered(collective) == {"Tổ Văn phòng": ""}
    assert _registered(individual) == {"Nguyễn Văn An": ""}
    with pytest.raises(ValidationError):
        register(a1, individual, {a1: ""})


def test_only_units_under_the_launcher_register_and_only_while_it_runs(camp):
    with pytest.raises(ValidationError, match="CĐCS Trường B"):
        register(camp.tree.group_a1, camp.b_c, {camp.an: ""})
    camp.a_empty.active = False
    services.campaign_save(campaign=camp.a_empty, actor=None)
    with pytest.raises(ValidationError, match="ngừng phát động"):
        register(camp.tree.group_a1, camp.a_empty, {camp.an: ""})
    # An existing registration of a stopped campaign still has its commitment changed.
    camp.a_c.active = False
    services.campaign_save(campaign=camp.a_c, actor=None)
    register(camp.tree.group_a1, camp.a_c, {camp.an: "Dạy tốt hơn"})
    assert _registered(camp.a_c) == {"Nguyễn Văn An": "Dạy tốt hơn"}


def test_evaluation_is_all_or_nothing_and_refuses_other_units(camp):
    register(camp.tree.group_a2, camp.good, {camp.cuc: ""})
    cuc = Registration.objects.get(campaign=camp.good, member=camp.cuc)
    other = Registration.objects.get(member=camp.other)
    with pytest.raises(ValidationError) as error:
        registrations.registrations_evaluate(
            unit=camp.tree.group_a2,
            year=YEAR,
            target=camp.good,
            results={cuc: (ACHIEVED, ""), other: (ACHIEVED, "")},
            actor=None,
        )
    assert "Trần Văn Khác" in error.value.messages[0]
    with pytest.raises(ValidationError, match="Lê Thị Cúc: kết quả"):
        registrations.registrations_evaluate(
            unit=camp.tree.group_a2,
            year=YEAR,
            target=camp.good,
            results={cuc: ("giỏi", "")},
            actor=None,
        )
    cuc.refresh_from_db()
    assert cuc.result == ""


# --- registrations: pages --------------------------------------------------------------------


def grid(f, target="good", org=group_a1, year=YEAR):
    return url("registrations", org=org, campaign=pk(target), year=year)(f)


def test_grid_registers_the_ticked_members_with_the_common_commitment(client, camp, users):
    client.force_login(users.officer)
    an, hoa = camp.an.pk, camp.hoa.pk
    response = client.post(
        grid(camp),
        {"pick": [f"m{an}", f"m{hoa}"], f"c-m{hoa}": "Riêng của Hoa", "common": "Chung"},
    )
    assert response.status_code == 302
    assert _registered(camp.good) == {
        "Nguyễn Văn An": "Chung",
        "Phạm Thị Hoa": "Riêng của Hoa",
    }
    page = client.get(grid(camp))
    assert [(r["registrant"].full_name, r["ticked"]) for r in page.context["rows"]] == [
        ("Nguyễn Văn An", True),
        ("Phạm Thị Hoa", True),
    ]
    # Unticking An withdraws him.
    client.post(grid(camp), {"pick": [f"m{hoa}"], f"c-m{hoa}": "Riêng của Hoa"})
    assert "Nguyễn Văn An" not in _registered(camp.good)


def test_grid_error_names_the_member_and_keeps_what_was_ticked(client, camp, users):
    client.force_login(users.officer)
    an, hoa = camp.an.pk, camp.hoa.pk
    response = client.post(
        grid(camp, "women"), {"pick": [f"m{an}", f"m{hoa}"], f"c-m{hoa}": "Giỏi việc nhà"}
    )
    assert response.status_code == 200
    assert any("Nguyễn Văn An" in e for e in response.context["errors"])
    rows = {
        r["registrant"].full_name: (r["ticked"], r["commitment"]) for r in response.context["rows"]
    }
    assert rows == {"Nguyễn Văn An": (True, ""), "Phạm Thị Hoa": (True, "Giỏi việc nhà")}
    assert not _registered(camp.women)


def test_grid_offers_the_group_itself_when_the_campaign_allows_groups(client, camp, users):
    client.force_login(users.officer)
    a1 = camp.tree.group_a1.pk
    assert client.get(grid(camp, "good")).context["collective_row"] is not None
    assert client.get(grid(camp, "women")).context["collective_row"] is None
    response = client.post(grid(camp, "green"), {"pick": [f"o{a1}"], f"c-o{a1}": "Sạch đẹp"})
    assert response.status_code == 302
    assert _registered(camp.green) == {"Tổ Văn phòng": "Sạch đẹp"}


def test_a_branch_page_offers_the_branch_itself_and_its_groups(client, camp, users):
    client.force_login(users.officer)
    a = camp.tree.branch_a.pk
    page = grid(camp, "green", org=org_a)
    response = client.get(page)
    assert response.context["collective_row"]["registrant"] == camp.tree.branch_a
    assert [g.name for g, _n, _link in response.context["groups"]] == ["Tổ Văn phòng", "Tổ Toán"]
    assert client.post(page, {"pick": [f"o{a}"], f"c-o{a}": "Trường xanh"}).status_code == 302
    assert _registered(camp.green) == {"CĐCS Trường A": "Trường xanh"}
    # "Lao động giỏi" is not for branches: the branch page only lists its groups.
    assert client.get(grid(camp, "good", org=org_a)).context["collective_row"] is None


@pytest.mark.parametrize(
    ("role", "status"), [("inspector", 403), ("group_leader", 403), ("officer_b", 404)]
)
def test_readers_cannot_register(role, status, client, camp, users):
    client.force_login(getattr(users, role))
    response = client.post(grid(camp), {"pick": [f"m{camp.an.pk}"]})
    assert response.status_code == status
    assert "Nguyễn Văn An" not in _registered(camp.good)


def test_grid_is_read_only_for_a_group_leader(client, camp, users):
    client.force_login(users.group_leader)
    response = client.get(grid(camp, "a_c"))
    assert response.context["can_edit"] is False
    assert b'name="pick"' not in response.content
    assert "Dạy tốt" in response.content.decode()


def test_target_chooser_counts_the_registrations_of_the_year(client, camp, users):
    client.force_login(users.officer)
    response = client.get(url("registrations", org=org_a, year=YEAR)(camp))
    counts = {c.name: n for c, _p, n, _link in response.context["campaigns"]}
    assert counts["Dạy giỏi trường A"] == 1
    assert counts["Lao động sáng tạo"] == 0  # Khác registered in branch B
    assert "Phong trào trường B" not in counts


def test_evaluation_page_saves_results_at_once_and_readers_change_nothing(client, camp, users):
    page = url("registration_evaluation", org=group_a1, campaign=pk("a_c"), year=YEAR)(camp)
    key = camp.reg_a.pk
    client.force_login(users.inspector)
    assert client.post(page, {f"r{key}": ACHIEVED}).status_code == 403
    client.force_login(users.officer)
    response = client.post(page, {f"r{key}": "bogus", f"n{key}": "ghi chú"})
    assert response.status_code == 200
    assert any("Nguyễn Văn An" in e for e in response.context["errors"])
    assert response.context["rows"][0]["note"] == "ghi chú"
    response = client.post(page, {f"r{key}": ACHIEVED, f"n{key}": "Xuất sắc"})
    assert response.status_code == 302
    camp.reg_a.refresh_from_db()
    assert (camp.reg_a.result, camp.reg_a.result_note) == (ACHIEVED, "Xuất sắc")


def test_campaign_detail_counts_the_years_of_the_organisations_subtree(client, camp, users):
    register(camp.tree.group_b1, camp.good, {camp.other: ""})
    register(camp.tree.group_a1, camp.good, {camp.an: "", camp.hoa: ""})
    register(camp.tree.group_a1, camp.good, {camp.an: ""}, year=2024)
    rows = Registration.objects.filter(campaign=camp.good, year=YEAR, unit=camp.tree.group_a1)
    registrations.registrations_evaluate(
        unit=camp.tree.branch_a,
        year=YEAR,
        target=camp.good,
        results={r: (ACHIEVED if r.member == camp.an else FAILED, "") for r in rows},
        actor=None,
    )
    client.force_login(users.officer)
    response = client.get(url("campaign_detail", pk("good"), org=org_a)(camp))
    years = [
        (r.year, r.registered, r.evaluated, r.achieved)
        for r, _reg, _ev in response.context["years"]
    ]
    assert years == [(2025, 2, 2, 1), (2024, 1, 0, 0)]  # Khác (branch B) not counted


def test_campaign_list_searches_and_filters_by_state(client, camp, users):
    camp.a_empty.active = False
    services.campaign_save(campaign=camp.a_empty, actor=None)
    client.force_login(users.officer)

    def names(query):
        page = client.get(url("campaign_list", org=org_a)(camp) + "&" + query)
        return [c.name for c in page.context["page"].object_list]

    assert names("q=giỏi+trường") == ["Dạy giỏi trường A"]
    assert names("active=0") == ["Phong trào chưa ai đăng ký"]
    assert "Phong trào trường B" not in names("")
    assert "Lao động giỏi" in names("active=1")


# --- summary ---------------------------------------------------------------------------------


@pytest.fixture
def summary_data(camp):
    """Branch A 2025 by hand: "Lao động giỏi": An (achieved), Hoa (woman, achieved), Cúc
    (woman, not achieved), group A1 (achieved); "Dạy giỏi trường A": An (not evaluated).
    Branch B: Khác in "Lao động giỏi" (not counted for A)."""
    t = camp.tree
    register(t.group_b1, camp.good, {camp.other: ""})
    register(t.group_a1, camp.good, {camp.an: "", camp.hoa: "", t.group_a1: ""})
    register(t.group_a2, camp.good, {camp.cuc: ""})
    results = {
        r: (FAILED if r.member == camp.cuc else ACHIEVED, "")
        for r in registrations.registrations_at(t.branch_a, YEAR, camp.good)
    }
    registrations.registrations_evaluate(
        unit=t.branch_a, year=YEAR, target=camp.good, results=results, actor=None
    )
    return camp


def test_summary_counts_by_hand(summary_data):
    rows = registration_selectors.registration_summary(summary_data.tree.branch_a, YEAR)
    counted = {
        str(r.target): (r.members, r.collectives, r.evaluated, r.achieved, r.women_achieved)
        for r in rows
    }
    assert counted == {"Dạy giỏi trường A": (1, 0, 0, 0, 0), "Lao động giỏi": (3, 1, 4, 3, 1)}
    good = next(r for r in rows if r.target == summary_data.good)
    assert good.percent == Decimal("75.0")
    upper = {
        str(r.target): r.registered
        for r in registration_selectors.registration_summary(summary_data.tree.upper, YEAR)
    }
    assert upper["Lao động giỏi"] == 5


def test_summary_xlsx_has_the_hand_counted_rows(client, summary_data, users):
    client.force_login(users.officer)
    response = client.get(url("registration_summary_xlsx", org=org_a, year=YEAR)(summary_data))
    assert response["Content-Disposition"].endswith('dang-ky-thi-dua-2025.xlsx"')
    sheet = load_workbook(BytesIO(response.content)).active
    rows = {r[1]: r[2:] for r in sheet.iter_rows(min_row=5, values_only=True)}
    assert rows["Lao động giỏi"] == ("Phong trào", 3, 1, 4, 3, 75, 1)
    assert rows["Dạy giỏi trường A"] == ("Phong trào", 1, 0, 0, 0, 0, 0)
    assert sheet["A2"].value == "Tổng hợp đăng ký thi đua năm 2025"


def test_member_registrations_lists_the_latest_in_one_query(camp, django_assert_num_queries):
    register(camp.tree.group_a1, camp.good, {camp.an: ""}, year=2024)
    with django_assert_num_queries(1):
        rows = registration_selectors.member_registrations(camp.an)
        labels = [(r.year, str(r.target), r.unit.name) for r in rows]
    assert labels == [
        (2025, "Dạy giỏi trường A", "Tổ Văn phòng"),
        (2024, "Lao động giỏi", "Tổ Văn phòng"),
    ]


# --- query counts ----------------------------------------------------------------------------


def _grow(camp, n=8):
    t = camp.tree
    extra = [
        MemberFactory(organisation=t.group_a1, full_name=f"Thêm {i}", gender="F") for i in range(n)
    ]
    register(t.group_a1, camp.good, dict.fromkeys(extra, "cam kết"))
    register(t.group_a1, camp.women, dict.fromkeys(extra, ""))
    for i in range(n):
        campaign(t.branch_a, f"Phong trào thêm {i}")


@pytest.mark.parametrize(
    "make_url",
    [
        url("campaign_list", org=org_a),
        url("campaign_detail", pk("good"), org=org_a),
        url("registrations", org=org_a, year=YEAR),
        url("registrations", org=group_a1, campaign=pk("good"), year=YEAR),
        url("registrations", org=org_a, campaign=pk("good"), year=YEAR),
        url("registration_evaluation", org=org_a, campaign=pk("good"), year=YEAR),
        url("registration_summary", org=org_a, year=YEAR),
        url("registration_summary_xlsx", org=org_a, year=YEAR),
    ],
    ids=lambda make: make.url_name,
)
def test_page_queries_do_not_grow_with_rows(make_url, client, camp, users):
    client.force_login(users.officer)
    page = make_url(camp)
    register(camp.tree.group_a1, camp.good, {camp.an: ""})
    few = count_queries(client, page)
    _grow(camp)
    assert count_queries(client, page) == few


# --- demo ------------------------------------------------------------------------------------


def test_demo_registrations_are_made_once_with_evaluations(camp):
    for i in range(6):
        MemberFactory(
            organisation=camp.tree.group_a2, full_name=f"Demo {i}", gender="F" if i % 2 else "M"
        )
    made = seed_registrations(camp.tree.branch_a, 2026)
    assert made > 0
    rows = Registration.objects.filter(year=2026)
    assert rows.count() == made
    assert rows.filter(campaign=camp.green, collective__isnull=False).count() == 2
    women = rows.filter(campaign=camp.women)
    assert women.exists() and not women.filter(member__gender=Member.Gender.MALE).exists()
    assert rows.exclude(result="").count() > made // 2
    assert seed_registrations(camp.tree.branch_a, 2026) == 0
    assert Registration.objects.filter(year=2026).count() == made


# --- a registration kept by another unit -----------------------------------------------------


@pytest.fixture
def moved(camp):
    """Cúc registered for "Lao động giỏi" 2025 in group A2, then moved to group B1."""
    register(camp.tree.group_a2, camp.good, {camp.cuc: "Hoàn thành xuất sắc"})
    member_services.member_transfer(
        member=camp.cuc, to=camp.tree.group_b1, day=date(2025, 9, 1), actor=None
    )
    camp.cuc.refresh_from_db()
    return camp


def test_a_unit_may_not_withdraw_or_move_a_registration_kept_by_another(moved):
    with pytest.raises(ValidationError, match="đăng ký tại Tổ Toán"):
        register(moved.tree.group_b1, moved.good, {moved.cuc: None})
    with pytest.raises(ValidationError, match="đăng ký tại Tổ Toán"):
        register(moved.tree.group_b1, moved.good, {moved.cuc: "Khác"})
    row = Registration.objects.get(member=moved.cuc)
    assert (row.unit, row.commitment) == (moved.tree.group_a2, "Hoàn thành xuất sắc")


def test_the_grid_shows_a_registration_kept_elsewhere_read_only_and_keeps_it(client, moved, users):
    client.force_login(users.officer_b)
    page = reverse("emulation:registrations")
    query = f"?org={moved.tree.group_b1.pk}&year={YEAR}&campaign={moved.good.pk}"
    html = client.get(page + query).content.decode()
    assert "đăng ký tại Tổ Toán" in html
    assert f'value="m{moved.cuc.pk}"' not in html  # no checkbox to untick
    response = client.post(page + query, {"pick": [], "common": ""})
    assert response.status_code == 302
    assert Registration.objects.filter(member=moved.cuc, unit=moved.tree.group_a2).exists()


def test_a_registration_made_meanwhile_by_someone_else_is_a_clear_error(camp, monkeypatch):
    """Two officers save the same grid at once: the second finds An registered (the unique
    constraint) although they did not read it; nothing of their save is kept."""
    monkeypatch.setattr(
        "emulation.campaigns.registrations.registrations_of", lambda *args, **kw: {}
    )
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        register(camp.tree.group_a1, camp.a_c, {camp.hoa: "Mới", camp.an: "Dạy tốt"})
    assert not Registration.objects.filter(member=camp.hoa).exists()
