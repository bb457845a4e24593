"""Activities and events, their services: dates, participants of the subtree, cost vouchers
(one activity each), attachments, the history of the lists, the demo."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from emulation.activities import services
from emulation.activities.selectors import total_cost
from emulation.demo.activities import seed_activities
from emulation.models import Activity, Campaign
from finance.ledger import services as finance_services
from finance.models import Category, Voucher
from members.models import Member
from tests.emulation.activities.factories import (
    PDF_BYTES,
    PNG_BYTES,
    activity,
    attach,
    cash,
    figures,
    payment,
)
from tests.factories import MemberFactory
from unionhub.audit import history_entries

pytestmark = pytest.mark.django_db


# --- services --------------------------------------------------------------------------------


def test_an_activity_may_not_end_before_it_starts(tree):
    with pytest.raises(ValidationError) as error:
        activity(tree.branch_a, starts_on=date(2025, 3, 26), ends_on=date(2025, 3, 25))
    assert "ends_on" in error.value.error_dict
    a = activity(tree.branch_a, starts_on=date(2025, 3, 24), ends_on=date(2025, 3, 26))
    assert a.ends_on == date(2025, 3, 26)


def test_saving_records_who_entered_it_and_the_history(tree, users):
    a = Activity(
        organisation=tree.branch_a, kind="tet", name="Quà Tết", starts_on=date(2025, 1, 20)
    )
    services.activity_save(activity=a, actor=users.officer)
    assert a.created_by == users.officer
    assert a.history.get().history_user == users.officer


def test_participants_outside_the_subtree_are_refused_and_nothing_changes(act):
    with pytest.raises(ValidationError) as error:
        services.activity_participants_set(activity=act.a, members=[act.an, act.khanh], actor=None)
    assert "Trần Văn Khánh" in error.value.messages[0]
    assert set(act.a.participants.all()) == {act.an, act.binh}


def test_a_member_who_left_is_refused_as_a_new_participant_but_stays_when_listed(act):
    act.binh.status = Member.Status.LEFT
    act.binh.save()
    services.activity_participants_set(activity=act.a, members=[act.binh], actor=None)
    assert list(act.a.participants.all()) == [act.binh]
    gone = MemberFactory(organisation=act.tree.group_a1, status=Member.Status.RETIRED)
    with pytest.raises(ValidationError):
        services.activity_participants_set(activity=act.a, members=[gone], actor=None)


def test_a_group_activity_takes_only_the_groups_members(act):
    with pytest.raises(ValidationError):
        services.activity_participants_set(activity=act.group, members=[act.binh], actor=None)
    services.activity_participants_set(activity=act.group, members=[act.an], actor=None)
    assert list(act.group.participants.all()) == [act.an]


def test_the_entered_count_wins_over_the_list(act):
    assert figures(act.a).listed == 2
    act.a.participant_count = 30
    services.activity_save(activity=act.a, actor=None)
    from emulation.activities.selectors import taking_part

    assert taking_part(figures(act.a)) == 30


def test_a_voucher_of_another_branch_is_refused(act):
    with pytest.raises(ValidationError) as error:
        services.activity_voucher_link(activity=act.a, voucher=act.voucher_b, actor=None)
    assert "voucher" in error.value.error_dict
    assert list(act.a.vouchers.all()) == [act.voucher_a]


def test_a_voucher_of_another_year_a_receipt_or_a_linked_one_is_refused(act):
    other_year = payment(act.cash_a, day=date(2026, 1, 5))
    receipt = finance_services.voucher_create(
        organisation=act.tree.branch_a,
        actor=None,
        kind="receipt",
        date=date(2025, 3, 1),
        account=act.cash_a,
        category=Category.objects.get(code="T01"),
        amount=1_000_000,
        description="Thu đoàn phí",
    )
    for voucher in (other_year, receipt, act.voucher_a):
        with pytest.raises(ValidationError):
            services.activity_voucher_link(activity=act.a, voucher=voucher, actor=None)


def test_a_group_activity_is_paid_from_its_branchs_books(act):
    voucher = payment(act.cash_a, day=date(2025, 4, 16), amount=300_000)
    services.activity_voucher_link(activity=act.group, voucher=voucher, actor=None)
    assert figures(act.group).voucher_cost == 300_000


def test_a_reversed_voucher_is_not_counted_in_the_cost_nor_linkable(act):
    assert total_cost(figures(act.a)) == 2_500_000
    finance_services.voucher_reverse(voucher=act.voucher_a, day=date(2025, 3, 20), actor=None)
    assert total_cost(figures(act.a)) == 500_000
    other = activity(act.tree.branch_a, name="Khác")
    with pytest.raises(ValidationError):
        services.activity_voucher_link(activity=other, voucher=act.voucher_a, actor=None)


def test_a_draft_payment_counts_until_it_is_posted_or_deleted(act):
    draft = payment(act.cash_a, amount=100_000, post=False)
    services.activity_voucher_link(activity=act.a, voucher=draft, actor=None)
    assert figures(act.a).voucher_cost == 2_100_000
    finance_services.voucher_delete(voucher=draft, actor=None)
    assert figures(act.a).voucher_cost == 2_000_000


def test_unlinking_keeps_the_voucher_and_refuses_one_not_linked(act):
    services.activity_voucher_unlink(activity=act.a, voucher=act.voucher_a, actor=None)
    assert not act.a.vouchers.exists() and Voucher.objects.filter(pk=act.voucher_a.pk).exists()
    with pytest.raises(ValidationError):
        services.activity_voucher_unlink(activity=act.a, voucher=act.voucher_a, actor=None)


def test_moving_an_activity_to_another_year_is_refused_while_that_years_vouchers_pay_it(act):
    act.a.starts_on = date(2026, 3, 26)
    with pytest.raises(ValidationError) as error:
        services.activity_save(activity=act.a, actor=None)
    assert "starts_on" in error.value.error_dict


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ....", "Chỉ đính kèm tệp PDF, JPG, PNG, DOCX hoặc XLSX."),
        ("anh.jpg", b"GIF89a", "Nội dung tệp anh.jpg không phải JPG."),
        ("bien-ban.docx", PDF_BYTES, "Nội dung tệp bien-ban.docx không phải DOCX."),
    ],
)
def test_attachments_of_the_wrong_kind_are_refused(act, name, content, message):
    with pytest.raises(ValidationError) as error:
        attach(act.a, name, content)
    assert error.value.messages == [message]
    assert act.a.attachments.count() == 1


def test_attachments_over_the_size_limit_are_refused(act, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        attach(act.a, "anh.png", PNG_BYTES + b"0" * 200)
    assert "anh.png lớn hơn" in error.value.messages[0]


def test_office_documents_and_photos_are_accepted_under_a_random_name(act):
    stored = attach(act.a, "Danh sách đội.xlsx", b"PK\x03\x04rest")
    assert stored.content_type.endswith("spreadsheetml.sheet")
    assert "Danh" not in stored.file.name and stored.file.name.endswith(".xlsx")
    assert stored.file.name.startswith(f"activities/{act.tree.branch_a.pk}/2025/")


def test_deleting_an_activity_removes_its_files_on_commit(act, django_capture_on_commit_callbacks):
    storage, name = act.file_a.file.storage, act.file_a.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_delete(activity=act.a, actor=None)
    assert not storage.exists(name)
    assert not Activity.objects.filter(pk=act.a.pk).exists()
    assert Voucher.objects.filter(pk=act.voucher_a.pk).exists()


# --- one voucher, one activity ---------------------------------------------------------------


def test_a_voucher_paying_one_activity_is_refused_for_another(act):
    second = activity(act.tree.branch_a, name="Văn nghệ 20/10", starts_on=date(2025, 10, 20))
    with pytest.raises(ValidationError, match="đã là kinh phí của hoạt động “Hội thao 26/3”"):
        services.activity_voucher_link(activity=second, voucher=act.voucher_a, actor=None)
    assert total_cost(figures(second)) == 0


# --- demo ------------------------------------------------------------------------------------


def test_demo_activities_are_seeded_once_with_lists_counts_and_matching_vouchers(tree):
    branch = tree.branch_a
    for n in range(6):
        gender = Member.Gender.FEMALE if n % 2 else Member.Gender.MALE
        MemberFactory(organisation=tree.group_a1 if n < 3 else tree.group_a2, gender=gender)
    books = cash(branch)
    payment(books, day=date(2025, 2, 5), description="Nộp đoàn phí tháng 2/2025")
    women_day = payment(books, day=date(2025, 3, 8), description="Tổ chức kỷ niệm ngày 8/3")
    assert seed_activities(branch, 2025, today=date(2025, 12, 31)) == 10
    assert seed_activities(branch, 2025, today=date(2025, 12, 31)) == 0
    seeded = Activity.objects.filter(organisation=branch)
    assert "Giải ba bóng chuyền hơi nữ" in seeded.get(kind="sports").result_lines
    march = seeded.get(kind="women_0803")
    assert list(march.vouchers.all()) == [women_day]
    assert set(march.participants.values_list("gender", flat=True)) == {"F"}
    assert Activity.objects.filter(vouchers__isnull=False).count() == 1
    study = seeded.get(kind="study")
    assert study.invited_count == 6 and study.participant_count <= 6


def test_demo_skips_activities_still_to_come(tree):
    MemberFactory(organisation=tree.group_a1)
    assert seed_activities(tree.branch_b, 2025, today=date(2025, 3, 10)) == 0  # no members
    assert seed_activities(tree.branch_a, 2025, today=date(2025, 3, 10)) == 2  # Tết, 8/3


# --- the history of the lists ----------------------------------------------------------------


def _changes(obj):
    return [(e.action, [(c.field, c.old, c.new) for c in e.changes]) for e in history_entries(obj)]


def test_history_spells_out_a_short_list_of_participants_and_counts_a_long_one(act, users):
    many = [MemberFactory(organisation=act.tree.group_a1, full_name=f"Người {i}") for i in range(6)]
    services.activity_participants_set(activity=act.a, members=[act.an], actor=users.officer)
    assert _changes(act.a)[0] == (
        "Sửa",
        [("người tham gia", "Lê Thị Bình, Nguyễn Văn An", "Nguyễn Văn An")],
    )
    services.activity_participants_set(activity=act.a, members=[act.an, *many], actor=users.officer)
    action, [(field, old, new)] = _changes(act.a)[0]
    assert (field, old) == ("người tham gia", "1")
    assert new == "7 (thêm: Người 0, Người 1, Người 2, Người 3, Người 4 và 1 khác)"


def test_history_of_an_object_without_records_is_empty(tree):
    assert history_entries(Campaign.objects.get(code="lao-dong-gioi")) == []


def test_history_reads_lists_in_a_fixed_number_of_queries(
    act, users, django_assert_max_num_queries
):
    for i in range(4):
        member = MemberFactory(organisation=act.tree.group_a1, full_name=f"Thêm {i}")
        services.activity_participants_set(
            activity=act.a, members=[act.an, member], actor=users.officer
        )
    with django_assert_max_num_queries(6):
        entries = history_entries(act.a)
    assert len(entries) >= 5
