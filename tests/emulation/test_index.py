"""The emulation front page: who opens it for which organisation, the year's figures counted
by hand, links into every part of the app, query counts."""

from datetime import date

import pytest
from django.urls import reverse

from emulation.awards.services import Recipient
from emulation.lists import pickable_members
from emulation.models import Activity, AwardTitle, Campaign, Initiative, Rating, Registration
from emulation.ratings.services import member_ratings_save
from tests.emulation.awards.factories import decide
from tests.factories import MemberFactory
from tests.pages import ROLES, count_queries, expect, page_url, unexpected_statuses

pytestmark = pytest.mark.django_db

YEAR = 2025
url = page_url("emulation")


def org_a(w):
    return w.branch_a.pk


PAGES = [
    ("home", url("index"), expect(member=403)),
    ("A", url("index", org=org_a), expect(group_leader=404, member=403, officer_b=404)),
    (
        "B",
        url("index", org=lambda w: w.branch_b.pk),
        expect(404, admin=200, upper_viewer=200, officer_b=200, member=403),
    ),
    ("A1", url("index", org=lambda w: w.group_a1.pk), expect(member=403, officer_b=404)),
    (
        "upper",
        url("index", org=lambda w: w.upper.pk),
        expect(404, admin=200, upper_viewer=200, member=403),
    ),
]


@pytest.mark.parametrize("role", ROLES)
def test_front_page_answers_by_role_and_scope(role, client, tree, users):
    assert unexpected_statuses(client, users, role, tree, PAGES) == {}


def _activity(org, day, **kw):
    return Activity.objects.create(
        organisation=org, kind="sports", name="Hội thao", starts_on=day, **kw
    )


@pytest.fixture
def year_data(tree):
    """Branch A, 2025: one decision for An and Bình (2 individuals), one collective for A1;
    2 registrations (1 achieved); 1 initiative recognised; 2 activities (other costs 1.000.000đ
    and 500.000đ). Branch B and 2024 rows that must not count."""
    an = MemberFactory(organisation=tree.group_a1)
    binh = MemberFactory(organisation=tree.group_a2)
    khanh = MemberFactory(organisation=tree.group_b1)
    decide(tree.branch_a, [Recipient(an), Recipient(binh)], year=YEAR)
    decide(
        tree.branch_a,
        [Recipient(organisation=tree.group_a1)],
        name="Tập thể lao động tiên tiến",
        subject="collective",
        number="2/QĐ",
        year=YEAR,
    )
    decide(tree.branch_b, [Recipient(khanh)], number="3/QĐ", year=YEAR)
    decide(tree.branch_a, [Recipient(an)], number="4/QĐ", year=YEAR - 1)
    title = AwardTitle.objects.get(
        name="Lao động tiên tiến", authority="state", subject="individual"
    )
    for member, result in [(an, "achieved"), (binh, ""), (khanh, "achieved")]:
        Registration.objects.create(
            year=YEAR, title=title, member=member, unit=member.organisation, result=result
        )
    Initiative.objects.create(
        organisation=tree.branch_a,
        year=YEAR,
        name="Sổ điểm điện tử",
        status="recognised",
        level="unit",
    )
    Initiative.objects.create(organisation=tree.branch_b, year=YEAR, name="Khác")
    _activity(tree.branch_a, date(YEAR, 3, 26), other_cost=1_000_000)
    _activity(tree.group_a1, date(YEAR, 10, 20), other_cost=500_000)
    _activity(tree.branch_a, date(YEAR - 1, 3, 26), other_cost=7_000_000)
    _activity(tree.branch_b, date(YEAR, 3, 26), other_cost=9_000_000)
    return tree


def test_front_page_counts_the_year_of_the_subtree_by_hand(client, year_data, users):
    client.force_login(users.officer)
    response = client.get(url("index", org=org_a, year=YEAR)(year_data))
    figures = response.context["figures"]
    assert figures["decisions"] == 2
    assert figures["awards"]["individuals"] == 2
    assert figures["awards"]["collectives"] == 1
    assert figures["registrations"] == {"registered": 2, "evaluated": 1, "achieved": 1}
    assert figures["initiatives"] == {"total": 1, "recognised": 1}
    assert figures["activities"] == 2
    assert figures["activity_cost"] == 1_500_000
    assert "1.500.000" in response.content.decode()


def test_front_page_links_into_every_part(client, year_data, users):
    client.force_login(users.officer)
    text = client.get(url("index", org=org_a, year=YEAR)(year_data)).content.decode()
    for part in ("/thi-dua/quyet-dinh/", "/thi-dua/xep-loai/", "/thi-dua/hoat-dong/"):
        assert part in text


