"""Registry pages (members, applications, recommendations), home, reports and sign-in."""

from datetime import date

import pytest
from django.urls import resolve, reverse

from members.models import Body, LevelChoice, Member
from members.registry import services
from members.urls import urlpatterns
from tests.factories import (
    ApplicationFactory,
    BodyFactory,
    MemberFactory,
    PartyRecommendationFactory,
    PositionFactory,
    TermFactory,
)
from tests.members.organisations.test_views import PAGES as STRUCTURE_PAGES
from tests.pages import ROLES, count_queries, expect, unexpected_statuses

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


def test_every_registry_and_structure_url_has_a_permission_test(world):
    tested = {resolve(make_url(world).split("?")[0]).url_name for _, make_url, _ in PAGES}
    tested |= {resolve(make_url(world)).url_name for _, make_url, _ in STRUCTURE_PAGES}
    excel = {"member_import", "member_import_template", "member_export"}
    assert {p.name for p in urlpatterns} - excel <= tested


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
