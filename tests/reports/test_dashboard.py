"""Tổng quan, its selector (reports.dashboard) against the hand-counted history: the day's
figures, the trend through transfers and departures, units, levels, the last twelve months,
office holders; queries that do not grow (the home page in test_home, the charts in
test_charts)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import MemberEvent, Organisation, Position
from members.registry import services
from reports.dashboard import dashboard, dashboard_charts, share
from tests.factories import MemberFactory, make_org

pytestmark = pytest.mark.django_db


K = MemberEvent.Kind
# The day the selector is asked about: the trend then runs 31/12/2020 ... 31/12/2024, 30/06/2025,
# and "the last twelve months" are 01/07/2024 ... 30/06/2025.
DAY = date(2025, 6, 30)


def names(events):
    return [e.member.full_name for e in events]


# --- figures -----------------------------------------------------------------------------------


def test_dashboard_figures_on_the_day_match_the_hand_count(history):
    board = dashboard(history.branch_a, DAY)
    assert (board.total, board.women, board.men, board.party) == (9, 5, 4, 2)
    assert board.women_share == Decimal("55.6")
    assert board.women_percent == "55,6%"
    assert (board.groups, board.branches) == (2, 0)
    assert board.summary == {"total": 9, "women": 5, "groups": 2}


def test_trend_counts_members_at_each_year_end_through_transfers_and_departures(history):
    board = dashboard(history.branch_a, DAY)
    assert [(p.day, p.total) for p in board.trend] == [
        (date(2020, 12, 31), 6),
        (date(2021, 12, 31), 7),
        (date(2022, 12, 31), 8),
        (date(2023, 12, 31), 9),
        (date(2024, 12, 31), 10),
        (DAY, 9),
    ]
    assert [p.label for p in board.trend] == ["2020", "2021", "2022", "2023", "2024", "Hiện nay"]


def test_trend_of_the_upper_union_keeps_members_moving_between_its_branches(history):
    board = dashboard(history.upper, DAY)
    assert [p.total for p in board.trend] == [8, 9, 10, 10, 12, 11]
    b = dashboard(history.branch_b, DAY)
    assert [p.total for p in b.trend] == [2, 2, 2, 1, 2, 2]


def test_members_per_group_follow_where_they_stood_on_the_day(history):
    board = dashboard(history.branch_a, DAY)
    per_unit = {row.unit.name: (row.total, row.women, row.own) for row in board.units}
    assert per_unit == {"Tổ Văn phòng": (5, 3, False), "Tổ Toán": (4, 2, False)}
    assert board.has_units and not board.has_branches_below


def test_levels_count_every_entry_and_the_unrecorded(history):
    board = dashboard(history.branch_a, DAY)
    levels = {kind: {name: n for _pk, name, n in entries} for kind, _label, entries in board.levels}
    assert [kind for kind, _label, _entries in board.levels] == ["political", "professional"]
    assert levels["political"] == {
        "Cử nhân": 1,
        "Cao cấp": 0,
        "Trung cấp": 0,
        "Sơ cấp": 0,
        "Chưa ghi nhận": 8,
    }
    professional = levels["professional"]
    assert (professional["Thạc sĩ"], professional["Đại học"]) == (1, 2)
    assert professional["Chưa ghi nhận"] == 6


def test_last_twelve_months_lists_admissions_and_departures_up_to_the_day(history):
    board = dashboard(history.branch_a, DAY)
    assert board.since == date(2024, 7, 1)
    assert names(board.admissions) == ["Oanh", "Giang"]
    # Long retired in the period; Phong retires after the day, Dũng and Em long before it.
    assert names(board.departures) == ["Long"]
    m = board.movements
    assert (m.admitted, m.reinstated, m.transferred_in, m.transferred_out) == (2, 0, 0, 1)
    assert {kind: n for kind, _label, n in m.departures}["retired"] == 1
    assert (board.arrivals, board.leavings) == (2, 2)


def test_office_holders_are_those_of_the_day(history):
    board = dashboard(history.branch_a, DAY)
    # Long's seat closed when he retired.
    assert [(p.member.full_name, p.title) for p in board.office_holders] == [
        ("An", Position.Title.CHAIR)
    ]


def test_upper_union_lists_its_branches_with_members_women_and_groups(history):
    board = dashboard(history.upper, DAY)
    assert (board.total, board.women, board.branches, board.groups) == (11, 5, 2, 3)
    assert board.has_branches_below
    rows = {row.unit.name: (row.total, row.women, row.groups) for row in board.units}
    assert rows == {"CĐCS Trường A": (9, 5, 2), "CĐCS Trường B": (2, 0, 1)}
    # Khánh moved between two of its branches: neither gained nor lost by the upper union.
    assert (board.movements.transferred_in, board.movements.transferred_out) == (0, 0)
    assert (board.arrivals, board.leavings) == (2, 1)


def test_empty_organisation_has_no_share_and_flat_charts(tree):
    board = dashboard(tree.branch_b, DAY)
    assert (board.total, board.women_share, board.women_percent) == (0, None, "–")
    assert [p.total for p in board.trend] == [0] * 6
    rendered = dashboard_charts(board)
    assert "–" in rendered["women"]
    assert 'height="0"' in rendered["trend"]


def test_share_rounds_half_up_to_one_decimal():
    assert share(1, 8) == Decimal("12.5")
    assert share(1, 3) == Decimal("33.3")
    assert share(2, 3) == Decimal("66.7")
    assert share(0, 0) is None


# --- query counts ------------------------------------------------------------------------------


def _grow(tree, n=12):
    """n more members (some transferred, some gone), and n more units under branch A and under
    the upper union, each with members."""
    for i in range(n):
        moved = MemberFactory(organisation=tree.group_a1, full_name=f"Thêm {i}", gender="F")
        services.member_transfer(member=moved, to=tree.group_a2, day=date(2024, 1, 2), actor=None)
        gone = MemberFactory(organisation=tree.group_a2, full_name=f"Nghỉ {i}")
        services.member_end(member=gone, kind=K.RETIRED, day=date(2025, 2, 1), actor=None)
        group = make_org(Organisation.Kind.GROUP, parent=tree.branch_a, name=f"Tổ thêm {i}")
        MemberFactory(organisation=group, full_name=f"Tổ viên {i}")
        branch = make_org(Organisation.Kind.BRANCH, parent=tree.upper, name=f"CĐCS thêm {i}")
        sub = make_org(Organisation.Kind.GROUP, parent=branch, name=f"Tổ {i}")
        MemberFactory(organisation=sub, full_name=f"Đoàn viên {i}")


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_selector_queries_do_not_grow_with_members_or_units(history):
    def count(org):
        with CaptureQueriesContext(connection) as ctx:
            dashboard_charts(dashboard(org, DAY))
        return len(ctx.captured_queries)

    branch, upper = count(history.branch_a), count(history.upper)
    _grow(history)
    assert (count(history.branch_a), count(history.upper)) == (branch, upper)
    assert branch <= 16


@pytest.mark.parametrize(
    ("role", "org"), [("officer", "branch_a"), ("upper_viewer", "upper"), ("admin", "branch_a")]
)
def test_page_queries_do_not_grow_with_members_or_units(client, users, history, role, org):
    client.force_login(getattr(users, role))
    url = f"{reverse('home')}?org={getattr(history, org).pk}"
    client.get(url)  # warm caches (content types, session)
    before = _count(client, url)
    _grow(history)
    assert _count(client, url) == before