def test_front_page_queries_do_not_grow_with_rows(client, year_data, users):
    client.force_login(users.officer)
    page = url("index", org=org_a, year=YEAR)(year_data)
    few = count_queries(client, page)
    for i in range(4):
        _activity(year_data.branch_a, date(YEAR, 5, i + 1), other_cost=1)
        Initiative.objects.create(organisation=year_data.branch_a, year=YEAR, name=f"SK {i}")
    assert count_queries(client, page) == few


# --- a member's page -------------------------------------------------------------------------


@pytest.fixture
def record(tree, users, member_a):
    """An (the `member` user): rated 2025, registered for Lao động giỏi (achieved), author of an
    initiative, listed in the sports day of branch A; Bình in group A2 has a rating of her own."""
    binh = MemberFactory(organisation=tree.group_a2, full_name="Lê Thị Bình")
    member_ratings_save(
        group=tree.branch_a,
        year=YEAR,
        ratings={member_a: Rating.EXCELLENT, binh: Rating.DONE},
        actor=None,
    )
    campaign = Campaign.objects.get(code="lao-dong-gioi")
    Registration.objects.create(
        year=YEAR,
        campaign=campaign,
        member=member_a,
        unit=tree.group_a1,
        result=Registration.Result.ACHIEVED,
    )
    initiative = Initiative.objects.create(
        organisation=tree.branch_a, year=YEAR, name="Sổ điểm điện tử"
    )
    initiative.authors.set([member_a])
    sports = _activity(tree.branch_a, date(YEAR, 3, 26))
    sports.participants.set([member_a])
    return type("Record", (), {"tree": tree, "an": member_a, "binh": binh, "sports": sports})


def test_a_plain_member_sees_their_own_ratings_registrations_initiatives_and_activities(
    client, record, users
):
    client.force_login(users.member)
    html = client.get(record.an.get_absolute_url()).content.decode()
    assert "Xếp loại năm 2025" in html and "Hoàn thành xuất sắc nhiệm vụ" in html
    assert "Lao động giỏi" in html and "Đạt" in html
    assert "Sổ điểm điện tử" in html
    assert "Hội thao" in html
    # No link into the emulation pages they may not open, and nobody else's rating.
    assert reverse("emulation:activity_detail", args=[record.sports.pk]) not in html
    assert "Hoàn thành nhiệm vụ<" not in html
    assert client.get(record.binh.get_absolute_url()).status_code == 404


def test_an_officer_follows_a_members_activity_to_its_page(client, record, users):
    client.force_login(users.officer)
    html = client.get(record.an.get_absolute_url()).content.decode()
    assert reverse("emulation:activity_detail", args=[record.sports.pk]) in html


def test_a_members_page_queries_do_not_grow_with_their_record(client, record, users):
    client.force_login(users.officer)
    page = record.an.get_absolute_url()
    few = count_queries(client, page)
    for i in range(3):
        other = _activity(record.tree.group_a1, date(YEAR, 5, i + 1))
        other.participants.set([record.an])
        extra = Initiative.objects.create(
            organisation=record.tree.branch_a, year=YEAR, name=f"SK {i}"
        )
        extra.authors.set([record.an])
    assert count_queries(client, page) == few


@pytest.mark.parametrize("query", ["org=²", "year=²", "org=1²"])
def test_digits_int_cannot_read_are_not_numbers(client, tree, users, query):
    """ "²" is a digit to str.isdigit() but not to int(): such a value is ignored or missing,
    never a server error."""
    client.force_login(users.officer)
    assert client.get(f"{reverse('emulation:index')}?{query}").status_code in (200, 404)
    assert client.get(f"{reverse('emulation:registrations')}?campaign=²").status_code == 200


# --- members offered to tick (authors, participants) -----------------------------------------


def test_pickable_members_cut_a_long_list_but_always_offer_those_ticked(tree, monkeypatch):
    monkeypatch.setattr("emulation.lists.MAX_PICKABLE", 2)
    people = [MemberFactory(organisation=tree.group_a1, full_name=f"Người {i}") for i in range(4)]
    moved = MemberFactory(organisation=tree.group_b1, full_name="Đã chuyển đi")
    offered = pickable_members(tree.branch_a, keep=[people[3].pk, moved.pk])
    assert offered.too_many
    assert {m.pk for m in offered.members} == {people[0].pk, people[1].pk, people[3].pk, moved.pk}
    assert not pickable_members(tree.group_a2).too_many
