"""The year view of activities, its selector: counts and sums by hand, per kind, the results
won, what is left out, one query whatever the rows (the page in test_year_pages, the files in
test_year_documents)."""

from datetime import date
from decimal import Decimal

import pytest

from emulation.activities.year import activity_year
from emulation.models import Activity
from finance.ledger import services as finance_services
from tests.emulation.activities.factories import YEAR, grow

pytestmark = pytest.mark.django_db


Kind = Activity.Kind


# --- the selector ----------------------------------------------------------------------------


def figures(view) -> list[tuple]:
    return [(r.activity.name, r.taking_part, r.attendance, r.cost) for r in view.rows]


def test_year_lists_the_branchs_activities_of_the_year_in_date_order_with_figures(year):
    view = activity_year(year.tree.branch_a, YEAR)
    assert figures(view) == [
        ("Hội thao ngành", 3, None, 4_000_000),
        ("Gặp mặt 8/3", 25, None, 3_000_000),
        ("Học tập Nghị quyết", 40, Decimal("80.0"), 0),
        ("Quán triệt Nghị quyết 57", 1, Decimal("50.0"), 0),
    ]
    assert (view.count, view.taking_part, view.cost) == (4, 69, 7_000_000)
    first = view.rows[0]
    assert (first.dates, first.kind_label, first.organiser) == (
        "05/03 – 07/03/2025",
        "Hội thao, thể dục thể thao",
        "CĐCS Trường A",
    )
    assert first.results == ["Giải ba bóng chuyền hơi nữ", "Giải nhì kéo co"]
    assert view.rows[1].dates == "08/03/2025"
    assert view.rows[2].organiser == "Tổ Văn phòng"


def test_year_sums_per_kind_in_the_kinds_order_with_the_attendance_of_the_invited(year):
    view = activity_year(year.tree.branch_a, YEAR)
    kinds = [(k.kind, k.count, k.taking_part, k.cost, k.attendance) for k in view.kinds]
    assert kinds == [
        (Kind.SPORTS, 1, 3, 4_000_000, None),
        (Kind.WOMEN_0803, 1, 25, 3_000_000, None),
        (Kind.STUDY, 2, 41, 0, Decimal("78.8")),
    ]


def test_year_lists_every_result_won_with_its_activity(year):
    view = activity_year(year.tree.branch_a, YEAR)
    assert [(w.text, w.row.activity.name) for w in view.won] == [
        ("Giải ba bóng chuyền hơi nữ", "Hội thao ngành"),
        ("Giải nhì kéo co", "Hội thao ngành"),
    ]


def test_a_reversed_payment_is_not_counted_but_a_draft_is(year):
    """2.000.000 posted + 500.000 draft + 1.500.000 other; the reversed 1.000.000 is left out,
    and posting the draft or reversing the 2.000.000 changes the cost accordingly."""
    view = activity_year(year.tree.branch_a, YEAR)
    assert view.rows[0].cost == 4_000_000
    posted = year.sports.vouchers.get(amount=2_000_000)
    finance_services.voucher_reverse(voucher=posted, day=date(2025, 3, 20), actor=None)
    assert activity_year(year.tree.branch_a, YEAR).rows[0].cost == 2_000_000


def test_listed_participants_count_until_a_count_is_entered(year):
    Activity.objects.filter(pk=year.sports.pk).update(participant_count=120)
    view = activity_year(year.tree.branch_a, YEAR)
    assert view.rows[0].taking_part == 120
    assert view.taking_part == 69 - 3 + 120


def test_other_branches_and_other_years_are_left_out_and_the_upper_union_sums_them(year):
    a = activity_year(year.tree.branch_a, YEAR)
    assert "Hội diễn văn nghệ" not in {r.activity.name for r in a.rows}
    assert "Liên hoan cuối năm" not in {r.activity.name for r in a.rows}
    assert activity_year(year.tree.branch_a, 2024).count == 1
    b = activity_year(year.tree.branch_b, YEAR)
    assert (b.count, b.taking_part, b.cost) == (1, 10, 700_000)
    upper = activity_year(year.tree.upper, YEAR)
    assert (upper.count, upper.taking_part, upper.cost) == (5, 79, 7_700_000)
    assert [r.activity.name for r in upper.rows][:3] == [
        "Hội thao ngành",
        "Gặp mặt 8/3",
        "Hội diễn văn nghệ",
    ]
    assert [w.text for w in upper.won][-1] == "Giải nhất văn nghệ"
    assert [(k.kind, k.count) for k in upper.kinds][1] == (Kind.CULTURE, 1)


def test_a_group_sees_only_what_it_organised(year):
    view = activity_year(year.tree.group_a1, YEAR)
    assert figures(view) == [("Học tập Nghị quyết", 40, Decimal("80.0"), 0)]
    assert not view.several_organisers
    assert activity_year(year.tree.branch_a, YEAR).several_organisers


def test_the_selector_reads_in_one_query_whatever_the_number_of_activities(
    year, django_assert_num_queries
):
    with django_assert_num_queries(1):
        activity_year(year.tree.upper, YEAR)
    grow(year)
    with django_assert_num_queries(1):
        activity_year(year.tree.upper, YEAR)
