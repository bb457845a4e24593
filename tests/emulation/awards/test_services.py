"""Award decisions and the year tables counted from them."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from emulation.awards import services
from emulation.awards.selectors import award_table
from emulation.awards.services import Recipient
from emulation.models import Award, AwardDecision
from finance.models import Account, Voucher
from tests.emulation.awards.factories import STATE, UNION, title
from tests.emulation.awards.factories import decide_title as decide
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(tree):
    return type(
        "People",
        (),
        {
            "an": MemberFactory(organisation=tree.group_a1, full_name="Nguyễn Văn An"),
            "binh": MemberFactory(organisation=tree.group_a2, full_name="Lê Thị Bình"),
            "other": MemberFactory(organisation=tree.group_b1, full_name="Trần Văn Khác"),
        },
    )


def test_a_decision_awards_each_recipient_with_its_year_title_and_unit(tree, people):
    decision = decide(
        tree.branch_a, "Lao động tiên tiến", [Recipient(people.an), Recipient(people.binh)]
    )
    awards = list(decision.awards.order_by("id"))
    assert [(a.member, a.year, a.title.name, a.unit) for a in awards] == [
        (people.an, 2025, "Lao động tiên tiến", tree.group_a1),
        (people.binh, 2025, "Lao động tiên tiến", tree.group_a2),
    ]


@pytest.mark.parametrize(
    ("recipients", "message"),
    [
        (lambda t, p: [Recipient(organisation=t.group_a1)], "danh hiệu cá nhân"),
        (lambda t, p: [Recipient(p.other)], "không thuộc"),
        (lambda t, p: [Recipient(p.an), Recipient(p.an)], "hai lần"),
        (lambda t, p: [], "Chưa chọn"),
    ],
)
def test_wrong_recipients_are_refused_and_nothing_is_saved(tree, people, recipients, message):
    with pytest.raises(ValidationError, match=message):
        decide(tree.branch_a, "Lao động tiên tiến", recipients(tree, people))
    assert not AwardDecision.objects.exists() and not Award.objects.exists()


def test_prize_money_makes_one_draft_payment_of_the_books(tree, people):
    cash = Account.objects.create(
        organisation=tree.branch_a, kind="cash", name="Tiền mặt", opening_date=date(2025, 1, 1)
    )
    decision = decide(
        tree.branch_a,
        "Lao động tiên tiến",
        [Recipient(people.an, prize=500_000), Recipient(people.binh, prize=300_000)],
        prize_account=cash,
    )
    voucher = Voucher.objects.get()
    assert (voucher.kind, voucher.state, voucher.amount, voucher.category.code) == (
        "payment",
        "draft",
        800_000,
        "C05",
    )
    assert {a.voucher for a in decision.awards.all()} == {voucher}
    services.decision_delete(decision=decision, actor=None)
    assert not Voucher.objects.exists() and not Award.objects.exists()


def test_year_tables_count_each_title_per_year_apart_for_people_and_collectives(tree, people):
    decide(tree.branch_a, "Lao động tiên tiến", [Recipient(people.an), Recipient(people.binh)])
    decide(tree.branch_a, "Chiến sĩ thi đua cơ sở", [Recipient(people.an)], number="13/QĐ")
    decide(tree.branch_a, "Lao động tiên tiến", [Recipient(people.an)], year=2024)
    decide(
        tree.branch_a,
        "Tập thể lao động tiên tiến",
        [Recipient(organisation=tree.group_a1)],
        subject="collective",
    )
    decide(tree.branch_b, "Lao động tiên tiến", [Recipient(people.other)])
    decide(tree.branch_a, "Đoàn viên công đoàn xuất sắc", [Recipient(people.an)], authority=UNION)
    table = award_table(tree.branch_a, STATE, 2024, 2025)
    individual = {row.title.name: row.counts for row in table.individual}
    collective = {row.title.name: row.counts for row in table.collective}
    assert individual["Lao động tiên tiến"] == [1, 2]
    assert individual["Chiến sĩ thi đua cơ sở"] == [0, 1]
    assert collective["Tập thể lao động tiên tiến"] == [0, 1]
    assert "Đoàn viên công đoàn xuất sắc" not in individual  # the union's table
    # Group A1 alone: An's two 2025 titles and the group's own.
    group = award_table(tree.group_a1, STATE, 2025, 2025)
    assert sum(r.total for r in group.individual) == 2
    assert sum(r.total for r in group.collective) == 1
    # The upper union sees both branches.
    upper = award_table(tree.upper, STATE, 2025, 2025)
    assert {r.title.name: r.counts for r in upper.individual}["Lao động tiên tiến"] == [3]


def test_a_decision_keeps_its_subject_when_corrected(tree, people):
    decision = decide(tree.branch_a, "Lao động tiên tiến", [Recipient(people.an)])
    decision.title = title("Tập thể lao động tiên tiến", "collective")
    with pytest.raises(ValidationError, match="cùng đối tượng"):
        services.decision_update(decision=decision, actor=None)
    decision.title = title("Chiến sĩ thi đua cơ sở")
    decision.year = 2026
    services.decision_update(decision=decision, actor=None)
    award = decision.awards.get()
    assert (award.title.name, award.year) == ("Chiến sĩ thi đua cơ sở", 2026)


def test_the_admin_edits_the_catalogue_but_only_shows_decisions(client, tree, people, users):
    from django.urls import reverse

    decision = decide(tree.branch_a, "Lao động tiên tiến", [Recipient(people.an)])
    client.force_login(users.admin)
    used = title("Lao động tiên tiến")
    assert (
        client.get(reverse("admin:emulation_awardtitle_change", args=[used.pk])).status_code == 200
    )
    assert (
        client.post(reverse("admin:emulation_awardtitle_delete", args=[used.pk])).status_code == 403
    )
    change = reverse("admin:emulation_awarddecision_change", args=[decision.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"number": "sửa"}).status_code == 403
    assert AwardDecision.objects.get().number == "12/QĐ"
