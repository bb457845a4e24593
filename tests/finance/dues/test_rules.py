"""Dues parameters on pages: a branch's own rules, a member's salary basis history."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from finance.dues.selectors import Rules, expected_dues
from finance.models import ClosedPeriod, DuesRule, SalaryBasis
from tests.factories import MemberFactory
from tests.finance.pages import A_READ, A_WRITE, B_READ, B_WRITE, org_a, org_b, pk, url
from tests.pages import ROLES, count_queries, expect, unexpected_statuses

pytestmark = pytest.mark.django_db


def rule(org=None, day=date(2025, 1, 1), **values) -> DuesRule:
    fields = {
        "rate": Decimal("1"),
        "cap_percent": Decimal("10"),
        "base_salary": 2_340_000,
        "kept_dues_percent": Decimal("60"),
        "kept_kpcd_percent": Decimal("75"),
    }
    return DuesRule.objects.create(organisation=org, effective_from=day, **(fields | values))


@pytest.fixture
def ruled(fin):
    """The installation's rule, a rule of branch A's own and of B's, a member with a salary in
    A and in B."""
    rule()
    for books in (fin.a, fin.b):
        books.rule = rule(books.org, date(2025, 7, 1), kept_dues_percent=Decimal("70"))
    fin.a.member = MemberFactory(organisation=fin.tree.group_a1, salary_basis=5_000_000)
    fin.b.member = MemberFactory(organisation=fin.tree.group_b1, salary_basis=6_000_000)
    for books in (fin.a, fin.b):
        books.salary = SalaryBasis.objects.create(
            member=books.member, effective_from=date(2025, 5, 1), amount=8_000_000
        )
    return fin


# Salaries are personal data: readers of the books without VIEW_PERSONAL do not find them.
SALARY_A_READ = {**A_READ, "inspector": 404, "upper_viewer": 404}
SALARY_A_WRITE = {**A_WRITE, "inspector": 404, "upper_viewer": 404}
SALARY_B = expect(404, admin=200, officer_b=200, group_leader=403, member=403)

PAGES = [
    ("dues rules A", url("dues_rules", org=org_a), A_READ),
    ("dues rules B", url("dues_rules", org=org_b), B_READ),
    ("dues rule create A", url("dues_rule_create", org=org_a), A_WRITE),
    ("dues rule create B", url("dues_rule_create", org=org_b), B_WRITE),
    ("dues rule edit A", url("dues_rule_edit", pk("a", "rule")), A_WRITE),
    ("dues rule edit B", url("dues_rule_edit", pk("b", "rule")), B_WRITE),
    ("dues rule delete A", url("dues_rule_delete", pk("a", "rule")), A_WRITE),
    ("dues rule delete B", url("dues_rule_delete", pk("b", "rule")), B_WRITE),
    ("salary A", url("member_salary", pk("a", "member")), SALARY_A_READ),
    ("salary B", url("member_salary", pk("b", "member")), SALARY_B),
    ("salary delete A", url("salary_delete", pk("a", "salary")), SALARY_A_WRITE),
    ("salary delete B", url("salary_delete", pk("b", "salary")), SALARY_B),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_dues_parameter_page_answers_by_role_and_scope(role, client, ruled, users):
    assert unexpected_statuses(client, users, role, ruled, PAGES) == {}


def rule_form(**changes):
    return {
        "effective_from": "01/10/2025",
        "rate": "1",
        "cap_percent": "10",
        "base_salary": "2.340.000",
        "flat_amount": "20.000",
        "kept_dues_percent": "65",
        "kept_kpcd_percent": "75",
        "note": "Nghị quyết BCH",
        **changes,
    }


def test_accountant_adds_a_branch_rule_that_applies_from_its_date(client, ruled, users):
    client.force_login(users.accountant)
    response = client.post(url("dues_rule_create", org=org_a)(ruled), rule_form())
    assert response.status_code == 302
    added = DuesRule.objects.get(organisation=ruled.a.org, effective_from=date(2025, 10, 1))
    assert (added.base_salary, added.flat_amount, added.kept_dues_percent) == (
        2_340_000,
        20_000,
        Decimal("65"),
    )
    assert added.history.first().history_user == users.accountant
    page = client.get(url("dues_rules", org=org_a)(ruled)).content.decode()
    assert "Nghị quyết BCH" in page


def test_a_rule_from_a_closed_month_is_refused_with_the_data_kept(client, ruled, users):
    ClosedPeriod.objects.create(organisation=ruled.a.org, year=2025, month=10)
    client.force_login(users.accountant)
    before = DuesRule.objects.count()
    response = client.post(url("dues_rule_create", org=org_a)(ruled), rule_form())
    assert response.status_code == 200
    assert "Kỳ 10/2025 đã khóa sổ" in response.content.decode()
    assert response.context["form"]["note"].value() == "Nghị quyết BCH"
    assert DuesRule.objects.count() == before


def test_percentages_above_a_hundred_are_refused_naming_the_field(client, ruled, users):
    client.force_login(users.accountant)
    response = client.post(
        url("dues_rule_create", org=org_a)(ruled), rule_form(kept_dues_percent="160")
    )
    assert response.context["form"].errors["kept_dues_percent"] == ["Nhập phần trăm từ 0 đến 100."]


def test_the_installation_rule_is_not_editable_on_the_pages(client, ruled, users):
    installation = DuesRule.objects.get(organisation__isnull=True)
    client.force_login(users.officer)
    assert client.get(reverse("finance:dues_rule_edit", args=[installation.pk])).status_code == 404


def test_deleting_a_branch_rule_restores_the_installation_rule(client, ruled, users):
    client.force_login(users.accountant)
    july = date(2025, 7, 1)
    assert Rules(ruled.a.org).on(july).kept_dues_percent == Decimal("70")
    response = client.post(url("dues_rule_delete", pk("a", "rule"))(ruled))
    assert response.status_code == 302
    assert Rules(ruled.a.org).on(july).organisation is None
    assert Rules(ruled.b.org).on(july).organisation == ruled.b.org


def test_accountant_records_a_raise_and_the_dues_follow_it(client, ruled, users):
    member = ruled.a.member
    client.force_login(users.accountant)
    path = url("member_salary", pk("a", "member"))(ruled)
    response = client.post(path, {"effective_from": "01/09/2025", "amount": "9.000.000"})
    assert response.status_code == 302
    expected = expected_dues([member], ruled.a.org, 2025)[member.pk]
    # 1% of 5.000.000 (profile) until April, of 8.000.000 from May, of 9.000.000 from September.
    assert (expected[4], expected[5], expected[9]) == (50_000, 80_000, 90_000)
    html = client.get(path).content.decode()
    assert "9.000.000đ" in html and "01/09/2025" in html


def test_a_salary_in_a_closed_month_is_refused(client, ruled, users):
    ClosedPeriod.objects.create(organisation=ruled.a.org, year=2025, month=None)
    client.force_login(users.accountant)
    path = url("member_salary", pk("a", "member"))(ruled)
    response = client.post(path, {"effective_from": "01/09/2025", "amount": "9.000.000"})
    assert response.status_code == 200
    assert "Kỳ 2025 đã khóa sổ" in response.content.decode()
    assert ruled.a.member.salary_history.count() == 1
    assert client.post(url("salary_delete", pk("a", "salary"))(ruled)).status_code == 302
    assert ruled.a.member.salary_history.count() == 1


def test_readers_cannot_change_rules_or_salaries(client, ruled, users):
    client.force_login(users.inspector)
    assert client.post(url("dues_rule_create", org=org_a)(ruled), rule_form()).status_code == 403
    assert client.post(url("dues_rule_delete", pk("a", "rule"))(ruled)).status_code == 403
    assert DuesRule.objects.filter(organisation=ruled.a.org).count() == 1
    client.force_login(users.officer_b)
    assert client.post(url("salary_delete", pk("a", "salary"))(ruled)).status_code == 404
    assert SalaryBasis.objects.filter(pk=ruled.a.salary.pk).exists()


def test_rule_and_salary_pages_queries_do_not_grow(client, ruled, users):
    client.force_login(users.accountant)
    rules_page = url("dues_rules", org=org_a)(ruled)
    salary_page = url("member_salary", pk("a", "member"))(ruled)
    before = (count_queries(client, rules_page), count_queries(client, salary_page))
    for month in range(8, 13):
        rule(ruled.a.org, date(2025, month, 2))
        SalaryBasis.objects.create(
            member=ruled.a.member, effective_from=date(2025, month, 3), amount=month * 1_000_000
        )
    assert (count_queries(client, rules_page), count_queries(client, salary_page)) == before
