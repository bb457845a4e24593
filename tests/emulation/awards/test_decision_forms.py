"""Writing award decisions through their pages: the create form's recipient list and its
errors, prize vouchers, editing, deleting, adding and removing recipients, and the same writes
refused to readers and outsiders."""

from datetime import date

import pytest
from django.urls import reverse

from emulation.awards import services
from emulation.awards.services import Recipient
from emulation.models import Award, AwardDecision
from finance.ledger import services as finance_services
from finance.models import Voucher
from tests.emulation.awards.factories import STATE, UNION, cash, title
from tests.emulation.scopes import lltt, org_a, pk
from tests.factories import MemberFactory
from tests.pages import page_url

pytestmark = pytest.mark.django_db


url = page_url("emulation")


# --- create ----------------------------------------------------------------------------------


def create_url(org, name="Lao động tiên tiến", subject="individual", authority=STATE):
    return (
        reverse("emulation:decision_create")
        + f"?org={org.pk}&title={title(name, subject, authority).pk}"
    )


def header(t, **changes):
    return {
        "number": "45/QĐ-SGD",
        "signed_on": "15/12/2025",
        "issuer": "Giám đốc Sở Giáo dục",
        "year": "2025",
        "title": t.pk,
        "note": "",
        **changes,
    }


def test_create_lists_the_active_members_of_the_subtree_by_unit(client, aw, users):
    MemberFactory(organisation=aw.tree.group_b1, full_name="Người Chi Khác")
    client.force_login(users.officer)
    page = client.get(create_url(aw.tree.branch_a))
    groups = dict(page.context["form"].rows())
    assert [r.candidate.name for r in groups["Tổ Văn phòng"]] == ["Nguyễn Văn An"]
    assert [r.candidate.name for r in groups["Tổ Toán"]] == ["Lê Thị Bình"]
    assert "Người Chi Khác" not in page.content.decode()
    assert 'src="/static/js/row-filter.js"' in page.content.decode()


def test_create_without_title_asks_for_the_title_first(client, aw, users):
    client.force_login(users.officer)
    page = client.get(reverse("emulation:decision_create") + f"?org={aw.tree.branch_a.pk}")
    assert page.templates[0].name == "emulation/decision_title.html"
    assert "Lao động tiên tiến" in page.content.decode()


def test_create_with_members_and_prizes_makes_the_decision_and_one_draft_voucher(client, aw, users):
    client.force_login(users.officer)
    t = title("Lao động tiên tiến")
    data = {
        **header(t),
        "pick": [f"m{aw.an.pk}", f"m{aw.binh.pk}"],
        f"prize-m{aw.an.pk}": "300.000",
        f"prize-m{aw.binh.pk}": "200000",
        "prize_account": aw.cash_a.pk,
    }
    response = client.post(create_url(aw.tree.branch_a), data)
    decision = AwardDecision.objects.get(number="45/QĐ-SGD")
    assert response.status_code == 302
    assert response["Location"] == reverse("emulation:decision_detail", args=[decision.pk])
    assert decision.organisation == aw.tree.branch_a and decision.signed_on == date(2025, 12, 15)
    awards = {a.member: a for a in decision.awards.select_related("voucher")}
    assert {m: a.prize for m, a in awards.items()} == {aw.an: 300_000, aw.binh: 200_000}
    voucher = awards[aw.an].voucher
    assert voucher == awards[aw.binh].voucher
    assert (voucher.kind, voucher.state, voucher.amount) == ("payment", "draft", 500_000)
    page = client.get(response["Location"])
    assert reverse("finance:voucher_detail", args=[voucher.pk]) in page.content.decode()


def test_create_without_account_records_prizes_without_voucher(client, aw, users):
    client.force_login(users.officer)
    t = title("Lao động tiên tiến")
    data = {**header(t), "pick": [f"m{aw.an.pk}"], f"prize-m{aw.an.pk}": "300.000"}
    assert client.post(create_url(aw.tree.branch_a), data).status_code == 302
    award = Award.objects.get(decision__number="45/QĐ-SGD")
    assert (award.prize, award.voucher) == (300_000, None)


def test_create_for_a_collective_lists_the_units_and_awards_a_group(client, aw, users):
    client.force_login(users.officer)
    url_ = create_url(aw.tree.branch_a, "Tổ công đoàn xuất sắc", "collective", UNION)
    page = client.get(url_)
    names = [r.candidate.name for _g, rows in page.context["form"].rows() for r in rows]
    assert names == ["CĐCS Trường A", "Tổ Văn phòng", "Tổ Toán"]
    t = title("Tổ công đoàn xuất sắc", "collective", UNION)
    data = {**header(t), "pick": [f"o{aw.tree.group_a2.pk}"]}
    assert client.post(url_, data).status_code == 302
    award = Award.objects.get(decision__number="45/QĐ-SGD")
    assert (award.recipient, award.member, award.unit) == (
        aw.tree.group_a2,
        None,
        aw.tree.group_a2,
    )


