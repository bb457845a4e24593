"""members.services: the rules every write path (views, importer, seeder) goes through."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from members import services
from members.models import (
    AdmissionApplication,
    Body,
    Member,
    MemberEvent,
    Organisation,
    PartyRecommendation,
    Position,
)

from .factories import (
    ApplicationFactory,
    BodyFactory,
    MemberFactory,
    PositionFactory,
    TermFactory,
    make_org,
)

pytestmark = pytest.mark.django_db

K = Organisation.Kind
TODAY = date.today()


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


# --- organisations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parent", "kind"),
    [
        ("upper", K.GROUP),
        ("upper", K.SUB_BRANCH),
        ("branch_a", K.BRANCH),
        ("branch_a", K.UPPER),
        ("group_a1", K.GROUP),
        (None, K.GROUP),
        (None, K.SUB_BRANCH),
    ],
)
def test_organisation_create_rejects_kind_not_allowed_under_parent(tree, parent, kind):
    before = Organisation.objects.count()
    with pytest.raises(ValidationError) as error:
        make_org(kind, parent=getattr(tree, parent) if parent else None)
    assert "kind" in error.value.message_dict
    assert Organisation.objects.count() == before


def test_organisation_create_accepts_sub_branch_and_group_below_branch(tree):
    sub = make_org(K.SUB_BRANCH, parent=tree.branch_a, name="Khối Tiểu học")
    group = make_org(K.GROUP, parent=sub, name="Tổ Lớp 1")
    group = fresh(group)
    assert Organisation.objects.get_parent(group) == sub
    assert group.path.startswith(tree.branch_a.path)


def test_organisation_create_rejects_duplicate_code(tree):
    with pytest.raises(ValidationError) as error:
        make_org(K.GROUP, parent=tree.branch_a, code=tree.group_a1.code)
    assert "code" in error.value.message_dict


def test_organisation_update_rejects_kind_whose_children_no_longer_fit(tree):
    with pytest.raises(ValidationError):
        services.organisation_update(organisation=tree.branch_a, actor=None, kind=K.GROUP)
    assert fresh(tree.branch_a).kind == K.BRANCH


def test_organisation_update_rejects_kind_not_allowed_under_parent(tree):
    with pytest.raises(ValidationError):
        services.organisation_update(organisation=tree.group_a1, actor=None, kind=K.BRANCH)


def test_organisation_update_saves_changes_with_history_user(tree, users):
    services.organisation_update(
        organisation=tree.group_a1, actor=users.officer, kind=K.SUB_BRANCH, name="Khối Văn phòng"
    )
    org = fresh(tree.group_a1)
    assert (org.kind, org.name) == (K.SUB_BRANCH, "Khối Văn phòng")
    assert org.history.first().history_user == users.officer


def test_body_save_rejects_term_of_another_organisation(tree):
    term_b = TermFactory(organisation=tree.branch_b)
    with pytest.raises(ValidationError) as error:
        services.body_save(
            body=Body(organisation=tree.branch_a, term=term_b, kind="women"), actor=None
        )
    assert "term" in error.value.message_dict


def test_term_save_rejects_end_before_start(tree):
    term = TermFactory.build(
        organisation=tree.branch_a, start=date(2023, 1, 1), end=date(2022, 1, 1)
    )
    with pytest.raises(ValidationError):
        services.term_save(term=term, actor=None)


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


# --- admission applications ------------------------------------------------------------------


def test_application_approve_creates_member_with_admission_event(tree, users):
    application = ApplicationFactory(organisation=tree.group_a1, full_name="Phạm Thị Hoa")
    member = services.application_approve(
        application=application, decision_no=" 7/QĐ ", decided_on=date(2024, 10, 1), actor=None
    )
    application = fresh(application)
    assert (application.status, application.decision_no, application.decided_on) == (
        AdmissionApplication.Status.APPROVED,
        "7/QĐ",
        date(2024, 10, 1),
    )
    assert application.member == member
    member = fresh(member)
    assert (member.full_name, member.organisation, member.gender, member.date_of_birth) == (
        "Phạm Thị Hoa",
        tree.group_a1,
        Member.Gender.FEMALE,
        date(1995, 3, 8),
    )
    [event] = member.events.all()
    assert (event.kind, event.date, event.decision_no) == (
        MemberEvent.Kind.ADMITTED,
        date(2024, 10, 1),
        "7/QĐ",
    )


def test_application_cannot_be_approved_twice(tree):
    application = ApplicationFactory(organisation=tree.group_a1)
    services.application_approve(
        application=application, decision_no="7", decided_on=date(2024, 10, 1), actor=None
    )
    with pytest.raises(ValidationError):
        services.application_approve(
            application=application, decision_no="8", decided_on=date(2024, 10, 2), actor=None
        )
    assert Member.objects.count() == 1


def test_application_approve_rejects_decision_before_submission(tree):
    application = ApplicationFactory(organisation=tree.group_a1, submitted_on=date(2024, 9, 1))
    with pytest.raises(ValidationError) as error:
        services.application_approve(
            application=application, decision_no="7", decided_on=date(2024, 8, 31), actor=None
        )
    assert "decided_on" in error.value.message_dict
    assert fresh(application).status == AdmissionApplication.Status.PENDING
    assert not Member.objects.exists()


def test_application_approve_requires_decision_number(tree):
    application = ApplicationFactory(organisation=tree.group_a1)
    with pytest.raises(ValidationError) as error:
        services.application_approve(
            application=application, decision_no="  ", decided_on=date(2024, 10, 1), actor=None
        )
    assert "decision_no" in error.value.message_dict


def test_application_reject_records_decision_and_creates_no_member(tree):
    application = ApplicationFactory(organisation=tree.group_a1)
    services.application_reject(
        application=application, decided_on=date(2024, 10, 1), note="Chưa đủ điều kiện", actor=None
    )
    application = fresh(application)
    assert (application.status, application.decided_on, application.note) == (
        AdmissionApplication.Status.REJECTED,
        date(2024, 10, 1),
        "Chưa đủ điều kiện",
    )
    assert not Member.objects.exists()
    with pytest.raises(ValidationError):
        services.application_approve(
            application=application, decision_no="7", decided_on=date(2024, 10, 2), actor=None
        )


def test_decided_application_cannot_be_edited(tree):
    application = ApplicationFactory(organisation=tree.group_a1)
    services.application_reject(application=application, decided_on=TODAY, note="x", actor=None)
    application = fresh(application)
    application.full_name = "Tên khác"
    with pytest.raises(ValidationError):
        services.application_save(application=application, actor=None)


# --- positions -------------------------------------------------------------------------------


def test_position_save_rejects_member_outside_body_organisation(tree, member_b):
    body = BodyFactory(organisation=tree.branch_a)
    with pytest.raises(ValidationError) as error:
        services.position_save(
            position=Position(
                body=body, member=member_b, title="member", start=date(2023, 6, 1), method="elected"
            ),
            actor=None,
        )
    assert "member" in error.value.message_dict
    assert not Position.objects.exists()


def test_position_save_accepts_member_of_a_group_below_the_body(tree, member_a):
    body = BodyFactory(organisation=tree.branch_a)
    position = services.position_save(
        position=Position(
            body=body, member=member_a, title="chair", start=date(2023, 6, 1), method="elected"
        ),
        actor=None,
    )
    assert fresh(position).member == member_a


def test_position_save_rejects_member_of_the_parent_organisation(tree):
    """A member of the branch itself may not sit in a group's body."""
    member = MemberFactory(organisation=tree.branch_a)
    body = BodyFactory(organisation=tree.group_a1, kind=Body.Kind.GROUP_LEADERSHIP)
    with pytest.raises(ValidationError):
        services.position_save(
            position=Position(
                body=body,
                member=member,
                title="group_leader",
                start=date(2023, 6, 1),
                method="elected",
            ),
            actor=None,
        )


