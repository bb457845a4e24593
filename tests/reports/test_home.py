"""The home page (reports.home): which organisation's overview each role opens by default or
by ?org=, the way back up, the page's sentence, charts and links, labels escaped, every bar
opening the member list it counts."""

import pytest
from django.urls import reverse

from members.models import Organisation
from tests.factories import MemberFactory, make_org, user_with_role

pytestmark = pytest.mark.django_db


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
