"""Registry pages (members, applications, recommendations), home, reports and sign-in."""

from datetime import date, timedelta

import pytest
from django.urls import resolve, reverse

from members import listing, services
from members.forms import MemberForm
from members.models import (
    AdmissionApplication,
    Body,
    LevelChoice,
    Member,
    MemberEvent,
    PartyRecommendation,
)
from members.urls import urlpatterns

from .factories import (
    ApplicationFactory,
    BodyFactory,
    MemberFactory,
    PartyRecommendationFactory,
    PositionFactory,
    TermFactory,
)
from .test_views_organisations import PAGES as STRUCTURE_PAGES
from .test_views_organisations import ROLES, count_queries, expect, unexpected_statuses

pytestmark = pytest.mark.django_db

TODAY = date.today()

READERS = expect(member=403)
MANAGERS = expect(403, admin=200, officer=200, officer_b=200)
# member_a: group A1, the `member` user's own profile.
MEMBER_A_READ = expect(officer_b=404)
MEMBER_A_WRITE = expect(403, admin=200, officer=200, officer_b=404)
# member_a2 / past_a: branch A, outside the group leader's group or not the user's own profile.
MEMBER_A2_READ = expect(group_leader=404, member=404, officer_b=404)
MEMBER_A2_WRITE = expect(403, admin=200, officer=200, group_leader=404, member=404, officer_b=404)
PAST_A_READ = expect(member=404, officer_b=404)
PAST_A_WRITE = expect(403, admin=200, officer=200, member=404, officer_b=404)
MEMBER_B_READ = expect(404, admin=200, upper_viewer=200, officer_b=200)
MEMBER_B_WRITE = expect(404, admin=200, upper_viewer=403, officer_b=200)
APP_A_WRITE = expect(403, admin=200, officer=200, officer_b=404)
APP_B_WRITE = expect(403, admin=200, officer=404, officer_b=200)


def url(name, *args):
    return lambda w: reverse(name, args=[a(w) for a in args])


def pk(attr):
    return lambda w: getattr(w, attr).pk