def test_create_errors_redisplay_everything_entered_and_save_nothing(client, aw, users):
    client.force_login(users.officer)
    t = title("Lao động tiên tiến")
    before = (AwardDecision.objects.count(), Award.objects.count(), Voucher.objects.count())
    data = {
        **header(t, signed_on="31/02/2025", number="45/QĐ-X"),
        "pick": [f"m{aw.an.pk}"],
        f"prize-m{aw.an.pk}": "12,5 triệu",
        f"prize-m{aw.binh.pk}": "100.000",
        "prize_account": aw.cash_a.pk,
    }
    page = client.post(create_url(aw.tree.branch_a), data)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ngày ký: ngày không hợp lệ" in html
    assert "Nguyễn Văn An: tiền thưởng là số đồng nguyên" in html
    assert "Lê Thị Bình: đã nhập tiền thưởng nhưng chưa đánh dấu chọn." in html
    assert 'value="45/QĐ-X"' in html and 'value="12,5 triệu"' in html
    rows = {r.candidate.key: r for _g, rs in page.context["form"].rows() for r in rs}
    assert rows[f"m{aw.an.pk}"].checked and not rows[f"m{aw.binh.pk}"].checked
    assert (AwardDecision.objects.count(), Award.objects.count(), Voucher.objects.count()) == before


def test_create_with_nobody_picked_is_an_error(client, aw, users):
    client.force_login(users.officer)
    t = title("Lao động tiên tiến")
    page = client.post(create_url(aw.tree.branch_a), header(t))
    assert "Chưa chọn cá nhân, tập thể nào được khen thưởng." in page.content.decode()
    assert not AwardDecision.objects.filter(number="45/QĐ-SGD").exists()


def test_create_refuses_a_member_of_another_branch_posted_by_hand(client, aw, users):
    client.force_login(users.officer)
    t = title("Lao động tiên tiến")
    data = {**header(t), "pick": [f"m{aw.khanh.pk}"]}
    page = client.post(create_url(aw.tree.branch_a), data)
    assert "không còn trong danh sách" in page.content.decode()
    assert not Award.objects.filter(member=aw.khanh).exclude(decision=aw.b).exists()


def test_create_refuses_an_account_of_another_branch(client, aw, users):
    client.force_login(users.officer)
    t = title("Lao động tiên tiến")
    data = {**header(t), "pick": [f"m{aw.an.pk}"], f"prize-m{aw.an.pk}": "100.000"}
    data["prize_account"] = cash(aw.tree.branch_b).pk
    page = client.post(create_url(aw.tree.branch_a), data)
    assert "Tài khoản: chọn một tài khoản của đơn vị." in page.content.decode()
    assert not AwardDecision.objects.filter(number="45/QĐ-SGD").exists()


# --- delete ----------------------------------------------------------------------------------


def test_delete_removes_the_decision_its_awards_and_its_draft_voucher(client, aw, users):
    client.force_login(users.officer)
    response = client.post(url("decision_delete", pk("a"))(aw))
    assert response.status_code == 302
    assert not AwardDecision.objects.filter(pk=aw.a.pk).exists()
    assert not Award.objects.filter(decision_id=aw.a.pk).exists()
    assert not Voucher.objects.filter(pk=aw.voucher_a.pk).exists()


def test_delete_is_refused_when_the_prize_voucher_is_posted(client, aw, users):
    finance_services.voucher_post(voucher=aw.voucher_a, actor=users.accountant)
    client.force_login(users.officer)
    for method in (client.get, client.post):
        response = method(url("decision_delete", pk("a"))(aw))
        assert response.status_code == 302
        assert response["Location"] == url("decision_detail", pk("a"))(aw)
    assert Award.objects.filter(decision=aw.a).count() == 2
    page = client.get(url("decision_detail", pk("a"))(aw))
    assert url("decision_delete", pk("a"))(aw) not in page.content.decode()


# --- edit ------------------------------------------------------------------------------------


def test_edit_changes_the_header_and_the_awards_year(client, aw, users):
    client.force_login(users.officer)
    t = title("Chiến sĩ thi đua cơ sở")
    response = client.post(url("decision_edit", pk("a"))(aw), header(t, year="2024"))
    assert response.status_code == 302
    aw.a.refresh_from_db()
    assert (aw.a.number, aw.a.year, aw.a.title) == ("45/QĐ-SGD", 2024, t)
    assert set(aw.a.awards.values_list("year", "title")) == {(2024, t.pk)}


