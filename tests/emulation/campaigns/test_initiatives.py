"""Initiatives (sáng kiến): the services' rules (authors, level of recognition, history),
a member's initiatives, the year's figures counted by hand, the demo (the pages in
test_initiative_pages, the list and its .xlsx in test_initiative_list)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from emulation.campaigns.initiatives import (
    initiative_delete,
    initiative_figures,
    initiative_save,
    member_initiatives,
)
from emulation.demo.initiatives import DEMO_INITIATIVES, seed_initiatives
from emulation.models import Initiative
from members.models import MemberEvent
from members.registry import services as member_services
from tests.emulation.campaigns.factories import THIS_YEAR, enter
from tests.factories import MemberFactory
from unionhub.audit import history_entries

pytestmark = pytest.mark.django_db


Status, Level = Initiative.Status, Initiative.Level


# --- services --------------------------------------------------------------------------------


def test_initiative_needs_a_member_author_or_another_author(ini):
    with pytest.raises(ValidationError) as error:
        enter(ini.tree.branch_a, [], name="Không tác giả")
    assert "authors" in error.value.message_dict
    assert not Initiative.objects.filter(name="Không tác giả").exists()
    saved = enter(ini.tree.branch_a, [], name="Của khách", other_authors="ThS. Phạm Hạnh")
    assert list(saved.authors.all()) == []


def test_recognised_initiative_needs_its_level_and_others_have_none(ini):
    with pytest.raises(ValidationError) as error:
        enter(ini.tree.branch_a, [ini.an], status=Status.RECOGNISED, level="")
    assert "level" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        enter(ini.tree.branch_a, [ini.an], status=Status.ACCEPTED, level=Level.SECTOR)
    assert "level" in error.value.message_dict


def test_errors_of_authors_and_level_come_together(ini):
    with pytest.raises(ValidationError) as error:
        enter(ini.tree.branch_a, [], status=Status.RECOGNISED)
    assert {"authors", "level"} <= set(error.value.message_dict)


def test_authors_must_be_members_of_the_keepers_subtree(ini):
    with pytest.raises(ValidationError) as error:
        enter(ini.tree.branch_a, [ini.an, ini.khanh], name="Lạc nhánh")
    assert "Trần Văn Khánh" in " ".join(error.value.message_dict["authors"])
    # A group keeps only its own members' initiatives.
    with pytest.raises(ValidationError):
        enter(ini.tree.group_a1, [ini.binh], name="Lạc tổ")
    assert not Initiative.objects.filter(name__startswith="Lạc").exists()


def test_new_author_must_be_active_but_a_kept_author_may_have_retired(ini):
    member_services.member_end(
        member=ini.an, kind=MemberEvent.Kind.RETIRED, day=date(2025, 6, 1), actor=None
    )
    with pytest.raises(ValidationError):
        enter(ini.tree.branch_a, [ini.an], name="Sau khi nghỉ hưu")
    ini.a.benefit = "Cập nhật hiệu quả."
    initiative_save(initiative=ini.a, authors=[ini.an, ini.binh], actor=None)
    assert set(ini.a.authors.all()) == {ini.an, ini.binh}


def test_authors_changes_are_in_the_history_with_their_author(ini, users):
    initiative_save(initiative=ini.a, authors=[ini.binh], actor=users.officer)
    latest = ini.a.history.order_by("-history_date", "-history_id")
    assert latest[0].history_user == users.officer
    assert [row.member_id for row in latest[0].authors.all()] == [ini.binh.pk]
    initiative_save(initiative=ini.a, authors=[ini.binh, ini.an], actor=users.officer)
    entries = [
        (e.action, [(c.field, c.old, c.new) for c in e.changes]) for e in history_entries(ini.a)
    ]
    # One entry per save, the creation's with its first authors.
    assert entries == [
        ("Sửa", [("tác giả", "Lê Thị Bình", "Lê Thị Bình, Nguyễn Văn An")]),
        ("Sửa", [("tác giả", "Nguyễn Văn An", "Lê Thị Bình")]),
        ("Tạo mới", [("tác giả", "—", "Nguyễn Văn An")]),
    ]
    ini.a.field = "Quản lý"
    initiative_save(initiative=ini.a, authors=[ini.an], actor=users.officer)
    action, changes = [
        (e.action, [(c.field, c.old, c.new) for c in e.changes]) for e in history_entries(ini.a)
    ][0]
    assert (action, changes) == (
        "Sửa",
        [
            ("lĩnh vực", "Chuyển đổi số", "Quản lý"),
            ("tác giả", "Lê Thị Bình, Nguyễn Văn An", "Nguyễn Văn An"),
        ],
    )


def test_delete_keeps_who_deleted_in_the_history(ini, users):
    pk_a = ini.a.pk
    initiative_delete(initiative=ini.a, actor=users.officer)
    assert not Initiative.objects.filter(pk=pk_a).exists()
    last = Initiative.history.filter(id=pk_a).order_by("-history_date").first()
    assert (last.history_type, last.history_user) == ("-", users.officer)


def test_member_initiatives_newest_first_in_one_query(ini, django_assert_num_queries):
    old = enter(ini.tree.branch_a, [ini.an], name="Cũ", year=2020)
    with django_assert_num_queries(1):
        listed = member_initiatives(ini.an)
        names = [(i.name, i.organisation.name) for i in listed]
    assert [n for n, _org in names][-1] == old.name
    assert len(names) == 3
    assert member_initiatives(ini.an, limit=1)[0].year == 2025


# --- figures ---------------------------------------------------------------------------------


@pytest.fixture
def counted(tree):
    """Branch A in 2025, counted by hand. Members: An, Bình, Cúc, Dũng (A1/A2, active), Em
    (retired), Khánh (branch B): four active members.

    1. by An + Bình, recognised, unit level        (branch A)
    2. by An, recognised, sector level              (group A1)
    3. by Cúc, accepted                              (group A2)
    4. by Dũng, rejected                             (branch A)  -> Dũng not counted
    5. visitor only, registered                      (branch A)
    6. by An, registered, in 2024                    -> another year
    7. by Khánh, recognised national, branch B       -> another branch
    Initiatives: 5; registered 1, accepted 1, recognised 2 (unit 1, sector 1), rejected 1.
    Authors: An, Bình, Cúc = 3 of 4 active members = 75.0%.
    """
    a1, a2 = tree.group_a1, tree.group_a2
    an, binh = MemberFactory(organisation=a1), MemberFactory(organisation=a2)
    cuc, dung = MemberFactory(organisation=a2), MemberFactory(organisation=a1)
    em = MemberFactory(organisation=a1)
    khanh = MemberFactory(organisation=tree.group_b1)
    enter(tree.branch_a, [an, binh], name="1", status=Status.RECOGNISED, level=Level.UNIT)
    enter(a1, [an], name="2", status=Status.RECOGNISED, level=Level.SECTOR)
    enter(a2, [cuc], name="3", status=Status.ACCEPTED)
    enter(tree.branch_a, [dung], name="4", status=Status.REJECTED)
    enter(tree.branch_a, [], name="5", other_authors="Khách mời")
    enter(tree.branch_a, [an], name="6", year=2024)
    enter(
        tree.branch_b,
        [khanh],
        name="7",
        status=Status.RECOGNISED,
        level=Level.NATIONAL,
    )
    # Em's initiative was entered while active; retired since, Em is no longer counted.
    member_services.member_end(
        member=em, kind=MemberEvent.Kind.RETIRED, day=date(2025, 1, 1), actor=None
    )
    return tree


def test_figures_of_a_year_match_the_hand_count(counted):
    figures = initiative_figures(counted.branch_a, 2025)
    assert figures.total == 5
    assert {v: n for v, _label, n in figures.by_status} == {
        "registered": 1,
        "accepted": 1,
        "recognised": 2,
        "rejected": 1,
    }
    assert {v: n for v, _label, n in figures.by_level} == {"unit": 1, "sector": 1, "national": 0}
    assert (figures.authors, figures.members) == (3, 4)
    assert str(figures.share) == "75.0"
    assert figures.target_met


def test_figures_of_a_group_and_of_an_empty_year(counted):
    group = initiative_figures(counted.group_a1, 2025)
    # Group A1: initiative 2 by An; its active members An and Dũng.
    assert (group.total, group.authors, group.members) == (1, 1, 2)
    empty = initiative_figures(counted.branch_a, 2019)
    assert (empty.total, empty.authors, str(empty.share)) == (0, 0, "0.0")
    assert not empty.target_met


def test_list_page_shows_the_chosen_years_figures(client, counted, users):
    client.force_login(users.officer)
    page = client.get(
        reverse("emulation:initiative_list") + f"?org={counted.branch_a.pk}&year=2025"
    )
    figures = page.context["figures"]
    assert (figures.year, figures.total, figures.authors) == (2025, 5, 3)
    assert "75,0%" in page.content.decode()
    default = client.get(reverse("emulation:initiative_list") + f"?org={counted.branch_a.pk}")
    assert default.context["figures"].year == THIS_YEAR


# --- demo ------------------------------------------------------------------------------------


def test_demo_initiatives_span_statuses_and_levels_once(tree, users):
    for i in range(6):
        MemberFactory(organisation=tree.group_a1 if i % 2 else tree.group_a2)
    assert seed_initiatives(tree.branch_a, 2025, actor=users.officer) == len(DEMO_INITIATIVES)
    assert seed_initiatives(tree.branch_a, 2025, actor=users.officer) == 0
    rows = Initiative.objects.filter(organisation=tree.branch_a, year=2025)
    assert set(rows.values_list("status", flat=True)) == set(Status.values)
    assert set(rows.exclude(level="").values_list("level", flat=True)) == set(Level.values)
    assert all(i.authors.exists() or i.other_authors for i in rows)
    figures = initiative_figures(tree.branch_a, 2025)
    assert figures.authors > 0
