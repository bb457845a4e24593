"""Campaigns (phong trào thi đua): who sees which campaign, who reads and writes what (the
permission table of the campaign and registration pages), creating, editing and deleting a
campaign, its page and list, query counts (registrations in test_registrations, their summary
in test_registration_summary)."""

import pytest
from django.core.exceptions import ValidationError

from emulation.campaigns import registrations, services
from emulation.models import WOMEN_CAMPAIGN, Campaign, Registration
from tests.emulation.campaigns.factories import ACHIEVED, FAILED, YEAR, campaign, register, seeded
from tests.emulation.scopes import group_a1, lltt, org_a, org_b, pk
from tests.factories import MemberFactory
from tests.pages import ROLES, count_queries, expect, page_url, unexpected_statuses

pytestmark = pytest.mark.django_db


url = page_url("emulation")


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


# --- the campaign's page and list ------------------------------------------------------------


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
