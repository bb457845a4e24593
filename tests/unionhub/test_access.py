"""unionhub.access: who may read and do what, where (a role covers its organisation's subtree)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from members.models import Member, Organisation, Position, Term
from tests.factories import MemberFactory, make_org, user_with_role
from unionhub import access
from unionhub.access import Perm
from unionhub.models import Role, RoleAssignment

pytestmark = pytest.mark.django_db

P = Perm
ALL = set(Perm)
READ = {P.VIEW_ORG, P.VIEW_MEMBERS}

# What each role may do at its own organisation: the policy the product promises.
POLICY = {
    "admin": ALL,
    "officer": ALL,
    "accountant": READ
    | {
        P.VIEW_PERSONAL,
        P.EXPORT_MEMBERS,
        P.VIEW_FINANCE,
        P.MANAGE_FINANCE,
        P.CLOSE_PERIODS,
        P.COLLECT_DUES,
        P.VIEW_EMULATION,
    },
    "inspector": READ | {P.EXPORT_MEMBERS, P.VIEW_AUDIT, P.VIEW_FINANCE, P.VIEW_EMULATION},
    "group_leader": READ | {P.COLLECT_DUES, P.VIEW_EMULATION},
    "upper_viewer": READ | {P.EXPORT_MEMBERS, P.VIEW_FINANCE, P.VIEW_EMULATION},
    "member": set(),
}
WHERE = {"group_leader": "group_a1", "upper_viewer": "upper"}


def orgs(user, perm=P.VIEW_ORG) -> set[str]:
    return set(
        Organisation.objects.filter(access.organisation_q(user, perm)).values_list(
            "name", flat=True
        )
    )


def members(user, perm=P.VIEW_MEMBERS) -> set[str]:
    return set(Member.objects.in_scope(user, perm).values_list("full_name", flat=True))


@pytest.fixture
def people(tree, users, member_a, member_b):
    """member_a (group A1), member_a2 (group A2), member_b (group B1)."""
    MemberFactory(organisation=tree.group_a2, full_name="Lê Thị Cúc")
    return tree


@pytest.mark.parametrize("role", list(POLICY))
def test_role_has_exactly_the_policy_permissions_at_its_organisation(role, tree, users):
    user = getattr(users, role)
    org = getattr(tree, WHERE.get(role, "branch_a"))
    assert {perm for perm in Perm if access.can(user, perm, org)} == POLICY[role]


@pytest.mark.parametrize("role", ["officer", "accountant", "inspector"])
def test_branch_role_covers_branch_subtree_but_not_sibling_or_upper(role, people, users):
    user = getattr(users, role)
    assert orgs(user) == {"CĐCS Trường A", "Tổ Văn phòng", "Tổ Toán"}
    assert members(user) == {"Nguyễn Văn An", "Lê Thị Cúc"}
    assert access.can(user, P.VIEW_MEMBERS, people.group_a2)
    assert not access.can(user, P.VIEW_MEMBERS, people.branch_b)
    assert not access.can(user, P.VIEW_ORG, people.upper)


def test_officer_manages_only_own_branch_subtree(people, users):
    assert orgs(users.officer, P.MANAGE_ORG) == {"CĐCS Trường A", "Tổ Văn phòng", "Tổ Toán"}
    assert members(users.officer, P.MANAGE_MEMBERS) == {"Nguyễn Văn An", "Lê Thị Cúc"}
    assert not access.can(users.officer, P.MANAGE_MEMBERS, people.group_b1)


@pytest.mark.parametrize("role", ["accountant", "inspector", "upper_viewer", "group_leader"])
def test_read_only_roles_have_empty_write_scope(role, people, users):
    user = getattr(users, role)
    assert orgs(user, P.MANAGE_ORG) == set()
    assert members(user, P.MANAGE_MEMBERS) == set()


def test_group_leader_reads_only_own_group(people, users):
    assert orgs(users.group_leader) == {"Tổ Văn phòng"}
    assert members(users.group_leader) == {"Nguyễn Văn An"}
    assert not access.can(users.group_leader, P.VIEW_MEMBERS, people.branch_a)


def test_member_role_reads_only_own_profile(people, users):
    assert members(users.member) == {"Nguyễn Văn An"}
    assert orgs(users.member) == set()
    assert not access.can(users.member, P.VIEW_MEMBERS, people.group_a1)


def test_own_profile_grants_no_write_permission(people, users):
    assert members(users.member, P.MANAGE_MEMBERS) == set()
    assert members(users.member, P.VIEW_PERSONAL) == set()


def test_upper_viewer_reads_every_branch_below(people, users):
    assert len(orgs(users.upper_viewer)) == 6
    assert members(users.upper_viewer) == {"Nguyễn Văn An", "Lê Thị Cúc", "Trần Thị Bình"}


def test_officer_of_branch_b_reads_nothing_of_branch_a(people, users):
    assert orgs(users.officer_b) == {"CĐCS Trường B", "Tổ Văn"}
    assert members(users.officer_b) == {"Trần Thị Bình"}


def test_admin_reads_and_manages_everything(people, users):
    assert len(orgs(users.admin, P.MANAGE_ORG)) == 6
    assert len(members(users.admin, P.VIEW_PERSONAL)) == 3
    assert access.can(users.admin, P.VIEW_AUDIT, people.branch_b)


def test_anonymous_user_reads_nothing(people):
    anonymous = AnonymousUser()
    assert orgs(anonymous) == set()
    assert members(anonymous) == set()
    assert not access.can_anywhere(anonymous, P.VIEW_ORG)


def test_role_covers_organisations_several_levels_down(tree, users):
    sub = make_org(Organisation.Kind.SUB_BRANCH, parent=tree.branch_a, name="CĐ bộ phận Khối 1")
    deep = make_org(Organisation.Kind.GROUP, parent=sub, name="Tổ Khối 1")
    MemberFactory(organisation=deep, full_name="Đỗ Văn Sâu")
    deep = Organisation.objects.get(pk=deep.pk)
    assert {"CĐ bộ phận Khối 1", "Tổ Khối 1"} <= orgs(users.officer)
    assert members(users.officer) == {"Đỗ Văn Sâu"}
    assert access.can(users.officer, P.MANAGE_MEMBERS, deep)
    assert not access.can(users.officer_b, P.VIEW_ORG, deep)


def test_roles_at_several_organisations_add_up(people, users):
    user = user_with_role(Role.GROUP_LEADER, people.group_a1)
    RoleAssignment.objects.create(user=user, organisation=people.branch_b, role=Role.ACCOUNTANT)
    assert members(user) == {"Nguyễn Văn An", "Trần Thị Bình"}
    assert access.can(user, P.VIEW_PERSONAL, people.group_b1)
    assert not access.can(user, P.VIEW_PERSONAL, people.group_a1)
    assert orgs(user, P.VIEW_PERSONAL) == {"CĐCS Trường B", "Tổ Văn"}


def test_two_roles_at_one_organisation_add_up(people, users):
    user = user_with_role(Role.ACCOUNTANT, people.branch_a)
    RoleAssignment.objects.create(user=user, organisation=people.branch_a, role=Role.INSPECTOR)
    assert access.can(user, P.VIEW_PERSONAL, people.group_a2)
    assert access.can(user, P.VIEW_AUDIT, people.group_a2)
    assert not access.can(user, P.MANAGE_MEMBERS, people.group_a2)


def test_member_role_plus_group_leader_reads_group_and_own_profile(people, users):
    RoleAssignment.objects.create(
        user=users.member, organisation=people.group_a2, role=Role.GROUP_LEADER
    )
    users.member._unionhub_grants = None  # the grants cache lives on the user object
    assert members(users.member) == {"Nguyễn Văn An", "Lê Thị Cúc"}


def test_rows_reaching_an_organisation_through_a_field_are_scoped(world, users):
    assert list(Term.objects.in_scope(users.officer)) == [world.term_a]
    assert list(Position.objects.in_scope(users.officer_b)) == [world.position_b]
    assert Term.objects.in_scope(users.group_leader).count() == 0


def test_get_in_scope_or_404_treats_out_of_scope_like_missing(people, users, member_b):
    scoped = Member.objects.in_scope(users.officer)
    with pytest.raises(Http404):
        access.get_in_scope_or_404(scoped, pk=member_b.pk)
    with pytest.raises(Http404):
        access.get_in_scope_or_404(scoped, pk=10**9)


def test_require_denies_missing_permission(people, users):
    access.require(users.officer, P.MANAGE_MEMBERS, people.group_a1)
    with pytest.raises(PermissionDenied):
        access.require(users.accountant, P.MANAGE_MEMBERS, people.group_a1)


def test_home_organisation_is_the_highest_placed_grant(people, users):
    RoleAssignment.objects.create(
        user=users.group_leader, organisation=people.branch_b, role=Role.OFFICER
    )
    users.group_leader._unionhub_grants = None
    assert access.home_organisation(users.group_leader) == people.branch_b
    assert access.home_organisation(users.upper_viewer) == people.upper
    assert access.home_organisation(users.admin) == people.upper
    assert access.home_organisation(users.member) is None


def test_grants_are_loaded_once_per_user_object(people, users, django_assert_num_queries):
    with django_assert_num_queries(1):
        access.can(users.officer, P.VIEW_ORG, people.branch_a)
        access.can(users.officer, P.MANAGE_ORG, people.group_a1)
        access.organisation_q(users.officer)
