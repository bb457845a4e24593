"""Shared fixtures: two sibling branches under one upper union, one user per role."""

import pytest

from members.models import Organisation
from unionhub.models import Role

from .factories import MemberFactory, make_org, user_with_role


@pytest.fixture
def tree(db):
    """upper ─┬─ branch_a ─┬─ group_a1
    │            └─ group_a2
    └─ branch_b ─── group_b1
    """
    upper = make_org(Organisation.Kind.UPPER, name="Công đoàn Viên chức tỉnh")
    branch_a = make_org(Organisation.Kind.BRANCH, parent=upper, name="CĐCS Trường A")
    branch_b = make_org(Organisation.Kind.BRANCH, parent=upper, name="CĐCS Trường B")
    group_a1 = make_org(Organisation.Kind.GROUP, parent=branch_a, name="Tổ Văn phòng")
    group_a2 = make_org(Organisation.Kind.GROUP, parent=branch_a, name="Tổ Toán")
    group_b1 = make_org(Organisation.Kind.GROUP, parent=branch_b, name="Tổ Văn")
    return type(
        "Tree",
        (),
        {
            "upper": Organisation.objects.get(pk=upper.pk),
            "branch_a": Organisation.objects.get(pk=branch_a.pk),
            "branch_b": Organisation.objects.get(pk=branch_b.pk),
            "group_a1": Organisation.objects.get(pk=group_a1.pk),
            "group_a2": Organisation.objects.get(pk=group_a2.pk),
            "group_b1": Organisation.objects.get(pk=group_b1.pk),
        },
    )


@pytest.fixture
def users(tree, django_user_model):
    """One user per role at branch A (group leader at group A1; viewer at the upper union)."""
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    return type(
        "Users",
        (),
        {
            "admin": admin,
            "officer": user_with_role(Role.OFFICER, tree.branch_a),
            "accountant": user_with_role(Role.ACCOUNTANT, tree.branch_a),
            "inspector": user_with_role(Role.INSPECTOR, tree.branch_a),
            "group_leader": user_with_role(Role.GROUP_LEADER, tree.group_a1),
            "upper_viewer": user_with_role(Role.UPPER_VIEWER, tree.upper),
            "officer_b": user_with_role(Role.OFFICER, tree.branch_b),
            "member": user_with_role(Role.MEMBER, tree.branch_a),
        },
    )


@pytest.fixture
def member_a(tree, users):
    """A member of group A1, linked to the `member` user."""
    return MemberFactory(organisation=tree.group_a1, full_name="Nguyễn Văn An", user=users.member)


@pytest.fixture
def member_b(tree):
    return MemberFactory(organisation=tree.group_b1, full_name="Trần Thị Bình")
