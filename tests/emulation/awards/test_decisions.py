"""Pages of the award decisions: who may open what, the list and its filters, query
counts, the demo (the writes in test_decision_forms)."""

from datetime import date

import pytest
from django.urls import reverse

from emulation.awards import services
from emulation.awards.services import Recipient
from emulation.demo.awards import demo_awards
from emulation.models import Award, AwardDecision
from tests.emulation.awards.factories import UNION, decide, title
from tests.emulation.scopes import lltt, org_a, org_b, pk
from tests.factories import MemberFactory
from tests.pages import ROLES, count_queries, expect, page_url, unexpected_statuses

pytestmark = pytest.mark.django_db


url = page_url("emulation")


# Readers of branch A's awards: its officer, accountant, inspector, the upper viewer, admins;
# the group leader of A1 reads only what A1 keeps (404 here); plain members read no awards
# anywhere (403 before any lookup).
A_READ = expect(group_leader=404, member=403, officer_b=404)
A_WRITE = expect(
    accountant=403, inspector=403, upper_viewer=403, group_leader=404, member=403, officer_b=404
)
B_READ = expect(404, admin=200, upper_viewer=200, officer_b=200, member=403)
B_WRITE = expect(404, admin=200, officer_b=200, upper_viewer=403, member=403)

PAGES = [
    ("list", url("decision_list"), expect(member=403)),
    ("list A", url("decision_list", org=org_a), A_READ),
    ("list B", url("decision_list", org=org_b), B_READ),
    (
        "list A1",
        url("decision_list", org=lambda f: f.tree.group_a1.pk),
        expect(member=403, officer_b=404),
    ),
    (
        "list upper",
        url("decision_list", org=lambda f: f.tree.upper.pk),
        expect(404, admin=200, upper_viewer=200, member=403),
    ),
    ("create A", url("decision_create", org=org_a), A_WRITE),
    ("create A title", url("decision_create", org=org_a, title=lltt), A_WRITE),
    ("create B", url("decision_create", org=org_b), B_WRITE),
    ("create B title", url("decision_create", org=org_b, title=lltt), B_WRITE),
    ("detail A", url("decision_detail", pk("a")), A_READ),
    ("detail group A", url("decision_detail", pk("group")), A_READ),
    ("detail B", url("decision_detail", pk("b")), B_READ),
    ("edit A", url("decision_edit", pk("a")), A_WRITE),
    ("edit B", url("decision_edit", pk("b")), B_WRITE),
    ("delete A", url("decision_delete", pk("a")), A_WRITE),
    ("delete B", url("decision_delete", pk("b")), B_WRITE),
    ("award add A", url("award_add", pk("a")), A_WRITE),
    ("award add B", url("award_add", pk("b")), B_WRITE),
    ("award delete A", url("award_delete", pk("award_a")), A_WRITE),
    ("award delete B", url("award_delete", pk("award_b")), B_WRITE),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_decision_page_answers_by_role_and_scope(role, client, aw, users):
    assert unexpected_statuses(client, users, role, aw, PAGES) == {}


def test_anonymous_is_sent_to_login_from_decision_pages(client, aw):
    for _name, make_url, _expected in PAGES:
        response = client.get(make_url(aw))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


# --- list ------------------------------------------------------------------------------------


def test_list_shows_the_subtrees_decisions_newest_first_with_recipient_counts(client, aw, users):
    decide(aw.tree.group_a2, [Recipient(aw.binh)], number="99/QĐ", signed_on=date(2026, 1, 5))
    client.force_login(users.officer)
    page = client.get(url("decision_list", org=org_a)(aw))
    rows = list(page.context["page"].object_list)
    assert [d.number for d in rows] == ["99/QĐ", "13/QĐ-SGD", "12/QĐ-SGD"]
    assert [d.recipients for d in rows] == [1, 1, 2]
    assert "7/QĐ" not in page.content.decode()


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        ("year=2024", ["5/QĐ"]),
        ("authority=union", ["5/QĐ"]),
        ("q=sgd", ["13/QĐ-SGD", "12/QĐ-SGD"]),
        ("q=công+đoàn", ["5/QĐ"]),
        ("year=abc", ["13/QĐ-SGD", "12/QĐ-SGD", "5/QĐ"]),
    ],
)
def test_list_filters_by_year_authority_title_and_search(client, aw, users, query, numbers):
    union = AwardDecision(
        organisation=aw.tree.branch_a,
        number="5/QĐ",
        signed_on=date(2024, 12, 1),
        issuer="Công đoàn ngành",
        year=2024,
        title=title("Đoàn viên công đoàn xuất sắc", authority=UNION),
    )
    services.decision_create(decision=union, recipients=[Recipient(aw.an)], actor=None)
    client.force_login(users.officer)
    page = client.get(url("decision_list", org=org_a)(aw) + "&" + query)
    assert [d.number for d in page.context["page"].object_list] == numbers


def test_list_filters_by_title(client, aw, users):
    client.force_login(users.officer)
    collective = title("Tập thể lao động tiên tiến", "collective").pk
    page = client.get(url("decision_list", org=org_a, title=collective)(aw))
    assert [d.number for d in page.context["page"].object_list] == ["13/QĐ-SGD"]


def test_empty_list_says_so_and_offers_to_enter_one(client, tree, users):
    client.force_login(users.officer)
    page = client.get(reverse("emulation:decision_list") + f"?org={tree.branch_a.pk}")
    assert "Chưa có quyết định khen thưởng nào." in page.content.decode()
    assert reverse("emulation:decision_create") in page.content.decode()


# --- queries ---------------------------------------------------------------------------------


def _grow(aw, n=12):
    members = [MemberFactory(organisation=aw.tree.group_a2) for _ in range(n)]
    for i in range(n):
        decide(aw.tree.group_a1, [Recipient(aw.an)], number=f"{100 + i}/QĐ")
    services.decision_create(
        decision=AwardDecision(
            organisation=aw.tree.branch_a,
            number="200/QĐ",
            signed_on=date(2025, 12, 1),
            issuer="Sở",
            year=2025,
            title=title("Lao động tiên tiến"),
        ),
        recipients=[Recipient(m, prize=100_000) for m in members],
        actor=None,
        prize_account=aw.cash_a,
    )


def test_decision_list_queries_do_not_grow_with_rows(client, aw, users):
    client.force_login(users.officer)
    page = url("decision_list", org=org_a)(aw)
    before = count_queries(client, page)
    _grow(aw)
    assert count_queries(client, page) == before


def test_decision_detail_queries_do_not_grow_with_recipients(client, aw, users):
    """The same page for two awards and for twelve, both with a prize voucher."""
    client.force_login(users.officer)
    before = count_queries(client, url("decision_detail", pk("a"))(aw))
    _grow(aw)
    big = AwardDecision.objects.get(number="200/QĐ")
    assert count_queries(client, reverse("emulation:decision_detail", args=[big.pk])) == before


# --- demo ------------------------------------------------------------------------------------


def test_demo_awards_enter_decisions_of_three_years_once(tree, users):
    for i in range(6):
        MemberFactory(organisation=tree.group_a1 if i % 2 else tree.group_a2)
    created = demo_awards(tree.branch_a, users.officer, today=date(2026, 3, 1))
    assert created == 9
    years = set(AwardDecision.objects.values_list("year", flat=True))
    assert years == {2023, 2024, 2025}
    assert Award.objects.filter(recipient__isnull=False).exists()
    assert demo_awards(tree.branch_a, users.officer, today=date(2026, 3, 1)) == 0
