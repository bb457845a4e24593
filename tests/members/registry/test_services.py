"""members.registry.services: a member's admission, profile, transfers, end and return, the
rules every write path (views, importer, seeder) goes through."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from members.models import Member, MemberEvent, Position
from members.registry import services
from tests.factories import BodyFactory, MemberFactory, PositionFactory

pytestmark = pytest.mark.django_db

TODAY = date.today()


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


# --- members ---------------------------------------------------------------------------------


def test_member_register_records_admission_event_and_search_keys(tree, users):
    member = services.member_register(
        member=Member(
            organisation=tree.group_a1,
            full_name="  Đặng   Thị Đào ",
            gender=Member.Gender.FEMALE,
            card_number="  ",
        ),
        admitted_on=date(2024, 5, 2),
        decision_no="12/QĐ-CĐCS",
        actor=users.officer,
    )
    member = fresh(member)
    assert member.full_name == "Đặng Thị Đào"
    assert (member.search_name, member.sort_name) == ("dang thi dao", "dao dang thi dao")
    assert member.card_number is None
    assert member.status == Member.Status.ACTIVE
    assert member.joined_on == date(2024, 5, 2)
    [event] = member.events.all()
    assert (event.kind, event.date, event.organisation, event.decision_no) == (
        MemberEvent.Kind.ADMITTED,
        date(2024, 5, 2),
        tree.group_a1,
        "12/QĐ-CĐCS",
    )
    assert event.status_after == Member.Status.ACTIVE


def test_member_update_refreshes_search_keys(member_a):
    member_a.full_name = "Nguyễn Văn Bảo"
    services.member_update(member=member_a, actor=None)
    assert fresh(member_a).search_name == "nguyen van bao"


def test_member_transfer_moves_member_and_records_event(tree, member_a):
    day = date(2024, 9, 1)
    services.member_transfer(member=member_a, to=tree.group_a2, day=day, actor=None, note="x")
    member = fresh(member_a)
    assert member.organisation == tree.group_a2
    event = member.events.last()
    assert (event.kind, event.date, event.from_organisation, event.organisation) == (
        MemberEvent.Kind.TRANSFERRED,
        day,
        tree.group_a1,
        tree.group_a2,
    )


def test_member_transfer_rejects_inactive_member(tree, member_a):
    services.member_end(member=member_a, kind="retired", day=date(2024, 1, 1), actor=None)
    with pytest.raises(ValidationError):
        services.member_transfer(member=member_a, to=tree.group_a2, day=TODAY, actor=None)
    assert fresh(member_a).organisation == tree.group_a1


def test_member_transfer_rejects_same_organisation(tree, member_a):
    with pytest.raises(ValidationError) as error:
        services.member_transfer(member=member_a, to=tree.group_a1, day=TODAY, actor=None)
    assert "organisation" in error.value.message_dict


def test_member_transfer_rejects_upper_union(tree, member_a):
    with pytest.raises(ValidationError):
        services.member_transfer(member=member_a, to=tree.upper, day=TODAY, actor=None)


def test_member_transfer_rejects_date_before_last_event(tree, member_a):
    services.member_transfer(member=member_a, to=tree.group_a2, day=date(2024, 9, 1), actor=None)
    with pytest.raises(ValidationError) as error:
        services.member_transfer(
            member=member_a, to=tree.group_a1, day=date(2024, 8, 31), actor=None
        )
    assert "date" in error.value.message_dict
    assert member_a.events.count() == 2


def test_member_transfer_rejects_future_date(tree, member_a):
    with pytest.raises(ValidationError) as error:
        services.member_transfer(
            member=member_a, to=tree.group_a2, day=TODAY + timedelta(days=1), actor=None
        )
    assert "date" in error.value.message_dict


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        (MemberEvent.Kind.RETIRED, Member.Status.RETIRED),
        (MemberEvent.Kind.TRANSFERRED_OUT, Member.Status.TRANSFERRED_OUT),
        (MemberEvent.Kind.LEFT, Member.Status.LEFT),
        (MemberEvent.Kind.DECEASED, Member.Status.DECEASED),
    ],
)
def test_member_end_sets_status_and_closes_open_positions(tree, member_a, kind, status):
    body = BodyFactory(organisation=tree.branch_a)
    open_position = PositionFactory(body=body, member=member_a, title=Position.Title.CHAIR)
    closed = PositionFactory(body=body, member=member_a, end=date(2023, 12, 31))
    day = date(2024, 6, 30)
    services.member_end(member=member_a, kind=kind, day=day, destination="Sở GD", actor=None)
    member = fresh(member_a)
    assert member.status == status
    event = member.events.last()
    assert (event.kind, event.date, event.status_after) == (kind, day, status)
    assert fresh(open_position).end == day
    assert fresh(closed).end == date(2023, 12, 31)


def test_member_end_rejects_non_ending_kind(member_a):
    with pytest.raises(ValidationError):
        services.member_end(member=member_a, kind=MemberEvent.Kind.ADMITTED, day=TODAY, actor=None)
    assert fresh(member_a).status == Member.Status.ACTIVE


def test_member_end_rejects_member_already_gone(member_a):
    services.member_end(member=member_a, kind="left", day=date(2024, 1, 1), actor=None)
    with pytest.raises(ValidationError):
        services.member_end(member=member_a, kind="retired", day=date(2024, 2, 1), actor=None)
    assert fresh(member_a).status == Member.Status.LEFT


def test_member_reinstate_brings_past_member_back_at_new_group(tree, member_a):
    services.member_end(member=member_a, kind="left", day=date(2022, 1, 1), actor=None)
    services.member_reinstate(
        member=member_a, day=date(2024, 3, 1), organisation=tree.group_a2, actor=None
    )
    member = fresh(member_a)
    assert (member.status, member.organisation) == (Member.Status.ACTIVE, tree.group_a2)
    event = member.events.last()
    assert (event.kind, event.from_organisation, event.organisation) == (
        MemberEvent.Kind.REINSTATED,
        tree.group_a1,
        tree.group_a2,
    )


def test_member_reinstate_rejects_deceased_member(tree, member_a):
    services.member_end(member=member_a, kind="deceased", day=date(2022, 1, 1), actor=None)
    with pytest.raises(ValidationError):
        services.member_reinstate(
            member=member_a, day=date(2024, 3, 1), organisation=tree.group_a1, actor=None
        )
    assert fresh(member_a).status == Member.Status.DECEASED


def test_member_reinstate_rejects_active_member(tree, member_a):
    with pytest.raises(ValidationError):
        services.member_reinstate(
            member=member_a, day=TODAY, organisation=tree.group_a2, actor=None
        )


def test_likely_duplicates_ignore_accents_and_need_birth_date(tree, member_a):
    found = services.likely_duplicates(full_name="nguyen van an", date_of_birth=date(1985, 5, 17))
    assert list(found) == [member_a]
    assert not services.likely_duplicates(full_name="Nguyễn Văn An", date_of_birth=None).exists()
    assert not services.likely_duplicates(
        full_name="Nguyễn Văn An", date_of_birth=date(1985, 5, 17), exclude_pk=member_a.pk
    ).exists()


# --- rules added after review ----------------------------------------------------------------


def test_register_dates_admission_from_joined_on_when_not_given(tree, users):
    member = services.member_register(
        member=Member(
            organisation=tree.group_a1,
            full_name="Lê Thị Hoa",
            gender="F",
            date_of_birth=date(1980, 1, 1),
            joined_on=date(2005, 1, 1),
        ),
        actor=users.officer,
    )
    event = member.events.get()
    assert event.date == date(2005, 1, 1)
    assert Member.objects.members_on(date(2010, 1, 1)).filter(pk=member.pk).exists()


@pytest.mark.parametrize(
    "admitted_on", [TODAY + timedelta(days=1), date(1979, 12, 31)], ids=["future", "before-birth"]
)
def test_register_rejects_implausible_admission_date(tree, users, admitted_on):
    with pytest.raises(ValidationError) as error:
        services.member_register(
            member=Member(
                organisation=tree.group_a1,
                full_name="Lê Thị Hoa",
                gender="F",
                date_of_birth=date(1980, 1, 1),
            ),
            admitted_on=admitted_on,
            actor=users.officer,
        )
    assert "admitted_on" in error.value.message_dict
    assert not Member.objects.filter(full_name="Lê Thị Hoa").exists()


def test_reinstate_refuses_an_upper_union(tree, users):
    member = MemberFactory(organisation=tree.group_a1)
    services.member_end(
        member=member,
        kind=MemberEvent.Kind.LEFT,
        day=TODAY - timedelta(days=9),
        actor=users.officer,
    )
    with pytest.raises(ValidationError) as error:
        services.member_reinstate(
            member=member, day=TODAY, organisation=tree.upper, actor=users.officer
        )
    assert "organisation" in error.value.message_dict
    assert fresh(member).status == Member.Status.LEFT


def test_member_end_refuses_when_a_position_starts_later(tree, users):
    body = BodyFactory(organisation=tree.branch_a)
    member = MemberFactory(organisation=tree.group_a1)
    PositionFactory(body=body, member=member, start=date(2025, 6, 1))
    with pytest.raises(ValidationError):
        services.member_end(
            member=member, kind=MemberEvent.Kind.RETIRED, day=date(2025, 1, 1), actor=users.officer
        )
    assert fresh(member).is_active
