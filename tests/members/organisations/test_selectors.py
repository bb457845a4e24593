"""Reads at a date and roll-ups: membership and office holders reconstructed from history."""

from datetime import date, timedelta

import pytest

from members.models import Body, Member, MemberEvent, Organisation, Position
from members.organisations import selectors
from members.organisations import services as organisation_services
from members.registry import services
from tests.factories import BodyFactory, MemberFactory, PositionFactory, make_org

pytestmark = pytest.mark.django_db

DAY = date(2022, 6, 30)
K = MemberEvent.Kind


def admitted(org, name, on=date(2010, 1, 1), **kwargs):
    return MemberFactory(organisation=org, full_name=name, joined_on=on, **kwargs)


def end(member, kind, day):
    return services.member_end(member=member, kind=kind, day=day, actor=None)


def transfer(member, to, day):
    return services.member_transfer(member=member, to=to, day=day, actor=None)


@pytest.fixture
def history(tree):
    """Nine people whose membership on 30/06/2022 differs from today's status.

    On DAY, members: Một (A1), Bốn (A1, retired later), Năm (A2, moved to B1 later),
    Sáu (A1, reinstated on DAY), Bảy (A1, admitted on DAY). Five in all.
    """
    a1, a2, b1 = tree.group_a1, tree.group_a2, tree.group_b1
    admitted(a1, "Một")
    admitted(a1, "Hai", on=date(2023, 1, 1))  # admitted after DAY
    end(admitted(a1, "Ba"), K.RETIRED, date(2021, 12, 31))  # gone before DAY
    end(admitted(a1, "Bốn"), K.RETIRED, date(2023, 3, 1))  # gone after DAY
    nam = admitted(a1, "Năm")
    transfer(nam, a2, date(2021, 9, 1))
    transfer(nam, b1, date(2023, 9, 1))
    sau = admitted(a1, "Sáu")
    end(sau, K.LEFT, date(2020, 1, 1))
    services.member_reinstate(member=sau, day=DAY, organisation=a1, actor=None)
    admitted(a1, "Bảy", on=DAY)
    end(admitted(a1, "Tám"), K.RETIRED, DAY)  # retired on DAY itself
    end(admitted(a1, "Chín"), K.TRANSFERRED_OUT, date(2022, 1, 1))
    return tree


def test_members_on_reconstructs_membership_at_a_past_date(history):
    on_day = Member.objects.members_on(DAY)
    assert sorted(on_day.values_list("full_name", flat=True)) == sorted(
        ["Một", "Bốn", "Năm", "Sáu", "Bảy"]
    )
    assert Member.objects.active().count() == 5  # Một, Hai, Năm, Sáu, Bảy: a different five


def test_members_on_tells_where_each_member_belonged_that_day(history):
    where = dict(
        MemberEvent.objects.standing_on(DAY).values_list("member__full_name", "organisation")
    )
    assert where["Năm"] == history.group_a2.pk
    assert where["Một"] == history.group_a1.pk
    assert Member.objects.get(full_name="Năm").organisation == history.group_b1


def test_members_on_before_anyone_joined_is_empty(history):
    assert not Member.objects.members_on(date(2009, 12, 31)).exists()


def test_members_on_today_matches_active_status(history):
    assert set(Member.objects.members_on(date.today())) == set(Member.objects.active())


# --- positions at a date ---------------------------------------------------------------------


@pytest.fixture
def bch(tree):
    """The branch A executive, term 01/05/2023 – 30/04/2028, with a mid-term change of chair.

    Chair Lan resigned on 01/07/2024 (end = the first day she no longer holds the seat); Minh
    was elected chair at a by-election that same day. Vice-chair Hùng since the congress; Quế
    joined at a by-election on 01/03/2025.
    """
    body = BodyFactory(organisation=tree.branch_a)
    lan = admitted(tree.group_a1, "Đỗ Thị Lan", gender=Member.Gender.FEMALE)
    minh = admitted(tree.group_a1, "Phan Văn Minh")
    hung = admitted(tree.group_a2, "Trịnh Văn Hùng")
    que = admitted(tree.group_a2, "Mai Thị Quế", gender=Member.Gender.FEMALE)
    T, M = Position.Title, Position.Method
    PositionFactory(body=body, member=lan, title=T.CHAIR, start=date(2023, 5, 10))
    organisation_services.position_end(
        position=Position.objects.get(member=lan), end=date(2024, 7, 1), actor=None
    )
    PositionFactory(body=body, member=minh, title=T.MEMBER, start=date(2023, 5, 10))
    organisation_services.position_end(
        position=Position.objects.get(member=minh), end=date(2024, 7, 1), actor=None
    )
    PositionFactory(
        body=body, member=minh, title=T.CHAIR, start=date(2024, 7, 1), method=M.BY_ELECTION
    )
    PositionFactory(body=body, member=hung, title=T.VICE_CHAIR, start=date(2023, 5, 10))
    PositionFactory(
        body=body, member=que, title=T.MEMBER, start=date(2025, 3, 1), method=M.BY_ELECTION
    )
    return body


def held(body, day) -> set[tuple[str, str]]:
    return {
        (p.member.full_name, p.title)
        for p in Position.objects.held_on(day).filter(body=body).select_related("member")
    }


