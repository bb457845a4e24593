"""Shared fixtures: two sibling branches under one upper union, one user per role."""

from datetime import date

import pytest

from members.models import LevelChoice, MemberEvent, Organisation, Position
from members.registry import services
from unionhub.models import Role

from .factories import (
    ApplicationFactory,
    BodyFactory,
    MemberFactory,
    PartyRecommendationFactory,
    PositionFactory,
    make_org,
    user_with_role,
)


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


@pytest.fixture
def world(tree, users, member_a, member_b):
    """Rows of every branch-owned kind in branch A and in branch B, for permission tests.

    Branch A: member_a (group A1, chair of body_a), member_a2 (group A2), past_a (retired,
    group A1), term_a/body_a/position_a, rec_a, app_a (pending). Branch B: the same with _b.
    """

    def past(org, name):
        member = MemberFactory(organisation=org, full_name=name)
        return services.member_end(
            member=member, kind=MemberEvent.Kind.RETIRED, day=date(2020, 1, 1), actor=None
        )

    body_a = BodyFactory(organisation=tree.branch_a)
    body_b = BodyFactory(organisation=tree.branch_b)
    return type(
        "World",
        (),
        {
            "tree": tree,
            "member_a": member_a,
            "member_a2": MemberFactory(organisation=tree.group_a2, full_name="Lê Thị Cúc"),
            "past_a": past(tree.group_a1, "Hoàng Văn Dũng"),
            "term_a": body_a.term,
            "body_a": body_a,
            "position_a": PositionFactory(body=body_a, member=member_a, title=Position.Title.CHAIR),
            "rec_a": PartyRecommendationFactory(member=member_a),
            "app_a": ApplicationFactory(organisation=tree.group_a1),
            "member_b": member_b,
            "past_b": past(tree.group_b1, "Vũ Văn Em"),
            "term_b": body_b.term,
            "body_b": body_b,
            "position_b": PositionFactory(body=body_b, member=member_b, title=Position.Title.CHAIR),
            "rec_b": PartyRecommendationFactory(member=member_b),
            "app_b": ApplicationFactory(organisation=tree.group_b1),
        },
    )


def level(kind, name):
    return LevelChoice.objects.get(kind=kind, name=name)


@pytest.fixture
def branch_history(tree):
    """Branch A on 30/06/2022, counted by hand:

    members then: An (A1, woman, party, Thạc sĩ, born 1990), Bình (A1, born 1960, Cử nhân
    chính trị), Cúc (A2, woman, hợp đồng, transferred A1 -> A2 in 2021), Dũng (A2, retired
    in 2023, after the day). Four members, two women, one party member.
    Not members then: Em (admitted 2023), Giang (left 2021), Hà (branch B).
    """
    a1, a2 = tree.group_a1, tree.group_a2
    thac_si = level(LevelChoice.Kind.PROFESSIONAL, "Thạc sĩ")
    cu_nhan = level(LevelChoice.Kind.POLITICAL, "Cử nhân")
    MemberFactory(
        organisation=a1,
        full_name="An",
        gender="F",
        party_member=True,
        professional_level=thac_si,
        date_of_birth=date(1990, 7, 1),
    )
    MemberFactory(
        organisation=a1, full_name="Bình", political_level=cu_nhan, date_of_birth=date(1960, 1, 1)
    )
    cuc = MemberFactory(
        organisation=a1,
        full_name="Cúc",
        gender="F",
        employment="contract",
        date_of_birth=date(1985, 3, 3),
    )
    services.member_transfer(member=cuc, to=a2, day=date(2021, 5, 1), actor=None)
    dung = MemberFactory(organisation=a2, full_name="Dũng", date_of_birth=date(1970, 6, 30))
    services.member_end(
        member=dung, kind=MemberEvent.Kind.RETIRED, day=date(2023, 1, 1), actor=None
    )
    MemberFactory(organisation=a1, full_name="Em", joined_on=date(2023, 2, 1))
    giang = MemberFactory(organisation=a2, full_name="Giang", gender="F")
    services.member_end(member=giang, kind=MemberEvent.Kind.LEFT, day=date(2021, 3, 1), actor=None)
    MemberFactory(organisation=tree.group_b1, full_name="Hà", gender="F")
    return tree
