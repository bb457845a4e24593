"""Thăm hỏi, trợ cấp: welfare payments linked to members, per member and per year."""

from datetime import date

import pytest
from django.urls import reverse

from finance.funds.welfare import welfare_by_member, welfare_by_year, welfare_lines
from finance.ledger import services
from tests.factories import MemberFactory
from tests.finance.factories import make_voucher
from tests.finance.pages import org_a, url
from tests.pages import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def welfare(fin, users):
    """An, Bình (group A1) and a member of branch B, with welfare in 2025 and 2026."""
    an = MemberFactory(organisation=fin.tree.group_a1, full_name="Trần Văn An")
    binh = MemberFactory(organisation=fin.tree.group_a1, full_name="Lê Thị Bình")
    other = MemberFactory(organisation=fin.tree.group_b1, full_name="Phạm Văn Khác")
    a = fin.a
    make_voucher(a, "payment", "C02.1", 500_000, date(2025, 2, 1), member=an)  # ốm đau
    make_voucher(a, "payment", "C02.2", 1_000_000, date(2025, 4, 1), member=an)  # hiếu
    wrong = make_voucher(a, "payment", "C02.3", 700_000, date(2025, 5, 1), member=binh)
    services.voucher_reverse(voucher=wrong, day=date(2025, 5, 2), actor=users.accountant)
    make_voucher(a, "payment", "C02.3", 300_000, date(2025, 5, 3), member=binh)  # hỷ
    make_voucher(a, "payment", "C02.6", 400_000, date(2026, 1, 20), member=binh)  # quà Tết 2026
    make_voucher(a, "payment", "C02.1", 200_000, date(2025, 6, 1))  # no member: not counted
    make_voucher(a, "payment", "C01", 900_000, date(2025, 6, 2), member=an)  # not welfare
    make_voucher(a, "payment", "C02.5", 100_000, date(2025, 6, 3), member=an, post=False)
    make_voucher(fin.b, "payment", "C02.1", 800_000, date(2025, 2, 1), member=other)
    return type("Welfare", (), {"an": an, "binh": binh})


def by_code(lines, amounts):
    return {c.code: n for c, n in zip(lines, amounts, strict=True) if n}


def test_each_members_welfare_of_a_year_by_line_net_of_reversals(fin, welfare):
    lines = welfare_lines()
    rows = list(welfare_by_member(fin.a.org, 2025, lines))
    assert [(r["member__full_name"], r["total"], r["count"]) for r in rows] == [
        ("Trần Văn An", 1_500_000, 2),
        ("Lê Thị Bình", 300_000, 2),
    ]
    assert by_code(lines, [rows[0][f"line_{c.pk}"] for c in lines]) == {
        "C02.1": 500_000,
        "C02.2": 1_000_000,
    }
    assert list(welfare_by_member(fin.a.org, 2025, lines, "bình"))[0]["total"] == 300_000


def test_welfare_per_year_counts_members_and_lines(fin, welfare):
    lines = welfare_lines()
    years = welfare_by_year(fin.a.org, range(2024, 2027), lines)
    assert [(r.label, r.total, r.count) for r in years] == [
        ("2024", 0, 0),
        ("2025", 1_800_000, 2),
        ("2026", 400_000, 1),
    ]
    assert by_code(lines, years[2].amounts) == {"C02.6": 400_000}


def test_the_welfare_page_shows_members_and_totals(client, fin, users, welfare):
    client.force_login(users.inspector)
    html = client.get(url("welfare", org=org_a, year="2025")(fin)).content.decode()
    assert "Trần Văn An" in html and "1.500.000đ" in html
    assert "Phạm Văn Khác" not in html  # branch B
    assert "1.800.000đ" in html  # the year's total


def test_the_welfare_page_says_when_a_year_has_none(client, fin, users):
    client.force_login(users.accountant)
    html = client.get(url("welfare", org=org_a, year="2019")(fin)).content.decode()
    assert "Năm 2019 chưa có phiếu chi thăm hỏi, trợ cấp nào" in html


def test_welfare_page_queries_do_not_grow_with_the_members(client, fin, users, welfare):
    client.force_login(users.accountant)
    page = reverse("finance:welfare") + f"?org={fin.a.org.pk}&year=2025"
    few = count_queries(client, page)
    for n in range(15):
        member = MemberFactory(organisation=fin.tree.group_a2, full_name=f"Đoàn viên {n}")
        make_voucher(fin.a, "payment", "C02.4", 100_000 + n, date(2025, 7, 1), member=member)
    assert count_queries(client, page) == few
