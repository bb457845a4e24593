"""Member statistics at a date (members.registry.statistics) against hand-counted fixtures."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import LevelChoice, Member, MemberEvent
from members.registry import services
from members.registry.statistics import movements_between, statistics_on
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

DAY = date(2022, 6, 30)
K = MemberEvent.Kind


def test_statistics_count_members_of_the_day_not_of_today(branch_history):
    stats = statistics_on(branch_history.branch_a, DAY)
    assert (stats.total, stats.women, stats.party) == (4, 2, 1)
    assert set(
        Member.objects.members_on(DAY, branch_history.branch_a).values_list("full_name", flat=True)
    ) == {"An", "Bình", "Cúc", "Dũng"}


def test_statistics_per_unit_follow_transfers(branch_history):
    stats = statistics_on(branch_history.branch_a, DAY)
    per_unit = {unit.name: (n, women) for unit, n, women in stats.by_unit}
    assert per_unit == {"Tổ Văn phòng": (2, 1), "Tổ Toán": (2, 1)}


def test_statistics_levels_employment_and_age_bands(branch_history):
    stats = statistics_on(branch_history.branch_a, DAY)
    professional = {name: n for _pk, name, n in stats.levels[LevelChoice.Kind.PROFESSIONAL]}
    assert professional["Thạc sĩ"] == 1
    assert professional["Chưa ghi nhận"] == 3
    political = {name: n for _pk, name, n in stats.levels[LevelChoice.Kind.POLITICAL]}
    # Every entry of the list is shown, the empty ones too, then the unrecorded.
    assert political == {
        "Cử nhân": 1,
        "Cao cấp": 0,
        "Trung cấp": 0,
        "Sơ cấp": 0,
        "Chưa ghi nhận": 3,
    }
    assert {value: n for value, _label, n in stats.employment} == {"permanent": 0, "contract": 1}
    # On 30/06/2022: An is 31 (born 01/07/1990: not yet 32), Bình 62, Cúc 37, Dũng 52 (his
    # birthday is that very day).
    bands = [n for _i, _label, n in stats.age_bands]
    assert bands == [0, 2, 0, 1, 1]
    assert stats.unknown_age == 0


def test_movements_in_a_period(branch_history, tree):
    moves = movements_between(tree.branch_a, date(2021, 1, 1), date(2023, 12, 31))
    # Em admitted 2023; Giang left 2021; Dũng retired 2023; Cúc moved inside the branch.
    assert moves.admitted == 1
    assert (moves.transferred_in, moves.transferred_out) == (0, 0)
    departures = {kind: n for kind, _label, n in moves.departures}
    assert departures == {"transferred_out": 0, "retired": 1, "left": 1, "deceased": 0}


def test_transfers_across_the_subtree_count_as_in_and_out(branch_history, tree):
    ha = Member.objects.get(full_name="Hà")
    services.member_transfer(member=ha, to=tree.group_a1, day=date(2024, 2, 1), actor=None)
    moves_a = movements_between(tree.branch_a, date(2024, 1, 1), date(2024, 12, 31))
    moves_b = movements_between(tree.branch_b, date(2024, 1, 1), date(2024, 12, 31))
    assert (moves_a.transferred_in, moves_a.transferred_out) == (1, 0)
    assert (moves_b.transferred_in, moves_b.transferred_out) == (0, 1)


def test_statistics_take_a_fixed_number_of_queries(branch_history, tree):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            statistics_on(tree.branch_a, DAY)
            movements_between(tree.branch_a, date(2021, 1, 1), DAY)
        return len(ctx.captured_queries)

    before = queries()
    for i in range(25):
        MemberFactory(organisation=tree.group_a2, full_name=f"Thêm {i}", gender="F")
    assert queries() == before


def test_every_figure_and_the_member_list_agree(client, users, branch_history):
    from django.urls import reverse

    tree = branch_history
    stats = statistics_on(tree.branch_a, DAY)
    client.force_login(users.officer)
    base = {"org": tree.branch_a.pk, "on": "30/06/2022"}
    political = {name: (pk, n) for pk, name, n in stats.levels[LevelChoice.Kind.POLITICAL]}
    professional = {name: (pk, n) for pk, name, n in stats.levels[LevelChoice.Kind.PROFESSIONAL]}
    units = {unit.name: (unit, n) for unit, n, _women in stats.by_unit}
    cases = [
        ({}, stats.total),
        ({"gender": "F"}, stats.women),
        ({"party": "1"}, stats.party),
        ({"employment": "contract"}, dict((v, n) for v, _l, n in stats.employment)["contract"]),
        ({"age": "1"}, stats.age_bands[1][2]),
        ({"age": "3"}, stats.age_bands[3][2]),
        ({"political_level": political["Cử nhân"][0]}, political["Cử nhân"][1]),
        ({"political_level": "none"}, political["Chưa ghi nhận"][1]),
        ({"professional_level": professional["Thạc sĩ"][0]}, professional["Thạc sĩ"][1]),
        ({"group": units["Tổ Toán"][0].pk}, units["Tổ Toán"][1]),
    ]
    for params, expected in cases:
        response = client.get(reverse("members:member_list"), {**base, **params})
        assert response.context["count"] == expected, params
        assert len(response.context["members"]) == expected, params
    # Today, Dũng (retired 2023) is gone from Tổ Toán; on the day he was there.
    today = client.get(
        reverse("members:member_list"), {"org": tree.branch_a.pk, "group": units["Tổ Toán"][0].pk}
    )
    assert {m.full_name for m in today.context["members"]} == {"Cúc"}


STATS_ROLES = {
    # role: expected status of the statistics page for branch A
    "admin": 200,
    "officer": 200,
    "accountant": 200,
    "inspector": 200,
    "upper_viewer": 200,
    "group_leader": 404,
    "member": 403,
    "officer_b": 404,
}


@pytest.mark.parametrize(("role", "status"), STATS_ROLES.items())
def test_statistics_page_by_role(client, users, branch_history, role, status):
    from django.urls import reverse

    client.force_login(getattr(users, role))
    url = reverse("reports:statistics")
    response = client.get(url, {"org": branch_history.branch_a.pk, "on": "30/06/2022"})
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Tổng số cán bộ, đoàn viên tại ngày 30/06/2022 là 04 đồng chí (02 nữ)" in html


def test_group_leader_gets_statistics_of_their_group(client, users, branch_history):
    from django.urls import reverse

    client.force_login(users.group_leader)
    response = client.get(reverse("reports:statistics"), {"on": "30/06/2022"})
    assert response.status_code == 200
    assert response.context["org"] == branch_history.group_a1
    assert response.context["stats"].total == 2


def test_statistics_page_queries_do_not_grow(client, users, branch_history):
    from django.urls import reverse

    client.force_login(users.officer)
    url = reverse("reports:statistics")
    params = {"org": branch_history.branch_a.pk}

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, params).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for i in range(30):
        MemberFactory(organisation=branch_history.group_a2, full_name=f"Thêm {i}")
    assert count() == before


def test_statistics_export_holds_the_same_figures(client, users, branch_history):
    from io import BytesIO

    from django.urls import reverse
    from openpyxl import load_workbook

    client.force_login(users.officer)
    params = {"org": branch_history.branch_a.pk, "on": "30/06/2022"}
    response = client.get(reverse("reports:statistics_export"), params)
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert rows["Tổng số đoàn viên"][0] == 4
    assert rows["Nữ"][0] == 2
    assert rows["Tổ Toán"][:2] == (2, 1)
    assert rows["Tại ngày 30/06/2022"] is not None
    client.force_login(users.officer_b)
    assert client.get(reverse("reports:statistics_export"), params).status_code == 404


def test_every_movement_figure_opens_exactly_its_events(client, users, branch_history):
    """2021 in branch A: Cúc moved A1 -> A2 (inside, not a movement), Giang left; a transfer
    in from branch B and one out to branch B are added."""
    from django.urls import reverse

    tree = branch_history
    incoming = MemberFactory(organisation=tree.group_b1, full_name="Khánh")
    services.member_transfer(member=incoming, to=tree.group_a1, day=date(2021, 8, 1), actor=None)
    outgoing = MemberFactory(organisation=tree.group_a2, full_name="Lan")
    services.member_transfer(member=outgoing, to=tree.group_b1, day=date(2021, 9, 1), actor=None)
    client.force_login(users.officer)
    params = {"org": tree.branch_a.pk, "from": "01/01/2021", "to": "31/12/2021"}
    page = client.get(reverse("reports:statistics"), {**params, "on": "31/12/2021"})
    rows = {label: (n, href) for label, n, href in page.context["movements"]}
    assert rows["Chuyển đến (từ đơn vị khác trong hệ thống)"][0] == 1
    assert rows["Chuyển sang đơn vị khác trong hệ thống"][0] == 1
    assert rows["Ra khỏi tổ chức"][0] == 1
    for label, (n, href) in rows.items():
        listed = client.get(href)
        assert listed.status_code == 200
        names = [e.member.full_name for e in listed.context["page"]]
        assert len(names) == listed.context["page"].paginator.count == n, label
    assert [e.member.full_name for e in client.get(rows["Ra khỏi tổ chức"][1]).context["page"]] == [
        "Giang"
    ]


@pytest.mark.parametrize(("role", "status"), STATS_ROLES.items())
def test_movement_list_by_role(client, users, branch_history, role, status):
    from django.urls import reverse

    client.force_login(getattr(users, role))
    params = {"org": branch_history.branch_a.pk, "from": "01/01/2021", "figure": "left_left"}
    assert client.get(reverse("reports:movements"), params).status_code == status


def test_movement_list_rejects_an_unknown_figure(client, users, branch_history):
    from django.urls import reverse

    client.force_login(users.officer)
    params = {"org": branch_history.branch_a.pk, "figure": "everything"}
    assert client.get(reverse("reports:movements"), params).status_code == 404


def test_movement_list_queries_do_not_grow(client, users, branch_history):
    from django.urls import reverse

    client.force_login(users.officer)
    url = reverse("reports:movements")
    params = {"org": branch_history.branch_a.pk, "from": "01/01/2020", "figure": "admitted"}

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, params).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for i in range(15):
        MemberFactory(organisation=branch_history.group_a2, full_name=f"Mới {i}")
    assert count() == before


def test_member_counts_on_agree_with_members_on_every_quarter(branch_history):
    """Counted back from today through the events, as the dashboard's trend does."""
    from members.registry.statistics import member_counts_on

    tree = branch_history
    khanh = MemberFactory(organisation=tree.group_b1, full_name="Khánh", joined_on=date(2019, 2, 1))
    services.member_transfer(member=khanh, to=tree.group_a1, day=date(2021, 8, 1), actor=None)
    services.member_transfer(member=khanh, to=tree.group_a2, day=date(2022, 2, 1), actor=None)
    services.member_end(member=khanh, kind=K.RETIRED, day=date(2023, 5, 1), actor=None)
    services.member_reinstate(
        member=khanh, organisation=tree.group_b1, day=date(2024, 1, 1), actor=None
    )
    lan = MemberFactory(organisation=tree.group_a2, full_name="Lan", joined_on=date(2020, 1, 1))
    services.member_transfer(member=lan, to=tree.group_b1, day=date(2021, 9, 1), actor=None)
    days = [date(year, month, 1) for year in range(2019, 2026) for month in (1, 4, 7, 10)]
    for org in (tree.upper, tree.branch_a, tree.branch_b, tree.group_a1, tree.group_a2):
        expected = {day: Member.objects.members_on(day, org).count() for day in days}
        assert member_counts_on(org, days) == expected, org.name


@pytest.mark.parametrize("day", [DAY, date(2021, 4, 1), date.today()])
def test_statistics_grouped_per_unit_or_per_organisation_agree(branch_history, monkeypatch, day):
    """Small subtrees are grouped per organisation, large ones per unit in SQL: same figures."""
    from members.registry import statistics

    for org in (branch_history.upper, branch_history.branch_a):
        per_organisation = statistics_on(org, day)
        monkeypatch.setattr(statistics, "GROUP_BY_ORGANISATION_UP_TO", 1)
        per_unit = statistics_on(org, day)
        monkeypatch.undo()
        assert per_unit == per_organisation
        assert per_unit.by_unit and per_unit.total == sum(n for _u, n, _w in per_unit.by_unit)