@pytest.mark.parametrize("start", [date(2023, 4, 30), date(2028, 5, 1)])
def test_position_save_rejects_start_outside_term(tree, member_a, start):
    body = BodyFactory(organisation=tree.branch_a)  # term 01/05/2023 – 30/04/2028
    with pytest.raises(ValidationError) as error:
        services.position_save(
            position=Position(
                body=body, member=member_a, title="member", start=start, method="elected"
            ),
            actor=None,
        )
    assert "start" in error.value.message_dict


@pytest.mark.parametrize("start", [date(2023, 5, 1), date(2028, 4, 30)])
def test_position_save_accepts_start_on_term_bounds(tree, member_a, start):
    body = BodyFactory(organisation=tree.branch_a)
    services.position_save(
        position=Position(
            body=body, member=member_a, title="member", start=start, method="by_election"
        ),
        actor=None,
    )
    assert Position.objects.filter(start=start).count() == 1


def test_position_end_closes_position_and_keeps_it(tree, member_a):
    position = PositionFactory(body=BodyFactory(organisation=tree.branch_a), member=member_a)
    services.position_end(position=position, end=date(2025, 1, 15), actor=None)
    assert fresh(position).end == date(2025, 1, 15)


def test_position_end_rejects_end_before_start(tree, member_a):
    position = PositionFactory(body=BodyFactory(organisation=tree.branch_a), member=member_a)
    with pytest.raises(ValidationError) as error:
        services.position_end(position=position, end=position.start - timedelta(days=1), actor=None)
    assert "end" in error.value.message_dict
    assert fresh(position).end is None


# --- party recommendations -------------------------------------------------------------------


