"""Ratings (xếp loại): who reads and writes what, the member grid, the unit ratings and the
monthly A/B/C grades, through the services and their pages, query counts (the yearly summary in
test_rating_summary)."""

import pytest
from django.core.exceptions import ValidationError

from emulation.models import MemberRating, MonthlyGrade, OldWording, OrganisationRating
from emulation.ratings.services import (
    member_ratings_save,
    monthly_grades_save,
    organisation_ratings_save,
)
from members.models import Member
from tests.emulation.ratings.factories import DONE, EXC, FAILED, GOOD, YEAR
from tests.emulation.scopes import A1_READ, A_READ, B_READ, HOME, UPPER_READ, group_a1, org_a, org_b
from tests.factories import MemberFactory
from tests.pages import ROLES, count_queries, page_url, unexpected_statuses

pytestmark = pytest.mark.django_db


url = page_url("emulation")

# Readers: as the award pages (a group leader reads their group only, a member nowhere).
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
