"""The ratings' yearly summary counted by hand (members, women, units; where a member stood),
its page and .xlsx, and the women's "Giỏi việc nước, đảm việc nhà" share."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from emulation.models import (
    WOMEN_CAMPAIGN,
    WOMEN_TITLE,
    Award,
    AwardDecision,
    AwardTitle,
    Campaign,
    Registration,
)
from emulation.ratings.selectors import rating_summary, women_share_text
from emulation.ratings.services import member_ratings_save, organisation_ratings_save
from members.models import Member
from tests.emulation.ratings.factories import DONE, EXC, FAILED, GOOD, YEAR
from tests.emulation.scopes import org_a
from tests.factories import MemberFactory
from tests.pages import count_queries, page_url

pytestmark = pytest.mark.django_db


url = page_url("emulation")


# --- the summary -----------------------------------------------------------------------------


@pytest.fixture
def summary_data(rated, users):
    """Hand count, 2025, branch A: members An EXC, Hoa (woman) EXC, Cúc (woman) GOOD, 2 more
    in A2 DONE; B1: Khác FAILED (outside A). Units: A1 EXC, A2 EXC (100% tổ xuất sắc), branch A
    GOOD (given by the upper union). 2024: An GOOD only."""
    t = rated.tree
    extra = [MemberFactory(organisation=t.group_a2) for _ in range(2)]
    member_ratings_save(
        group=t.branch_a,
        year=YEAR,
        ratings={rated.an: EXC, rated.hoa: EXC, rated.cuc: GOOD, **dict.fromkeys(extra, DONE)},
        actor=users.officer,
    )
    member_ratings_save(group=t.branch_a, year=2024, ratings={rated.an: GOOD}, actor=None)
    member_ratings_save(group=t.branch_b, year=YEAR, ratings={rated.other: FAILED}, actor=None)
    organisation_ratings_save(
        parent=t.branch_a,
        year=YEAR,
        ratings={t.group_a1: (EXC, ""), t.group_a2: (EXC, "")},
        actor=users.officer,
    )
    organisation_ratings_save(
        parent=t.upper,
        year=YEAR,
        ratings={t.branch_a: (GOOD, ""), t.branch_b: (EXC, "")},
        actor=None,
    )
    return rated


def test_summary_counts_and_percentages_by_hand(summary_data):
    t = summary_data.tree
    y2024, y2025 = rating_summary(t.branch_a, 2024, 2025)
    assert y2024.members.counts == {GOOD: 1}
    assert y2025.members.counts == {EXC: 2, GOOD: 1, DONE: 2}
    assert [(r, n, p) for r, n, p in y2025.members.cells()] == [
        (EXC, 2, Decimal("40.0")),
        (GOOD, 1, Decimal("20.0")),
        (DONE, 2, Decimal("40.0")),
        (FAILED, 0, Decimal("0.0")),
    ]
    assert y2025.women.counts == {EXC: 1, GOOD: 1}
    assert y2025.women.cells()[0][2] == Decimal("50.0")
    groups = y2025.organisations["group"]
    assert groups.counts == {EXC: 2}
    assert groups.cells()[0] == (EXC, 2, Decimal("100.0"))
    assert y2025.organisations["branch"].counts == {GOOD: 1}
    assert y2024.organisations["group"].total == 0


def test_summary_of_the_upper_union_counts_both_branches(summary_data):
    (y2025,) = rating_summary(summary_data.tree.upper, YEAR, YEAR)
    assert y2025.members.counts == {EXC: 2, GOOD: 1, DONE: 2, FAILED: 1}
    assert y2025.organisations["branch"].counts == {GOOD: 1, EXC: 1}
    assert y2025.members.cells()[3][2] == Decimal("16.7")


def test_summary_counts_a_member_where_they_stood(summary_data):
    """Cúc moves to A1 after being rated in A2: 2025 still counts her in A2."""
    Member.objects.filter(pk=summary_data.cuc.pk).update(organisation=summary_data.tree.group_a1)
    (a2,) = rating_summary(summary_data.tree.group_a2, YEAR, YEAR)
    assert a2.members.counts == {GOOD: 1, DONE: 2}


def test_summary_page_shows_the_tables(client, summary_data, users):
    client.force_login(users.officer)
    response = client.get(
        url("rating_summary", org=org_a, **{"from": 2024, "to": YEAR})(summary_data)
    )
    tables = {table.year: table.rows for table in response.context["tables"]}
    labels = [str(label) for label, _tally in tables[YEAR]]
    assert labels == ["Đoàn viên", "trong đó nữ", "Tổ công đoàn", "Công đoàn cơ sở"]
    assert tables[YEAR][2][1].counts == {EXC: 2}
    assert "100,0%" in response.content.decode() or "100.0%" in response.content.decode()


def test_summary_queries_do_not_grow_with_ratings(client, summary_data, users):
    client.force_login(users.officer)
    page = url("rating_summary", org=org_a, **{"from": 2020, "to": YEAR})(summary_data)
    few = count_queries(client, page)
    for i in range(5):
        m = MemberFactory(organisation=summary_data.tree.group_a1, full_name=f"Mới {i}")
        member_ratings_save(
            group=summary_data.tree.group_a1, year=2021, ratings={m: DONE}, actor=None
        )
    assert count_queries(client, page) == few


def test_summary_xlsx_has_the_hand_counted_rows(client, summary_data, users):
    client.force_login(users.officer)
    page = url("rating_summary_xlsx", org=org_a, **{"from": YEAR, "to": YEAR})(summary_data)
    response = client.get(page)
    assert response["Content-Disposition"].endswith('xep-loai-2025-2025.xlsx"')
    rows = [r for r in load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True)]
    found = {r[0]: r[1:] for r in rows if r and r[0] in ("Đoàn viên", "Tổ công đoàn")}
    assert found["Đoàn viên"] == (2, 40, 1, 20, 2, 40, 0, 0, 5)
    assert found["Tổ công đoàn"] == (2, 100, 0, 0, 0, 0, 0, 0, 2)


# --- the women's "Giỏi việc nước, đảm việc nhà" ----------------------------------------------


@pytest.fixture
def women_data(rated):
    """2025, branch A's women: Hoa (A1), Cúc (A2), Lan (A2). Hoa achieved the campaign and was
    also awarded the title (counted once); Cúc registered but did not achieve; Lan was awarded
    the title only; An (a man) achieved it as well, and Mai in branch B: neither counts for A.
    All four women are rated in 2025. 2024: nobody took part."""
    t = rated.tree
    lan = MemberFactory(
        organisation=t.group_a2, full_name="Đỗ Thị Lan", gender=Member.Gender.FEMALE
    )
    mai = MemberFactory(
        organisation=t.group_b1, full_name="Vũ Thị Mai", gender=Member.Gender.FEMALE
    )
    campaign = Campaign.objects.get(code=WOMEN_CAMPAIGN)
    achieved, failed = Registration.Result.ACHIEVED, Registration.Result.NOT_ACHIEVED
    for member, result in [
        (rated.hoa, achieved),
        (rated.cuc, failed),
        (rated.an, achieved),
        (mai, achieved),
    ]:
        Registration.objects.create(
            year=YEAR, campaign=campaign, member=member, unit=member.organisation, result=result
        )
    # The share's base: the women rated that year.
    member_ratings_save(
        group=t.branch_a,
        year=YEAR,
        ratings=dict.fromkeys([rated.hoa, rated.cuc, lan], GOOD),
        actor=None,
    )
    member_ratings_save(group=t.branch_b, year=YEAR, ratings={mai: GOOD}, actor=None)
    gvn = AwardTitle.objects.get(code=WOMEN_TITLE)
    decision = AwardDecision.objects.create(
        organisation=t.branch_a,
        number="5/QĐ-CĐ",
        signed_on=date(2025, 12, 30),
        issuer="Công đoàn Viên chức tỉnh",
        year=YEAR,
        title=gvn,
    )
    for member in (rated.hoa, lan):
        Award.objects.create(
            decision=decision, member=member, year=YEAR, title=gvn, unit=member.organisation
        )
    return rated


def test_women_share_counts_each_achiever_once_of_the_women_members(women_data):
    y2024, y2025 = rating_summary(women_data.tree.branch_a, 2024, YEAR)
    assert y2024.women_share is None
    assert (y2025.women_share.achieved, y2025.women_share.women) == (2, 3)
    assert y2025.women_share.percent == Decimal("66.7")


def test_women_share_of_the_upper_union_counts_both_branches(women_data):
    (y2025,) = rating_summary(women_data.tree.upper, YEAR, YEAR)
    assert (y2025.women_share.achieved, y2025.women_share.women) == (3, 4)


def test_women_share_is_printed_on_the_page_and_in_excel(client, women_data, users):
    client.force_login(users.officer)
    page = url("rating_summary", org=org_a, **{"from": YEAR, "to": YEAR})(women_data)
    text = client.get(page).content.decode()
    assert "Giỏi việc nước, đảm việc nhà" in text
    assert "<strong>2</strong>/3" in text
    xlsx = client.get(
        url("rating_summary_xlsx", org=org_a, **{"from": YEAR, "to": YEAR})(women_data)
    )
    cells = [
        r[0] for r in load_workbook(BytesIO(xlsx.content)).active.iter_rows(values_only=True) if r
    ]
    assert any(c and "2/3 (66.7%)" in str(c) for c in cells)


def test_women_share_without_ratings_gives_the_count_without_a_rate(rated):
    Registration.objects.create(
        year=YEAR,
        campaign=Campaign.objects.get(code=WOMEN_CAMPAIGN),
        member=rated.hoa,
        unit=rated.hoa.organisation,
        result=Registration.Result.ACHIEVED,
    )
    (y2025,) = rating_summary(rated.tree.branch_a, YEAR, YEAR)
    assert (y2025.women_share.achieved, y2025.women_share.women) == (1, 0)
    assert y2025.women_share.percent is None
    assert women_share_text(y2025.women_share).endswith("“Giỏi việc nước, đảm việc nhà”: 1.")