def test_party_recommendation_admitted_requires_admission_date(member_a):
    recommendation = PartyRecommendation(
        member=member_a, year=2024, recommended_on=date(2024, 3, 1), outcome="admitted"
    )
    with pytest.raises(ValidationError) as error:
        services.party_recommendation_save(recommendation=recommendation, actor=None)
    assert "outcome_on" in error.value.message_dict
    recommendation.outcome_on = date(2024, 11, 7)
    services.party_recommendation_save(recommendation=recommendation, actor=None)
    assert fresh(recommendation).outcome_on == date(2024, 11, 7)


def test_party_recommendation_not_admitted_drops_admission_date(member_a):
    recommendation = services.party_recommendation_save(
        recommendation=PartyRecommendation(
            member=member_a,
            year=2024,
            recommended_on=date(2024, 3, 1),
            outcome="pending",
            outcome_on=date(2024, 11, 7),
        ),
        actor=None,
    )
    assert fresh(recommendation).outcome_on is None


def test_party_recommendation_once_per_member_and_year(member_a):
    def recommend():
        return services.party_recommendation_save(
            recommendation=PartyRecommendation(
                member=member_a, year=2024, recommended_on=date(2024, 3, 1)
            ),
            actor=None,
        )

    recommend()
    with pytest.raises(ValidationError):
        recommend()
    assert member_a.party_recommendations.count() == 1


def test_reject_refuses_decision_before_submission(tree, users):
    from members.models import AdmissionApplication

    application = AdmissionApplication.objects.create(
        organisation=tree.group_a1,
        full_name="Lê Văn Cường",
        gender="M",
        submitted_on=date(2026, 3, 1),
    )
    with pytest.raises(ValidationError) as error:
        services.application_reject(
            application=application, decided_on=date(2026, 2, 1), note="x", actor=users.officer
        )
    assert "decided_on" in error.value.error_dict
    application.refresh_from_db()
    assert application.status == AdmissionApplication.Status.PENDING


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


def test_approve_refuses_a_decision_in_the_future(tree, users):
    application = ApplicationFactory(organisation=tree.group_a1, submitted_on=TODAY)
    with pytest.raises(ValidationError):
        services.application_approve(
            application=application,
            decision_no="5/QĐ",
            decided_on=TODAY + timedelta(days=3),
            actor=users.officer,
        )
    assert fresh(application).status == AdmissionApplication.Status.PENDING


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


def test_a_body_cannot_have_two_chairs_at_once(tree, users):
    body = BodyFactory(organisation=tree.branch_a)
    chair = MemberFactory(organisation=tree.group_a1)
    PositionFactory(body=body, member=chair, title=Position.Title.CHAIR)
    second = Position(
        body=body,
        member=MemberFactory(organisation=tree.group_a2),
        title=Position.Title.CHAIR,
        start=date(2024, 1, 1),
        method=Position.Method.BY_ELECTION,
    )
    with pytest.raises(ValidationError) as error:
        services.position_save(position=second, actor=users.officer)
    assert "title" in error.value.message_dict
    # Once the first chair's term is ended, the by-election goes through.
    first = body.positions.get()
    services.position_end(position=first, end=date(2024, 1, 1), actor=users.officer)
    services.position_save(position=second, actor=users.officer)
    assert body.positions.filter(title=Position.Title.CHAIR).count() == 2


def test_several_vice_chairs_are_allowed(tree, users):
    body = BodyFactory(organisation=tree.branch_a)
    for group in (tree.group_a1, tree.group_a2):
        services.position_save(
            position=Position(
                body=body,
                member=MemberFactory(organisation=group),
                title=Position.Title.VICE_CHAIR,
                start=date(2023, 6, 1),
                method=Position.Method.ELECTED,
            ),
            actor=users.officer,
        )
    assert body.positions.count() == 2


def test_member_end_refuses_when_a_position_starts_later(tree, users):
    body = BodyFactory(organisation=tree.branch_a)
    member = MemberFactory(organisation=tree.group_a1)
    PositionFactory(body=body, member=member, start=date(2025, 6, 1))
    with pytest.raises(ValidationError):
        services.member_end(
            member=member, kind=MemberEvent.Kind.RETIRED, day=date(2025, 1, 1), actor=users.officer
        )
    assert fresh(member).is_active


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"year": 2025, "recommended_on": date(2024, 5, 1)}, "recommended_on"),
        ({"year": TODAY.year, "recommended_on": TODAY + timedelta(days=2)}, "recommended_on"),
        (
            {
                "year": 2025,
                "recommended_on": date(2025, 5, 1),
                "outcome": "admitted",
                "outcome_on": date(2025, 4, 1),
            },
            "outcome_on",
        ),
    ],
    ids=["other-year", "future", "admitted-before-recommended"],
)
def test_party_recommendation_dates_are_checked(tree, users, fields, field):
    recommendation = PartyRecommendation(member=MemberFactory(organisation=tree.group_a1), **fields)
    with pytest.raises(ValidationError) as error:
        services.party_recommendation_save(recommendation=recommendation, actor=users.officer)
    assert field in error.value.message_dict
