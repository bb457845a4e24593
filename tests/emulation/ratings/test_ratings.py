"""Ratings (xếp loại): the member grid and the unit ratings (services and pages), the yearly
summary counted by hand, who reads and writes what, query counts."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from emulation.models import (
    WOMEN_CAMPAIGN,
    WOMEN_TITLE,
    Award,
    AwardDecision,
    AwardTitle,
    Campaign,
    MemberRating,
    MonthlyGrade,
    OldWording,
    OrganisationRating,
    Rating,
    Registration,
)
from emulation.ratings.selectors import rating_summary, women_share_text
from emulation.ratings.services import (
    member_ratings_save,
    monthly_grades_save,
    organisation_ratings_save,
)
from members.models import Member
from tests.factories import MemberFactory
from tests.pages import ROLES, count_queries, expect, page_url, unexpected_statuses

pytestmark = pytest.mark.django_db

YEAR = 2025
EXC, GOOD, DONE, FAILED = Rating.EXCELLENT, Rating.GOOD, Rating.DONE, Rating.FAILED


@pytest.fixture
def rated(tree, users, member_a):
    """Group A1: An (member_a), Hoa (woman); group A2: Cúc (woman); group B1: Khác."""
    hoa = MemberFactory(
        organisation=tree.group_a1, full_name="Phạm Thị Hoa", gender=Member.Gender.FEMALE
    )
    cuc = MemberFactory(
        organisation=tree.group_a2, full_name="Lê Thị Cúc", gender=Member.Gender.FEMALE
    )
    other = MemberFactory(organisation=tree.group_b1, full_name="Trần Văn Khác")
    return type(
        "Rated",
        (),
        {"tree": tree, "users": users, "an": member_a, "hoa": hoa, "cuc": cuc, "other": other},
    )


url = page_url("emulation")


def org_a(w):
    return w.tree.branch_a.pk


def org_b(w):
    return w.tree.branch_b.pk


def group_a1(w):
    return w.tree.group_a1.pk


# Readers: as the award pages (a group leader reads their group only, a member nowhere).
A_READ = expect(group_leader=404, member=403, officer_b=404)
B_READ = expect(404, admin=200, upper_viewer=200, officer_b=200, member=403)
A1_READ = expect(member=403, officer_b=404)
UPPER_READ = expect(404, admin=200, upper_viewer=200, member=403)
HOME = expect(member=403)

PAGES = [
    ("members home", url("member_ratings"), HOME),
    ("members chooser A", url("member_ratings", org=org_a), A_READ),
    ("members chooser B", url("member_ratings", org=org_b), B_READ),
    ("members grid A1", url("member_ratings", group=group_a1, year=YEAR), A1_READ),
    ("members grid B1", url("member_ratings", group=lambda w: w.tree.group_b1.pk), B_READ),
    ("monthly home", url("monthly_grades"), HOME),
    ("monthly chooser A", url("monthly_grades", org=org_a), A_READ),
    ("monthly grid A1", url("monthly_grades", group=group_a1, year=YEAR), A1_READ),
    ("monthly grid B1", url("monthly_grades", group=lambda w: w.tree.group_b1.pk), B_READ),
    ("units A", url("organisation_ratings", org=org_a), A_READ),
    ("units B", url("organisation_ratings", org=org_b), B_READ),
    ("units upper", url("organisation_ratings", org=lambda w: w.tree.upper.pk), UPPER_READ),
    ("summary A", url("rating_summary", org=org_a), A_READ),
    ("summary B", url("rating_summary", org=org_b), B_READ),
    ("summary A1", url("rating_summary", org=group_a1), A1_READ),
    ("summary xlsx A", url("rating_summary_xlsx", org=org_a), A_READ),
    ("summary xlsx B", url("rating_summary_xlsx", org=org_b), B_READ),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_rating_page_answers_by_role_and_scope(role, client, rated, users):
    assert unexpected_statuses(client, users, role, rated, PAGES) == {}


def _ratings(year=YEAR) -> dict[str, tuple[str, str]]:
    return {
        r.member.full_name: (r.rating, r.note)
        for r in MemberRating.objects.filter(year=year).select_related("member")
    }


# --- the member grid: service ----------------------------------------------------------------


def test_member_grid_sets_changes_and_removes_ratings_with_history(rated, users):
    a = rated.tree.branch_a
    member_ratings_save(
        group=a, year=YEAR, ratings={rated.an: EXC, rated.cuc: GOOD}, actor=users.officer
    )
    assert _ratings() == {"Nguyễn Văn An": (EXC, ""), "Lê Thị Cúc": (GOOD, "")}
    assert MemberRating.objects.get(member=rated.cuc).unit == rated.tree.group_a2
    member_ratings_save(
        group=a,
        year=YEAR,
        ratings={rated.an: DONE, rated.cuc: None},
        notes={rated.an: "nghỉ ốm 3 tháng"},
        actor=users.officer,
    )
    assert _ratings() == {"Nguyễn Văn An": (DONE, "nghỉ ốm 3 tháng")}
    history = MemberRating.history.order_by("history_id")
    assert [(h.member_id, h.history_type, h.rating) for h in history] == [
        (rated.an.pk, "+", EXC),
        (rated.cuc.pk, "+", GOOD),
        (rated.an.pk, "~", DONE),
        (rated.cuc.pk, "-", GOOD),
    ]
    assert {h.history_user for h in history} == {users.officer}


def test_member_grid_does_not_rewrite_unchanged_ratings(rated, users):
    g = rated.tree.group_a1
    member_ratings_save(group=g, year=YEAR, ratings={rated.an: EXC}, actor=users.officer)
    member_ratings_save(group=g, year=YEAR, ratings={rated.an: EXC}, actor=users.officer)
    assert MemberRating.history.count() == 1


def test_member_of_another_group_is_refused_and_nothing_saved(rated, users):
    with pytest.raises(ValidationError) as error:
        member_ratings_save(
            group=rated.tree.group_a1,
            year=YEAR,
            ratings={rated.an: EXC, rated.cuc: GOOD},
            actor=users.officer,
        )
    assert any("Lê Thị Cúc" in m and "Tổ Văn phòng" in m for m in error.value.messages)
    assert not MemberRating.objects.exists()


def test_member_grid_refuses_a_member_who_left_and_an_unknown_rating(rated, users):
    Member.objects.filter(pk=rated.hoa.pk).update(status=Member.Status.RETIRED)
    rated.hoa.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        member_ratings_save(
            group=rated.tree.group_a1,
            year=YEAR,
            ratings={rated.hoa: EXC, rated.an: "giỏi"},
            actor=users.officer,
        )
    assert len(error.value.messages) == 2
    assert "Phạm Thị Hoa" in error.value.messages[0]
    assert "Nguyễn Văn An" in error.value.messages[1]
    assert not MemberRating.objects.exists()


# --- the member grid: page -------------------------------------------------------------------


def grid_url(w, year=YEAR):
    return url("member_ratings", group=group_a1, year=year)(w)


def test_grid_page_saves_the_group_in_one_post(client, rated, users):
    client.force_login(users.officer)
    response = client.post(
        grid_url(rated),
        {f"r{rated.an.pk}": EXC, f"n{rated.an.pk}": "tiêu biểu", f"r{rated.hoa.pk}": ""},
    )
    assert response.status_code == 302
    assert _ratings() == {"Nguyễn Văn An": (EXC, "tiêu biểu")}
    page = client.get(grid_url(rated))
    assert [(r["member"].full_name, r["rating"]) for r in page.context["rows"]] == [
        ("Nguyễn Văn An", EXC),
        ("Phạm Thị Hoa", ""),
    ]


def test_grid_page_error_names_the_member_and_keeps_what_was_entered(client, rated, users):
    client.force_login(users.officer)
    response = client.post(
        grid_url(rated),
        {f"r{rated.an.pk}": EXC, f"r{rated.hoa.pk}": "bogus", f"n{rated.hoa.pk}": "x"},
    )
    assert response.status_code == 200
    assert any("Phạm Thị Hoa" in e for e in response.context["errors"])
    rows = {r["member"].full_name: (r["rating"], r["note"]) for r in response.context["rows"]}
    assert rows["Nguyễn Văn An"] == (EXC, "")
    assert rows["Phạm Thị Hoa"] == ("bogus", "x")
    assert not MemberRating.objects.exists()


@pytest.mark.parametrize("role, status", [("inspector", 403), ("officer_b", 404)])
def test_readers_cannot_change_the_grid(role, status, client, rated, users):
    member_ratings_save(
        group=rated.tree.group_a1, year=YEAR, ratings={rated.an: GOOD}, actor=users.officer
    )
    client.force_login(getattr(users, role))
    response = client.post(grid_url(rated), {f"r{rated.an.pk}": FAILED})
    assert response.status_code == status
    assert _ratings() == {"Nguyễn Văn An": (GOOD, "")}


def test_grid_is_read_only_for_a_group_leader(client, rated, users):
    client.force_login(users.group_leader)
    response = client.get(grid_url(rated))
    assert response.status_code == 200
    assert response.context["can_edit"] is False
    assert f'name="r{rated.an.pk}"'.encode() not in response.content


def test_grid_queries_do_not_grow_with_members(client, rated, users):
    client.force_login(users.officer)
    member_ratings_save(
        group=rated.tree.group_a1, year=YEAR, ratings={rated.an: GOOD}, actor=users.officer
    )
    few = count_queries(client, grid_url(rated))
    for i in range(12):
        member = MemberFactory(organisation=rated.tree.group_a1, full_name=f"Thêm {i}")
        MemberRating.objects.create(member=member, year=YEAR, rating=DONE, unit=member.organisation)
    assert count_queries(client, grid_url(rated)) == few


# --- unit ratings ----------------------------------------------------------------------------


def test_unit_ratings_set_with_old_wording_and_refuse_a_mismatch(rated, users):
    a = rated.tree.branch_a
    organisation_ratings_save(
        parent=a,
        year=2015,
        ratings={rated.tree.group_a1: ("", OldWording.STRONG), rated.tree.group_a2: (EXC, "")},
        actor=users.officer,
    )
    stored = {
        (r.organisation_id, r.rating, r.old_wording) for r in OrganisationRating.objects.all()
    }
    assert stored == {(rated.tree.group_a1.pk, GOOD, "strong"), (rated.tree.group_a2.pk, EXC, "")}
    with pytest.raises(ValidationError) as error:
        organisation_ratings_save(
            parent=a,
            year=2015,
            ratings={
                rated.tree.group_a1: (EXC, OldWording.WEAK),
                rated.tree.group_a2: (FAILED, ""),
            },
            actor=users.officer,
        )
    assert any("Tổ Văn phòng" in m for m in error.value.messages)
    assert OrganisationRating.objects.get(organisation=rated.tree.group_a2).rating == EXC


def test_unit_ratings_only_one_level_down(rated, users):
    with pytest.raises(ValidationError) as error:
        organisation_ratings_save(
            parent=rated.tree.upper,
            year=YEAR,
            ratings={rated.tree.branch_a: (EXC, ""), rated.tree.group_a1: (EXC, "")},
            actor=users.upper_viewer,
        )
    assert any("Tổ Văn phòng" in m for m in error.value.messages)
    assert not OrganisationRating.objects.exists()


def test_unit_ratings_page_saves_and_readers_change_nothing(client, rated, users):
    page = url("organisation_ratings", org=org_a, year=YEAR)(rated)
    g1, g2 = rated.tree.group_a1.pk, rated.tree.group_a2.pk
    for role, status in (("inspector", 403), ("officer_b", 404)):
        client.force_login(getattr(users, role))
        assert client.post(page, {f"r{g1}": EXC}).status_code == status
    assert not OrganisationRating.objects.exists()
    client.force_login(users.officer)
    response = client.post(page, {f"r{g1}": GOOD, f"o{g1}": "fair", f"r{g2}": EXC})
    assert response.status_code == 200
    assert any("Tổ Văn phòng" in e for e in response.context["errors"])
    assert not OrganisationRating.objects.exists()
    response = client.post(page, {f"r{g1}": DONE, f"o{g1}": "fair", f"r{g2}": EXC})
    assert response.status_code == 302
    assert OrganisationRating.objects.count() == 2


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


# --- monthly A/B/C grades --------------------------------------------------------------------


def _grades() -> dict[tuple[str, int], str]:
    return {
        (g.member.full_name, g.month): g.grade
        for g in MonthlyGrade.objects.filter(year=YEAR).select_related("member")
    }


def test_monthly_grid_sets_changes_and_removes_grades_with_history(rated, users):
    g = rated.tree.group_a1
    monthly_grades_save(
        group=g, year=YEAR, grades={(rated.an, 1): "A", (rated.an, 2): "B"}, actor=users.officer
    )
    monthly_grades_save(
        group=g, year=YEAR, grades={(rated.an, 1): "C", (rated.an, 2): None}, actor=users.officer
    )
    assert _grades() == {("Nguyễn Văn An", 1): "C"}
    assert [h.history_type for h in MonthlyGrade.history.order_by("history_id")] == [
        "+",
        "+",
        "~",
        "-",
    ]


def test_monthly_grid_refuses_another_group_and_a_wrong_grade(rated, users):
    with pytest.raises(ValidationError) as error:
        monthly_grades_save(
            group=rated.tree.group_a1,
            year=YEAR,
            grades={(rated.an, 1): "D", (rated.cuc, 1): "A", (rated.hoa, 1): "A"},
            actor=users.officer,
        )
    assert len(error.value.messages) == 2
    assert "Nguyễn Văn An" in error.value.messages[0]
    assert "Lê Thị Cúc" in error.value.messages[1]
    assert not MonthlyGrade.objects.exists()


def test_monthly_page_saves_and_a_reader_changes_nothing(client, rated, users):
    page = url("monthly_grades", group=group_a1, year=YEAR)(rated)
    cell = f"g{rated.hoa.pk}_3"
    client.force_login(users.inspector)
    assert client.post(page, {cell: "A"}).status_code == 403
    client.force_login(users.officer)
    assert client.post(page, {cell: "A", f"g{rated.an.pk}_12": "B"}).status_code == 302
    assert _grades() == {("Phạm Thị Hoa", 3): "A", ("Nguyễn Văn An", 12): "B"}


def test_monthly_page_queries_do_not_grow_with_members(client, rated, users):
    client.force_login(users.officer)
    page = url("monthly_grades", group=group_a1, year=YEAR)(rated)
    few = count_queries(client, page)
    for i in range(8):
        m = MemberFactory(organisation=rated.tree.group_a1, full_name=f"Tháng {i}")
        MonthlyGrade.objects.create(member=m, year=YEAR, month=5, grade="B")
    assert count_queries(client, page) == few


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
