"""Registrations (đăng ký thi đua): the bulk registration of a group (all or nothing),
withdrawing, the year-end evaluation, through the services and the grid pages; a registration
kept by another unit; the demo."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from emulation.campaigns import registrations, services
from emulation.demo.campaigns import seed_registrations
from emulation.models import AwardTitle, Registration
from members.models import Member
from members.registry import services as member_services
from tests.emulation.campaigns.factories import ACHIEVED, YEAR, register
from tests.emulation.scopes import group_a1, lltt, org_a, pk
from tests.factories import MemberFactory
from tests.pages import page_url

pytestmark = pytest.mark.django_db


url = page_url("emulation")


# --- registrations: services -----------------------------------------------------------------


def _registered(target=None, year=YEAR) -> dict[str, str]:
    rows = Registration.objects.filter(year=year).select_related("member", "collective")
    if target is not None:
        rows = rows.filter(**registrations.target_filter(target))
    return {str(r.registrant): r.commitment for r in rows}


def test_bulk_registration_registers_a_group_with_commitments_and_history(camp, users):
    register(
        camp.tree.group_a1,
        camp.good,
        {camp.an: "Vượt 10% kế hoạch", camp.hoa: "Hoàn thành xuất sắc"},
        actor=users.officer,
    )
    assert _registered(camp.good) == {
        "Nguyễn Văn An": "Vượt 10% kế hoạch",
        "Phạm Thị Hoa": "Hoàn thành xuất sắc",
    }
    row = Registration.objects.get(campaign=camp.good, member=camp.hoa)
    assert (row.unit, row.created_by) == (camp.tree.group_a1, users.officer)
    assert {h.history_user for h in Registration.history.filter(campaign=camp.good, year=YEAR)}


def test_bulk_registration_is_all_or_nothing_and_names_each_member(camp):
    with pytest.raises(ValidationError) as error:
        register(
            camp.tree.group_a1,
            camp.women,
            {camp.hoa: "", camp.an: "", camp.cuc: ""},
        )
    messages = error.value.messages
    assert any("Nguyễn Văn An" in m and "nữ đoàn viên" in m for m in messages)
    assert any("Lê Thị Cúc" in m and "Tổ Văn phòng" in m for m in messages)
    assert not _registered(camp.women)


def test_a_registrant_registers_once_per_year_and_target(camp):
    register(camp.tree.group_a1, camp.good, {camp.an: "lần đầu"})
    register(camp.tree.group_a1, camp.good, {camp.an: "sửa cam kết"})
    register(camp.tree.group_a1, camp.good, {camp.an: "năm sau"}, year=YEAR + 1)
    assert Registration.objects.filter(campaign=camp.good, member=camp.an).count() == 2
    assert _registered(camp.good) == {"Nguyễn Văn An": "sửa cam kết"}
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            campaign=camp.good, member=camp.an, year=YEAR, unit=camp.tree.group_a1
        )


def test_unticking_withdraws_but_not_once_evaluated(camp):
    register(camp.tree.group_a1, camp.good, {camp.an: "", camp.hoa: ""})
    hoa = Registration.objects.get(campaign=camp.good, member=camp.hoa)
    registrations.registrations_evaluate(
        unit=camp.tree.group_a1,
        year=YEAR,
        target=camp.good,
        results={hoa: (ACHIEVED, "")},
        actor=None,
    )
    with pytest.raises(ValidationError) as error:
        register(camp.tree.group_a1, camp.good, {camp.an: None, camp.hoa: None})
    assert error.value.messages == ["Phạm Thị Hoa đã được đánh giá (Đạt): không bỏ đăng ký được."]
    assert set(_registered(camp.good)) == {"Nguyễn Văn An", "Phạm Thị Hoa"}
    register(camp.tree.group_a1, camp.good, {camp.an: None})
    assert set(_registered(camp.good)) == {"Phạm Thị Hoa"}


def test_a_group_registers_itself_only_where_the_campaign_allows_groups(camp):
    a1 = camp.tree.group_a1
    register(a1, camp.green, {a1: "Phòng làm việc xanh"})
    row = Registration.objects.get(campaign=camp.green)
    assert (row.collective, row.unit, row.member) == (a1, a1, None)
    with pytest.raises(ValidationError, match="không dành cho tổ công đoàn"):
        register(a1, camp.women, {a1: ""})
    with pytest.raises(ValidationError, match="không dành cho cá nhân"):
        register(a1, camp.green, {camp.an: ""})


def test_a_collective_title_registers_the_group_and_an_individual_title_its_members(camp):
    a1 = camp.tree.group_a1
    collective = AwardTitle.objects.filter(subject="collective", active=True).first()
    individual = AwardTitle.objects.get(pk=lltt(camp))
    register(a1, collective, {a1: ""})
    register(a1, individual, {camp.an: ""})
    assert _registered(collective) == {"Tổ Văn phòng": ""}
    assert _registered(individual) == {"Nguyễn Văn An": ""}
    with pytest.raises(ValidationError):
        register(a1, individual, {a1: ""})


def test_only_units_under_the_launcher_register_and_only_while_it_runs(camp):
    with pytest.raises(ValidationError, match="CĐCS Trường B"):
        register(camp.tree.group_a1, camp.b_c, {camp.an: ""})
    camp.a_empty.active = False
    services.campaign_save(campaign=camp.a_empty, actor=None)
    with pytest.raises(ValidationError, match="ngừng phát động"):
        register(camp.tree.group_a1, camp.a_empty, {camp.an: ""})
    # An existing registration of a stopped campaign still has its commitment changed.
    camp.a_c.active = False
    services.campaign_save(campaign=camp.a_c, actor=None)
    register(camp.tree.group_a1, camp.a_c, {camp.an: "Dạy tốt hơn"})
    assert _registered(camp.a_c) == {"Nguyễn Văn An": "Dạy tốt hơn"}


def test_evaluation_is_all_or_nothing_and_refuses_other_units(camp):
    register(camp.tree.group_a2, camp.good, {camp.cuc: ""})
    cuc = Registration.objects.get(campaign=camp.good, member=camp.cuc)
    other = Registration.objects.get(member=camp.other)
    with pytest.raises(ValidationError) as error:
        registrations.registrations_evaluate(
            unit=camp.tree.group_a2,
            year=YEAR,
            target=camp.good,
            results={cuc: (ACHIEVED, ""), other: (ACHIEVED, "")},
            actor=None,
        )
    assert "Trần Văn Khác" in error.value.messages[0]
    with pytest.raises(ValidationError, match="Lê Thị Cúc: kết quả"):
        registrations.registrations_evaluate(
            unit=camp.tree.group_a2,
            year=YEAR,
            target=camp.good,
            results={cuc: ("giỏi", "")},
            actor=None,
        )
    cuc.refresh_from_db()
    assert cuc.result == ""


# --- registrations: pages --------------------------------------------------------------------


def grid(f, target="good", org=group_a1, year=YEAR):
    return url("registrations", org=org, campaign=pk(target), year=year)(f)


def test_grid_registers_the_ticked_members_with_the_common_commitment(client, camp, users):
    client.force_login(users.officer)
    an, hoa = camp.an.pk, camp.hoa.pk
    response = client.post(
        grid(camp),
        {"pick": [f"m{an}", f"m{hoa}"], f"c-m{hoa}": "Riêng của Hoa", "common": "Chung"},
    )
    assert response.status_code == 302
    assert _registered(camp.good) == {
        "Nguyễn Văn An": "Chung",
        "Phạm Thị Hoa": "Riêng của Hoa",
    }
    page = client.get(grid(camp))
    assert [(r["registrant"].full_name, r["ticked"]) for r in page.context["rows"]] == [
        ("Nguyễn Văn An", True),
        ("Phạm Thị Hoa", True),
    ]
    # Unticking An withdraws him.
    client.post(grid(camp), {"pick": [f"m{hoa}"], f"c-m{hoa}": "Riêng của Hoa"})
    assert "Nguyễn Văn An" not in _registered(camp.good)


def test_grid_error_names_the_member_and_keeps_what_was_ticked(client, camp, users):
    client.force_login(users.officer)
    an, hoa = camp.an.pk, camp.hoa.pk
    response = client.post(
        grid(camp, "women"), {"pick": [f"m{an}", f"m{hoa}"], f"c-m{hoa}": "Giỏi việc nhà"}
    )
    assert response.status_code == 200
    assert any("Nguyễn Văn An" in e for e in response.context["errors"])
    rows = {
        r["registrant"].full_name: (r["ticked"], r["commitment"]) for r in response.context["rows"]
    }
    assert rows == {"Nguyễn Văn An": (True, ""), "Phạm Thị Hoa": (True, "Giỏi việc nhà")}
    assert not _registered(camp.women)


def test_grid_offers_the_group_itself_when_the_campaign_allows_groups(client, camp, users):
    client.force_login(users.officer)
    a1 = camp.tree.group_a1.pk
    assert client.get(grid(camp, "good")).context["collective_row"] is not None
    assert client.get(grid(camp, "women")).context["collective_row"] is None
    response = client.post(grid(camp, "green"), {"pick": [f"o{a1}"], f"c-o{a1}": "Sạch đẹp"})
    assert response.status_code == 302
    assert _registered(camp.green) == {"Tổ Văn phòng": "Sạch đẹp"}


def test_a_branch_page_offers_the_branch_itself_and_its_groups(client, camp, users):
    client.force_login(users.officer)
    a = camp.tree.branch_a.pk
    page = grid(camp, "green", org=org_a)
    response = client.get(page)
    assert response.context["collective_row"]["registrant"] == camp.tree.branch_a
    assert [g.name for g, _n, _link in response.context["groups"]] == ["Tổ Văn phòng", "Tổ Toán"]
    assert client.post(page, {"pick": [f"o{a}"], f"c-o{a}": "Trường xanh"}).status_code == 302
    assert _registered(camp.green) == {"CĐCS Trường A": "Trường xanh"}
    # "Lao động giỏi" is not for branches: the branch page only lists its groups.
    assert client.get(grid(camp, "good", org=org_a)).context["collective_row"] is None


@pytest.mark.parametrize(
    ("role", "status"), [("inspector", 403), ("group_leader", 403), ("officer_b", 404)]
)
def test_readers_cannot_register(role, status, client, camp, users):
    client.force_login(getattr(users, role))
    response = client.post(grid(camp), {"pick": [f"m{camp.an.pk}"]})
    assert response.status_code == status
    assert "Nguyễn Văn An" not in _registered(camp.good)


def test_grid_is_read_only_for_a_group_leader(client, camp, users):
    client.force_login(users.group_leader)
    response = client.get(grid(camp, "a_c"))
    assert response.context["can_edit"] is False
    assert b'name="pick"' not in response.content
    assert "Dạy tốt" in response.content.decode()


def test_target_chooser_counts_the_registrations_of_the_year(client, camp, users):
    client.force_login(users.officer)
    response = client.get(url("registrations", org=org_a, year=YEAR)(camp))
    counts = {c.name: n for c, _p, n, _link in response.context["campaigns"]}
    assert counts["Dạy giỏi trường A"] == 1
    assert counts["Lao động sáng tạo"] == 0  # Khác registered in branch B
    assert "Phong trào trường B" not in counts


def test_evaluation_page_saves_results_at_once_and_readers_change_nothing(client, camp, users):
    page = url("registration_evaluation", org=group_a1, campaign=pk("a_c"), year=YEAR)(camp)
    key = camp.reg_a.pk
    client.force_login(users.inspector)
    assert client.post(page, {f"r{key}": ACHIEVED}).status_code == 403
    client.force_login(users.officer)
    response = client.post(page, {f"r{key}": "bogus", f"n{key}": "ghi chú"})
    assert response.status_code == 200
    assert any("Nguyễn Văn An" in e for e in response.context["errors"])
    assert response.context["rows"][0]["note"] == "ghi chú"
    response = client.post(page, {f"r{key}": ACHIEVED, f"n{key}": "Xuất sắc"})
    assert response.status_code == 302
    camp.reg_a.refresh_from_db()
    assert (camp.reg_a.result, camp.reg_a.result_note) == (ACHIEVED, "Xuất sắc")


# --- demo ------------------------------------------------------------------------------------


def test_demo_registrations_are_made_once_with_evaluations(camp):
    for i in range(6):
        MemberFactory(
            organisation=camp.tree.group_a2, full_name=f"Demo {i}", gender="F" if i % 2 else "M"
        )
    made = seed_registrations(camp.tree.branch_a, 2026)
    assert made > 0
    rows = Registration.objects.filter(year=2026)
    assert rows.count() == made
    assert rows.filter(campaign=camp.green, collective__isnull=False).count() == 2
    women = rows.filter(campaign=camp.women)
    assert women.exists() and not women.filter(member__gender=Member.Gender.MALE).exists()
    assert rows.exclude(result="").count() > made // 2
    assert seed_registrations(camp.tree.branch_a, 2026) == 0
    assert Registration.objects.filter(year=2026).count() == made


# --- a registration kept by another unit -----------------------------------------------------


@pytest.fixture
def moved(camp):
    """Cúc registered for "Lao động giỏi" 2025 in group A2, then moved to group B1."""
    register(camp.tree.group_a2, camp.good, {camp.cuc: "Hoàn thành xuất sắc"})
    member_services.member_transfer(
        member=camp.cuc, to=camp.tree.group_b1, day=date(2025, 9, 1), actor=None
    )
    camp.cuc.refresh_from_db()
    return camp


def test_a_unit_may_not_withdraw_or_move_a_registration_kept_by_another(moved):
    with pytest.raises(ValidationError, match="đăng ký tại Tổ Toán"):
        register(moved.tree.group_b1, moved.good, {moved.cuc: None})
    with pytest.raises(ValidationError, match="đăng ký tại Tổ Toán"):
        register(moved.tree.group_b1, moved.good, {moved.cuc: "Khác"})
    row = Registration.objects.get(member=moved.cuc)
    assert (row.unit, row.commitment) == (moved.tree.group_a2, "Hoàn thành xuất sắc")


def test_the_grid_shows_a_registration_kept_elsewhere_read_only_and_keeps_it(client, moved, users):
    client.force_login(users.officer_b)
    page = reverse("emulation:registrations")
    query = f"?org={moved.tree.group_b1.pk}&year={YEAR}&campaign={moved.good.pk}"
    html = client.get(page + query).content.decode()
    assert "đăng ký tại Tổ Toán" in html
    assert f'value="m{moved.cuc.pk}"' not in html  # no checkbox to untick
    response = client.post(page + query, {"pick": [], "common": ""})
    assert response.status_code == 302
    assert Registration.objects.filter(member=moved.cuc, unit=moved.tree.group_a2).exists()


def test_a_registration_made_meanwhile_by_someone_else_is_a_clear_error(camp, monkeypatch):
    """Two officers save the same grid at once: the second finds An registered (the unique
    constraint) although they did not read it; nothing of their save is kept."""
    monkeypatch.setattr(
        "emulation.campaigns.registrations.registrations_of", lambda *args, **kw: {}
    )
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        register(camp.tree.group_a1, camp.a_c, {camp.hoa: "Mới", camp.an: "Dạy tốt"})
    assert not Registration.objects.filter(member=camp.hoa).exists()