PAGES = [
    ("home", url("home"), expect(member=302)),
    ("reports", url("reports:index"), READERS),
    ("password change", url("password_change"), expect()),
    ("member list", url("members:member_list"), READERS),
    ("member create", url("members:member_create"), MANAGERS),
    ("member A", url("members:member_detail", pk("member_a")), MEMBER_A_READ),
    ("member A2", url("members:member_detail", pk("member_a2")), MEMBER_A2_READ),
    ("past member A", url("members:member_detail", pk("past_a")), PAST_A_READ),
    ("member B", url("members:member_detail", pk("member_b")), MEMBER_B_READ),
    ("edit A", url("members:member_edit", pk("member_a")), MEMBER_A_WRITE),
    ("edit A2", url("members:member_edit", pk("member_a2")), MEMBER_A2_WRITE),
    ("edit B", url("members:member_edit", pk("member_b")), MEMBER_B_WRITE),
    ("transfer A", url("members:member_transfer", pk("member_a")), MEMBER_A_WRITE),
    ("transfer B", url("members:member_transfer", pk("member_b")), MEMBER_B_WRITE),
    ("end A", url("members:member_end", pk("member_a")), MEMBER_A_WRITE),
    ("end B", url("members:member_end", pk("member_b")), MEMBER_B_WRITE),
    ("reinstate A", url("members:member_reinstate", pk("past_a")), PAST_A_WRITE),
    ("reinstate B", url("members:member_reinstate", pk("past_b")), MEMBER_B_WRITE),
    ("recommend A", url("members:recommendation_create", pk("member_a")), MEMBER_A_WRITE),
    ("recommend B", url("members:recommendation_create", pk("member_b")), MEMBER_B_WRITE),
    (
        "recommendation A",
        url("members:recommendation_edit", pk("member_a"), pk("rec_a")),
        MEMBER_A_WRITE,
    ),
    (
        "recommendation B",
        url("members:recommendation_edit", pk("member_b"), pk("rec_b")),
        MEMBER_B_WRITE,
    ),
    ("applications", url("members:application_list"), MANAGERS),
    ("application create", url("members:application_create"), MANAGERS),
    ("application A", url("members:application_edit", pk("app_a")), APP_A_WRITE),
    ("application B", url("members:application_edit", pk("app_b")), APP_B_WRITE),
    ("approve A", url("members:application_approve", pk("app_a")), APP_A_WRITE),
    ("approve B", url("members:application_approve", pk("app_b")), APP_B_WRITE),
    ("reject A", url("members:application_reject", pk("app_a")), APP_A_WRITE),
    ("reject B", url("members:application_reject", pk("app_b")), APP_B_WRITE),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_registry_page_answers_by_role_and_scope(role, client, world, users):
    assert unexpected_statuses(client, users, role, world, PAGES) == {}


def test_anonymous_is_sent_to_login_from_every_page(client, world):
    for name, make_url, _expected in PAGES:
        page = make_url(world)
        response = client.get(page)
        assert response.status_code == 302, name
        assert response["Location"] == f"{reverse('login')}?next={page}", name


@pytest.mark.parametrize(
    ("name", "text"), [("login", "Đăng nhập UnionHub"), ("password_reset", "Quên mật khẩu")]
)
def test_auth_pages_render_in_vietnamese_for_anonymous(client, name, text):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert text in html


def test_login_with_wrong_password_explains_in_vietnamese(client, users):
    response = client.post(reverse("login"), {"username": "admin", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_member_role_home_redirects_to_own_profile(client, world, users):
    client.force_login(users.member)
    response = client.get(reverse("home"))
    assert response["Location"] == world.member_a.get_absolute_url()


def test_user_without_any_role_sees_an_explanation_on_home(client, world, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", password="x"))
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "chưa được phân quyền" in response.content.decode()


def test_group_leader_cannot_read_member_of_other_group(client, world, users):
    client.force_login(users.group_leader)
    assert client.get(world.member_a.get_absolute_url()).status_code == 200
    assert client.get(world.member_a2.get_absolute_url()).status_code == 404


def test_group_leader_list_shows_only_own_group(client, world, users):
    client.force_login(users.group_leader)
    response = client.get(reverse("members:member_list") + "?status=all")
    assert [m.full_name for m in response.context["members"]] == [
        "Nguyễn Văn An",
        "Hoàng Văn Dũng",
    ]
    response = client.get(reverse("members:member_list") + f"?org={world.tree.branch_a.pk}")
    assert [m.full_name for m in response.context["members"]] == ["Nguyễn Văn An"]


def test_member_role_reads_only_own_profile(client, world, users):
    client.force_login(users.member)
    assert client.get(world.member_a.get_absolute_url()).status_code == 200
    for other in (world.member_a2, world.past_a, world.member_b):
        assert client.get(other.get_absolute_url()).status_code == 404


def test_officer_of_other_branch_gets_404_on_branch_a_member(client, world, users):
    client.force_login(users.officer_b)
    assert client.get(world.member_a.get_absolute_url()).status_code == 404
    assert client.get(world.member_b.get_absolute_url()).status_code == 200


def test_officer_of_other_branch_cannot_list_branch_a_with_org_parameter(client, world, users):
    client.force_login(users.officer_b)
    response = client.get(reverse("members:member_list") + f"?org={world.tree.branch_a.pk}")
    assert [m.full_name for m in response.context["members"]] == ["Trần Thị Bình"]


# --- writes ----------------------------------------------------------------------------------


def _member(w, attr):
    return Member.objects.get(pk=getattr(w, attr).pk)


def _app_status(w):
    return AdmissionApplication.objects.get(pk=w.app_a.pk).status


DAY = "15/01/2025"
WRITES = {
    "member create": (
        url("members:member_create"),
        lambda w: {
            "full_name": "Phạm Văn Mới",
            "gender": "M",
            "date_of_birth": "02/09/1990",
            "organisation": w.tree.group_a1.pk,
        },
        lambda w: Member.objects.filter(full_name="Phạm Văn Mới").count(),
        1,
    ),
    "member edit": (
        url("members:member_edit", pk("member_a")),
        lambda w: {"full_name": "Nguyễn Văn An", "gender": "M", "phone": "0912345678"},
        lambda w: _member(w, "member_a").phone,
        "0912345678",
    ),
    "member transfer": (
        url("members:member_transfer", pk("member_a")),
        lambda w: {"organisation": w.tree.group_a2.pk, "date": DAY},
        lambda w: (_member(w, "member_a").organisation_id, w.member_a.events.count()),
        lambda w: (w.tree.group_a2.pk, 2),
    ),
    "member end": (
        url("members:member_end", pk("member_a")),
        lambda w: {"kind": "retired", "date": DAY},
        lambda w: _member(w, "member_a").status,
        Member.Status.RETIRED,
    ),
    "member reinstate": (
        url("members:member_reinstate", pk("past_a")),
        lambda w: {"organisation": w.tree.group_a2.pk, "date": DAY},
        lambda w: (_member(w, "past_a").status, _member(w, "past_a").organisation_id),
        lambda w: (Member.Status.ACTIVE, w.tree.group_a2.pk),
    ),
    "recommendation create": (
        url("members:recommendation_create", pk("member_a")),
        lambda w: {"year": 2025, "recommended_on": "01/03/2025", "outcome": "pending"},
        lambda w: w.member_a.party_recommendations.filter(year=2025).count(),
        1,
    ),
    "recommendation edit": (
        url("members:recommendation_edit", pk("member_a"), pk("rec_a")),
        lambda w: {
            "year": 2024,
            "recommended_on": "01/03/2024",
            "outcome": "admitted",
            "outcome_on": "07/11/2024",
        },
        lambda w: PartyRecommendation.objects.get(pk=w.rec_a.pk).outcome,
        "admitted",
    ),
    "application create": (
        url("members:application_create"),
        lambda w: {
            "full_name": "Bùi Thị Mới",
            "gender": "F",
            "organisation": w.tree.group_a1.pk,
            "submitted_on": "01/10/2024",
        },
        lambda w: AdmissionApplication.objects.filter(full_name="Bùi Thị Mới").count(),
        1,
    ),
    "application edit": (
        url("members:application_edit", pk("app_a")),
        lambda w: {
            "full_name": "Phạm Thị Hoa Sửa",
            "gender": "F",
            "organisation": w.tree.group_a1.pk,
            "submitted_on": "01/09/2024",
        },
        lambda w: AdmissionApplication.objects.get(pk=w.app_a.pk).full_name,
        "Phạm Thị Hoa Sửa",
    ),
    "application approve": (
        url("members:application_approve", pk("app_a")),
        lambda w: {"decision_no": "15/QĐ-CĐCS", "decided_on": "01/10/2024"},
        lambda w: (_app_status(w), Member.objects.filter(full_name=w.app_a.full_name).count()),
        (AdmissionApplication.Status.APPROVED, 1),
    ),
    "application reject": (
        url("members:application_reject", pk("app_a")),
        lambda w: {"decided_on": "01/10/2024", "note": "Chưa đủ điều kiện"},
        _app_status,
        AdmissionApplication.Status.REJECTED,
    ),
}


@pytest.mark.parametrize("case", list(WRITES))
def test_officer_post_changes_registry(case, client, world, users):
    make_url, data, probe, after = WRITES[case]
    before = probe(world)
    client.force_login(users.officer)
    response = client.post(make_url(world), data(world))
    assert response.status_code == 302, response.context["form"].errors
    expected = after(world) if callable(after) else after
    assert probe(world) == expected != before


@pytest.mark.parametrize("case", list(WRITES))
def test_registry_post_without_permission_changes_nothing(case, client, world, users):
    make_url, data, probe, _after = WRITES[case]
    before = probe(world)
    creates = case in ("member create", "application create")
    statuses = {
        "accountant": 403,
        "inspector": 403,
        "upper_viewer": 403,
        "group_leader": 403,  # every object here is in group A1, which the leader reads
        # The member user reads their own profile (member_a) but not past_a.
        "member": 404 if case == "member reinstate" else 403,
        # Creating has no object in the URL: branch A is simply not among the form's choices.
        "officer_b": 200 if creates else 404,
    }
    for role, status in statuses.items():
        client.force_login(getattr(users, role))
        assert client.post(make_url(world), data(world)).status_code == status, role
        assert probe(world) == before, role


def test_officer_of_other_branch_cannot_create_member_in_branch_a(client, world, users):
    client.force_login(users.officer_b)
    response = client.post(
        reverse("members:member_create"),
        {"full_name": "Xâm Nhập", "gender": "M", "organisation": world.tree.group_a1.pk},
    )
    assert "organisation" in response.context["form"].errors
    assert not Member.objects.filter(full_name="Xâm Nhập").exists()


def test_transfer_offers_only_organisations_the_officer_manages(client, world, users):
    client.force_login(users.officer)
    response = client.get(reverse("members:member_transfer", args=[world.member_a.pk]))
    choices = set(response.context["form"].fields["organisation"].queryset)
    assert choices == {world.tree.branch_a, world.tree.group_a1, world.tree.group_a2}


def test_transfer_with_date_before_last_event_shows_error_on_date(client, world, users):
    client.force_login(users.officer)
    response = client.post(
        reverse("members:member_transfer", args=[world.member_a.pk]),
        {"organisation": world.tree.group_a2.pk, "date": "01/01/2009"},
    )
    assert response.status_code == 200
    assert "date" in response.context["form"].errors
    assert Member.objects.get(pk=world.member_a.pk).organisation == world.tree.group_a1


def test_approving_twice_shows_an_error_and_creates_one_member(client, world, users):
    client.force_login(users.officer)
    page = reverse("members:application_approve", args=[world.app_a.pk])
    data = {"decision_no": "15/QĐ", "decided_on": "01/10/2024"}
    assert client.post(page, data).status_code == 302
    response = client.post(page, data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Member.objects.filter(full_name=world.app_a.full_name).count() == 1


def test_member_end_page_closes_open_positions_on_that_day(client, world, users):
    client.force_login(users.officer)
    client.post(
        reverse("members:member_end", args=[world.member_a.pk]), {"kind": "retired", "date": DAY}
    )
    position = world.member_a.positions.get()
    assert position.end == date(2025, 1, 15)


# --- personal data and audit -----------------------------------------------------------------


@pytest.fixture
def personal(world):
    member = Member.objects.get(pk=world.member_a.pk)
    member.national_id = "001085012345"
    member.salary_basis = 16_050_000
    services.member_update(member=member, actor=None)
    return member


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("admin", True),
        ("officer", True),
        ("accountant", True),
        ("inspector", False),
        ("group_leader", False),
        ("upper_viewer", False),
    ],
)
def test_national_id_and_salary_only_for_personal_data_roles(role, shown, client, personal, users):
    client.force_login(getattr(users, role))
    html = client.get(personal.get_absolute_url()).content.decode()
    assert ("001085012345" in html) is shown
    assert ("16.050.000đ" in html) is shown


@pytest.mark.parametrize("role", ["officer", "accountant"])
def test_member_form_has_personal_fields_for_personal_data_roles(role, personal, users):
    form = MemberForm(instance=personal, user=getattr(users, role))
    assert {"national_id", "salary_basis"} <= set(form.fields)


@pytest.mark.parametrize("role", ["inspector", "group_leader", "upper_viewer"])
def test_member_form_drops_personal_fields_for_other_roles(role, personal, users):
    for instance in (personal, None):
        form = MemberForm(instance=instance, user=getattr(users, role))
        assert not {"national_id", "salary_basis"} & set(form.fields)


def test_officer_edit_form_shows_personal_values(client, personal, users):
    client.force_login(users.officer)
    html = client.get(reverse("members:member_edit", args=[personal.pk])).content.decode()
    assert 'value="001085012345"' in html


def _edit_phone_and_id(client, users, member):
    client.force_login(users.officer)
    response = client.post(
        reverse("members:member_edit", args=[member.pk]),
        {
            "full_name": member.full_name,
            "gender": "M",
            "date_of_birth": "17/05/1985",
            "joined_on": "01/01/2010",
            "phone": "0912345678",
            "national_id": "001085099999",
            "salary_basis": 16_050_000,
        },
    )
    assert response.status_code == 302


@pytest.mark.parametrize("role", ["officer", "inspector"])
def test_member_history_shows_field_old_and_new_to_audit_roles(role, client, personal, users):
    _edit_phone_and_id(client, users, personal)
    client.force_login(getattr(users, role))
    html = client.get(personal.get_absolute_url()).content.decode()
    assert "Lịch sử thay đổi" in html
    assert "<strong>điện thoại</strong>: — → 0912345678" in html


@pytest.mark.parametrize("role", ["accountant", "group_leader", "upper_viewer"])
def test_member_history_hidden_without_audit_permission(role, client, personal, users):
    _edit_phone_and_id(client, users, personal)
    client.force_login(getattr(users, role))
    html = client.get(personal.get_absolute_url()).content.decode()
    assert "Lịch sử thay đổi" not in html


def test_member_history_hides_personal_data_changes_from_inspector(client, personal, users):
    _edit_phone_and_id(client, users, personal)
    client.force_login(users.inspector)
    html = client.get(personal.get_absolute_url()).content.decode()
    assert "001085012345" not in html
    assert "001085099999" not in html
    assert "16.050.000" not in html
    client.force_login(users.officer)
    html = client.get(personal.get_absolute_url()).content.decode()
    assert "001085012345 → 001085099999" in html


def test_member_history_shows_name_change_but_not_derived_search_keys(client, world, users):
    client.force_login(users.officer)
    response = client.post(
        reverse("members:member_edit", args=[world.member_a.pk]),
        {"full_name": "Nguyễn Văn Ân", "gender": "M"},
    )
    assert response.status_code == 302
    html = client.get(world.member_a.get_absolute_url()).content.decode()
    assert "<strong>họ và tên</strong>: Nguyễn Văn An → Nguyễn Văn Ân" in html
    assert "nguyen van" not in html  # the accent-free search and sort keys


def test_duplicate_party_recommendation_year_is_a_form_error(client, world, users):
    client.force_login(users.officer)
    response = client.post(
        reverse("members:recommendation_create", args=[world.member_a.pk]),
        {"year": world.rec_a.year, "recommended_on": "01/04/2024", "outcome": "pending"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert world.member_a.party_recommendations.count() == 1


def test_every_registry_and_structure_url_has_a_permission_test(world):
    tested = {resolve(make_url(world).split("?")[0]).url_name for _, make_url, _ in PAGES}
    tested |= {resolve(make_url(world)).url_name for _, make_url, _ in STRUCTURE_PAGES}
    excel = {"member_import", "member_import_template", "member_export"}
    assert {p.name for p in urlpatterns} - excel <= tested


# --- member list: search, filters, sort, pages -----------------------------------------------


def listed(client, query="") -> list[str]:
    response = client.get(reverse("members:member_list") + query)
    assert response.status_code == 200
    return [m.full_name for m in response.context["members"]]


@pytest.fixture
def roster(world, client, users):
    """Branch A's list as the officer sees it."""
    t = world.tree
    professional = LevelChoice.objects.get(kind="professional", name="Đại học")
    MemberFactory(organisation=t.group_a1, full_name="Trần Quốc Đạt", card_number="CD-0001234")
    MemberFactory(
        organisation=t.group_a2,
        full_name="Trần Văn An",
        party_member=True,
        professional_level=professional,
    )
    MemberFactory(organisation=t.group_a2, full_name="Nguyễn Thị Bình", gender="F")
    client.force_login(users.officer)
    return world


def test_list_search_ignores_accents_and_case(client, roster):
    assert listed(client, "?q=nguyen+van+an") == ["Nguyễn Văn An"]
    assert listed(client, "?q=NGUYỄN") == ["Nguyễn Văn An", "Nguyễn Thị Bình"]


def test_list_search_reads_d_as_the_letter_dd(client, roster):
    assert listed(client, "?q=dat") == ["Trần Quốc Đạt"]
    assert listed(client, "?q=Đạt") == ["Trần Quốc Đạt"]


def test_list_search_finds_card_number(client, roster):
    assert listed(client, "?q=CD-0001234") == ["Trần Quốc Đạt"]


def test_list_filters_by_group_gender_party_and_level(client, roster):
    a2 = roster.tree.group_a2.pk
    professional = LevelChoice.objects.get(kind="professional", name="Đại học").pk
    assert listed(client, f"?group={a2}") == ["Trần Văn An", "Nguyễn Thị Bình", "Lê Thị Cúc"]
    assert listed(client, "?gender=F") == ["Nguyễn Thị Bình"]
    assert listed(client, "?party=1") == ["Trần Văn An"]
    assert "Trần Văn An" not in listed(client, "?party=0")
    assert listed(client, f"?professional_level={professional}") == ["Trần Văn An"]


def test_list_shows_past_members_only_when_asked(client, roster):
    assert "Hoàng Văn Dũng" not in listed(client)
    assert listed(client, "?status=retired") == ["Hoàng Văn Dũng"]
    assert "Hoàng Văn Dũng" in listed(client, "?status=all")


def test_list_sorts_by_vietnamese_given_name(client, roster):
    names = listed(client)
    assert names.index("Trần Văn An") < names.index("Nguyễn Thị Bình")
    assert names == [
        "Nguyễn Văn An",
        "Trần Văn An",
        "Nguyễn Thị Bình",
        "Lê Thị Cúc",
        "Trần Quốc Đạt",
    ]
    assert listed(client, "?sort=-name") == list(reversed(names))


def test_list_page_two_shows_rows_51_to_100(client, world, users):
    for i in range(120):
        MemberFactory(organisation=world.tree.group_a1, full_name=f"Đoàn Viên Số{i:03d}")
    expected = list(
        Member.objects.active()
        .in_subtree(world.tree.branch_a)
        .order_by("sort_name", "id")
        .values_list("full_name", flat=True)
    )
    client.force_login(users.officer)
    response = client.get(reverse("members:member_list") + "?page=2")
    assert [m.full_name for m in response.context["members"]] == expected[50:100]
    assert response.context["first_index"] == 51
    html = response.content.decode()
    assert "<td>51</td>" in html and "<td>100</td>" in html and "<td>101</td>" not in html
    assert "Trang 2 / 3" in html


def test_list_count_is_capped(client, world, users, monkeypatch):
    monkeypatch.setattr(listing, "COUNT_CAP", 3)
    for _ in range(4):
        MemberFactory(organisation=world.tree.group_a1)
    client.force_login(users.officer)
    html = client.get(reverse("members:member_list")).content.decode()
    assert "Hơn 3 đoàn viên phù hợp" in html


def test_list_count_is_exact_under_the_cap(client, roster):
    html = client.get(reverse("members:member_list")).content.decode()
    assert "5 đoàn viên phù hợp" in html and "Hơn" not in html


# --- member form -----------------------------------------------------------------------------


def create(client, **fields):
    data = {"full_name": "Phạm Văn Mới", "gender": "M", "organisation": fields.pop("org")}
    data.update(fields)
    return client.post(reverse("members:member_create"), data)


@pytest.fixture
def officer_client(client, world, users):
    client.force_login(users.officer)
    return client


def years_ago(n: int, day: date = TODAY) -> date:
    try:
        return day.replace(year=day.year - n)
    except ValueError:  # 29 February
        return day.replace(year=day.year - n, day=28)


@pytest.mark.parametrize(
    "born",
    [
        date(1890, 1, 1),
        TODAY + timedelta(days=1),
        years_ago(14),
        years_ago(15) + timedelta(days=1),  # turns 15 tomorrow
    ],
    ids=["1890", "future", "14-years", "15-tomorrow"],
)
def test_member_create_rejects_implausible_birth_date(born, officer_client, world):
    response = create(
        officer_client, org=world.tree.group_a1.pk, date_of_birth=born.strftime("%d/%m/%Y")
    )
    assert response.status_code == 200
    assert "date_of_birth" in response.context["form"].errors
    assert not Member.objects.filter(full_name="Phạm Văn Mới").exists()


def test_member_create_accepts_worker_who_turned_15_today(officer_client, world):
    born = years_ago(15)
    response = create(
        officer_client, org=world.tree.group_a1.pk, date_of_birth=born.strftime("%d/%m/%Y")
    )
    assert response.status_code == 302
    assert Member.objects.get(full_name="Phạm Văn Mới").date_of_birth == born


def test_member_create_accepts_date_typed_day_first(officer_client, world):
    response = create(officer_client, org=world.tree.group_a1.pk, date_of_birth="17/05/1985")
    assert response.status_code == 302
    member = Member.objects.get(full_name="Phạm Văn Mới")
    assert member.date_of_birth == date(1985, 5, 17)
    assert member.events.get().kind == MemberEvent.Kind.ADMITTED


def test_member_create_rejects_duplicate_card_number_on_the_field(officer_client, world):
    member = Member.objects.get(pk=world.member_a.pk)
    member.card_number = "CD-1"
    services.member_update(member=member, actor=None)
    response = create(officer_client, org=world.tree.group_a1.pk, card_number="CD-1")
    assert "card_number" in response.context["form"].errors
    assert Member.objects.filter(card_number="CD-1").count() == 1


def test_likely_duplicate_warns_and_saves_after_confirmation(officer_client, world):
    data = {"org": world.tree.group_a2.pk, "date_of_birth": "17/05/1985"}
    response = create(officer_client, full_name="nguyen van an", **data)
    assert response.status_code == 200
    assert "confirm_duplicate" in response.context["form"].errors
    html = response.content.decode()
    assert "Có thể trùng đoàn viên đã có" in html and "Nguyễn Văn An" in html
    assert Member.objects.filter(search_name="nguyen van an").count() == 1
    response = create(officer_client, full_name="nguyen van an", confirm_duplicate="on", **data)
    assert response.status_code == 302
    assert Member.objects.filter(search_name="nguyen van an").count() == 2


def test_likely_duplicate_in_another_branch_is_not_revealed(client, world, users):
    client.force_login(users.officer_b)
    response = create(
        client, org=world.tree.group_b1.pk, full_name="Nguyễn Văn An", date_of_birth="17/05/1985"
    )
    assert response.status_code == 302
    assert Member.objects.filter(search_name="nguyen van an").count() == 2


def test_member_form_redisplays_entered_data_on_error(officer_client, world):
    response = create(
        officer_client,
        org=world.tree.group_a1.pk,
        full_name="Phạm Văn Mới",
        phone="0987654321",
        date_of_birth="31/02/1985",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Phạm Văn Mới"' in html
    assert 'value="0987654321"' in html
    assert 'value="31/02/1985"' in html
    assert "date_of_birth" in response.context["form"].errors


# --- query counts ----------------------------------------------------------------------------


def _grow_registry(world, n=30):
    """n more members, events, positions, recommendations, applications and edits in branch A."""
    t = world.tree
    levels = {k: LevelChoice.objects.filter(kind=k).first() for k in LevelChoice.Kind.values}
    member = Member.objects.get(pk=world.member_a.pk)
    for i in range(n):
        other = MemberFactory(
            organisation=t.group_a2 if i % 2 else t.group_a1,
            full_name=f"Nguyễn Văn Thêm {i}",
            ethnicity=levels["ethnicity"],
            professional_level=levels["professional"],
            card_number=f"T{i}",
        )
        term = TermFactory(
            organisation=t.branch_a, start=date(1980 + i, 1, 1), end=date(1981 + i, 1, 1)
        )
        body = BodyFactory(organisation=t.branch_a, kind=Body.Kind.WOMEN, term=term)
        PositionFactory(body=body, member=member, start=term.start)
        PositionFactory(body=world.body_a, member=other)
        PartyRecommendationFactory(
            member=member, year=1990 + i, recommended_on=date(1990 + i, 1, 1)
        )
        ApplicationFactory(organisation=t.group_a1)
        approved = ApplicationFactory(organisation=t.group_a2)
        services.application_approve(
            application=approved, decision_no=f"{i}/QĐ", decided_on=date(2024, 10, 1), actor=None
        )
        member.phone = f"09000000{i:02d}"
        services.member_update(member=member, actor=None)
    for i in range(n // 2):
        member = services.member_transfer(
            member=member,
            to=t.group_a1 if member.organisation == t.group_a2 else t.group_a2,
            day=date(2011 + i, 1, 1),
            actor=None,
        )


def _baseline(world):
    """Enough rows that every variant of a page already runs (a second list page, an
    organisation change in the member's history): growth must then cost nothing more."""
    for i in range(51):
        MemberFactory(organisation=world.tree.group_a1, full_name=f"Nguyễn Văn Nền {i}")
    services.member_transfer(
        member=world.member_a, to=world.tree.group_a2, day=date(2010, 6, 1), actor=None
    )


@pytest.mark.parametrize(
    "make_url",
    [
        url("home"),
        url("members:member_list"),
        lambda w: reverse("members:member_list") + "?q=nguyen&status=all&sort=-dob",
        lambda w: reverse("members:member_list") + "?page=2",
        url("members:member_detail", pk("member_a")),
        url("members:application_list"),
        lambda w: reverse("members:application_list") + "?status=all",
        url("reports:index"),
    ],
    ids=[
        "home",
        "list",
        "list-search",
        "list-page-2",
        "member",
        "applications",
        "applications-all",
        "reports",
    ],
)
def test_registry_page_queries_do_not_grow_with_rows(make_url, client, world, users):
    _baseline(world)
    client.force_login(users.officer)
    page = make_url(world)
    client.get(page)  # warm caches (content types, session)
    few = count_queries(client, page)
    _grow_registry(world)
    assert count_queries(client, page) == few


def test_invalid_filter_value_keeps_the_search(client, users, member_a, tree):
    client.force_login(users.officer)
    response = client.get(reverse("members:member_list"), {"q": "nguyen van an", "gender": "X"})
    assert [m.pk for m in response.context["members"]] == [member_a.pk]


def test_empty_post_shows_required_field_errors(client, users):
    client.force_login(users.officer)
    response = client.post(reverse("members:member_create"), {})
    assert response.status_code == 200
    assert response.context["form"].errors["full_name"]


def test_huge_page_number_is_not_a_server_error(client, users, member_a):
    client.force_login(users.officer)
    response = client.get(reverse("members:member_list"), {"page": "9" * 25})
    assert response.status_code == 200
    assert response.context["members"] == []


def test_application_with_implausible_birth_date_is_refused(client, users, tree):
    client.force_login(users.officer)
    response = client.post(
        reverse("members:application_create"),
        {
            "full_name": "Lê Văn Cổ",
            "gender": "M",
            "date_of_birth": "01/01/1800",
            "organisation": tree.group_a1.pk,
            "submitted_on": "01/02/2026",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date_of_birth"]


def test_reader_of_another_branch_gets_403_not_404_on_its_applications(client, users, tree):
    from unionhub.models import Role, RoleAssignment

    RoleAssignment.objects.create(
        user=users.officer, organisation=tree.upper, role=Role.UPPER_VIEWER
    )
    application = ApplicationFactory(organisation=tree.group_b1)
    client.force_login(users.officer)
    url = reverse("members:application_approve", args=[application.pk])
    assert client.get(url).status_code == 403
    client.force_login(users.officer_b)
    assert client.get(url).status_code == 200


def test_member_sees_own_page_without_a_link_to_the_list(client, users, member_a):
    client.force_login(users.member)
    response = client.get(reverse("members:member_detail", args=[member_a.pk]))
    assert response.status_code == 200
    assert reverse("members:member_list") not in [url for _, url in response.context["crumbs"]]
    assert reverse("finance:my_dues") in response.content.decode()
    client.force_login(users.officer)  # someone else's page: no "my dues" link
    response = client.get(reverse("members:member_detail", args=[member_a.pk]))
    assert reverse("finance:my_dues") not in response.content.decode()


def test_home_opens_with_the_report_sentence_in_two_digit_counts(client, users, member_a, tree):
    MemberFactory(organisation=tree.group_a2, full_name="Trần Thị Hoa", gender="F")
    client.force_login(users.officer)
    html = client.get(reverse("home")).content.decode()
    assert "Tổng số cán bộ, đoàn viên hiện nay là 02 đồng chí (01 nữ), với 02 tổ Công đoàn." in html