def test_edit_offers_only_titles_of_the_same_subject(client, aw, users):
    client.force_login(users.officer)
    collective = title("Tập thể lao động tiên tiến", "collective")
    page = client.post(url("decision_edit", pk("a"))(aw), header(collective))
    assert page.status_code == 200 and "Danh hiệu: chọn một danh hiệu" in page.content.decode()
    aw.a.refresh_from_db()
    assert aw.a.title.name == "Lao động tiên tiến"


# --- recipients ------------------------------------------------------------------------------


def test_award_add_adds_a_member_and_their_prize_joins_the_draft_voucher(client, aw, users):
    cuc = MemberFactory(organisation=aw.tree.group_a2, full_name="Phạm Thị Cúc")
    client.force_login(users.officer)
    page = client.get(url("award_add", pk("a"))(aw))
    choices = str(page.context["form"]["recipient"])
    assert "Phạm Thị Cúc" in choices and "Nguyễn Văn An" not in choices
    response = client.post(
        url("award_add", pk("a"))(aw), {"recipient": f"m{cuc.pk}", "prize": "200.000"}
    )
    assert response.status_code == 302
    award = aw.a.awards.get(member=cuc)
    assert (award.prize, award.year, award.unit, award.voucher) == (
        200_000,
        2025,
        aw.tree.group_a2,
        aw.voucher_a,
    )
    aw.voucher_a.refresh_from_db()
    assert aw.voucher_a.amount == 700_000


def test_award_add_refuses_a_prize_once_the_voucher_is_posted(client, aw, users):
    cuc = MemberFactory(organisation=aw.tree.group_a2, full_name="Phạm Thị Cúc")
    finance_services.voucher_post(voucher=aw.voucher_a, actor=users.accountant)
    client.force_login(users.officer)
    page = client.post(
        url("award_add", pk("a"))(aw), {"recipient": f"m{cuc.pk}", "prize": "200.000"}
    )
    assert page.status_code == 200 and "phiếu chi đã ghi sổ" in page.content.decode()
    assert not aw.a.awards.filter(member=cuc).exists()


def test_award_delete_removes_one_recipient_and_lowers_the_voucher(client, aw, users):
    client.force_login(users.officer)
    an_award = aw.a.awards.get(member=aw.an)
    cuc = MemberFactory(organisation=aw.tree.group_a2)
    services.award_add(decision=aw.a, recipient=Recipient(cuc, prize=100_000), actor=None)
    assert client.post(url("award_delete", pk("award_a"))(aw)).status_code == 302
    assert not Award.objects.filter(pk=aw.award_a.pk).exists()
    assert client.post(reverse("emulation:award_delete", args=[an_award.pk])).status_code == 302
    aw.voucher_a.refresh_from_db()
    assert aw.voucher_a.amount == 100_000
    assert list(aw.a.awards.values_list("member", flat=True)) == [cuc.pk]


def test_award_delete_of_the_last_prize_deletes_the_draft_voucher(aw):
    services.award_delete(award=aw.a.awards.get(member=aw.an), actor=None)
    assert not Voucher.objects.filter(pk=aw.voucher_a.pk).exists()
    assert aw.a.awards.count() == 1


def test_award_delete_is_refused_for_a_posted_prize_and_for_the_last_recipient(aw, users):
    finance_services.voucher_post(voucher=aw.voucher_a, actor=users.accountant)
    with pytest.raises(Exception, match="phiếu chi đã ghi sổ"):
        services.award_delete(award=aw.a.awards.get(member=aw.an), actor=None)
    with pytest.raises(Exception, match="cuối cùng"):
        services.award_delete(award=aw.award_b, actor=None)
    assert aw.a.awards.count() == 2 and aw.b.awards.count() == 1


# --- refused writes change nothing -----------------------------------------------------------


def write_requests(f):
    t = title("Lao động tiên tiến")
    create = {**header(t), "pick": [f"m{f.an.pk}"]}
    return [
        (url("decision_create", org=org_a, title=lltt)(f), create),
        (url("decision_edit", pk("a"))(f), header(t)),
        (url("award_add", pk("group"))(f), {"recipient": f"o{f.tree.group_a2.pk}"}),
        (url("award_delete", pk("award_a"))(f), {}),
        (url("decision_delete", pk("a"))(f), {}),
    ]


def snapshot():
    return [
        list(model.objects.order_by("pk").values()) for model in (AwardDecision, Award, Voucher)
    ]


@pytest.mark.parametrize(("role", "status"), [("inspector", 403), ("officer_b", 404)])
def test_refused_writes_change_nothing(client, aw, users, role, status):
    before = snapshot()
    client.force_login(getattr(users, role))
    for path, data in write_requests(aw):
        assert client.post(path, data).status_code == status, path
    assert snapshot() == before


def test_officer_writes_do_change_things(client, aw, users):
    """The counterpart of the refusals above: the same requests by the officer succeed."""
    client.force_login(users.officer)
    for path, data in write_requests(aw):
        response = client.post(path, data)
        assert response.status_code == 302, path
