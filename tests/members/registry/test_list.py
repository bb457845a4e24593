"""The member list: search, filters, sort and pages."""

import pytest
from django.urls import reverse

from members.models import LevelChoice, Member
from members.registry import listing
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def listed(client, query="") -> list[str]:
    response = client.get(reverse("members:member_list") + query)
    assert response.status_code == 200
    return [m.full_name for m in response.context["members"]]


@pytest.fixture
def roster(world, client, users):
    """Branch A's list as the officer sees it."""
    t = world.tree
    professional = LevelChoice.objects.get(kind="professional", name="Đại học")
    MemberFactory(organisation=t.group_a1, full_name="Trần Quốc Đạt", card_number="CD-0001234")
    MemberFactory(
        organisation=t.group_a2,
        full_name="Trần Văn An",
        party_member=True,
        professional_level=professional,
    )
    MemberFactory(organisation=t.group_a2, full_name="Nguyễn Thị Bình", gender="F")
    client.force_login(users.officer)
    return world


def test_list_search_ignores_accents_and_case(client, roster):
    assert listed(client, "?q=nguyen+van+an") == ["Nguyễn Văn An"]
    assert listed(client, "?q=NGUYỄN") == ["Nguyễn Văn An", "Nguyễn Thị Bình"]


def test_list_search_reads_d_as_the_letter_dd(client, roster):
    assert listed(client, "?q=dat") == ["Trần Quốc Đạt"]
    assert listed(client, "?q=Đạt") == ["Trần Quốc Đạt"]


def test_list_search_finds_card_number(client, roster):
    assert listed(client, "?q=CD-0001234") == ["Trần Quốc Đạt"]


def test_list_filters_by_group_gender_party_and_level(client, roster):
    a2 = roster.tree.group_a2.pk
    professional = LevelChoice.objects.get(kind="professional", name="Đại học").pk
    assert listed(client, f"?group={a2}") == ["Trần Văn An", "Nguyễn Thị Bình", "Lê Thị Cúc"]
    assert listed(client, "?gender=F") == ["Nguyễn Thị Bình"]
    assert listed(client, "?party=1") == ["Trần Văn An"]
    assert "Trần Văn An" not in listed(client, "?party=0")
    assert listed(client, f"?professional_level={professional}") == ["Trần Văn An"]


def test_list_shows_past_members_only_when_asked(client, roster):
    assert "Hoàng Văn Dũng" not in listed(client)
    assert listed(client, "?status=retired") == ["Hoàng Văn Dũng"]
    assert "Hoàng Văn Dũng" in listed(client, "?status=all")


def test_list_sorts_by_vietnamese_given_name(client, roster):
    names = listed(client)
    assert names.index("Trần Văn An") < names.index("Nguyễn Thị Bình")
    assert names == [
        "Nguyễn Văn An",
        "Trần Văn An",
        "Nguyễn Thị Bình",
        "Lê Thị Cúc",
        "Trần Quốc Đạt",
    ]
    assert listed(client, "?sort=-name") == list(reversed(names))


def test_list_page_two_shows_rows_51_to_100(client, world, users):
    for i in range(120):
        MemberFactory(organisation=world.tree.group_a1, full_name=f"Đoàn Viên Số{i:03d}")
    expected = list(
        Member.objects.active()
        .in_subtree(world.tree.branch_a)
        .order_by("sort_name", "id")
        .values_list("full_name", flat=True)
    )
    client.force_login(users.officer)
    response = client.get(reverse("members:member_list") + "?page=2")
    assert [m.full_name for m in response.context["members"]] == expected[50:100]
    assert response.context["first_index"] == 51
    html = response.content.decode()
    assert "<td>51</td>" in html and "<td>100</td>" in html and "<td>101</td>" not in html
    assert "Trang 2 / 3" in html


def test_list_count_is_capped(client, world, users, monkeypatch):
    monkeypatch.setattr(listing, "COUNT_CAP", 3)
    for _ in range(4):
        MemberFactory(organisation=world.tree.group_a1)
    client.force_login(users.officer)
    html = client.get(reverse("members:member_list")).content.decode()
    assert "Hơn 3 đoàn viên phù hợp" in html


def test_list_count_is_exact_under_the_cap(client, roster):
    html = client.get(reverse("members:member_list")).content.decode()
    assert "5 đoàn viên phù hợp" in html and "Hơn" not in html


def test_invalid_filter_value_keeps_the_search(client, users, member_a, tree):
    client.force_login(users.officer)
    response = client.get(reverse("members:member_list"), {"q": "nguyen van an", "gender": "X"})
    assert [m.pk for m in response.context["members"]] == [member_a.pk]


def test_huge_page_number_is_not_a_server_error(client, users, member_a):
    client.force_login(users.officer)
    response = client.get(reverse("members:member_list"), {"page": "9" * 25})
    assert response.status_code == 200
    assert response.context["members"] == []