def test_held_on_before_the_change_of_chair(bch):
    assert held(bch, date(2024, 6, 30)) == {
        ("Đỗ Thị Lan", "chair"),
        ("Phan Văn Minh", "member"),
        ("Trịnh Văn Hùng", "vice_chair"),
    }


def test_held_on_the_by_election_day_has_one_chair(bch):
    assert held(bch, date(2024, 7, 1)) == {
        ("Phan Văn Minh", "chair"),
        ("Trịnh Văn Hùng", "vice_chair"),
    }


def test_held_on_after_a_by_election_adds_the_new_member(bch):
    assert held(bch, date(2025, 3, 1)) == {
        ("Phan Văn Minh", "chair"),
        ("Trịnh Văn Hùng", "vice_chair"),
        ("Mai Thị Quế", "member"),
    }


def test_held_on_before_the_congress_is_empty(bch):
    assert held(bch, date(2023, 5, 9)) == set()


def test_member_who_retired_holds_no_position_from_that_day(tree, bch):
    hung = Member.objects.get(full_name="Trịnh Văn Hùng")
    end(hung, K.RETIRED, date(2025, 6, 1))
    assert ("Trịnh Văn Hùng", "vice_chair") in held(bch, date(2025, 5, 31))
    assert ("Trịnh Văn Hùng", "vice_chair") not in held(bch, date(2025, 6, 1))
    assert not Member.objects.members_on(date(2025, 6, 1)).filter(pk=hung.pk).exists()


def test_body_composition_counts_members_women_and_titles(bch):
    before = selectors.body_composition(bch, date(2024, 6, 30))
    assert (before["total"], before["women"]) == (3, 1)
    assert [p.member.full_name for p in before["positions"]] == [
        "Đỗ Thị Lan",
        "Trịnh Văn Hùng",
        "Phan Văn Minh",
    ]
    after = selectors.body_composition(bch, date(2025, 3, 1))
    assert (after["total"], after["women"]) == (3, 1)
    assert dict(after["by_title"]) == {"Chủ tịch": 1, "Phó Chủ tịch": 1, "Ủy viên": 1}


def test_body_composition_counts_a_person_with_two_titles_once(tree, bch):
    hung = Member.objects.get(full_name="Trịnh Văn Hùng")
    standing = BodyFactory(organisation=tree.branch_a, kind=Body.Kind.STANDING, term=bch.term)
    PositionFactory(body=bch, member=hung, title=Position.Title.HEAD, start=date(2023, 5, 10))
    composition = selectors.body_composition(bch, date(2024, 1, 1))
    assert composition["total"] == 3
    assert len(composition["positions"]) == 4
    assert selectors.body_composition(standing, date(2024, 1, 1))["total"] == 0


def test_current_office_holders_lists_positions_held_on_the_day(tree, bch):
    holders = selectors.current_office_holders(tree.branch_a, date(2024, 8, 1))
    assert [(p.member.full_name, p.title) for p in holders] == [
        ("Phan Văn Minh", "chair"),
        ("Trịnh Văn Hùng", "vice_chair"),
    ]


# --- counts over subtrees --------------------------------------------------------------------


def test_children_with_member_counts_counts_active_members_of_each_child_subtree(tree):
    sub = make_org(Organisation.Kind.SUB_BRANCH, parent=tree.branch_a, name="Khối 1")
    deep = make_org(Organisation.Kind.GROUP, parent=sub, name="Tổ Lớp 1")
    for org, n in [(tree.group_a1, 3), (tree.group_a2, 1), (sub, 1), (deep, 2), (tree.branch_a, 4)]:
        for i in range(n):
            MemberFactory(organisation=org, full_name=f"{org.name} {i}")
    MemberFactory(organisation=tree.group_a1, status=Member.Status.RETIRED)
    MemberFactory(organisation=tree.group_b1)
    counts = {c.name: c.member_count for c in selectors.children_with_member_counts(tree.branch_a)}
    assert counts == {"Tổ Văn phòng": 3, "Tổ Toán": 1, "Khối 1": 3}
    upper = {c.name: c.member_count for c in selectors.children_with_member_counts(tree.upper)}
    assert upper == {"CĐCS Trường A": 11, "CĐCS Trường B": 1}


def test_children_with_member_counts_of_a_group_is_empty(tree):
    assert selectors.children_with_member_counts(tree.group_a1) == []


def test_organisation_summary_counts_subtree_today(tree, member_a, member_b):
    MemberFactory(organisation=tree.group_a2, gender=Member.Gender.FEMALE, party_member=True)
    MemberFactory(organisation=tree.group_a2, status=Member.Status.LEFT)
    make_org(Organisation.Kind.SUB_BRANCH, parent=tree.branch_a)
    recently = date.today() - timedelta(days=30)
    transfer(member_a, tree.group_a2, recently)
    transfer(member_b, tree.branch_b, recently)
    summary = selectors.organisation_summary(tree.branch_a)
    assert (summary["total"], summary["women"], summary["party"]) == (2, 1, 1)
    assert (summary["groups"], summary["sub_branches"]) == (2, 1)
    assert [(e.member, e.kind) for e in summary["recent_events"]] == [(member_a, K.TRANSFERRED)]
