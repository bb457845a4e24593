"""Tổng quan (reports.dashboard, unionhub.documents.charts, the home page) against
hand-counted fixtures."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import LevelChoice, MemberEvent, Organisation, Position
from members.registry import services
from reports.dashboard import dashboard, dashboard_charts, share
from tests.factories import (
    BodyFactory,
    MemberFactory,
    PositionFactory,
    make_org,
    user_with_role,
)
from unionhub.documents import charts

pytestmark = pytest.mark.django_db

K = MemberEvent.Kind
# The day the selector is asked about: the trend then runs 31/12/2020 ... 31/12/2024, 30/06/2025,
# and "the last twelve months" are 01/07/2024 ... 30/06/2025.
DAY = date(2025, 6, 30)


def level(kind, name):
    return LevelChoice.objects.get(kind=kind, name=name)


@pytest.fixture
def history(tree):
    """Branch A (groups A1, A2) and branch B (group B1), counted by hand.

    member   gender  history                                         counted in A at 31/12 of
    An       F       A1 since 2015, party, Thạc sĩ, chair of the BCH 2020 2021 2022 2023 2024 day
    Bình     M       A1 from 01/03/2021, party, Cử nhân CT, Đại học       2021 2022 2023 2024 day
    Cúc      F       A1 2018, moved to A2 01/05/2022                 2020 2021 2022 2023 2024 day
    Dũng     M       A2 2010, retired 15/01/2023                     2020 2021 2022
    Em       M       A1 2019, left 01/06/2020                        -
    Giang    F       A2 from 01/09/2024                                                  2024 day
    Hà       F       B1 2012, moved to A1 01/06/2023                                2023 2024 day
    Khánh    M       A1 2012, moved to B1 01/10/2024                 2020 2021 2022 2023
    Long     M       A2 2016, BCH member, retired 01/03/2025         2020 2021 2022 2023 2024
    Mai      M       A2 from 01/02/2022, Đại học                               2022 2023 2024 day
    Nga      M       A1 from 01/03/2023                                             2023 2024 day
    Oanh     F       A1 from 31/12/2024 (the trend day itself)                           2024 day
    Phong    M       A2 2010, retired 01/09/2025 (after the day)     2020 2021 2022 2023 2024 day
    Nam      M       B1 2010                                         (branch B only)

    Branch A: 6, 7, 8, 9, 10 at the year ends, 9 on the day (5 women: 55.6 %, 2 party members);
    on the day A1 has 5 (3 women), A2 has 4 (2 women). Twelve months: Giang and Oanh admitted,
    Khánh transferred out, Long retired. Branch B on the day: Nam and Khánh.
    """
    a1, a2, b1 = tree.group_a1, tree.group_a2, tree.group_b1
    cu_nhan = level(LevelChoice.Kind.POLITICAL, "Cử nhân")
    dai_hoc = level(LevelChoice.Kind.PROFESSIONAL, "Đại học")

    def member(org, name, joined, gender="M", **fields):
        return MemberFactory(
            organisation=org, full_name=name, gender=gender, joined_on=joined, **fields
        )

    an = member(
        a1,
        "An",
        date(2015, 1, 1),
        "F",
        party_member=True,
        professional_level=level(LevelChoice.Kind.PROFESSIONAL, "Thạc sĩ"),
    )
    member(
        a1,
        "Bình",
        date(2021, 3, 1),
        party_member=True,
        political_level=cu_nhan,
        professional_level=dai_hoc,
    )
    cuc = member(a1, "Cúc", date(2018, 1, 1), "F")
    services.member_transfer(member=cuc, to=a2, day=date(2022, 5, 1), actor=None)
    dung = member(a2, "Dũng", date(2010, 1, 1))
    services.member_end(member=dung, kind=K.RETIRED, day=date(2023, 1, 15), actor=None)
    em = member(a1, "Em", date(2019, 1, 1))
    services.member_end(member=em, kind=K.LEFT, day=date(2020, 6, 1), actor=None)
    member(a2, "Giang", date(2024, 9, 1), "F")
    ha = member(b1, "Hà", date(2012, 1, 1), "F")
    services.member_transfer(member=ha, to=a1, day=date(2023, 6, 1), actor=None)
    khanh = member(a1, "Khánh", date(2012, 1, 1))
    services.member_transfer(member=khanh, to=b1, day=date(2024, 10, 1), actor=None)
    long_ = member(a2, "Long", date(2016, 1, 1))
    body = BodyFactory(organisation=tree.branch_a)
    PositionFactory(body=body, member=an, title=Position.Title.CHAIR)
    PositionFactory(body=body, member=long_, title=Position.Title.MEMBER)
    services.member_end(member=long_, kind=K.RETIRED, day=date(2025, 3, 1), actor=None)
    member(a2, "Mai", date(2022, 2, 1), professional_level=dai_hoc)
    member(a1, "Nga", date(2023, 3, 1))
    member(a1, "Oanh", date(2024, 12, 31), "F")
    phong = member(a2, "Phong", date(2010, 1, 1))
    services.member_end(member=phong, kind=K.RETIRED, day=date(2025, 9, 1), actor=None)
    member(b1, "Nam", date(2010, 1, 1))
    return tree


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


# --- permissions -------------------------------------------------------------------------------


def home(client, user, org=None):
    client.force_login(user)
    return client.get(reverse("home"), {"org": org.pk} if org is not None else {})


def test_officer_sees_own_branch_by_default_with_its_groups(client, users, history):
    response = home(client, users.officer)
    assert response.status_code == 200
    assert response.context["org"] == history.branch_a
    board = response.context["board"]
    assert (board.total, board.women) == (8, 5)  # today: Long and Phong have retired
    assert not board.has_branches_below
    assert "units" in response.context["charts"]
    assert response.context["crumbs"] == []


@pytest.mark.parametrize(
    ("role", "org"),
    [
        ("officer_b", "branch_a"),
        ("officer", "branch_b"),
        ("officer", "group_b1"),
        ("officer", "upper"),
        ("group_leader", "branch_a"),
        ("group_leader", "group_a2"),
        ("accountant", "upper"),
        ("member", "branch_a"),
    ],
)
def test_another_organisation_than_ones_own_answers_404(client, users, history, role, org):
    assert home(client, getattr(users, role), getattr(history, org)).status_code == 404


def test_unknown_organisation_answers_404_and_a_malformed_one_is_ignored(client, users, history):
    client.force_login(users.officer)
    assert client.get(reverse("home"), {"org": "999999"}).status_code == 404
    response = client.get(reverse("home"), {"org": "abc"})
    assert response.context["org"] == history.branch_a


def test_officer_drills_into_a_group_of_their_branch(client, users, history):
    response = home(client, users.officer, history.group_a1)
    assert response.status_code == 200
    assert response.context["board"].total == 5
    # The way back up: the branch they read; the upper union above it is not theirs.
    home_url = reverse("home")
    assert response.context["crumbs"] == [
        ("CĐCS Trường A", f"{home_url}?org={history.branch_a.pk}"),
        ("Tổ Văn phòng", ""),
    ]


def test_upper_viewer_sees_the_branch_table_and_opens_a_branch(client, users, history):
    response = home(client, users.upper_viewer)
    assert response.status_code == 200
    assert response.context["org"] == history.upper
    assert response.context["board"].has_branches_below
    html = response.content.decode()
    link = f'href="{reverse("home")}?org={history.branch_a.pk}"'
    assert link in html
    assert "Các đơn vị trực thuộc" in html
    assert "units" not in response.context["charts"]  # the table replaces the bars

    response = home(client, users.upper_viewer, history.branch_a)
    assert response.status_code == 200
    assert response.context["board"].total == 8
    assert "Các đơn vị trực thuộc" not in response.content.decode()
    assert response.context["crumbs"][0] == (
        "Công đoàn Viên chức tỉnh",
        f"{reverse('home')}?org={history.upper.pk}",
    )


def test_upper_viewer_reads_only_its_own_subtree(client, users, history):
    other = make_org(Organisation.Kind.UPPER, name="Công đoàn ngành Y tế")
    other_branch = make_org(Organisation.Kind.BRANCH, parent=other, name="CĐCS Bệnh viện")
    MemberFactory(organisation=other_branch, full_name="Người ngoài")
    assert home(client, users.upper_viewer, other).status_code == 404
    assert home(client, users.upper_viewer, other_branch).status_code == 404
    board = home(client, users.upper_viewer).context["board"]
    assert board.total == 10  # branch A's 8 and branch B's 2, nobody from the other union
    assert home(client, users.admin, other_branch).status_code == 200


def test_plain_member_is_still_sent_to_their_profile(client, users, member_a):
    response = home(client, users.member)
    assert response.status_code == 302
    assert response["Location"] == member_a.get_absolute_url()


def test_group_leader_sees_their_group(client, users, history):
    response = home(client, users.group_leader)
    assert response.status_code == 200
    assert response.context["org"] == history.group_a1
    board = response.context["board"]
    assert board.total == 5
    assert "units" not in response.context["charts"]
    html = response.content.decode()
    # A group has no groups below it: its fourth card counts the men instead.
    assert f'<div class="stat">{board.men}</div><div class="stat-label">nam</div>' in html
    assert "tổ công đoàn</div>" not in html


# --- the page and its charts -------------------------------------------------------------------


def test_page_shows_sentence_charts_and_links(client, users, history):
    html = home(client, users.officer).content.decode()
    assert "Tổng số cán bộ, đoàn viên hiện nay là 08 đồng chí (05 nữ), với 02 tổ Công đoàn." in html
    assert html.count("<svg") == 5  # trend, women, groups, two level lists
    assert 'viewBox="0 0 320' in html
    assert 'role="img"' in html
    assert f"{reverse('reports:statistics')}?org={history.branch_a.pk}" in html
    assert f"{reverse('members:member_list')}?org={history.branch_a.pk}" in html
    assert "Hiện nay" in html
    assert "62,5%" in html  # 5 women of 8


def test_labels_are_escaped_in_the_page_and_the_charts(client, users, tree):
    hostile = make_org(
        Organisation.Kind.GROUP, parent=tree.branch_a, name='Tổ <script>alert(1)</script> & "x"'
    )
    MemberFactory(organisation=hostile, full_name="<b>Đậm</b>", gender="F")
    html = home(client, users.officer).content.decode()
    assert "<script>alert(1)" not in html
    assert "<b>Đậm" not in html
    assert "Tổ &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;" in html


def test_column_chart_scales_to_the_largest_value_and_labels_every_column():
    cols = charts.columns([("2021", 50), ("2022", 100), ("Hiện nay", 0)])
    assert [c.height for c in cols] == [charts.COLUMN_PLOT / 2, charts.COLUMN_PLOT, 0]
    assert cols[1].y == charts.COLUMN_TOP
    assert all(c.x + c.width <= charts.WIDTH for c in cols)
    svg = charts.column_chart([("2021", 50), ("2022", 100)], title="Xu hướng", chart_id="t")
    assert svg.startswith('<svg class="chart chart-columns" viewBox="0 0 320 166" width="100%"')
    assert '<title id="t-title">Xu hướng</title>' in svg
    assert "2021: 50; 2022: 100" in svg
    assert ">2022</text>" in svg


def test_bar_chart_escapes_shortens_and_links_labels():
    long_name = "Công đoàn bộ phận Phân hiệu Trường Đại học tại thành phố Hồ Chí Minh"
    rows = [("<i>Tổ</i>", 4, 1, "/doan-vien/?org=1&group=2"), (long_name, 8, None, "")]
    bars = charts.bars(rows, part_label="nữ")
    assert bars[0].value_text == "4 (1 nữ)"
    assert bars[1].width == charts.WIDTH
    assert bars[0].part_width == charts.WIDTH / 8
    assert bars[1].label.endswith("…") and len(bars[1].label) < len(long_name)
    svg = charts.bar_chart(rows, title="Theo tổ", chart_id="u", part_label="nữ")
    assert "<i>" not in svg
    assert "&lt;i&gt;Tổ&lt;/i&gt;" in svg
    assert '<a href="/doan-vien/?org=1&amp;group=2">' in svg
    assert f"<title>{long_name}: 8</title>" in svg  # the whole name for screen readers
    assert 'class="chart-part"' in svg
    assert 'role="group"' in svg  # its links stay reachable to assistive technology
    assert 'role="img"' in charts.bar_chart([("Tổ", 1, None, "")], title="t", chart_id="v")


def test_ring_is_empty_without_members_and_full_for_all():
    assert charts.ring_dash(0, 0)[0] == 0
    arc, circumference = charts.ring_dash(3, 3)
    assert arc == circumference
    svg = charts.share_ring(1, 4, title="Nữ", centre="25,0%", caption="nữ", chart_id="w")
    assert 'viewBox="0 0 120 120"' in svg
    assert "25,0%" in svg
    assert 'stroke-dasharray="75.4 301.6"' in svg


def test_officer_of_a_branch_without_groups_sees_no_unit_chart(client, tree):
    from unionhub.models import Role

    lone = make_org(Organisation.Kind.BRANCH, parent=tree.upper, name="CĐCS Bảo tàng")
    MemberFactory(organisation=lone, full_name="Một mình")
    response = home(client, user_with_role(Role.OFFICER, lone))
    assert response.status_code == 200
    assert "units" not in response.context["charts"]
    assert response.context["board"].total == 1


def test_every_bar_opens_the_member_list_with_as_many_members(client, users, history):
    import re
    from html import unescape

    client.force_login(users.officer)
    response = client.get(reverse("home"))
    rendered = response.context["charts"]
    svgs = [rendered["units"], *(chart for _label, chart in rendered["levels"])]
    rows = [
        (unescape(href), int(value))
        for svg in svgs
        for href, value in re.findall(
            r'<a href="([^"]+)"><g class="chart-row"><title>[^<]*: (\d+)', svg
        )
    ]
    assert len(rows) == 2 + 5 + 8  # two groups, the political and professional lists
    for href, value in rows:
        assert client.get(href).context["count"] == value, href
